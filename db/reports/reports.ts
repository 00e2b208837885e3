import type { Model } from "../model";
import {
  periodBounds,
  periodOf,
  periodsOf,
  figuresOf,
  funnelOf,
  ratio,
  type AddonFigures,
  type ReportInput,
  type UptakeReport,
} from "../../contract/reports";
import type { DB } from "../open";
import { getSettings } from "../settings";
import { stmt } from "../stmt";
import { addDays } from "../time";
import { refreshReportCache } from "./cache";
import { ADDON_MEASURES, languageOfKey, MEASURES, WEEKDAY_HOUR, type Counts, type Measure } from "./measures";

/**
 * The uptake report read from the cache (db/reports/cache.ts), after bringing the range's cached figures up to date.
 */

const SUMS = MEASURES.map((m) => `sum(${m}) AS ${m}`).join(", ");

/**
 * The range as the cache reads it: the whole months inside it from the monthly roll-ups, the days
 * before them [from, headTo] and after them [tailFrom, to] from the daily cells. An empty part
 * has its first bound after its last.
 */
export function rangeParts(
  from: string,
  to: string,
): { from: string; headTo: string; firstMonth: string; lastMonth: string; tailFrom: string; to: string } {
  const firstWhole = from.endsWith("-01") ? from : addDays(periodBounds(from.slice(0, 7), "month").to, 1);
  const lastWhole = periodBounds(to.slice(0, 7), "month").to === to ? to : addDays(`${to.slice(0, 7)}-01`, -1);
  const months = { firstMonth: firstWhole.slice(0, 7), lastMonth: lastWhole.slice(0, 7) };
  // No whole month inside: every day from the daily cells (and firstMonth is after lastMonth).
  if (firstWhole > lastWhole) return { from, headTo: to, ...months, tailFrom: addDays(to, 1), to };
  return { from, headTo: addDays(firstWhole, -1), ...months, tailFrom: addDays(lastWhole, 1), to };
}

/** A grain's cells over the range's parts (see rangeParts): days, whole months, days. */
function cellsOver(
  day: { table: string; dim: string; key: string },
  month: { table: string; dim: string },
  columns: string,
): string {
  const days = (first: string, last: string) =>
    `SELECT ${day.key} AS key, ${columns} FROM ${day.table} WHERE dim = '${day.dim}' AND local_day BETWEEN ${first} AND ${last}`;
  return `${days("@from", "@headTo")}
    UNION ALL SELECT key, ${columns} FROM ${month.table} WHERE dim = '${month.dim}' AND month BETWEEN @firstMonth AND @lastMonth
    UNION ALL ${days("@tailFrom", "@to")}`;
}
const breakdown = (dayDim: string, monthDim: string, dayKey = "key") =>
  `SELECT key, ${SUMS} FROM (${cellsOver({ table: "report_cells", dim: dayDim, key: dayKey }, { table: "report_month_cells", dim: monthDim }, MEASURES.join(", "))}) GROUP BY key`;
const ADDON_SUMS = ADDON_MEASURES.map((m) => `sum(${m}) AS ${m}`).join(", ");

/** The SQL the report reads the cache with; exported so a test can assert its query plan. */
export const REPORT_QUERIES = {
  /** The whole-day cells of the range: the totals and every over-time period are sums of these. */
  days: `SELECT local_day, ${MEASURES.join(", ")} FROM report_cells WHERE dim = 'all' AND local_day BETWEEN @from AND @to`,
  service: `SELECT b.*, s.name AS name FROM (${breakdown("service", "service")}) b JOIN services s ON s.id = b.key ORDER BY s.name`,
  therapist: `SELECT b.*, t.name AS name FROM (${breakdown("therapist", "therapist")}) b JOIN therapists t ON t.id = b.key ORDER BY t.name`,
  channel: `${breakdown("channel", "channel")} ORDER BY key`,
  language: `${breakdown("language", "language")} ORDER BY key`,
  weekdayHour: `SELECT key / 24 AS weekday, key % 24 AS hour, * FROM (${breakdown("hour", "weekday_hour", WEEKDAY_HOUR("local_day", "key"))}) ORDER BY key`,
  addons: `SELECT g.*, a.code, coalesce(t.title, a.code) AS title
           FROM (SELECT addon_id, ${ADDON_SUMS}
                 FROM (${cellsOver({ table: "report_addon_cells", dim: "all", key: "key" }, { table: "report_addon_month_cells", dim: "all" }, `addon_id, ${ADDON_MEASURES.join(", ")}`)})
                 GROUP BY addon_id) g
           JOIN addons a ON a.id = g.addon_id
           LEFT JOIN addon_texts t ON t.addon_id = g.addon_id AND t.lang = 'en'
           ORDER BY a.sort_order, a.id`,
} as const;

const ZERO: Counts = Object.fromEntries(MEASURES.map((m) => [m, 0])) as Counts;

function countsOf(row: Partial<Record<Measure, number | null>> | undefined): Counts {
  const out = { ...ZERO };
  if (row) for (const m of MEASURES) out[m] = row[m] ?? 0;
  return out;
}

function addTo(sum: Counts, c: Counts): void {
  for (const m of MEASURES) sum[m] += c[m];
}

type Row = Record<string, number | string | null>;
const all = (db: DB, sql: string, p: { from: string; to: string }) => stmt(db, sql).all(p) as Row[];

/** What the breakdowns' rows are keyed by: a service or therapist by name, a channel, a language, a weekday × hour. */
const named = (r: Row) => ({ id: Number(r.key), name: String(r.name) });
const channelOf = (r: Row) => ({ channel: r.key === 1 ? ("desk" as const) : ("kiosk" as const) });
const languageOf = (r: Row) => ({ language: languageOfKey(r.key) });
const weekdayHourOf = (r: Row) => ({ weekday: Number(r.weekday), hour: Number(r.hour) });

/** A breakdown row's figures (FIGURES), and its screening stages (counts only). */
const withFigures = <K extends object>({ counts, ...key }: K & { counts: Counts }) => ({
  ...key,
  figures: figuresOf(counts),
});
const screeningOf = (c: Pick<Counts, "screened_out" | "therapist_check">) => ({
  screenedOut: c.screened_out,
  therapistCheck: c.therapist_check,
});
const withScreening = <K extends object>({ counts, ...key }: K & { counts: Counts }) => ({
  ...key,
  ...screeningOf(counts),
});

/** The whole uptake report of a range: totals, per add-on, over time, breakdowns and funnel. */
export function uptakeReport(m: Model, input: ReportInput): UptakeReport {
  const { db } = m;
  refreshReportCache(m, input.from, input.to);
  const p = { from: input.from, to: input.to };
  // Totals and periods from the same day rows; every period of the range is listed, one
  // without check-ins with zero counts (and null rates), so the chart, the table and the
  // exports show the quiet days instead of skipping them.
  const totals = { ...ZERO };
  const byPeriod = new Map<string, Counts>();
  for (const r of all(db, REPORT_QUERIES.days, p)) {
    const day = countsOf(r);
    addTo(totals, day);
    const period = periodOf(String(r.local_day), input.grain);
    const sum = byPeriod.get(period);
    if (sum) addTo(sum, day);
    else byPeriod.set(period, day);
  }
  const parts = rangeParts(p.from, p.to);
  /** A breakdown's rows read from the cache: each row's key and its counts. */
  const read = <K extends object>(sql: string, keyOf: (r: Row) => K) =>
    all(db, sql, parts).map((r) => ({ ...keyOf(r), counts: countsOf(r as Partial<Counts>) }));
  const addons = all(db, REPORT_QUERIES.addons, parts);
  const byAddon: AddonFigures[] = addons.map((r) => ({
    addonId: Number(r.addon_id),
    code: String(r.code),
    title: String(r.title),
    shown: Number(r.shown),
    chosenAtKiosk: Number(r.chosen_kiosk),
    taken: Number(r.taken),
    revenueCents: Number(r.revenue_cents),
    extraMinutes: Number(r.extra_minutes),
    takeRate: ratio(Number(r.taken), Number(r.shown)),
  }));
  const byService = read(REPORT_QUERIES.service, named);
  const byChannel = read(REPORT_QUERIES.channel, channelOf);
  const byLanguage = read(REPORT_QUERIES.language, languageOf);
  return {
    range: p,
    timeZone: getSettings(db).timeZone,
    grain: input.grain,
    totals: figuresOf(totals),
    byAddon,
    overTime: periodsOf(p, input.grain).map((o) => ({ ...o, figures: figuresOf(byPeriod.get(o.period) ?? ZERO) })),
    byService: byService.map(withFigures),
    byTherapist: read(REPORT_QUERIES.therapist, named).map(withFigures),
    byChannel: byChannel.map(withFigures),
    byLanguage: byLanguage.map(withFigures),
    weekdayHour: read(REPORT_QUERIES.weekdayHour, weekdayHourOf).map(withFigures),
    funnel: funnelOf(
      {
        offered: totals.offered,
        accepted: totals.f_accepted,
        confirmed: totals.f_confirmed,
        printed: totals.f_printed,
        deskReviewed: totals.desk_reviewed,
        overridden: totals.overridden,
      },
      {
        total: screeningOf(totals),
        byAddon: addons.map((r) => ({
          addonId: Number(r.addon_id),
          code: String(r.code),
          title: String(r.title),
          screenedOut: Number(r.screened_out),
          therapistCheck: Number(r.therapist_check),
        })),
        byService: byService.map(withScreening),
        byChannel: byChannel.map(withScreening),
        byLanguage: byLanguage.map(withScreening),
      },
    ),
  };
}
