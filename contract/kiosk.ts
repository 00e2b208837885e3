import { z } from "zod";
import { SERVICE_NAME_MAX } from "./admin";
import {
  ADDONS_PER_VISIT,
  centsSchema,
  idSchema,
  instantSchema,
  languageSchema,
  otherLanguageNamesSchema,
  type Language,
} from "./common";
import { channel } from "./channel";
import { kioskScreeningSchema, screeningAnswersSchema } from "./screening";

/**
 * Phone as typed on the kiosk keypad, at the desk or in an import: digits and common separators only. Full-width
 * digits and signs (an IME's "５５５－０１００") are read as the digits they are.
 */
export const phoneInputSchema = z
  .string()
  .overwrite((s) => s.normalize("NFKC"))
  .max(40, "That number is too long.")
  .regex(/^[\d\s()+.-]*$/, "Use digits only.")
  .transform((s) => s.replace(/\D/g, ""))
  .refine((d) => d.length >= 7, "Enter at least 7 digits of your mobile number.")
  .refine((d) => d.length <= 15, "That number is too long.");

export const bookingCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{4,12}$/, "A booking code is 4 to 12 letters or digits.");

export const appointmentMatchSchema = z.object({
  appointmentId: idSchema,
  /** First name and last initial only (db/people.ts `guestLabel`): the kiosk never shows more of anyone. */
  guestLabel: z.string(),
  startsAt: instantSchema,
  serviceName: z.string(),
  /** The service's name in the kiosk's other languages, where the spa wrote one (`serviceNameIn`). */
  serviceGuestNames: otherLanguageNamesSchema(SERVICE_NAME_MAX),
  therapistFirstName: z.string(),
  checkedIn: z.boolean(),
  endsAt: instantSchema,
  /** The session was over when the search ran: the kiosk sends the guest to the desk instead of checking in. */
  ended: z.boolean(),
});
export type AppointmentMatch = z.infer<typeof appointmentMatchSchema>;

/**
 * The service's name for a guest reading `lang`, and the language it is written in (English where the spa wrote no
 * other).
 */
export function serviceNameIn(
  match: Pick<AppointmentMatch, "serviceName" | "serviceGuestNames">,
  lang: Language,
): { name: string; lang: Language } {
  const own = lang === "en" ? undefined : match.serviceGuestNames[lang];
  return own ? { name: own, lang } : { name: match.serviceName, lang: "en" };
}

export const offerStatusSchema = z.enum(["offered", "accepted", "declined", "confirmed", "changed", "voided"]);
export type OfferStatus = z.infer<typeof offerStatusSchema>;

export const offerCardSchema = z.object({
  addonId: idSchema,
  code: z.string(),
  title: z.string(),
  benefits: z.array(z.string()),
  priceCents: centsSchema,
  extraMinutes: z.number().int(),
  available: z.boolean(),
  /**
   * Why an add-on cannot be offered today: its extra minutes would run into the therapist's or
   * the room's next booking. A code, so the kiosk words it from its own message catalogs.
   */
  unavailableReason: z.enum(["therapist", "room"]).nullable(),
  /** The questions the guest answers before the add-on is added (contract/screening.ts); null: none. */
  screening: kioskScreeningSchema.nullable(),
});
export type OfferCard = z.infer<typeof offerCardSchema>;

export const kioskVisitSchema = z.object({
  appointmentId: idSchema,
  /** How the Done screen greets the guest: the same `guestLabel` as their match ("María G."), never more. */
  guestLabel: z.string(),
  startsAt: instantSchema,
  serviceName: z.string(),
  serviceMinutes: z.number().int(),
  therapistFirstName: z.string(),
  checkedInAt: instantSchema,
  offer: z.object({
    status: offerStatusSchema,
    cards: z.array(offerCardSchema),
    selectedAddonIds: z.array(idSchema),
    /** True once the desk confirmed (or changed or voided) it: the guest can no longer change it here. */
    locked: z.boolean(),
    /**
     * Minutes free after the session before the therapist's or room's next booking (null: no
     * limit), so the kiosk can tell which add-ons fit together before the guest picks them.
     */
    freeMinutes: z.number().int().nullable(),
    /**
     * The add-ons booked ahead in the booking system, titled in the guest's language: never among `cards`, said on
     * the offer and Done screens ("Already in your booking: Scalp massage").
     */
    booked: z.array(z.object({ addonId: idSchema, title: z.string() })),
  }),
});
export type KioskVisit = z.infer<typeof kioskVisitSchema>;

/** A walk-in's first name as typed on the kiosk: letters, spaces, hyphens, apostrophes. */
export const walkInNameSchema = z
  .string()
  .trim()
  .min(1, "Please type your first name.")
  .max(30, "Please keep your name under 30 characters.")
  .regex(/^[\p{L}\p{M}][\p{L}\p{M}' .-]*$/u, "Please use letters only.");

export const walkInSchema = z.object({
  walkInId: idSchema,
  firstName: z.string(),
  arrivedAt: instantSchema,
  lang: languageSchema,
});
export type WalkIn = z.infer<typeof walkInSchema>;

export const addonChoiceSchema = z.object({
  status: offerStatusSchema,
  chosen: z.array(
    z.object({ addonId: idSchema, title: z.string(), priceCents: centsSchema, extraMinutes: z.number().int() }),
  ),
});
export type AddonChoice = z.infer<typeof addonChoiceSchema>;

export const kioskChannels = {
  "kiosk.findAppointments": channel(
    "kiosk",
    z.discriminatedUnion("by", [
      z.strictObject({ by: z.literal("phone"), phone: phoneInputSchema }),
      z.strictObject({ by: z.literal("code"), code: bookingCodeSchema }),
    ]),
    z.object({
      matches: z.array(appointmentMatchSchema),
      /** No booking today but one on a later day (a whole number or code only): when it starts. */
      laterStartsAt: instantSchema.nullable(),
    }),
  ),
  "kiosk.checkIn": channel(
    "kiosk",
    z.strictObject({ appointmentId: idSchema, lang: languageSchema }),
    /** `alreadyCheckedIn`: this call checked no one in (a double tap, a guest coming back, the desk first). */
    kioskVisitSchema.extend({ alreadyCheckedIn: z.boolean() }),
  ),
  "kiosk.chooseAddons": channel(
    "kiosk",
    z.strictObject({
      appointmentId: idSchema,
      addonIds: z
        .array(idSchema)
        .max(ADDONS_PER_VISIT)
        .refine((a) => new Set(a).size === a.length, "Each add-on once."),
      offerMs: z.number().int().min(0).max(86_400_000),
      lang: languageSchema,
      /**
       * The guest's answers to the screening questions of the add-ons they chose, and of any they
       * were then told "not today" (kept for the funnel). The kiosk always sends them; a choice made
       * without (a script, an older window) records none.
       */
      screening: z
        .array(screeningAnswersSchema)
        .max(ADDONS_PER_VISIT)
        .refine((a) => new Set(a.map((e) => e.addonId)).size === a.length, "Each add-on's answers once.")
        .default([]),
    }),
    addonChoiceSchema,
  ),
  /** Read-only: where a check-in stands now (the Done screen asks after a desk change). */
  "kiosk.visit": channel(
    "kiosk",
    z.strictObject({ appointmentId: idSchema, lang: languageSchema }),
    z.object({ checkedIn: z.boolean(), visit: kioskVisitSchema.nullable() }),
  ),
  /**
   * The guest left the offer without choosing (the kiosk idled out, or Cancel): the desk's row says so at once. Only
   * for a visit this kiosk window checked in; a choice the guest or the desk already made stands (`recorded` false).
   */
  "kiosk.leaveOffer": channel(
    "kiosk",
    z.strictObject({ appointmentId: idSchema }),
    z.object({ recorded: z.boolean() }),
  ),
  /** The guest left the kiosk (Done, or it idled out): the visit's bookings are out of its reach again. */
  "kiosk.endVisit": channel("kiosk", z.strictObject({}), z.object({})),
  /** A guest without a booking leaves a first name; the desk sees it and calls them. */
  "kiosk.walkIn": channel("kiosk", z.strictObject({ firstName: walkInNameSchema, lang: languageSchema }), walkInSchema),
} as const;
