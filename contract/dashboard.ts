import { z } from "zod";
import { languageNames, languageSchema, localDaySchema } from "./common";
import { CSV_STYLES } from "./csv";
import { uuidSchema } from "./hq";
import {
  bookedAheadCountsSchema,
  dateRangeSchema,
  figuresSchema,
  languageLabel,
  reportPresets,
  uptakeReportSchema,
} from "./reports";

/**
 * The head-office web dashboard's HTTP API (hq/dashboard/, the page in hq/web/): what the chain
 * owner's browser sends and what the service answers. The server parses every body and query
 * with these schemas; the page parses every answer with them.
 */

/** Refused requests: `{error: {code, message}}`, the message written for the owner. */
export const dashboardErrorCodeSchema = z.enum([
  "MALFORMED_REQUEST",
  "SIGNED_OUT",
  "SESSION_EXPIRED",
  "CSRF_REFUSED",
  "WRONG_PASSWORD",
  /** Too many failed sign-ins for one account from one network address: new browsers there wait, none elsewhere. */
  "ACCOUNT_LOCKED",
  "ADDRESS_LOCKED",
  /** Too many failed sign-ins from a browser the owner signed in with before: that browser waits, no other. */
  "DEVICE_LOCKED",
  /**
   * Too many failed sign-ins for one account from many network addresses in a day: new browsers wait, the owner's own
   * do not.
   */
  "NEW_BROWSERS_LOCKED",
  /** A one-time sign-in code unknown, used, expired, cancelled or whose browser signed out: nobody signed in. */
  "SIGNIN_CODE_REFUSED",
  /** An owner already has SIGNIN_CODES_WAITING_MAX codes waiting: no new one was made. */
  "SIGNIN_CODES_WAITING",
  "UNKNOWN_LOCATION",
  /** A release to publish that does not match contract/head-office.ts: nothing was published. */
  "MALFORMED_RELEASE",
  /** Another release was published since the one the owner's page showed: nothing was published. */
  "RELEASE_CONFLICT",
  "INTERNAL",
]);
export type DashboardErrorCode = z.infer<typeof dashboardErrorCodeSchema>;
export const dashboardErrorSchema = z.strictObject({
  error: z.strictObject({ code: dashboardErrorCodeSchema, message: z.string() }),
});

/** The header every state-changing request carries the session's CSRF token in. */
export const CSRF_HEADER = "x-csrf-token";

/** An owner's account name: an email address, compared in lower case. */
export const ownerEmailSchema = z.string().trim().toLowerCase().pipe(z.email("Enter an email address.").max(254));
/** A new password: 12 characters or more (NIST SP 800-63B lets length, not composition, make it strong). */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;
export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN, `A password is at least ${PASSWORD_MIN} characters.`)
  .max(PASSWORD_MAX, `A password is at most ${PASSWORD_MAX} characters.`);

/** A sign-in as typed: any text up to the limits (a wrong one is "wrong", not "malformed"). */
export const signInSchema = z.strictObject({
  email: z.string().trim().toLowerCase().min(1, "Enter your email address.").max(254),
  password: z.string().min(1, "Enter your password.").max(PASSWORD_MAX),
});
export type SignIn = z.infer<typeof signInSchema>;

/** How many owners' devices one browser's device cookie holds (a shared office computer): the newest sign-ins'. */
export const DEVICE_TOKENS_MAX = 4;
/**
 * The device cookie a browser gets when an owner signs in with it: one token (256 random bits, base64url) per owner,
 * joined by ".", newest first. Anything else in it is no device (the sign-in is counted as from an unknown browser).
 */
export const deviceCookieSchema = z
  .string()
  .max(44 * DEVICE_TOKENS_MAX)
  .transform((value) => value.split("."))
  .pipe(
    z
      .array(z.string().regex(/^[\w-]{43}$/))
      .min(1)
      .max(DEVICE_TOKENS_MAX),
  );

/** How long a one-time sign-in code works, and how many of one owner's may wait to be used at once. */
export const SIGNIN_CODE_MINUTES = 15;
export const SIGNIN_CODES_WAITING_MAX = 3;
/** Crockford's base 32: no I, L, O or U, so a code read aloud or off a phone's screen is typed as written. */
export const SIGNIN_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/** A one-time sign-in code's characters: 16 of base 32, 80 random bits. */
export const SIGNIN_CODE_LENGTH = 16;
/**
 * A one-time sign-in code as the owner types or pastes it: spaces and dashes dropped, any case, and the letters
 * Crockford's base 32 reads as digits (O as 0; I and L as 1) taken as those digits.
 */
export const signInCodeSchema = z
  .string()
  .max(80, "A sign-in code is 16 letters and digits.")
  .transform((s) => s.replace(/[\s-]/g, "").toUpperCase().replace(/O/g, "0").replace(/[IL]/g, "1"))
  .pipe(
    z.string().regex(/^[0-9A-HJKMNP-TV-Z]{16}$/, "A sign-in code is 16 letters and digits, as its browser shows it."),
  );
/** POST /api/sign-in-with-code: a new browser signs in with a code an owner's signed-in browser made. */
export const signInWithCodeSchema = z.strictObject({ code: signInCodeSchema });
/** POST /api/sign-in-codes/cancel: the code to cancel, by its id (the code itself is never sent again). */
export const cancelSignInCodeSchema = z.strictObject({ id: uuidSchema });
/** A code just made: shown this once (head office keeps its SHA-256 only); `secondsLeft` by head office's clock. */
export const madeSignInCodeSchema = z.strictObject({
  id: uuidSchema,
  code: z.string().regex(/^([0-9A-HJKMNP-TV-Z]{4}-){3}[0-9A-HJKMNP-TV-Z]{4}$/),
  secondsLeft: z.number().int().min(0),
});
export type MadeSignInCode = z.infer<typeof madeSignInCodeSchema>;
/**
 * What became of a code: waiting to be used, used, cancelled, expired, or stopped (the browser that made it signed
 * out before it was used).
 */
export const signInCodeStates = ["waiting", "used", "cancelled", "expired", "stopped"] as const;
/** An owner's codes of the last days, newest first: times only (no code, no address, no browser). */
export const signInCodeListSchema = z.strictObject({
  codes: z.array(
    z.strictObject({
      id: uuidSchema,
      madeAt: z.iso.datetime({ offset: true }),
      state: z.enum(signInCodeStates),
      /** When it was used or cancelled, else null. */
      endedAt: z.iso.datetime({ offset: true }).nullable(),
      /** While waiting: how long it still works, by head office's clock; else 0. */
      secondsLeft: z.number().int().min(0),
    }),
  ),
});
export type SignInCodeList = z.infer<typeof signInCodeListSchema>;
/**
 * The query of GET /api/sign-in-codes: nothing when the owner opens the page, or `watch=1` when the page asks by itself
 * what became of the code on screen (every few seconds while it waits). A watch is not the owner's doing, so it keeps
 * nobody's session awake: the session still ends IDLE_MINUTES after the owner's last action.
 */
export const signInCodeListQuerySchema = z
  .strictObject({
    watch: z.literal("1", { error: "watch is 1 (the page asking by itself) or left out." }).optional(),
  })
  .optional();
/** The answer to a cancel: whether it cancelled the code (false: it was used or had ended first), and the list now. */
export const cancelledSignInCodeSchema = signInCodeListSchema.extend({ cancelled: z.boolean() });

/** The query of GET /api/session and the body of POST /api/sign-out: nothing (an empty body or `{}`). */
export const nothingSchema = z.strictObject({}).optional();

/** Who the browser is, and the CSRF token its next state-changing request must carry. */
export const sessionStateSchema = z.discriminatedUnion("signedIn", [
  z.strictObject({ signedIn: z.literal(false), csrf: z.string() }),
  z.strictObject({ signedIn: z.literal(true), csrf: z.string(), email: z.string() }),
]);
export type SessionState = z.infer<typeof sessionStateSchema>;

/** The comparison's query string: a range of spa-local days (each location's own days). */
export const compareQuerySchema = dateRangeSchema;

const count = z.number().int().min(0);
const rate = z.number().min(0).max(1).nullable();

/**
 * The add-ons a location's guests booked ahead in its booking system (FIGURES bookedAhead…): their own measure, never
 * in the take rate; in all and per add-on code. A location from before it sends none: zero, and no add-on.
 */
export const headOfficeBookedAheadSchema = z.strictObject({
  total: bookedAheadCountsSchema.strict(),
  byAddon: z.array(z.strictObject({ addon: z.string(), ...bookedAheadCountsSchema.shape })),
});
export type HeadOfficeBookedAhead = z.infer<typeof headOfficeBookedAheadSchema>;

/**
 * Every location's figures for the range, side by side. Facts only: no guest's name, phone or note reaches head office.
 */
export const chainComparisonSchema = z.strictObject({
  range: z.strictObject({ from: localDaySchema, to: localDaySchema }),
  /** Every add-on code any location showed or sold in the range, in order. */
  addons: z.array(z.string()),
  /** All locations together: the counts summed, the rates of the sums. */
  totals: figuresSchema,
  locations: z.array(
    z.strictObject({
      locationId: z.string(),
      name: z.string(),
      /** The last batch the location sent (UTC), or null: never synced. */
      lastSyncAt: z.iso.datetime().nullable(),
      figures: figuresSchema,
      /**
       * Per add-on code: guests offered it (shown, or added by the desk), guests who took it, taken ÷ offered, and its
       * revenue.
       */
      byAddon: z.record(
        z.string(),
        z.strictObject({ shown: count, taken: count, takeRate: rate, revenueCents: count }),
      ),
      bookedAhead: headOfficeBookedAheadSchema,
    }),
  ),
  /** Every add-on code any location's guests booked ahead in the range, in order. */
  bookedAddons: z.array(z.string()),
  /** All locations' add-ons booked ahead together. */
  bookedAhead: bookedAheadCountsSchema.strict(),
});
export type ChainComparison = z.infer<typeof chainComparisonSchema>;

/** A query's from/to checked as dateRangeSchema checks a range (same messages). */
const withRange = <T extends z.ZodType<{ from: string; to: string }>>(schema: T) =>
  schema.superRefine((q, ctx) => {
    const range = dateRangeSchema.safeParse({ from: q.from, to: q.to });
    if (!range.success)
      for (const issue of range.error.issues)
        ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
  });

/** One location's drill-down: its id and the range, checked as compareQuerySchema checks a range. */
export const locationQuerySchema = withRange(
  z.strictObject({ id: uuidSchema, from: localDaySchema, to: localDaySchema }),
);

/** The tables of a dashboard export: a CSV holds one, an Excel workbook every one (and a Summary sheet). */
export const compareExportTables = ["locations", "addons", "bookedAhead", "trend"] as const;
export const locationExportTables = [
  "funnel",
  "bookedAhead",
  "service",
  "channel",
  "language",
  "hour",
  "weekdayHour",
] as const;
export type CompareExportTable = (typeof compareExportTables)[number];
export type LocationExportTable = (typeof locationExportTables)[number];
/** Each table's title: the page's export menu, the workbook's sheet (at most 31 characters, Excel's limit). */
export const EXPORT_TABLE_TITLES: Record<CompareExportTable | LocationExportTable, string> = {
  locations: "By location",
  addons: "Add-on uptake by location",
  bookedAhead: "Booked ahead",
  trend: "Trend and last sync",
  funnel: "Funnel",
  service: "By service",
  channel: "By channel",
  language: "By kiosk language",
  hour: "By hour",
  weekdayHour: "Weekday x hour",
};
const exportFormat = z.enum(["csv", "xlsx"]);

/**
 * GET /api/compare/export: the comparison's figures as a file. `preset` names the range's kind
 * (as the page's range picker does) so the trend compares with the same period as the page.
 */
export const compareExportQuerySchema = withRange(
  z.strictObject({
    from: localDaySchema,
    to: localDaySchema,
    preset: z.enum([...reportPresets, "custom"]).default("custom"),
    format: exportFormat,
    table: z.enum(compareExportTables).default("locations"),
    /** A CSV's separator and decimal mark (contract/csv.ts). */
    csv: z.enum(CSV_STYLES).default("comma"),
  }),
);
/** GET /api/location/export: one location's figures as a file. */
export const locationExportQuerySchema = withRange(
  z.strictObject({
    id: uuidSchema,
    from: localDaySchema,
    to: localDaySchema,
    format: exportFormat,
    table: z.enum(locationExportTables).default("funnel"),
    csv: z.enum(CSV_STYLES).default("comma"),
  }),
);

/** A breakdown row's add-ons booked ahead: their own measure beside its figures, never in them (0: an old location). */
const booked = bookedAheadCountsSchema.strict();
const breakdown = z.array(z.strictObject({ key: z.string(), figures: figuresSchema, booked }));
/**
 * One location's figures for the range, broken down as head office keeps them: by service, by
 * channel (kiosk, desk), by kiosk language (a code; "none": checked in at the desk) and by hour of
 * check-in (spa-local, "0"–"23"); only keys with check-ins. Each row and grid cell also has its add-ons booked ahead,
 * as the location's own report breaks them down; they add up to `bookedAhead.total`.
 */
export const locationReportSchema = z.strictObject({
  range: z.strictObject({ from: localDaySchema, to: localDaySchema }),
  locationId: z.string(),
  name: z.string(),
  lastSyncAt: z.iso.datetime().nullable(),
  figures: figuresSchema,
  /**
   * Offered → accepted → add-on confirmed → ticket printed, and the desk's overrides, as the location's own report has
   * them.
   */
  funnel: uptakeReportSchema.shape.funnel,
  bookedAhead: headOfficeBookedAheadSchema,
  service: breakdown,
  channel: breakdown,
  language: breakdown,
  hour: breakdown,
  /** By spa-local weekday (0 = Sunday) and hour of check-in; only cells with check-ins, in order. */
  weekdayHour: z.array(
    z.strictObject({
      weekday: z.number().int().min(0).max(6),
      hour: z.number().int().min(0).max(23),
      figures: figuresSchema,
      booked,
    }),
  ),
});
export type LocationReport = z.infer<typeof locationReportSchema>;

// How the dashboard names head office's keys, on the page and in its exports alike.

/** An add-on as head office knows it: the location catalog's code ("face" → "Face"). */
export const addonName = (code: string): string => code.charAt(0).toUpperCase() + code.slice(1);
/**
 * A kiosk language as head office keys it: a known language's name, another code as typed, "none" for the desk's
 * check-ins.
 */
export function languageKeyLabel(key: string): string {
  if (key === "none") return languageLabel(null);
  const known = languageSchema.safeParse(key);
  return known.success ? languageNames[known.data] : key.toUpperCase();
}
/** An hour of check-in ("9") as the span it covers ("09:00–09:59"). */
export const hourLabel = (key: string): string => `${key.padStart(2, "0")}:00–${key.padStart(2, "0")}:59`;
export const channelLabel = (key: string): string => (key === "kiosk" ? "Kiosk" : "Front desk");
/** A rate's change in percentage points, one decimal; null when either period offered nothing. */
export const changePoints = (now: number | null, then: number | null): number | null =>
  now === null || then === null ? null : Math.round((now - then) * 1000) / 10;
