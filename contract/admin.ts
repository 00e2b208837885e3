import { z } from "zod";
import {
  idSchema,
  languageSchema,
  NAME_MAX,
  newPinSchema,
  otherLanguageNamesSchema,
  roleSchema,
  SESSION_MINUTES,
  text,
} from "./common";
import { channel, none } from "./channel";

/**
 * The manager's back office: add-on offers, catalog (services, therapists, rooms), staff and
 * kiosk settings. Every input here is what the db/ admin operations validate again inside their
 * transaction; messages are written for the manager and carry the field they belong to.
 */

const required = (label: string, max: number) => text(max, label).min(1, `${label} can't be empty.`);
const unique = <T>(items: readonly T[]) => new Set(items).size === items.length;
const ids = (max: number) => z.array(idSchema).max(max).refine(unique, "Each one only once.");
const flag = z.boolean();

/** Whole minutes, with a readable message at both ends. */
const minutes = (min: number, max: number, what: string) =>
  z
    .number({ error: `Enter the ${what} in whole minutes.` })
    .int(`Enter the ${what} in whole minutes.`)
    .min(min, min === 0 ? `The ${what} can't be negative.` : `The ${what} must be at least ${min} minutes.`)
    .max(max, `${max} minutes is the most the ${what} can be.`);

/** Cents, never negative, with an upper bound that catches a misplaced decimal point. */
const price = (maxCents: number) =>
  z
    .number({ error: "Enter a price, e.g. 25 or 25.50." })
    .int("Prices are whole cents.")
    .min(0, "A price can't be negative.")
    .max(maxCents, `That price looks wrong: the most allowed here is $${(maxCents / 100).toLocaleString("en-US")}.`);

// ── Add-on offers ─────────────────────────────────────────────────────────────────────────────

export const ADDON_TITLE_MAX = 60;
export const BENEFIT_MAX = 160;

export const addonTextSchema = z.strictObject({
  title: required("The title", ADDON_TITLE_MAX),
  benefits: z
    .array(required("A benefit line", BENEFIT_MAX))
    .min(2, "Write 2 or 3 benefit lines.")
    .max(3, "Write 2 or 3 benefit lines: guests read a card in seconds."),
});
export type AddonText = z.infer<typeof addonTextSchema>;
/** An add-on's copy in each language: English always, the others where written. */
export const addonTextsSchema = z.strictObject({
  en: addonTextSchema,
  es: addonTextSchema.optional(),
  zh: addonTextSchema.optional(),
});

/** The most services one add-on may go with. */
export const ADDON_SERVICES_MAX = 500;

export const addonCodeSchema = z
  .string()
  .trim()
  .regex(
    /^[a-z][a-z0-9-]{1,39}$/,
    "A code is 2 to 40 lower-case letters, digits or dashes, starting with a letter (e.g. hand).",
  );

export const addonInputSchema = z.strictObject({
  /** Absent for a new add-on. */
  id: idSchema.optional(),
  code: addonCodeSchema,
  priceCents: price(100_000),
  extraMinutes: minutes(0, 120, "extra time"),
  active: flag,
  sortOrder: z.number().int().min(0, "Order starts at 0.").max(99, "Order goes up to 99."),
  /**
   * English is required; a language the kiosk offers may be left unwritten: guests reading it see English, and the save
   * says so.
   */
  texts: addonTextsSchema,
  serviceIds: ids(ADDON_SERVICES_MAX),
  /** Set after the manager has read the warning about guests waiting with this add-on today. */
  acknowledgePending: flag.optional(),
});
export type AddonInput = z.input<typeof addonInputSchema>;

export const addonAdminSchema = z.object({
  id: idSchema,
  code: z.string(),
  priceCents: z.number().int(),
  extraMinutes: z.number().int(),
  active: z.boolean(),
  sortOrder: z.number().int(),
  texts: addonTextsSchema,
  serviceIds: z.array(idSchema),
  /** Today's guests who chose this add-on and are waiting for the desk. */
  pendingToday: z.number().int(),
  /**
   * Set when head office manages the add-on: the release that last set it, whether a manager may change it here, and
   * whether one did.
   */
  chain: z.object({ release: z.number().int(), allowOverride: z.boolean(), overridden: z.boolean() }).nullable(),
});
export type AddonAdmin = z.infer<typeof addonAdminSchema>;

/** An add-on as the back office lists it, as a save takes it back: without what only the list shows. */
export function addonInputOf(addon: AddonAdmin): AddonInput {
  const { pendingToday: _pending, chain: _chain, ...input } = addon;
  return input;
}

// ── Catalog ───────────────────────────────────────────────────────────────────────────────────

export const SERVICE_NAME_MAX = NAME_MAX;
export const serviceInputSchema = z.strictObject({
  id: idSchema.optional(),
  name: required("The name", SERVICE_NAME_MAX),
  /** What guests reading the kiosk in another language see; the whole set, a blank one left out. */
  guestNames: otherLanguageNamesSchema(SERVICE_NAME_MAX),
  minutes: minutes(SESSION_MINUTES.min, SESSION_MINUTES.max, "length"),
  priceCents: price(1_000_000),
  active: flag,
});
export const serviceAdminSchema = z.object({
  id: idSchema,
  name: z.string(),
  guestNames: otherLanguageNamesSchema(SERVICE_NAME_MAX),
  minutes: z.number().int(),
  priceCents: z.number().int(),
  active: z.boolean(),
  offerAddons: z.boolean(),
});
export type ServiceAdmin = z.infer<typeof serviceAdminSchema>;

export const namedInputSchema = z.strictObject({
  id: idSchema.optional(),
  name: required("The name", NAME_MAX),
  active: flag,
});
export const therapistAdminSchema = z.object({
  id: idSchema,
  name: z.string(),
  /** What guests see on the kiosk: the first name only. */
  guestName: z.string(),
  active: z.boolean(),
});
export type TherapistAdmin = z.infer<typeof therapistAdminSchema>;
export const roomAdminSchema = z.object({ id: idSchema, name: z.string(), active: z.boolean() });
export type RoomAdmin = z.infer<typeof roomAdminSchema>;

export const catalogSchema = z.object({
  services: z.array(serviceAdminSchema),
  therapists: z.array(therapistAdminSchema),
  rooms: z.array(roomAdminSchema),
});
export type Catalog = z.infer<typeof catalogSchema>;

// ── Staff ─────────────────────────────────────────────────────────────────────────────────────

export const staffAdminSchema = z.object({
  id: idSchema,
  name: z.string(),
  role: roleSchema,
  active: z.boolean(),
});
export type StaffAdmin = z.infer<typeof staffAdminSchema>;

/** A PIN the manager may leave out: the app then makes one up and shows it once. */
const optionalPin = newPinSchema.optional();
/** The answer to creating a staff member or resetting a PIN: the made-up PIN, shown once, or null. */
export const pinIssuedSchema = z.object({ staff: staffAdminSchema, generatedPin: z.string().nullable() });

// ── Kiosk settings ────────────────────────────────────────────────────────────────────────────

const ianaZones = (): readonly string[] => Intl.supportedValuesOf("timeZone");
export const isIanaTimeZone = (tz: string): boolean => tz === "UTC" || ianaZones().includes(tz);

export const kioskSettingsSchema = z.strictObject({
  spaName: required("The spa name", NAME_MAX),
  timeZone: z.string().max(64).refine(isIanaTimeZone, "Choose a time zone from the list (e.g. America/Los_Angeles)."),
  idleSeconds: z
    .number({ error: "Enter the idle time in seconds." })
    .int("Enter whole seconds.")
    .min(15, "Give guests at least 15 seconds.")
    .max(600, "600 seconds (10 minutes) is the longest idle time."),
  staffIdleSeconds: z
    .number({ error: "Enter the staff lock time in seconds." })
    .int("Enter whole seconds.")
    .min(30, "Give staff at least 30 seconds.")
    .max(3600, "3600 seconds (1 hour) is the longest the staff window stays open."),
  /** Days after an appointment when the guest's phone number is erased and the name shortened. */
  retentionDays: z
    .number({ error: "Enter how many days to keep guests' details." })
    .int("Enter whole days.")
    .min(1, "Keep guests' details for at least 1 day.")
    .max(3650, "Keep guests' details for at most 10 years (3650 days)."),
  walkInsAllowed: flag,
  languages: z
    .array(languageSchema)
    .min(1, "Offer at least one language.")
    .max(languageSchema.options.length)
    .refine(unique, "Each language once."),
});
export type KioskSettingsInput = z.infer<typeof kioskSettingsSchema>;

/**
 * What saving another time zone does to what is stored (db/admin/time-zone.ts), for the settings screen to say before
 * the save: bookings keep their wall-clock time, check-ins the moment they happened.
 */
export const timeZoneChangeSchema = z.object({
  /** Bookings (a walk-in's aside) that keep their wall-clock time (0 when tooMany: not counted). */
  bookings: z.number().int().nonnegative(),
  /** Check-ins, which keep their moment (a walk-in's booking, checked in as it is made, keeps its start too). */
  checkIns: z.number().int().nonnegative(),
  /** The next booking's (or else the last one's) time, which stays: "10:00 AM". */
  bookingTime: z.string().nullable(),
  /** The latest check-in's time now and in the new zone: "5:05 PM" → "10:05 AM". */
  checkIn: z.object({ before: z.string(), after: z.string() }).nullable(),
  /**
   * More rows than a save rewrites at once on the main thread (ZONE_CHANGE_INLINE_MAX): the background writer rewrites
   * them in one transaction while the kiosk's and desk's writes are refused (electron/background/gate.ts, holdWrites).
   * Counts and examples are then not read (0 and null): a year's file is not read to say it is big.
   */
  pauses: z.boolean(),
});
export type TimeZoneChange = z.infer<typeof timeZoneChangeSchema>;
/**
 * The most bookings and check-ins a time-zone change rewrites in the save's own transaction, on the main thread: 20,000
 * took 340-530 ms at load 4.5 on 2 cores, so this is about a quarter of a second. More go to the background writer.
 */
export const ZONE_CHANGE_INLINE_MAX = 10_000;

export const LOGO_MAX_BYTES = 200 * 1024;
/**
 * The kiosk shows the logo at most about 650 × 290 px (60 % of a 1080-wide screen, 9rem high, twice that at 200 %
 * zoom): the back office makes a bigger picture this size on its longest side before it is sent, and the main
 * process refuses one over LOGO_MAX_SIDE (a small file can hold a huge picture, which every kiosk start would decode:
 * 10,000 × 10,000 pixels is 400 MB of memory).
 */
export const LOGO_FIT_SIDE = 1200;
export const LOGO_MAX_SIDE = 2400;
/**
 * PNG or JPEG only. SVG is refused rather than filtered: an SVG is a document (scripts, links,
 * entities, external images: `java&#x73;cript:` and `<image href="https://…">` passed the old
 * filter), a real allow-list sanitizer needs a DOM the main process doesn't have (DOMPurify runs
 * on jsdom), and a logo loses nothing as a PNG.
 */
export const LOGO_TYPES = ["image/png", "image/jpeg"] as const;
export const LOGO_TYPE_MESSAGE = "The logo must be a PNG or JPEG file (SVG is not accepted: export the logo as PNG).";
export const logoMimeSchema = z.enum(LOGO_TYPES, { error: LOGO_TYPE_MESSAGE });
export const logoInputSchema = z.strictObject({
  mimeType: logoMimeSchema,
  /** The file's bytes, base64; 200 KB at most once decoded. */
  base64: z
    .string()
    .max(Math.ceil(LOGO_MAX_BYTES / 3) * 4 + 4, "The logo is too large: keep it under 200 KB.")
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, "The logo file could not be read."),
});
export const logoSchema = z.object({ dataUrl: z.string().nullable() });

export const adminSaveResultSchema = z.object({
  /** Things the manager should know that did not stop the save (e.g. guests keep a quoted price). */
  notices: z.array(z.string()),
});

export const adminChannels = {
  "admin.addons": channel(
    "manager",
    none,
    z.object({ addons: z.array(addonAdminSchema), services: z.array(serviceAdminSchema) }),
  ),
  "admin.saveAddon": channel("manager", addonInputSchema, adminSaveResultSchema.extend({ addon: addonAdminSchema })),
  /**
   * A head-office add-on the manager changed here goes back to the chain's values (and follows the chain's next
   * releases again).
   */
  "admin.restoreChainValues": channel(
    "manager",
    z.strictObject({ id: idSchema }),
    adminSaveResultSchema.extend({ addon: addonAdminSchema }),
  ),
  "admin.catalog": channel("manager", none, catalogSchema),
  "admin.saveService": channel("manager", serviceInputSchema, serviceAdminSchema),
  "admin.saveTherapist": channel("manager", namedInputSchema, therapistAdminSchema),
  "admin.saveRoom": channel("manager", namedInputSchema, roomAdminSchema),
  "admin.staff": channel("manager", none, z.object({ staff: z.array(staffAdminSchema) })),
  "admin.createStaff": channel(
    "manager",
    z.strictObject({ name: required("The name", NAME_MAX), role: roleSchema, pin: optionalPin }),
    pinIssuedSchema,
  ),
  "admin.saveStaff": channel(
    "manager",
    z.strictObject({ id: idSchema, name: required("The name", NAME_MAX), role: roleSchema, active: flag }),
    staffAdminSchema,
  ),
  "admin.resetPin": channel("manager", z.strictObject({ id: idSchema, pin: optionalPin }), pinIssuedSchema),
  "admin.kioskSettings": channel(
    "manager",
    none,
    z.object({ settings: kioskSettingsSchema, timeZones: z.array(z.string()) }),
  ),
  "admin.saveKioskSettings": channel("manager", kioskSettingsSchema, z.object({ settings: kioskSettingsSchema })),
  "admin.timeZoneChange": channel(
    "manager",
    z.strictObject({ timeZone: kioskSettingsSchema.shape.timeZone }),
    timeZoneChangeSchema,
  ),
  "admin.setLogo": channel("manager", logoInputSchema, logoSchema),
  "admin.clearLogo": channel("manager", none, logoSchema),
  /** The spa's logo for the kiosk's welcome screen, as a data: URL (img-src allows data:). */
} as const;
