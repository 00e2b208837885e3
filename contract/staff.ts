import { z } from "zod";
import { idSchema, NAME_MAX, newPinSchema, otherLanguageSchema, pinSchema, roleSchema, text } from "./common";
import { isIanaTimeZone } from "./admin";
import { channel, none } from "./channel";

export const staffSummarySchema = z.object({ id: idSchema, name: z.string(), role: roleSchema });
export type StaffSummary = z.infer<typeof staffSummarySchema>;

/**
 * First run: the spa's name, its time zone (guessed from the machine, confirmed), the kiosk's
 * languages besides English (which every spa offers first, and which copy falls back to), and the
 * first manager's name and PIN, typed twice.
 */
export const firstManagerSchema = z
  .strictObject({
    spaName: text(NAME_MAX, "The spa's name").pipe(
      z.string().min(1, "Enter the spa's name, as guests see it on the kiosk."),
    ),
    timeZone: z
      .string()
      .max(64)
      .refine(isIanaTimeZone, "Choose the spa's time zone from the list (e.g. America/Los_Angeles)."),
    otherLanguages: z
      .array(otherLanguageSchema)
      .max(otherLanguageSchema.options.length)
      .refine((l) => new Set(l).size === l.length, "Choose each language once."),
    name: text(60, "The manager's name").pipe(z.string().min(2, "Enter the manager's name (at least 2 letters).")),
    pin: newPinSchema,
    pinAgain: z.string().max(8),
  })
  .refine((v) => v.pin === v.pinAgain, {
    message: "The two PINs don't match. Type the same PIN twice.",
    path: ["pinAgain"],
  });

/** A wait as staff read it: "40 seconds", "3 minutes", "5 hours" (PIN pads, here and in the main process). */
export const waitText = (ms: number): string => {
  const minutes = Math.ceil(ms / 60_000);
  if (ms < 60_000) return `${Math.ceil(ms / 1000)} seconds`;
  if (minutes < 120) return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  return `${Math.ceil(minutes / 60)} hours`;
};

/** The spa's unlock code (db/staff/pad-code.ts): opens a PIN pad that waits after wrong PINs. */
export const PAD_CODE_DIGITS = 10;
export const padCodeSchema = z
  .string()
  .regex(new RegExp(`^\\d{${PAD_CODE_DIGITS}}$`), `The spa's unlock code is ${PAD_CODE_DIGITS} digits.`);

export const staffChannels = {
  /** Who can sign in here; needsSetup when there is no active manager yet (first run). */
  /**
   * padWaitMs: how long this window's PIN pad still waits after wrong PINs before it takes the next (0: it takes one
   * now).
   */
  "staff.list": channel(
    "staff",
    none,
    z.object({
      staff: z.array(staffSummarySchema),
      needsSetup: z.boolean(),
      padWaitMs: z.number().int().nonnegative(),
    }),
  ),
  "staff.login": channel("staff", z.strictObject({ staffId: idSchema, pin: pinSchema }), staffSummarySchema),
  "staff.logout": channel("staff", none, z.object({})),
  "staff.whoami": channel("staff", none, z.object({ staff: staffSummarySchema.nullable() })),
  /**
   * First run only: creates the first manager and the spa's unlock code, and signs the manager in.
   * The answer is the only time that code is shown (a manager can make a new one in Back office › Staff).
   */
  "staff.createFirstManager": channel(
    "staff",
    firstManagerSchema,
    z.object({ staff: staffSummarySchema, unlockCode: z.object({ code: padCodeSchema, madeAt: z.string() }) }),
  ),
  /** The person at the desk is still there (keys, taps, scrolling): keeps the session from idling out. */
  "staff.touch": channel("desk", none, z.object({})),
  /** A signed-in manager clears every PIN pad's wrong-PIN delay (a guest kept tapping the kiosk's pad). */
  "staff.unlockPads": channel("manager", none, z.object({ unlocked: z.number().int().nonnegative() })),
  /**
   * Any staff window, nobody signed in: the spa's unlock code opens this window's PIN pad at once
   * (one display: the kiosk's pad is the only one). Wrong codes slow only the code entry, 2 minutes at most.
   */
  "staff.openPad": channel("staff", z.strictObject({ code: padCodeSchema }), z.object({ wasWaiting: z.boolean() })),
  /** When the spa's unlock code was made (null: none yet). */
  "staff.padCode": channel("manager", none, z.object({ madeAt: z.string().nullable() })),
  /** Makes a new unlock code (the old one stops working); the answer is the only time it is shown. */
  "staff.makePadCode": channel("manager", none, z.object({ code: padCodeSchema, madeAt: z.string() })),
  /**
   * From the guest kiosk (one display): asks the main process to open the staff window, which
   * starts at its own PIN pad. It grants the kiosk nothing; the kiosk session stays a kiosk session.
   */
  "staff.openWindow": channel("kiosk", none, z.object({})),
} as const;
