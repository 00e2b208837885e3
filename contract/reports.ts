import { z } from "zod";
import { idSchema, languageNames, languageSchema, localDaySchema, type Language } from "./common";
import { channel, none } from "./channel";
import { CSV_STYLES } from "./csv";

/**
 * Manager reports. Every figure is about the guests who CHECKED IN on the spa-local days of the
 * range (the check-in's `local_day`, computed in the spa's time zone when it was written), so a
 * day never depends on UTC midnight or on daylight-saving shifts. The definitions below are the
 * single source: db/reports/reports.ts computes exactly these, and the Reports screen shows these texts
 * on hover/focus.
 */
export const FIGURES = {
  checkIns: "Guests checked in on these days (kiosk or desk), one per appointment.",
  offered:
    "Checked-in guests who were offered at least one add-on: shown one they could take at the kiosk, or had one added by the desk (an add-on the kiosk hid because it would not fit before the next booking counts only if the desk added it).",
  acceptedAtKiosk:
    "Guests who picked at least one add-on on the kiosk's offer screen (counted even if the desk later changed or voided it).",
  addedAtDesk:
    "Guests whose final add-ons include one they did not pick themselves: the receptionist added it (change at the desk, or a desk check-in). Voided offers excluded.",
  confirmed:
    "Offers confirmed: offers the front desk confirmed or changed, with add-ons or none (the therapist ticket was issued). The funnel's “Add-on confirmed” counts only those with an add-on still on.",
  voided: "Offers the front desk voided (with a reason). Their add-ons earn no revenue and are not counted as taken.",
  taken: "Guests whose final outcome includes at least one add-on (after any desk change), not voided.",
  takeRate: "Taken ÷ offered. Shown as — when nothing was offered.",
  bothRate: "Guests who took two or more add-ons ÷ guests offered two or more add-ons.",
  addonTakeRate: "Guests who took this add-on ÷ guests who were offered it (shown at the kiosk, or added by the desk).",
  revenue:
    "Sum of the add-on prices quoted to the guest at offer time (before any discount), for add-ons taken; voids excluded.",
  avgExtraMinutes: "Extra session minutes of the add-ons taken ÷ guests who took an add-on.",
  funnelOffered: "Step 1: guests offered at least one add-on (shown at the kiosk, or added by the desk).",
  funnelAccepted: "Step 2: of those, guests who chose an add-on at the kiosk or had one added at the desk.",
  funnelConfirmed:
    "Step 3, add-on confirmed: of those, offers the desk confirmed or changed with at least one add-on still on it.",
  funnelPrinted: "Step 4: of those, appointments with a therapist ticket that the printer accepted.",
  dropOff: "Guests lost between the previous step and this one (and that as a share of the previous step).",
  overrideRate:
    "Of the kiosk offers the desk settled (confirmed, changed or voided), the share whose final add-ons differ from what the guest picked on the kiosk (a void of a chosen add-on counts as different).",
  screenedOut:
    "Screened out: guests whose screening answers for an add-on shown to them said “not today” (by add-on: for that add-on; by service, channel or language: for at least one). Counts only, never an answer.",
  bookedAhead:
    "Add-ons booked ahead: add-ons guests booked with their massage in the booking system (a joined row of an import), for guests who checked in on these days and were not cancelled. The booking system sold them, not the kiosk: they are not offers and never count in the take rate, taken or revenue above.",
  bookedAheadMinutes: "Minutes of the add-ons booked ahead, as the booking system booked them.",
  bookedAheadValue:
    "What the add-ons booked ahead are worth at the add-on's price on the spa's menu when the import first stored them. The booking system's file carries no price: what the guest paid there may differ (a discount, a package).",
  therapistCheck:
    "Therapist check: guests whose screening answers for an add-on said “therapist will check”, or who preferred not to say (by add-on: for that add-on; by service, channel or language: for at least one). Counts only, never an answer.",
} as const;
export type FigureKey = keyof typeof FIGURES;

export const reportGrainSchema = z.enum(["day", "week", "month"]);
export type ReportGrain = z.infer<typeof reportGrainSchema>;

/** Longest range a report or export covers (a little over five years). */
export const MAX_RANGE_DAYS = 1900;

/** A day's number of days since 1970-01-01 (a calendar date, whatever the time zone). */
export const dayNumber = (day: string): number =>
  Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / 86_400_000;

export const dateRangeSchema = z
  .strictObject({ from: localDaySchema, to: localDaySchema })
  .refine((r) => r.from <= r.to, { message: "The start date must be on or before the end date.", path: ["to"] })
  .refine((r) => dayNumber(r.to) - dayNumber(r.from) < MAX_RANGE_DAYS, {
    message: "Pick a range of at most five years.",
    path: ["from"],
  });
export type DateRange = z.infer<typeof dateRangeSchema>;

export const reportInputSchema = z
  .strictObject({ from: localDaySchema, to: localDaySchema, grain: reportGrainSchema.default("day") })
  .refine((r) => r.from <= r.to, { message: "The start date must be on or before the end date.", path: ["to"] })
  .refine((r) => dayNumber(r.to) - dayNumber(r.from) < MAX_RANGE_DAYS, {
    message: "Pick a range of at most five years.",
    path: ["from"],
  });
export type ReportInput = z.infer<typeof reportInputSchema>;

const count = z.number().int().min(0);
const rate = z.number().min(0).max(1).nullable();

/** Counts (additive over any partition of the check-ins) and the rates derived from them. */
export const figuresSchema = z.object({
  checkIns: count,
  offered: count,
  offeredMulti: count,
  acceptedAtKiosk: count,
  addedAtDesk: count,
  confirmed: count,
  voided: count,
  taken: count,
  takenMulti: count,
  revenueCents: count,
  extraMinutes: count,
  /** taken / offered; null (never NaN) when nothing was offered. */
  takeRate: rate,
  bothRate: rate,
  avgExtraMinutes: z.number().min(0).nullable(),
});
export type Figures = z.infer<typeof figuresSchema>;

/** A share that is null (shown as —), never NaN, when nothing was counted below it. */
export const ratio = (n: number, d: number): number | null => (d === 0 ? null : n / d);
/** The additive counts of a Figures; the rates follow from them (withRates). */
export type FigureCounts = Omit<Figures, "takeRate" | "bothRate" | "avgExtraMinutes">;
/**
 * The counts with the rates FIGURES defines on them: the one place takeRate, bothRate and avgExtraMinutes are computed.
 */
export const withRates = (c: FigureCounts): Figures => ({
  ...c,
  takeRate: ratio(c.taken, c.offered),
  bothRate: ratio(c.takenMulti, c.offeredMulti),
  avgExtraMinutes: ratio(c.extraMinutes, c.taken),
});

/**
 * The additive counts as columns, named as a location's report cache (db/reports/cache.ts) and
 * head office's rollups (hq/migrations/0001-initial.ts) both store them.
 */
export type FigureColumns = Record<
  | "check_ins"
  | "offered"
  | "offered_multi"
  | "accepted_kiosk"
  | "added_desk"
  | "confirmed"
  | "voided"
  | "taken"
  | "taken_multi"
  | "revenue_cents"
  | "extra_minutes",
  number
>;
/** The Figures of counted columns: the counts renamed, the rates derived (withRates). */
export const figuresOf = (c: FigureColumns): Figures =>
  withRates({
    checkIns: c.check_ins,
    offered: c.offered,
    offeredMulti: c.offered_multi,
    acceptedAtKiosk: c.accepted_kiosk,
    addedAtDesk: c.added_desk,
    confirmed: c.confirmed,
    voided: c.voided,
    taken: c.taken,
    takenMulti: c.taken_multi,
    revenueCents: c.revenue_cents,
    extraMinutes: c.extra_minutes,
  });

export const addonFiguresSchema = z.object({
  addonId: idSchema,
  code: z.string(),
  title: z.string(),
  shown: count,
  chosenAtKiosk: count,
  taken: count,
  revenueCents: count,
  extraMinutes: count,
  takeRate: rate,
});
export type AddonFigures = z.infer<typeof addonFiguresSchema>;

/** Add-ons booked ahead in the booking system (FIGURES bookedAhead…): how many, their minutes and value in cents. */
export const bookedAheadCountsSchema = z.object({ count, minutes: count, valueCents: count });
export type BookedAheadCounts = z.infer<typeof bookedAheadCountsSchema>;
const bookedCounts = bookedAheadCountsSchema.shape;
const weekdayHourKey = { weekday: z.number().int().min(0).max(6), hour: z.number().int().min(0).max(23) };
/**
 * The add-ons booked ahead in all, per add-on, and per period and breakdown as the kiosk's figures are broken down:
 * each row keyed as the report's row of the same check-ins (overTime's period, byService's id…), and only rows with
 * an add-on booked ahead, in the report's order. A breakdown's rows add up to the total.
 */
export const bookedAheadSchema = z.object({
  total: bookedAheadCountsSchema,
  /** Only add-ons booked ahead in the range, in the catalog's order. */
  byAddon: z.array(z.object({ addonId: idSchema, code: z.string(), title: z.string(), ...bookedCounts })),
  overTime: z.array(z.object({ period: z.string(), ...bookedCounts })),
  byService: z.array(z.object({ id: idSchema, ...bookedCounts })),
  byTherapist: z.array(z.object({ id: idSchema, ...bookedCounts })),
  byChannel: z.array(z.object({ channel: z.enum(["kiosk", "desk"]), ...bookedCounts })),
  byLanguage: z.array(z.object({ language: languageSchema.nullable(), ...bookedCounts })),
  weekdayHour: z.array(z.object({ ...weekdayHourKey, ...bookedCounts })),
});
export type BookedAhead = z.infer<typeof bookedAheadSchema>;
export const NO_BOOKED_AHEAD: BookedAheadCounts = { count: 0, minutes: 0, valueCents: 0 };
/** A row's booked-ahead counts found by its key among `rows` (a breakdown of bookedAhead); none when not there. */
function keyed<R, K>(rows: readonly (R & BookedAheadCounts)[], keyOf: (row: R) => K): (row: R) => BookedAheadCounts {
  const byKey = new Map(rows.map((r) => [keyOf(r), { count: r.count, minutes: r.minutes, valueCents: r.valueCents }]));
  return (row) => byKey.get(keyOf(row)) ?? NO_BOOKED_AHEAD;
}
/**
 * Each breakdown's add-ons booked ahead by the row of the kiosk's breakdown they belong to (the same key): what the
 * screen's tables and the exports show beside each row's figures.
 */
export function bookedAheadPerRow(b: BookedAhead) {
  return {
    period: keyed(b.overTime, (r: { period: string }) => r.period),
    service: keyed(b.byService, (r: { id: number }) => r.id),
    therapist: keyed(b.byTherapist, (r: { id: number }) => r.id),
    channel: keyed(b.byChannel, (r: { channel: "kiosk" | "desk" }) => r.channel),
    language: keyed(b.byLanguage, (r: { language: Language | null }) => r.language),
    weekdayHour: keyed(b.weekdayHour, (r: { weekday: number; hour: number }) => r.weekday * 24 + r.hour),
  };
}

/** The funnel's two screening stages for a group of guests: counts only. */
const screeningCountsSchema = z.object({ screenedOut: count, therapistCheck: count });

const funnelStepSchema = z.object({
  key: z.enum(["offered", "accepted", "confirmed", "printed"]),
  count,
  /** Guests lost since the previous step (0 for the first). */
  dropOff: count,
  /** dropOff / previous step; null for the first step or when the previous step is 0. */
  dropOffRate: rate,
});

export const uptakeReportSchema = z.object({
  range: z.object({ from: localDaySchema, to: localDaySchema }),
  timeZone: z.string(),
  grain: reportGrainSchema,
  totals: figuresSchema,
  /** The kiosk's offer per add-on: only add-ons it offered in the range. */
  byAddon: z.array(addonFiguresSchema),
  /**
   * Add-ons booked ahead in the booking system: their own measure, in none of the kiosk's figures (nor in the rows
   * below: their own breakdowns are in here).
   */
  bookedAhead: bookedAheadSchema,
  /**
   * Every period of the range in order (see periodsOf), with or without check-ins: a period
   * without any has zero counts and null rates. from/to: the range's first and last day inside
   * the period (a week or month cut by the range is partial).
   */
  overTime: z.array(z.object({ period: z.string(), from: localDaySchema, to: localDaySchema, figures: figuresSchema })),
  byService: z.array(z.object({ id: idSchema, name: z.string(), figures: figuresSchema })),
  byTherapist: z.array(z.object({ id: idSchema, name: z.string(), figures: figuresSchema })),
  byChannel: z.array(z.object({ channel: z.enum(["kiosk", "desk"]), figures: figuresSchema })),
  /**
   * By the language of the kiosk check-in (`languageLabel` names it); null: checked in at the desk, or before languages
   * were kept.
   */
  byLanguage: z.array(z.object({ language: languageSchema.nullable(), figures: figuresSchema })),
  /** Weekday 0 = Sunday … 6, hour 0–23 (spa-local); only cells with check-ins. */
  weekdayHour: z.array(z.object({ ...weekdayHourKey, figures: figuresSchema })),
  funnel: z.object({
    steps: z.array(funnelStepSchema),
    deskReviewed: count,
    overridden: count,
    overrideRate: rate,
    /**
     * The funnel's screening stages (FIGURES screenedOut, therapistCheck): guests screened out
     * ("not today") and marked "therapist will check", in all and by add-on (only add-ons shown in
     * the range), service, channel and kiosk language (every row of those breakdowns). Counts
     * only: no report or export carries a question, an answer or a reason.
     */
    screening: z.object({
      total: screeningCountsSchema,
      byAddon: z.array(
        z.object({ addonId: idSchema, code: z.string(), title: z.string(), ...screeningCountsSchema.shape }),
      ),
      byService: z.array(z.object({ id: idSchema, name: z.string(), ...screeningCountsSchema.shape })),
      byChannel: z.array(z.object({ channel: z.enum(["kiosk", "desk"]), ...screeningCountsSchema.shape })),
      byLanguage: z.array(z.object({ language: languageSchema.nullable(), ...screeningCountsSchema.shape })),
    }),
  }),
});
export type UptakeReport = z.infer<typeof uptakeReportSchema>;
export type ReportFunnel = UptakeReport["funnel"];
export type ReportScreening = ReportFunnel["screening"];
/** No screening answers counted (head office's funnel, which has none). */
export const NO_SCREENING: ReportScreening = {
  total: { screenedOut: 0, therapistCheck: 0 },
  byAddon: [],
  byService: [],
  byChannel: [],
  byLanguage: [],
};

/**
 * The funnel from its four step counts and the desk's settled kiosk choices: each step's drop-off from the one before,
 * and the override rate.
 */
export function funnelOf(
  c: {
    offered: number;
    accepted: number;
    confirmed: number;
    printed: number;
    deskReviewed: number;
    overridden: number;
  },
  screening: ReportScreening = NO_SCREENING,
): ReportFunnel {
  const steps = (["offered", "accepted", "confirmed", "printed"] as const).map((key) => ({ key, count: c[key] }));
  return {
    steps: steps.map((s, i) => {
      const prev = i === 0 ? null : (steps[i - 1]?.count ?? 0);
      return {
        key: s.key,
        count: s.count,
        dropOff: prev === null ? 0 : prev - s.count,
        dropOffRate: prev === null ? null : ratio(prev - s.count, prev),
      };
    }),
    deskReviewed: c.deskReviewed,
    overridden: c.overridden,
    overrideRate: ratio(c.overridden, c.deskReviewed),
    screening,
  };
}

/** Tables a file export can hold: the per-check-in detail or one of the report's tables. */
/** A language row of the reports, on screen and in exports: its English name, or the desk's check-ins. */
export const languageLabel = (language: Language | null): string =>
  language === null ? "None (desk)" : languageNames[language];

export const exportTableSchema = z.enum([
  "checkins",
  "overTime",
  "service",
  "therapist",
  "channel",
  "language",
  "weekdayHour",
  "addons",
  "bookedAhead",
  "funnel",
  "screening",
]);
export type ExportTable = z.infer<typeof exportTableSchema>;
export const exportFormatSchema = z.enum(["csv", "xlsx", "pdf"]);

export const exportStartSchema = z
  .strictObject({
    from: localDaySchema,
    to: localDaySchema,
    grain: reportGrainSchema.default("day"),
    format: exportFormatSchema,
    /** CSV: the one table to write. Excel always holds every table; PDF is the summary on screen. */
    table: exportTableSchema.default("checkins"),
    /** CSV: for a spreadsheet that writes 1,234.56 or 1.234,56 (contract/csv.ts `CsvStyle`). */
    csvStyle: z.enum(CSV_STYLES).default("comma"),
  })
  .refine((r) => r.from <= r.to, { message: "The start date must be on or before the end date.", path: ["to"] })
  .refine((r) => dayNumber(r.to) - dayNumber(r.from) < MAX_RANGE_DAYS, {
    message: "Pick a range of at most five years.",
    path: ["from"],
  });
export type ExportStart = z.infer<typeof exportStartSchema>;

export const exportJobIdSchema = z.string().regex(/^[a-z0-9-]{1,40}$/);
export const exportStartedSchema = z.union([
  z.object({ started: z.literal(true), jobId: exportJobIdSchema, fileName: z.string() }),
  /** The person closed the save dialog. */
  z.object({ started: z.literal(false) }),
]);
export type ExportStarted = z.infer<typeof exportStartedSchema>;

/**
 * Pushed while the check-ins of a range the report cache has not built are counted for a report (event
 * "reports.counting"): stale entries done of those found, a few times a second. Counts only: no guest's details.
 */
export const reportCountingSchema = z.object({ from: localDaySchema, to: localDaySchema, done: count, total: count });
export type ReportCounting = z.infer<typeof reportCountingSchema>;

/** Pushed while an export runs (event "reports.exportProgress"). */
export const exportProgressSchema = z.object({
  jobId: exportJobIdSchema,
  state: z.enum(["running", "done", "cancelled", "failed"]),
  rows: count,
  total: count,
  fileName: z.string(),
  /** Where the file was saved (done), or what went wrong (failed). */
  message: z.string().nullable(),
});
export type ExportProgress = z.infer<typeof exportProgressSchema>;

export const exportOptionsSchema = z.object({
  /** Summary as PDF needs Electron's printToPDF; the browser wiring has none. */
  pdf: z.boolean(),
  /** "dialog": the desktop app asks where to save; "folder": files go into the data folder's exports/. */
  destination: z.enum(["dialog", "folder"]),
});
export type ExportOptions = z.infer<typeof exportOptionsSchema>;

export const reportChannels = {
  "reports.uptake": channel("manager", reportInputSchema, uptakeReportSchema),
  "reports.exportOptions": channel("manager", none, exportOptionsSchema),
  "reports.exportStart": channel("manager", exportStartSchema, exportStartedSchema),
  "reports.exportCancel": channel(
    "manager",
    z.strictObject({ jobId: exportJobIdSchema }),
    z.object({ cancelled: z.boolean() }),
  ),
} as const;

export const reportPresets = ["today", "thisWeek", "last30", "thisMonth"] as const;
export type ReportPreset = (typeof reportPresets)[number];

// Calendar arithmetic on spa-local day strings (UTC dates used as plain calendar dates): a day
// is always one step, whatever daylight saving does to the clock on it.
const shiftDay = (day: string, days: number): string =>
  new Date((dayNumber(day) + days) * 86_400_000).toISOString().slice(0, 10);
const weekdayOf = (day: string): number => new Date(dayNumber(day) * 86_400_000).getUTCDay();

/**
 * The period a spa-local day falls in: the day itself, its week's Monday (weeks start on Monday), or its month
 * 'YYYY-MM'.
 */
export function periodOf(day: string, grain: ReportGrain): string {
  switch (grain) {
    case "day":
      return day;
    case "week":
      return shiftDay(day, -((weekdayOf(day) + 6) % 7));
    case "month":
      return day.slice(0, 7);
  }
}

/** The first and last day of a whole period (a week runs Monday to Sunday). */
export function periodBounds(period: string, grain: ReportGrain): DateRange {
  switch (grain) {
    case "day":
      return { from: period, to: period };
    case "week":
      return { from: period, to: shiftDay(period, 6) };
    case "month": {
      const next = periodOf(shiftDay(`${period}-28`, 4), "month"); // the 28th + 4 days is always next month
      return { from: `${period}-01`, to: shiftDay(`${next}-01`, -1) };
    }
  }
}

export interface ReportPeriod {
  period: string;
  /** The range's first and last day inside the period. */
  from: string;
  to: string;
}

/** Every period of the range at a grain, in order, each with the part of the range it covers. */
export function periodsOf(range: DateRange, grain: ReportGrain): ReportPeriod[] {
  const out: ReportPeriod[] = [];
  for (let day = range.from; day <= range.to; day = shiftDay(day, 1)) {
    const period = periodOf(day, grain);
    const last = out.at(-1);
    if (last?.period === period) last.to = day;
    else out.push({ period, from: day, to: day });
  }
  return out;
}

/**
 * The range of a preset, given today's date in the spa's time zone. Weeks start on Monday;
 * "last 30 days" includes today.
 */
export function presetRange(preset: ReportPreset, today: string): DateRange {
  switch (preset) {
    case "today":
      return { from: today, to: today };
    case "thisWeek":
      return { from: periodOf(today, "week"), to: today };
    case "last30":
      return { from: shiftDay(today, -29), to: today };
    case "thisMonth":
      return { from: `${today.slice(0, 8)}01`, to: today };
  }
}

/**
 * The days a report is compared with: for "this week" and "this month" the same days of the week
 * or month before (Monday–Wednesday with last Monday–Wednesday; 1–12 Dec with 1–12 Nov, cut at a
 * shorter month's end), else as many days right before the range.
 */
export function comparisonRange(range: DateRange, preset: ReportPreset | "custom"): DateRange {
  if (preset === "thisWeek") return { from: shiftDay(range.from, -7), to: shiftDay(range.to, -7) };
  if (preset === "thisMonth") {
    const month = periodBounds(periodOf(shiftDay(range.from, -1), "month"), "month");
    const sameDay = `${month.from.slice(0, 8)}${range.to.slice(8)}`;
    return { from: month.from, to: sameDay > month.to ? month.to : sameDay };
  }
  const days = dayNumber(range.to) - dayNumber(range.from) + 1;
  return { from: shiftDay(range.from, -days), to: shiftDay(range.from, -1) };
}
