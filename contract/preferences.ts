import { z } from "zod";
import { channel } from "./channel";
import { fileExportSchema, GUEST_NAME_MAX, idSchema, instantSchema, localDaySchema, UNSAFE_CHARACTER } from "./common";

/**
 * A guest's massage preferences, given once on the kiosk (optional, skippable) and, when the guest
 * agrees, kept for their next visit (found by the same phone). The codes are stored; the kiosk
 * words them from its catalogs, the desk and the therapist's ticket in English.
 */
export const PRESSURES = ["light", "medium", "firm"] as const;
export const pressureSchema = z.enum(PRESSURES);
export type Pressure = z.infer<typeof pressureSchema>;

export const ALLERGENS = ["oils", "nuts", "fragrance", "latex"] as const;
export const allergenSchema = z.enum(ALLERGENS);
export type Allergen = z.infer<typeof allergenSchema>;

export const AREAS = ["face", "scalp", "neck", "shoulders", "back", "feet"] as const;
export const areaSchema = z.enum(AREAS);
export type Area = z.infer<typeof areaSchema>;

/** The "other allergy" a guest types, which the desk reads and the ticket prints. */
export const ALLERGY_OTHER_MAX = 60;

/** Each code as the desk and the therapist's ticket print it. */
export const allergenLabels: Record<Allergen, string> = {
  oils: "Oils",
  nuts: "Nuts",
  fragrance: "Fragrance",
  latex: "Latex",
};
export const pressureLabels: Record<Pressure, string> = { light: "Light", medium: "Medium", firm: "Firm" };
export const areaLabels: Record<Area, string> = {
  face: "Face",
  scalp: "Scalp",
  neck: "Neck",
  shoulders: "Shoulders",
  back: "Back",
  feet: "Feet",
};

const uniqueList = <T extends z.ZodType>(item: T, max: number) =>
  z
    .array(item)
    .max(max)
    .refine((list) => new Set(list).size === list.length, "Each choice once.");

export const preferencesSchema = z.strictObject({
  pressure: pressureSchema.nullable(),
  allergies: uniqueList(allergenSchema, ALLERGENS.length),
  /** Free text, one line; "" = none. */
  allergyOther: z
    .string()
    .transform((s) =>
      s
        .replace(/[\p{Cc}\p{Zl}\p{Zp}]/gu, " ")
        .replace(/\s+/g, " ")
        .trim(),
    )
    .pipe(
      z
        .string()
        .max(ALLERGY_OTHER_MAX, `Please keep it under ${ALLERGY_OTHER_MAX} characters.`)
        .refine((s) => !UNSAFE_CHARACTER.test(s), "Please retype it: it has an invisible character."),
    ),
  avoid: uniqueList(areaSchema, AREAS.length),
  /** The guest agreed to have these kept for their next visit. */
  keep: z.boolean(),
});
export type Preferences = z.infer<typeof preferencesSchema>;

/** Whether the guest gave anything the therapist must know (an allergy or an area to avoid). */
export const hasAlerts = (p: Pick<Preferences, "allergies" | "allergyOther" | "avoid">): boolean =>
  p.allergies.length > 0 || p.allergyOther !== "" || p.avoid.length > 0;

/** The allergies as the desk and the ticket list them: "Nuts", "Latex", "lavender oil". */
export const allergyList = (p: Pick<Preferences, "allergies" | "allergyOther">): string[] => [
  ...p.allergies.map((a) => allergenLabels[a]),
  ...(p.allergyOther !== "" ? [p.allergyOther] : []),
];
export const avoidList = (p: Pick<Preferences, "avoid">): string[] => p.avoid.map((a) => areaLabels[a]);

/** One visit's stored preferences, as a guest's export lists them, with the name that visit was booked under. */
export const storedPreferencesSchema = preferencesSchema.extend({
  visitDay: localDaySchema,
  givenAt: instantSchema,
  bookedAs: z.string(),
});
export type StoredPreferences = z.infer<typeof storedPreferencesSchema>;

/** A guest's number as a manager types it from the guest's request: the whole number, any separators. */
export const GUEST_PHONE_PROBLEM = "Enter the guest's whole phone number (7 to 15 digits).";
const guestPhone = {
  phone: z
    .string()
    .max(40, GUEST_PHONE_PROBLEM)
    .regex(/^[\d\s()+.-]*$/, "Use digits only (spaces, dashes and brackets are fine).")
    .transform((s) => s.replace(/\D/g, ""))
    .refine((d) => d.length >= 7 && d.length <= 15, GUEST_PHONE_PROBLEM),
};

/**
 * One person among those booked on a number (`db/people.ts` `sameGuest`: "FISCHER, LENA" is "Lena Fischer", "Tom
 * Fischer" is someone else): named as their latest booking writes it, their bookings (any status, later ones too)
 * and how many of those visits hold stored preferences, with allergies, areas to avoid or a pressure.
 */
export const guestOnPhoneSchema = z.object({
  name: z.string(),
  bookings: z.number().int(),
  firstDay: localDaySchema,
  lastDay: localDaySchema,
  stored: z.object({
    visits: z.number().int(),
    allergies: z.number().int(),
    avoid: z.number().int(),
    pressure: z.number().int(),
  }),
});
export type GuestOnPhone = z.infer<typeof guestOnPhoneSchema>;

/**
 * Whose data a request is for: one person on the number, by any name `sameGuest` takes for theirs (the screen sends
 * the name `guests.onPhone` listed), or, when all of them ask, everyone on it.
 */
export const guestWhoSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("person"), name: z.string().trim().min(1).max(GUEST_NAME_MAX) }),
  z.strictObject({ kind: z.literal("everyone") }),
]);
export type GuestWho = z.infer<typeof guestWhoSchema>;

export const preferenceChannels = {
  /**
   * What the kiosk's preferences step starts from: this visit's, or (`lastVisit`) the guest's last
   * visit's by the same phone, only when they agreed to have them kept; null: start empty.
   */
  "kiosk.preferences": channel(
    "kiosk",
    z.strictObject({ appointmentId: idSchema }),
    z.object({ preferences: preferencesSchema.nullable(), lastVisit: z.boolean() }),
  ),
  /** The guest's answer to the optional step, for this checked-in visit. */
  "kiosk.savePreferences": channel(
    "kiosk",
    z.strictObject({ appointmentId: idSchema, preferences: preferencesSchema }),
    z.object({}),
  ),
  /** The people booked on a number, for a manager to pick whose request it is; none: no booking on it. */
  "guests.onPhone": channel("manager", z.strictObject(guestPhone), z.object({ people: z.array(guestOnPhoneSchema) })),
  /** A guest asked for what the spa keeps of their preferences: one JSON file of theirs only (audited, counts only). */
  "guests.exportPreferences": channel(
    "manager",
    z.strictObject({ ...guestPhone, who: guestWhoSchema }),
    fileExportSchema.extend({ visits: z.number().int() }),
  ),
  /**
   * A guest asked to be forgotten: their stored preferences, and their copy on their tickets, erased; nobody else's on
   * the number unless `who` is everyone (audited, counts only).
   */
  "guests.erasePreferences": channel(
    "manager",
    z.strictObject({ ...guestPhone, who: guestWhoSchema }),
    z.object({ erased: z.number().int() }),
  ),
} as const;
