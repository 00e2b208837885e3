import type { Model, ReadModel } from "../model";
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
import type { ReportSums } from "./sums";

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

/** The SQL the report reads the cache's sums with (ReportSums); exported so a test can assert its query plan. */
export const REPORT_QUERIES = {
  /** The whole-day cells of the range: the totals and every over-time period are sums of these. */
  days: `SELECT local_day, ${MEASURES.join(", ")} FROM report_cells WHERE dim = 'all' AND local_day BETWEEN @from AND @to`,
  service: breakdown("service", "service"),
  therapist: breakdown("therapist", "therapist"),
  channel: breakdown("channel", "channel"),
  language: breakdown("language", "language"),
  weekdayHour: breakdown("hour", "weekday_hour", WEEKDAY_HOUR("local_day", "key")),
  addons: `SELECT addon_id, ${ADDON_SUMS}
           FROM (${cellsOver({ table: "report_addon_cells", dim: "all", key: "key" }, { table: "report_addon_month_cells", dim: "all" }, `addon_id, ${ADDON_MEASURES.join(", ")}`)})
           GROUP BY addon_id`,
} as const;

/** What the report's rows are named and listed by: services and therapists by name, add-ons as the kiosk lists them. */
const NAME_QUERIES = {
  service: "SELECT id, name FROM services ORDER BY name, id",
  therapist: "SELECT id, name FROM therapists ORDER BY name, id",
  addons: `SELECT a.id, a.code, coalesce(t.title, a.code) AS title FROM addons a
           LEFT JOIN addon_texts t ON t.addon_id = a.id AND t.lang = 'en' ORDER BY a.sort_order, a.id`,
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

/** The range's sums read from the cache's cells (after uptakeReport has brought them up to date). */
export function cachedSums(db: DB, range: { from: string; to: string }): ReportSums {
  const parts = rangeParts(range.from, range.to);
  const keyed = (sql: string) => stmt(db, sql).all(parts) as ReportSums["service"];
  return {
    days: stmt(db, REPORT_QUERIES.days).all(range) as ReportSums["days"],
    service: keyed(REPORT_QUERIES.service),
    therapist: keyed(REPORT_QUERIES.therapist),
    channel: keyed(REPORT_QUERIES.channel),
    language: keyed(REPORT_QUERIES.language),
    weekdayHour: keyed(REPORT_QUERIES.weekdayHour),
    addons: stmt(db, REPORT_QUERIES.addons).all(parts) as ReportSums["addons"],
  };
}

/** A breakdown's rows, each with its counts, in the order `keys` lists them (a key not listed is left out). */
function inOrder<K>(rows: ReportSums["service"], keys: readonly number[], keyOf: (key: number) => K) {
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return keys.flatMap((key) => {
    const r = byKey.get(key);
    return r ? [{ ...keyOf(key), counts: countsOf(r) }] : [];
  });
}
const sortedKeys = (rows: ReportSums["service"]) => rows.map((r) => r.key).sort((a, b) => a - b);
/** Services or therapists named, listed by name. */
function named(db: DB, sql: string, rows: ReportSums["service"]) {
  const names = stmt(db, sql).all() as { id: number; name: string }[];
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  return inOrder(
    rows,
    names.map((n) => n.id),
    (id) => ({ id, name: nameOf.get(id) ?? "" }),
  );
}

/** A breakdown row's figures (FIGURES), and its screening stages (counts only). */
const withFigures = <K extends object>({ counts, ...key }: K & { counts: Counts }) => ({
  ...key,
  figures: figuresOf(counts),
});
/**
 * A breakdown's rows with an add-on booked ahead, each keyed as the kiosk's row of the same check-ins (`keyOf`), with
 * its booked-ahead counts (FIGURES bookedAhead…): their own rows, in none of the kiosk's.
 */
const bookedRows = <R extends { counts: Counts }, K extends object>(rows: readonly R[], keyOf: (row: R) => K) =>
  rows
    .filter((r) => r.counts.booked > 0)
    .map((r) => ({
      ...keyOf(r),
      count: r.counts.booked,
      minutes: r.counts.booked_minutes,
      valueCents: r.counts.booked_cents,
    }));
const screeningOf = (c: Pick<Counts, "screened_out" | "therapist_check">) => ({
  screenedOut: c.screened_out,
  therapistCheck: c.therapist_check,
});
const withScreening = <K extends object>({ counts, ...key }: K & { counts: Counts }) => ({
  ...key,
  ...screeningOf(counts),
});

/** The whole uptake report of a range, from the cache (brought up to date first). */
export function uptakeReport(m: Model, input: ReportInput): UptakeReport {
  refreshReportCache(m, input.from, input.to);
  return assembleReport(m, input, cachedSums(m.db, input));
}

/**
 * The report from a range's sums, however counted (the cache, or the source tables: db/reports/source.ts): totals,
 * per add-on, over time, breakdowns named and in order, and the funnel.
 */
export function assembleReport(m: ReadModel, input: ReportInput, sums: ReportSums): UptakeReport {
  const { db } = m;
  const p = { from: input.from, to: input.to };
  // Totals and periods from the same day rows; every period of the range is listed, one
  // without check-ins with zero counts (and null rates), so the chart, the table and the
  // exports show the quiet days instead of skipping them.
  const totals = { ...ZERO };
  const byPeriod = new Map<string, Counts>();
  for (const r of sums.days) {
    const day = countsOf(r);
    addTo(totals, day);
    const period = periodOf(r.local_day, input.grain);
    const sum = byPeriod.get(period);
    if (sum) addTo(sum, day);
    else byPeriod.set(period, day);
  }
  const addonSums = new Map(sums.addons.map((r) => [r.addon_id, r]));
  const catalog = (stmt(db, NAME_QUERIES.addons).all() as { id: number; code: string; title: string }[]).flatMap(
    (a) => {
      const r = addonSums.get(a.id);
      return r ? [{ ...a, ...r }] : [];
    },
  );
  // The kiosk's add-ons: those it offered (an offer line); an add-on only booked ahead is in bookedAhead alone.
  const addons = catalog.filter((r) => r.lines > 0);
  const booked = catalog
    .filter((r) => r.booked > 0)
    .map((r) => ({
      addonId: r.id,
      code: r.code,
      title: r.title,
      count: r.booked,
      minutes: r.booked_minutes,
      valueCents: r.booked_cents,
    }));
  const byAddon: AddonFigures[] = addons.map((r) => ({
    addonId: r.id,
    code: r.code,
    title: r.title,
    shown: r.shown,
    chosenAtKiosk: r.chosen_kiosk,
    taken: r.taken,
    revenueCents: r.revenue_cents,
    extraMinutes: r.extra_minutes,
    takeRate: ratio(r.taken, r.shown),
  }));
  const byService = named(db, NAME_QUERIES.service, sums.service);
  const byChannel = inOrder(sums.channel, sortedKeys(sums.channel), (key) => ({
    channel: key === 1 ? ("desk" as const) : ("kiosk" as const),
  }));
  const byLanguage = inOrder(sums.language, sortedKeys(sums.language), (key) => ({ language: languageOfKey(key) }));
  const overTime = periodsOf(p, input.grain).map((o) => ({ ...o, counts: byPeriod.get(o.period) ?? ZERO }));
  const byTherapist = named(db, NAME_QUERIES.therapist, sums.therapist);
  const weekdayHour = inOrder(sums.weekdayHour, sortedKeys(sums.weekdayHour), (key) => ({
    weekday: Math.floor(key / 24),
    hour: key % 24,
  }));
  return {
    range: p,
    timeZone: getSettings(db).timeZone,
    grain: input.grain,
    totals: figuresOf(totals),
    byAddon,
    bookedAhead: {
      total: {
        count: booked.reduce((n, b) => n + b.count, 0),
        minutes: booked.reduce((n, b) => n + b.minutes, 0),
        valueCents: booked.reduce((n, b) => n + b.valueCents, 0),
      },
      byAddon: booked,
      overTime: bookedRows(overTime, ({ period }) => ({ period })),
      byService: bookedRows(byService, ({ id }) => ({ id })),
      byTherapist: bookedRows(byTherapist, ({ id }) => ({ id })),
      byChannel: bookedRows(byChannel, ({ channel }) => ({ channel })),
      byLanguage: bookedRows(byLanguage, ({ language }) => ({ language })),
      weekdayHour: bookedRows(weekdayHour, ({ weekday, hour }) => ({ weekday, hour })),
    },
    overTime: overTime.map(withFigures),
    byService: byService.map(withFigures),
    byTherapist: byTherapist.map(withFigures),
    byChannel: byChannel.map(withFigures),
    byLanguage: byLanguage.map(withFigures),
    weekdayHour: weekdayHour.map(withFigures),
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
          addonId: r.id,
          code: r.code,
          title: r.title,
          screenedOut: r.screened_out,
          therapistCheck: r.therapist_check,
        })),
        byService: byService.map(withScreening),
        byChannel: byChannel.map(withScreening),
        byLanguage: byLanguage.map(withScreening),
      },
    ),
  };
}
