import {
  bookedAheadPerRow,
  FIGURES,
  languageLabel,
  type BookedAhead,
  type BookedAheadCounts,
  type ExportTable,
  type Figures,
  type ReportFunnel,
  type ReportScreening,
  type UptakeReport,
} from "./reports";
import type { Cell } from "./csv";

/**
 * A report as plain tables (header + rows of numbers and text), shared by the CSV and Excel
 * exports of a location (db/reports/export.ts) and of head office's dashboard
 * (hq/dashboard/export.ts). Amounts are numbers in dollars, rates are numbers in percent (one
 * decimal), an undefined rate (nothing to divide by) is an empty cell, never NaN.
 */
export interface ReportTable<K extends string = Exclude<ExportTable, "checkins">> {
  key: K;
  title: string;
  header: string[];
  rows: Cell[][];
}

export const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;

/** A rate as a percent with one decimal; null (an empty cell) when undefined. */
export const pct = (r: number | null): Cell => (r === null ? null : Math.round(r * 1000) / 10);
export const dollars = (cents: number): number => cents / 100;
const minutes = (m: number | null): Cell => (m === null ? null : Math.round(m * 10) / 10);

/** The columns of every table of Figures, in figureCells' order. */
export const FIGURE_HEADER = [
  "Check-ins",
  "Offered",
  "Accepted at kiosk",
  "Added at desk",
  "Confirmed",
  "Voided",
  "Taken",
  "Take rate (%)",
  "Took both",
  "Both rate (%)",
  "Add-on revenue (USD)",
  "Avg extra minutes",
];
export const figureCells = (f: Figures): Cell[] => [
  f.checkIns,
  f.offered,
  f.acceptedAtKiosk,
  f.addedAtDesk,
  f.confirmed,
  f.voided,
  f.taken,
  pct(f.takeRate),
  f.takenMulti,
  pct(f.bothRate),
  dollars(f.revenueCents),
  minutes(f.avgExtraMinutes),
];

/**
 * The workbook's Summary sheet: the range, then each total with its definition (FIGURES), the desk override rate when
 * there is a funnel, and the add-ons booked ahead (their own measure) when counted. `zone` says whose days the range
 * counts.
 */
export function summaryRows(
  range: { from: string; to: string },
  zone: string,
  t: Figures,
  f: ReportFunnel | null,
  booked: BookedAheadCounts | null = null,
): Cell[][] {
  return [
    ["Figure", "Value", "Definition"],
    ["From", range.from, `Spa-local days (${zone})`],
    ["To", range.to, ""],
    ["Check-ins", t.checkIns, FIGURES.checkIns],
    ["Offered an add-on", t.offered, FIGURES.offered],
    ["Accepted at kiosk", t.acceptedAtKiosk, FIGURES.acceptedAtKiosk],
    ["Added at desk", t.addedAtDesk, FIGURES.addedAtDesk],
    ["Confirmed", t.confirmed, FIGURES.confirmed],
    ["Voided", t.voided, FIGURES.voided],
    ["Taken", t.taken, FIGURES.taken],
    ["Take rate (%)", pct(t.takeRate), FIGURES.takeRate],
    ["Both rate (%)", pct(t.bothRate), FIGURES.bothRate],
    ["Add-on revenue (USD)", dollars(t.revenueCents), FIGURES.revenue],
    ["Avg extra minutes", minutes(t.avgExtraMinutes), FIGURES.avgExtraMinutes],
    ...(f ? [["Desk override rate (%)", pct(f.overrideRate), FIGURES.overrideRate]] : []),
    ...(booked
      ? [
          ["Add-ons booked ahead (booking system)", booked.count, FIGURES.bookedAhead],
          ["Booked-ahead minutes", booked.minutes, FIGURES.bookedAheadMinutes],
          ["Booked-ahead value at menu price (USD)", dollars(booked.valueCents), FIGURES.bookedAheadValue],
        ]
      : []),
  ];
}

/** The columns of a table of add-ons booked ahead, in bookedAheadCells' order. */
export const BOOKED_AHEAD_HEADER = [
  "Booked ahead (booking system, not the kiosk)",
  "Booked-ahead minutes",
  "Booked-ahead value at menu price (USD)",
];
export const bookedAheadCells = (b: BookedAheadCounts): Cell[] => [b.count, b.minutes, dollars(b.valueCents)];

/**
 * The columns of a breakdown's row (a location's and head office's exports alike): its kiosk figures, then its add-ons
 * booked ahead, their own columns, in none of the kiosk's.
 */
export const BREAKDOWN_HEADER = [...FIGURE_HEADER, ...BOOKED_AHEAD_HEADER];
export const breakdownCells = (f: Figures, b: BookedAheadCounts): Cell[] => [...figureCells(f), ...bookedAheadCells(b)];

/** More columns at the end of each row of a table: a breakdown's add-ons booked ahead (BOOKED_AHEAD_HEADER). */
interface ExtraColumns<R> {
  header: readonly string[];
  cells(row: R): Cell[];
}
const NO_COLUMNS: ExtraColumns<unknown> = { header: [], cells: () => [] };

/** Add-ons booked ahead in the booking system (FIGURES bookedAhead): one row per add-on, then all of them. */
export function bookedAheadTable(b: BookedAhead): ReportTable<"bookedAhead"> {
  return {
    key: "bookedAhead",
    title: "Booked ahead",
    header: ["Add-on", ...BOOKED_AHEAD_HEADER],
    rows: [...b.byAddon.map((a) => [a.title, ...bookedAheadCells(a)]), ["All add-ons", ...bookedAheadCells(b.total)]],
  };
}

const PERIOD_LABEL = { day: "Day", week: "Week of (Monday)", month: "Month" } as const;
const FUNNEL_LABEL = {
  offered: "Offered",
  accepted: "Accepted",
  confirmed: "Confirmed",
  printed: "Ticket printed",
} as const;

/**
 * A location's uptake report as the tables its exports hold. Each period's and breakdown row's kiosk figures are
 * followed by its add-ons booked ahead (BOOKED_AHEAD_HEADER): their own columns, in none of the kiosk's.
 */
export function reportTables(r: UptakeReport): ReportTable[] {
  const ahead = bookedAheadPerRow(r.bookedAhead);
  return [
    // Every period of the range, quiet ones with zeros and empty rates; a week or month has
    // the days of the range it covers, so a period cut by the range reads as partial.
    r.grain === "day"
      ? {
          key: "overTime",
          title: "Over time",
          header: [PERIOD_LABEL.day, ...BREAKDOWN_HEADER],
          rows: r.overTime.map((p) => [p.period, ...breakdownCells(p.figures, ahead.period(p))]),
        }
      : {
          key: "overTime",
          title: "Over time",
          header: [PERIOD_LABEL[r.grain], "From", "To", ...BREAKDOWN_HEADER],
          rows: r.overTime.map((p) => [p.period, p.from, p.to, ...breakdownCells(p.figures, ahead.period(p))]),
        },
    {
      key: "service",
      title: "By service",
      header: ["Service", ...BREAKDOWN_HEADER],
      rows: r.byService.map((s) => [s.name, ...breakdownCells(s.figures, ahead.service(s))]),
    },
    {
      key: "therapist",
      title: "By therapist",
      header: ["Therapist", ...BREAKDOWN_HEADER],
      rows: r.byTherapist.map((s) => [s.name, ...breakdownCells(s.figures, ahead.therapist(s))]),
    },
    {
      key: "channel",
      title: "By channel",
      header: ["Checked in at", ...BREAKDOWN_HEADER],
      rows: r.byChannel.map((s) => [s.channel, ...breakdownCells(s.figures, ahead.channel(s))]),
    },
    {
      key: "language",
      title: "By kiosk language",
      header: ["Kiosk language", ...BREAKDOWN_HEADER],
      rows: r.byLanguage.map((s) => [languageLabel(s.language), ...breakdownCells(s.figures, ahead.language(s))]),
    },
    weekdayHourTable(r.weekdayHour, {
      header: BOOKED_AHEAD_HEADER,
      cells: (c) => bookedAheadCells(ahead.weekdayHour(c)),
    }),
    {
      key: "addons",
      title: "By add-on",
      header: ["Add-on", "Shown", "Chosen at kiosk", "Taken", "Take rate (%)", "Revenue (USD)", "Extra minutes"],
      rows: r.byAddon.map((a) => [
        a.title,
        a.shown,
        a.chosenAtKiosk,
        a.taken,
        pct(a.takeRate),
        dollars(a.revenueCents),
        a.extraMinutes,
      ]),
    },
    bookedAheadTable(r.bookedAhead),
    funnelTable(r.funnel),
    screeningTable(r.funnel.screening),
  ];
}

/** The funnel's steps, the desk's overrides and the screening stages. */
export function funnelTable(f: ReportFunnel): ReportTable<"funnel"> {
  return {
    key: "funnel",
    title: "Funnel",
    header: ["Step", "Guests", "Drop-off", "Drop-off (%)", "Override rate (%)"],
    rows: [
      ...f.steps.map((s): Cell[] => [FUNNEL_LABEL[s.key], s.count, s.dropOff, pct(s.dropOffRate), null]),
      ["Kiosk offers settled at the desk", f.deskReviewed, null, null, null],
      ["Desk final differs from the guest's pick", f.overridden, null, null, pct(f.overrideRate)],
    ],
  };
}

/** The funnel's screening stages (FIGURES screenedOut, therapistCheck): counts only, no question, answer or reason. */
export function screeningTable(s: ReportScreening): ReportTable<"screening"> {
  return {
    key: "screening",
    title: "Screening",
    header: ["Breakdown", "Row", "Screened out (not today)", "Therapist check"],
    rows: [
      ["All guests", "All", s.total.screenedOut, s.total.therapistCheck],
      ...s.byAddon.map((a): Cell[] => ["Add-on", a.title, a.screenedOut, a.therapistCheck]),
      ...s.byService.map((x): Cell[] => ["Service", x.name, x.screenedOut, x.therapistCheck]),
      ...s.byChannel.map((c): Cell[] => ["Channel", c.channel, c.screenedOut, c.therapistCheck]),
      ...s.byLanguage.map((l): Cell[] => [
        "Kiosk language",
        languageLabel(l.language),
        l.screenedOut,
        l.therapistCheck,
      ]),
    ],
  };
}

/** A weekday × hour grid, one row per cell with check-ins (weekday 0 = Sunday), then `more` columns. */
export function weekdayHourTable<C extends { weekday: number; hour: number; figures: Figures }>(
  cells: readonly C[],
  more: ExtraColumns<NoInfer<C>> = NO_COLUMNS,
): ReportTable<"weekdayHour"> {
  return {
    key: "weekdayHour",
    title: "Weekday x hour",
    header: ["Weekday", "Hour", ...FIGURE_HEADER, ...more.header],
    rows: cells.map((c) => [WEEKDAYS[c.weekday] ?? "", c.hour, ...figureCells(c.figures), ...more.cells(c)]),
  };
}
