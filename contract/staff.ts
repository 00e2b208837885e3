import { z } from "zod";
import { idSchema, NAME_MAX, otherLanguageSchema, pinSchema, roleSchema, text } from "./common";
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
    spaName: text(NAME_MAX, "The spa's name").pipe(z.string().min(1, "Enter the spa's name, as guests see it on the kiosk.")),
    timeZone: z.string().max(64).refine(isIanaTimeZone, "Choose the spa's time zone from the list (e.g. America/Los_Angeles)."),
    otherLanguages: z
      .array(otherLanguageSchema)
      .max(otherLanguageSchema.options.length)
      .refine((l) => new Set(l).size === l.length, "Choose each language once."),
    name: text(60, "The manager's name").pipe(z.string().min(2, "Enter the manager's name (at least 2 letters).")),
    pin: pinSchema,
    pinAgain: z.string().max(8),
  })
  .refine((v) => v.pin === v.pinAgain, { message: "The two PINs don't match. Type the same PIN twice.", path: ["pinAgain"] });

export const staffChannels = {
  /** Who can sign in here; needsSetup when there is no active manager yet (first run). */
  "staff.list": channel("staff", none, z.object({ staff: z.array(staffSummarySchema), needsSetup: z.boolean() })),
  "staff.login": channel("staff", z.strictObject({ staffId: idSchema, pin: pinSchema }), staffSummarySchema),
  "staff.logout": channel("staff", none, z.object({})),
  "staff.whoami": channel("staff", none, z.object({ staff: staffSummarySchema.nullable() })),
  /** First run only: creates the first manager and signs them in. */
  "staff.createFirstManager": channel("staff", firstManagerSchema, staffSummarySchema),
  /** The person at the desk is still there (keys, taps, scrolling): keeps the session from idling out. */
  "staff.touch": channel("desk", none, z.object({})),
  /** A signed-in manager clears every PIN pad's wrong-PIN delay (a guest kept tapping the kiosk's pad). */
  "staff.unlockPads": channel("manager", none, z.object({ unlocked: z.number().int().nonnegative() })),
  /**
   * From the guest kiosk (one display): asks the main process to open the staff window, which
   * starts at its own PIN pad. It grants the kiosk nothing; the kiosk session stays a kiosk session.
   */
  "staff.openWindow": channel("kiosk", none, z.object({})),
} as const;
