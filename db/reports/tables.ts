import { languageLabel, type ExportTable, type Figures, type UptakeReport } from "../../contract/reports";
import type { Cell } from "../csv";

/**
 * The report as plain tables (header + rows of numbers and text), shared by the CSV and Excel
 * exports. Amounts are numbers in dollars, rates are numbers in percent (one decimal), an
 * undefined rate (nothing to divide by) is an empty cell, never NaN.
 */
export interface ReportTable {
  key: Exclude<ExportTable, "checkins">;
  title: string;
  header: string[];
  rows: Cell[][];
}

export const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;

const pct = (r: number | null): Cell => (r === null ? null : Math.round(r * 1000) / 10);
const dollars = (cents: number): number => cents / 100;
const minutes = (m: number | null): Cell => (m === null ? null : Math.round(m * 10) / 10);

const FIGURE_HEADER = [
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
const figureCells = (f: Figures): Cell[] => [
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

const PERIOD_LABEL = { day: "Day", week: "Week of (Monday)", month: "Month" } as const;
const FUNNEL_LABEL = {
  offered: "Offered",
  accepted: "Accepted",
  confirmed: "Confirmed",
  printed: "Ticket printed",
} as const;

export function reportTables(r: UptakeReport): ReportTable[] {
  return [
    // Every period of the range, quiet ones with zeros and empty rates; a week or month has
    // the days of the range it covers, so a period cut by the range reads as partial.
    r.grain === "day"
      ? {
          key: "overTime",
          title: "Over time",
          header: [PERIOD_LABEL.day, ...FIGURE_HEADER],
          rows: r.overTime.map((p) => [p.period, ...figureCells(p.figures)]),
        }
      : {
          key: "overTime",
          title: "Over time",
          header: [PERIOD_LABEL[r.grain], "From", "To", ...FIGURE_HEADER],
          rows: r.overTime.map((p) => [p.period, p.from, p.to, ...figureCells(p.figures)]),
        },
    {
      key: "service",
      title: "By service",
      header: ["Service", ...FIGURE_HEADER],
      rows: r.byService.map((s) => [s.name, ...figureCells(s.figures)]),
    },
    {
      key: "therapist",
      title: "By therapist",
      header: ["Therapist", ...FIGURE_HEADER],
      rows: r.byTherapist.map((s) => [s.name, ...figureCells(s.figures)]),
    },
    {
      key: "channel",
      title: "By channel",
      header: ["Checked in at", ...FIGURE_HEADER],
      rows: r.byChannel.map((s) => [s.channel, ...figureCells(s.figures)]),
    },
    {
      key: "language",
      title: "By kiosk language",
      header: ["Kiosk language", ...FIGURE_HEADER],
      rows: r.byLanguage.map((s) => [languageLabel(s.language), ...figureCells(s.figures)]),
    },
    {
      key: "weekdayHour",
      title: "Weekday x hour",
      header: ["Weekday", "Hour", ...FIGURE_HEADER],
      rows: r.weekdayHour.map((c) => [WEEKDAYS[c.weekday] ?? "", c.hour, ...figureCells(c.figures)]),
    },
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
    {
      key: "funnel",
      title: "Funnel",
      header: ["Step", "Guests", "Drop-off", "Drop-off (%)", "Override rate (%)"],
      rows: [
        ...r.funnel.steps.map((s): Cell[] => [FUNNEL_LABEL[s.key], s.count, s.dropOff, pct(s.dropOffRate), null]),
        ["Kiosk offers settled at the desk", r.funnel.deskReviewed, null, null, null],
        ["Desk final differs from the guest's pick", r.funnel.overridden, null, null, pct(r.funnel.overrideRate)],
        ...r.funnel.screening.flatMap((a): Cell[][] => [
          [`Screened out: ${a.title}`, a.screenedOut, null, null, null],
          [`Therapist check: ${a.title}`, a.therapistCheck, null, null, null],
        ]),
      ],
    },
  ];
}
