import { periodBounds, periodOf, periodsOf, type AddonFigures, type Figures, type ReportInput, type UptakeReport } from "../../contract/reports";
import { languageSchema, type Language } from "../../contract/common";
import type { DB } from "../open";
import { getSettings } from "../settings";
import { stmt } from "../stmt";
import { addDays } from "../time";

/**
 * Manager reports (definitions: FIGURES in contract/reports.ts). Every figure is a count over the
 * guests who checked in on the range's spa-local days, so breakdowns always add up to the totals.
 *
 * Per check-in, from its appointment's offer and offer items ("v" = the offer is not voided):
 *   offered        ≥ 1 item shown (available to take)
 *   offered_multi  ≥ 2 items shown
 *   accepted_kiosk offer channel kiosk and ≥ 1 item guest_selected
 *   added_desk     v and ≥ 1 item final_selected but not guest_selected
 *   confirmed      status confirmed | changed
 *   voided         status voided
 *   taken          v and ≥ 1 item final_selected        taken_multi: v and ≥ 2
 *   revenue_cents  v: Σ price_cents snapshot of final items   extra_minutes: the same for minutes
 *   f_accepted     offered and (≥ 1 guest_selected or (v and ≥ 1 final_selected))
 *   f_confirmed    f_accepted and status confirmed | changed and ≥ 1 final_selected
 *   f_printed      f_confirmed and a print job of one of its tickets reached 'printed'
 *   desk_reviewed  offered, offer channel kiosk, status confirmed | changed | voided
 *   overridden     desk_reviewed and the final add-ons (none when voided) ≠ the guest's picks
 * The counts are cached per day and grain (migration 0004) and rolled up per month for the
 * breakdowns; each check-in's own contribution is kept beside them (report_facts, migration
 * 0007) so a change moves the cells by the difference instead of recomputing its day.
 */

const MEASURES = [
  "check_ins",
  "offered",
  "offered_multi",
  "accepted_kiosk",
  "added_desk",
  "confirmed",
  "voided",
  "taken",
  "taken_multi",
  "revenue_cents",
  "extra_minutes",
  "f_accepted",
  "f_confirmed",
  "f_printed",
  "desk_reviewed",
  "overridden",
] as const;
type Measure = (typeof MEASURES)[number];
type Counts = Record<Measure, number>;

/** weekday × 24 + hour of a check-in (weekday 0 = Sunday): the weekday × hour key of the monthly roll-up. */
const WEEKDAY_HOUR = (day: string, hour: string) => `CAST(strftime('%w', ${day}) AS INTEGER) * 24 + ${hour}`;

/**
 * Where a refresh pass adds its differences: a cells table, the column its period is in (the
 * check-in day, or the month of the roll-ups) and each grain's key over the pass's facts.
 */
interface CellsTable {
  table: string;
  period: "local_day" | "month";
  dims: Record<string, string>;
}
const BREAKDOWNS = { service: "service_id", therapist: "therapist_id", channel: "ch", language: "lang" };
const CELL_TABLES = {
  day: { table: "report_cells", period: "local_day", dims: { all: "0", hour: "hour", ...BREAKDOWNS } },
  month: { table: "report_month_cells", period: "month", dims: { weekday_hour: WEEKDAY_HOUR("local_day", "hour"), ...BREAKDOWNS } },
  addonDay: { table: "report_addon_cells", period: "local_day", dims: { all: "0" } },
  addonMonth: { table: "report_addon_month_cells", period: "month", dims: { all: "0" } },
} satisfies Record<string, CellsTable>;

/** The appointments of one refresh pass (temp: the connection's own scratch, never in the file). */
const TODO = "SELECT appointment_id FROM temp.report_todo";
const DELTA_TABLE = "temp.report_delta";
const ADDON_DELTA_TABLE = "temp.report_addon_delta";
const KEYS = ["local_day", "hour", "ch", "service_id", "therapist_id", "lang"] as const;

/** A check-in's language key in the cells: 0 for none (a desk check-in), else its place in `languageSchema` from 1 (migration 0011). */
const LANGUAGE_KEY = `CASE c.lang ${languageSchema.options.map((l, i) => `WHEN '${l}' THEN ${i + 1}`).join(" ")} ELSE 0 END`;
const languageOfKey = (key: unknown): Language | null => languageSchema.options[Number(key) - 1] ?? null;
const ADDON_MEASURES = ["shown", "chosen_kiosk", "taken", "revenue_cents", "extra_minutes"] as const;

const TEMP_TABLES = [
  "report_picked (local_day, appointment_id)",
  "report_todo (appointment_id INTEGER PRIMARY KEY)",
  `report_new (appointment_id INTEGER PRIMARY KEY, ${KEYS.join(", ")}, offer_id, offer_channel, v, ${MEASURES.join(", ")})`,
  `report_new_addons (appointment_id, addon_id, ${ADDON_MEASURES.join(", ")})`,
  `report_delta (${KEYS.join(", ")}, ${MEASURES.join(", ")})`,
  `report_addon_delta (${KEYS.join(", ")}, addon_id, items, ${ADDON_MEASURES.join(", ")})`,
];

/** Stale entries taken per pass: the scratch tables stay small at any history size. */
const PASS_SIZE = 20_000;
/** A background pass: small enough that its transaction holds the write lock for tens of milliseconds. */
const SLICE_SIZE = 250;
/** The stale entries of the range, a pass at a time (in key order), and their check-ins. */
const PICK = `INSERT INTO temp.report_picked SELECT local_day, appointment_id FROM report_stale WHERE local_day BETWEEN @from AND @to LIMIT @limit`;
const PICKED_CHECK_INS = "INSERT OR IGNORE INTO temp.report_todo SELECT appointment_id FROM temp.report_picked";

/** The current facts of the pass's check-ins (see the module comment for each column), into temp.report_new. */
const FACTS = /* sql */ `
WITH items AS MATERIALIZED (
  SELECT i.offer_id,
         sum(i.shown) AS shown_n, sum(i.guest_selected) AS chose_n, sum(i.final_selected) AS final_n,
         sum(i.final_selected * i.price_cents) AS cents, sum(i.final_selected * i.extra_minutes) AS minutes,
         sum(i.final_selected > i.guest_selected) AS added_n, sum(i.final_selected != i.guest_selected) AS diff_n
  FROM offers o JOIN offer_items i ON i.offer_id = o.id
  WHERE o.appointment_id IN (${TODO})
  GROUP BY i.offer_id),
base AS MATERIALIZED (
  SELECT c.appointment_id, c.local_day, c.local_hour AS hour, (c.channel = 'desk') AS ch, a.service_id, a.therapist_id, ${LANGUAGE_KEY} AS lang,
         o.id AS offer_id, coalesce(o.channel, '') AS offer_channel, coalesce(o.status, '') AS status,
         coalesce(x.shown_n, 0) AS shown_n, coalesce(x.chose_n, 0) AS chose_n, coalesce(x.final_n, 0) AS final_n,
         coalesce(x.cents, 0) AS cents, coalesce(x.minutes, 0) AS minutes, coalesce(x.added_n, 0) AS added_n,
         coalesce(x.diff_n, 0) AS diff_n, coalesce(o.status, '') != 'voided' AS v,
         -- CROSS JOIN keeps tickets outer: per appointment, never through every printed job.
         EXISTS (SELECT 1 FROM tickets t CROSS JOIN print_jobs j ON j.ticket_id = t.id
                 WHERE t.appointment_id = c.appointment_id AND j.status = 'printed') AS printed
  FROM check_ins c
  JOIN appointments a ON a.id = c.appointment_id
  LEFT JOIN offers o ON o.appointment_id = c.appointment_id
  LEFT JOIN items x ON x.offer_id = o.id
  WHERE c.appointment_id IN (${TODO}))
INSERT INTO temp.report_new
SELECT appointment_id, local_day, hour, ch, service_id, therapist_id, lang, offer_id, offer_channel, v,
       1 AS check_ins,
       shown_n > 0 AS offered,
       shown_n > 1 AS offered_multi,
       offer_channel = 'kiosk' AND chose_n > 0 AS accepted_kiosk,
       v AND added_n > 0 AS added_desk,
       status IN ('confirmed', 'changed') AS confirmed,
       status = 'voided' AS voided,
       v AND final_n > 0 AS taken,
       v AND final_n > 1 AS taken_multi,
       CASE WHEN v THEN cents ELSE 0 END AS revenue_cents,
       CASE WHEN v THEN minutes ELSE 0 END AS extra_minutes,
       shown_n > 0 AND (chose_n > 0 OR (v AND final_n > 0)) AS f_accepted,
       shown_n > 0 AND (chose_n > 0 OR (v AND final_n > 0)) AND status IN ('confirmed', 'changed') AND final_n > 0 AS f_confirmed,
       shown_n > 0 AND (chose_n > 0 OR (v AND final_n > 0)) AND status IN ('confirmed', 'changed') AND final_n > 0 AND printed AS f_printed,
       shown_n > 0 AND offer_channel = 'kiosk' AND status IN ('confirmed', 'changed', 'voided') AS desk_reviewed,
       shown_n > 0 AND offer_channel = 'kiosk' AND status IN ('confirmed', 'changed', 'voided')
         AND (CASE WHEN status = 'voided' THEN chose_n > 0 ELSE diff_n > 0 END) AS overridden
FROM base`;

/** The current per-add-on facts of the pass's check-ins, one row per offer line. */
const ADDON_FACTS = /* sql */ `
INSERT INTO temp.report_new_addons
SELECT f.appointment_id, i.addon_id, i.shown,
       f.offer_channel = 'kiosk' AND i.guest_selected,
       f.v AND i.final_selected,
       CASE WHEN f.v AND i.final_selected THEN i.price_cents ELSE 0 END,
       CASE WHEN f.v AND i.final_selected THEN i.extra_minutes ELSE 0 END
FROM temp.report_new f JOIN offer_items i ON i.offer_id = f.offer_id`;

const negated = (columns: readonly string[], alias: string) => columns.map((m) => `-${alias}.${m}`).join(", ");
const prefixed = (columns: readonly string[], alias: string) => columns.map((m) => `${alias}.${m}`).join(", ");

/** What the pass changes: each check-in's new facts, and its kept (old) facts subtracted. */
const DELTA = /* sql */ `
INSERT INTO ${DELTA_TABLE}
SELECT ${KEYS.join(", ")}, ${MEASURES.join(", ")} FROM temp.report_new
UNION ALL
SELECT ${prefixed(KEYS, "f")}, ${negated(MEASURES, "f")} FROM report_facts f WHERE f.appointment_id IN (${TODO})`;

const ADDON_DELTA = /* sql */ `
INSERT INTO ${ADDON_DELTA_TABLE}
SELECT ${prefixed(KEYS, "f")}, a.addon_id, 1, ${prefixed(ADDON_MEASURES, "a")}
FROM temp.report_new_addons a JOIN temp.report_new f ON f.appointment_id = a.appointment_id
UNION ALL
SELECT ${prefixed(KEYS, "f")}, a.addon_id, -1, ${negated(ADDON_MEASURES, "a")}
FROM report_addon_facts a JOIN report_facts f ON f.appointment_id = a.appointment_id WHERE a.appointment_id IN (${TODO})`;

const periodOfDelta = (t: CellsTable) => (t.period === "month" ? "substr(local_day, 1, 7)" : "local_day");

/** Adds the pass's differences to a table's cells at every grain (an upsert: a new key starts at the difference). */
function applyDelta(t: CellsTable, from: string, extraKey: string[], columns: readonly string[]): string {
  const group = [2, 3, ...extraKey.map((_, i) => 4 + i)].join(", "); // period, key, extra keys (result columns)
  return /* sql */ `
INSERT INTO ${t.table} (dim, ${t.period}, key, ${[...extraKey, ...columns].join(", ")})
SELECT * FROM (
${Object.entries(t.dims)
  .map(([dim, key]) => `  SELECT '${dim}', ${periodOfDelta(t)}, ${key}, ${[...extraKey, ...columns.map((m) => `sum(${m})`)].join(", ")} FROM ${from} GROUP BY ${group}`)
  .join("\n  UNION ALL\n")}
) WHERE true
ON CONFLICT (dim, ${t.period}, key${extraKey.map((k) => `, ${k}`).join("")}) DO UPDATE SET ${columns.map((m) => `${m} = ${m} + excluded.${m}`).join(", ")}`;
}

/** Removes a table's cells whose last check-in (or offer line) moved away, in the periods the pass touched. */
const prune = (t: CellsTable, from: string, count: string) =>
  `DELETE FROM ${t.table} WHERE dim IN (${Object.keys(t.dims)
    .map((d) => `'${d}'`)
    .join(", ")}) AND ${t.period} IN (SELECT ${periodOfDelta(t)} FROM ${from}) AND ${count} = 0`;

const ADDON_COLUMNS = ["items", ...ADDON_MEASURES];
/** A pass after picking its check-ins, in order: facts, differences, cells, then the kept facts replaced. */
const PASS_QUERIES = {
  todo: PICKED_CHECK_INS,
  facts: FACTS,
  addonFacts: ADDON_FACTS,
  delta: DELTA,
  addonDelta: ADDON_DELTA,
  cells: applyDelta(CELL_TABLES.day, DELTA_TABLE, [], MEASURES),
  monthCells: applyDelta(CELL_TABLES.month, DELTA_TABLE, [], MEASURES),
  addonCells: applyDelta(CELL_TABLES.addonDay, ADDON_DELTA_TABLE, ["addon_id"], ADDON_COLUMNS),
  addonMonthCells: applyDelta(CELL_TABLES.addonMonth, ADDON_DELTA_TABLE, ["addon_id"], ADDON_COLUMNS),
  prune: prune(CELL_TABLES.day, DELTA_TABLE, "check_ins"),
  pruneMonths: prune(CELL_TABLES.month, DELTA_TABLE, "check_ins"),
  pruneAddons: prune(CELL_TABLES.addonDay, ADDON_DELTA_TABLE, "items"),
  pruneAddonMonths: prune(CELL_TABLES.addonMonth, ADDON_DELTA_TABLE, "items"),
  dropFacts: `DELETE FROM report_facts WHERE appointment_id IN (${TODO})`,
  keepFacts: `INSERT INTO report_facts (appointment_id, ${KEYS.join(", ")}, ${MEASURES.join(", ")}) SELECT appointment_id, ${KEYS.join(", ")}, ${MEASURES.join(", ")} FROM temp.report_new`,
  dropAddonFacts: `DELETE FROM report_addon_facts WHERE appointment_id IN (${TODO})`,
  keepAddonFacts: "INSERT INTO report_addon_facts SELECT * FROM temp.report_new_addons",
} as const;
const PASS = Object.values(PASS_QUERIES);

/** Every statement of a refresh (exported so a test can assert their query plans). */
export const REFRESH_QUERIES = {
  anyStale: "SELECT 1 FROM report_stale WHERE local_day BETWEEN @from AND @to LIMIT 1",
  newestStaleDays: "SELECT DISTINCT local_day FROM report_stale ORDER BY local_day DESC LIMIT @days",
  pick: PICK,
  ...PASS_QUERIES,
  /** The picked entries, each found by its key (a check-in's other stale day, if any, waits for its own pass: recomputing it again changes nothing). */
  done: "DELETE FROM report_stale WHERE (local_day, appointment_id) IN (SELECT local_day, appointment_id FROM temp.report_picked)",
} as const;

const prepared = new WeakSet<DB>();
/** Creates the connection's scratch tables (TEMP: never in the file, never shared), once per connection. */
export function ensureScratchTables(db: DB): void {
  if (prepared.has(db)) return;
  db.exec(TEMP_TABLES.map((t) => `CREATE TEMP TABLE IF NOT EXISTS ${t};`).join("\n"));
  prepared.add(db);
}
const CLEAR = TEMP_TABLES.map((t) => `DELETE FROM temp.${t.slice(0, t.indexOf(" "))}`);

/**
 * Brings the cached figures of [from, to] up to date, in one transaction: the stale check-ins
 * of the range, PASS_SIZE per pass, have their facts recomputed from the source tables and
 * the cells moved by the difference to the facts kept from last time. One changed check-in
 * costs one check-in's work, whatever the size of its day. Stale check-ins outside the range
 * wait for a report that asks for them; a check-in moved to another day is refreshed whole
 * (both days' cells) by the first pass that meets it, and again harmlessly for the other day.
 * Returns the number of check-ins refreshed.
 */
export function refreshReportCache(db: DB, from: string, to: string): number {
  const p = { from, to };
  if (stmt(db, REFRESH_QUERIES.anyStale).get(p) === undefined) return 0;
  ensureScratchTables(db);
  let refreshed = 0;
  db.transaction(() => {
    for (;;) {
      for (const sql of CLEAR) stmt(db, sql).run();
      const picked = stmt(db, PICK).run({ ...p, limit: PASS_SIZE }).changes;
      if (picked === 0) break;
      refreshed += picked;
      for (const sql of PASS) stmt(db, sql).run();
      stmt(db, REFRESH_QUERIES.done).run();
    }
  }).immediate();
  return refreshed;
}

/**
 * One pass of refreshReportCache in its own short transaction: at most `limit` stale
 * check-ins of [from, to]. The background worker refreshes a range pass by pass, so the write
 * lock is never held long enough to keep a kiosk's check-in waiting. Returns how many.
 */
export function refreshReportCachePass(db: DB, from: string, to: string, limit = SLICE_SIZE): number {
  const p = { from, to, limit };
  ensureScratchTables(db);
  return db.transaction(() => {
    for (const sql of CLEAR) stmt(db, sql).run();
    const picked = stmt(db, PICK).run(p).changes;
    if (picked === 0) return 0;
    for (const sql of PASS) stmt(db, sql).run();
    stmt(db, REFRESH_QUERIES.done).run();
    return picked;
  }).immediate();
}

/**
 * Refreshes the stale check-ins of the newest `days` stale days (one transaction) and says how
 * many days that was: the app calls it in the background after start, a slice at a time, so
 * the first report after an upgrade or a bulk import does not wait for years of history.
 */
export function refreshNewestStaleDays(db: DB, days: number): number {
  const newest = stmt(db, REFRESH_QUERIES.newestStaleDays).pluck().all({ days }) as string[];
  const last = newest[0];
  const first = newest.at(-1);
  if (last && first) refreshReportCache(db, first, last);
  return newest.length;
}

const SUMS = MEASURES.map((m) => `sum(${m}) AS ${m}`).join(", ");

/**
 * The range as the cache reads it: the whole months inside it from the monthly roll-ups, the days
 * before them [from, headTo] and after them [tailFrom, to] from the daily cells. An empty part
 * has its first bound after its last.
 */
export function rangeParts(from: string, to: string): { from: string; headTo: string; firstMonth: string; lastMonth: string; tailFrom: string; to: string } {
  const firstWhole = from.endsWith("-01") ? from : addDays(periodBounds(from.slice(0, 7), "month").to, 1);
  const lastWhole = periodBounds(to.slice(0, 7), "month").to === to ? to : addDays(`${to.slice(0, 7)}-01`, -1);
  const months = { firstMonth: firstWhole.slice(0, 7), lastMonth: lastWhole.slice(0, 7) };
  // No whole month inside: every day from the daily cells (and firstMonth is after lastMonth).
  if (firstWhole > lastWhole) return { from, headTo: to, ...months, tailFrom: addDays(to, 1), to };
  return { from, headTo: addDays(firstWhole, -1), ...months, tailFrom: addDays(lastWhole, 1), to };
}

/** A grain's cells over the range's parts (see rangeParts): days, whole months, days. */
function cellsOver(day: { table: string; dim: string; key: string }, month: { table: string; dim: string }, columns: string): string {
  const days = (first: string, last: string) => `SELECT ${day.key} AS key, ${columns} FROM ${day.table} WHERE dim = '${day.dim}' AND local_day BETWEEN ${first} AND ${last}`;
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

const ratio = (n: number, d: number): number | null => (d === 0 ? null : n / d);

const ZERO: Counts = Object.fromEntries(MEASURES.map((m) => [m, 0])) as Counts;

function countsOf(row: Partial<Record<Measure, number | null>> | undefined): Counts {
  const out = { ...ZERO };
  if (row) for (const m of MEASURES) out[m] = row[m] ?? 0;
  return out;
}

function addTo(sum: Counts, c: Counts): void {
  for (const m of MEASURES) sum[m] += c[m];
}

/** Rates derived from counts; null, never NaN, when the denominator is 0. */
export function figuresOf(c: Counts): Figures {
  return {
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
    takeRate: ratio(c.taken, c.offered),
    bothRate: ratio(c.taken_multi, c.offered_multi),
    avgExtraMinutes: ratio(c.extra_minutes, c.taken),
  };
}

type Row = Record<string, number | string | null>;
const all = (db: DB, sql: string, p: { from: string; to: string }) => stmt(db, sql).all(p) as Row[];

/** The whole uptake report of a range: totals, per add-on, over time, breakdowns and funnel. */
export function uptakeReport(db: DB, input: ReportInput): UptakeReport {
  refreshReportCache(db, input.from, input.to);
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
  const byAddon: AddonFigures[] = all(db, REPORT_QUERIES.addons, parts).map((r) => ({
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
  const steps = [
    { key: "offered", count: totals.offered },
    { key: "accepted", count: totals.f_accepted },
    { key: "confirmed", count: totals.f_confirmed },
    { key: "printed", count: totals.f_printed },
  ] as const;
  return {
    range: p,
    timeZone: getSettings(db).timeZone,
    grain: input.grain,
    totals: figuresOf(totals),
    byAddon,
    overTime: periodsOf(p, input.grain).map((o) => ({ ...o, figures: figuresOf(byPeriod.get(o.period) ?? ZERO) })),
    byService: all(db, REPORT_QUERIES.service, parts).map((r) => ({ id: Number(r.key), name: String(r.name), figures: figuresOf(countsOf(r as Counts)) })),
    byTherapist: all(db, REPORT_QUERIES.therapist, parts).map((r) => ({ id: Number(r.key), name: String(r.name), figures: figuresOf(countsOf(r as Counts)) })),
    byChannel: all(db, REPORT_QUERIES.channel, parts).map((r) => ({ channel: r.key === 1 ? ("desk" as const) : ("kiosk" as const), figures: figuresOf(countsOf(r as Counts)) })),
    byLanguage: all(db, REPORT_QUERIES.language, parts).map((r) => ({ language: languageOfKey(r.key), figures: figuresOf(countsOf(r as Counts)) })),
    weekdayHour: all(db, REPORT_QUERIES.weekdayHour, parts).map((r) => ({ weekday: Number(r.weekday), hour: Number(r.hour), figures: figuresOf(countsOf(r as Counts)) })),
    funnel: {
      steps: steps.map((s, i) => {
        const prev = i === 0 ? null : (steps[i - 1]?.count ?? 0);
        return { key: s.key, count: s.count, dropOff: prev === null ? 0 : prev - s.count, dropOffRate: prev === null ? null : ratio(prev - s.count, prev) };
      }),
      deskReviewed: totals.desk_reviewed,
      overridden: totals.overridden,
      overrideRate: ratio(totals.overridden, totals.desk_reviewed),
    },
  };
}
