import type { Model, ReadModel } from "../model";
import { languageSchema, type Language } from "../../contract/common";
import type { DB } from "../open";
import { stmt } from "../stmt";
import { DECIDED_SQL, SETTLED_SQL } from "../kiosk/offers";

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
 *   screened_out   ≥ 1 screening answer with outcome notToday (migration 0021)
 *   therapist_check ≥ 1 screening answer with outcome check ("therapist will check", or not said)
 * The counts are cached per day and grain (migration 0004) and rolled up per month for the
 * breakdowns; each check-in's own contribution is kept beside them (report_facts, migration
 * 0007) so a change moves the cells by the difference instead of recomputing its day.
 */

export const MEASURES = [
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
  "screened_out",
  "therapist_check",
] as const;
export type Measure = (typeof MEASURES)[number];
export type Counts = Record<Measure, number>;

/** weekday × 24 + hour of a check-in (weekday 0 = Sunday): the weekday × hour key of the monthly roll-up. */
export const WEEKDAY_HOUR = (day: string, hour: string) => `CAST(strftime('%w', ${day}) AS INTEGER) * 24 + ${hour}`;

/**
 * Where a refresh pass adds its differences: a cells table, the column its period is in (the
 * check-in day, or the month of the roll-ups) and each grain's key over the pass's facts.
 */
export interface CellsTable {
  table: string;
  period: "local_day" | "month";
  dims: Record<string, string>;
}
export const BREAKDOWNS = { service: "service_id", therapist: "therapist_id", channel: "ch", language: "lang" };
export const CELL_TABLES = {
  day: { table: "report_cells", period: "local_day", dims: { all: "0", hour: "hour", ...BREAKDOWNS } },
  month: {
    table: "report_month_cells",
    period: "month",
    dims: { weekday_hour: WEEKDAY_HOUR("local_day", "hour"), ...BREAKDOWNS },
  },
  addonDay: { table: "report_addon_cells", period: "local_day", dims: { all: "0" } },
  addonMonth: { table: "report_addon_month_cells", period: "month", dims: { all: "0" } },
} satisfies Record<string, CellsTable>;

/** The appointments of one refresh pass (temp: the connection's own scratch, never in the file). */
const TODO = "SELECT appointment_id FROM temp.report_todo";
const DELTA_TABLE = "temp.report_delta";
const ADDON_DELTA_TABLE = "temp.report_addon_delta";
const KEYS = ["local_day", "hour", "ch", "service_id", "therapist_id", "lang"] as const;

/**
 * A check-in's language key in the cells: 0 for none (a desk check-in), else its place in `languageSchema` from 1
 * (migration 0011).
 */
const LANGUAGE_KEY = `CASE c.lang ${languageSchema.options.map((l, i) => `WHEN '${l}' THEN ${i + 1}`).join(" ")} ELSE 0 END`;
export const languageOfKey = (key: unknown): Language | null => languageSchema.options[Number(key) - 1] ?? null;
/** Per offer line; screened_out and therapist_check: the guest's screening outcome for that add-on (0021). */
export const ADDON_MEASURES = [
  "shown",
  "chosen_kiosk",
  "taken",
  "revenue_cents",
  "extra_minutes",
  "screened_out",
  "therapist_check",
] as const;
const ADDON_COLUMNS = ["items", ...ADDON_MEASURES];
/** The scratch table where a pass sums its differences per cell of a cells table, before adding them. */
const sumsOf = (t: CellsTable) => `${t.table}_sums`;

const TEMP_TABLES = [
  "report_picked (local_day, appointment_id)",
  "report_todo (appointment_id INTEGER PRIMARY KEY)",
  `report_new (appointment_id INTEGER PRIMARY KEY, ${KEYS.join(", ")}, offer_id, offer_channel, v, ${MEASURES.join(", ")})`,
  `report_new_addons (appointment_id, addon_id, ${ADDON_MEASURES.join(", ")})`,
  `report_delta (${KEYS.join(", ")}, ${MEASURES.join(", ")})`,
  `report_addon_delta (${KEYS.join(", ")}, addon_id, items, ${ADDON_MEASURES.join(", ")})`,
  ...[CELL_TABLES.day, CELL_TABLES.month].map((t) => `${sumsOf(t)} (dim, ${t.period}, key, ${MEASURES.join(", ")})`),
  ...[CELL_TABLES.addonDay, CELL_TABLES.addonMonth].map(
    (t) => `${sumsOf(t)} (dim, ${t.period}, key, addon_id, ${ADDON_COLUMNS.join(", ")})`,
  ),
];

/** Stale entries taken per pass: the scratch tables stay small at any history size. */
const PASS_SIZE = 20_000;
/** A background pass: small enough that its transaction holds the write lock for tens of milliseconds. */
export const SLICE_SIZE = 250;
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
                 WHERE t.appointment_id = c.appointment_id AND j.status = 'printed') AS printed,
         EXISTS (SELECT 1 FROM screening_answers sa WHERE sa.appointment_id = c.appointment_id AND sa.outcome = 'notToday') AS screened_out,
         EXISTS (SELECT 1 FROM screening_answers sa WHERE sa.appointment_id = c.appointment_id AND sa.outcome = 'check') AS therapist_check
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
       status IN ${SETTLED_SQL} AS confirmed,
       status = 'voided' AS voided,
       v AND final_n > 0 AS taken,
       v AND final_n > 1 AS taken_multi,
       CASE WHEN v THEN cents ELSE 0 END AS revenue_cents,
       CASE WHEN v THEN minutes ELSE 0 END AS extra_minutes,
       shown_n > 0 AND (chose_n > 0 OR (v AND final_n > 0)) AS f_accepted,
       shown_n > 0 AND (chose_n > 0 OR (v AND final_n > 0)) AND status IN ${SETTLED_SQL} AND final_n > 0 AS f_confirmed,
       shown_n > 0 AND (chose_n > 0 OR (v AND final_n > 0)) AND status IN ${SETTLED_SQL} AND final_n > 0 AND printed AS f_printed,
       shown_n > 0 AND offer_channel = 'kiosk' AND status IN ${DECIDED_SQL} AS desk_reviewed,
       shown_n > 0 AND offer_channel = 'kiosk' AND status IN ${DECIDED_SQL}
         AND (CASE WHEN status = 'voided' THEN chose_n > 0 ELSE diff_n > 0 END) AS overridden,
       screened_out,
       therapist_check
FROM base`;

/** The current per-add-on facts of the pass's check-ins, one row per offer line. */
const ADDON_FACTS = /* sql */ `
INSERT INTO temp.report_new_addons
SELECT f.appointment_id, i.addon_id, i.shown,
       f.offer_channel = 'kiosk' AND i.guest_selected,
       f.v AND i.final_selected,
       CASE WHEN f.v AND i.final_selected THEN i.price_cents ELSE 0 END,
       CASE WHEN f.v AND i.final_selected THEN i.extra_minutes ELSE 0 END,
       coalesce(sa.outcome = 'notToday', 0),
       coalesce(sa.outcome = 'check', 0)
FROM temp.report_new f JOIN offer_items i ON i.offer_id = f.offer_id
LEFT JOIN screening_answers sa ON sa.appointment_id = f.appointment_id AND sa.addon_id = i.addon_id`;

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

/** Sums the pass's differences per cell of a table, at every grain, into its sums table (sumsOf). */
function sumDelta(t: CellsTable, from: string, extraKey: string[], columns: readonly string[]): string {
  const group = [2, 3, ...extraKey.map((_, i) => 4 + i)].join(", "); // period, key, extra keys (result columns)
  return /* sql */ `
INSERT INTO temp.${sumsOf(t)}
${Object.entries(t.dims)
  .map(
    ([dim, key]) =>
      `  SELECT '${dim}', ${periodOfDelta(t)}, ${key}, ${[...extraKey, ...columns.map((m) => `sum(${m})`)].join(", ")} FROM ${from} GROUP BY ${group}`,
  )
  .join("\n  UNION ALL\n")}`;
}

/** Adds the summed differences to a table's cells (an upsert: a new key starts at the difference). */
const applySums = (t: CellsTable, extraKey: string[], columns: readonly string[]) => /* sql */ `
INSERT INTO ${t.table} (dim, ${t.period}, key, ${[...extraKey, ...columns].join(", ")})
SELECT * FROM temp.${sumsOf(t)} WHERE true
ON CONFLICT (dim, ${t.period}, key${extraKey.map((k) => `, ${k}`).join("")}) DO UPDATE SET ${columns.map((m) => `${m} = ${m} + excluded.${m}`).join(", ")}`;

/** Removes a table's cells whose last check-in (or offer line) moved away, in the periods the pass touched. */
const prune = (t: CellsTable, from: string, count: string) =>
  `DELETE FROM ${t.table} WHERE dim IN (${Object.keys(t.dims)
    .map((d) => `'${d}'`)
    .join(", ")}) AND ${t.period} IN (SELECT ${periodOfDelta(t)} FROM ${from}) AND ${count} = 0`;

/**
 * A pass after picking its check-ins, in two steps. COMPUTE only reads the database (it writes the
 * connection's temp tables): the facts, their differences and each cell's sum. APPLY writes: the
 * cells moved by the sums, the emptied cells removed, the kept facts replaced, the stale entries
 * done. The background writer computes on a read snapshot and applies in a short write
 * transaction (prepareCachePass, applyCachePass); a report's own refresh does both in one.
 */
const COMPUTE_QUERIES = {
  todo: PICKED_CHECK_INS,
  facts: FACTS,
  addonFacts: ADDON_FACTS,
  delta: DELTA,
  addonDelta: ADDON_DELTA,
  cellSums: sumDelta(CELL_TABLES.day, DELTA_TABLE, [], MEASURES),
  monthCellSums: sumDelta(CELL_TABLES.month, DELTA_TABLE, [], MEASURES),
  addonCellSums: sumDelta(CELL_TABLES.addonDay, ADDON_DELTA_TABLE, ["addon_id"], ADDON_COLUMNS),
  addonMonthCellSums: sumDelta(CELL_TABLES.addonMonth, ADDON_DELTA_TABLE, ["addon_id"], ADDON_COLUMNS),
} as const;
const APPLY_QUERIES = {
  cells: applySums(CELL_TABLES.day, [], MEASURES),
  monthCells: applySums(CELL_TABLES.month, [], MEASURES),
  addonCells: applySums(CELL_TABLES.addonDay, ["addon_id"], ADDON_COLUMNS),
  addonMonthCells: applySums(CELL_TABLES.addonMonth, ["addon_id"], ADDON_COLUMNS),
  prune: prune(CELL_TABLES.day, DELTA_TABLE, "check_ins"),
  pruneMonths: prune(CELL_TABLES.month, DELTA_TABLE, "check_ins"),
  pruneAddons: prune(CELL_TABLES.addonDay, ADDON_DELTA_TABLE, "items"),
  pruneAddonMonths: prune(CELL_TABLES.addonMonth, ADDON_DELTA_TABLE, "items"),
  dropFacts: `DELETE FROM report_facts WHERE appointment_id IN (${TODO})`,
  keepFacts: `INSERT INTO report_facts (appointment_id, ${KEYS.join(", ")}, ${MEASURES.join(", ")}) SELECT appointment_id, ${KEYS.join(", ")}, ${MEASURES.join(", ")} FROM temp.report_new`,
  dropAddonFacts: `DELETE FROM report_addon_facts WHERE appointment_id IN (${TODO})`,
  keepAddonFacts: "INSERT INTO report_addon_facts SELECT * FROM temp.report_new_addons",
  /**
   * The picked entries, each found by its key (a check-in's other stale day, if any, waits for its own pass:
   * recomputing it again changes nothing).
   */
  done: "DELETE FROM report_stale WHERE (local_day, appointment_id) IN (SELECT local_day, appointment_id FROM temp.report_picked)",
} as const;
const COMPUTE = Object.values(COMPUTE_QUERIES);
const APPLY = Object.values(APPLY_QUERIES);

/** Every statement of a refresh (exported so a test can assert their query plans). */
export const REFRESH_QUERIES = {
  anyStale: "SELECT 1 FROM report_stale WHERE local_day BETWEEN @from AND @to LIMIT 1",
  newestStaleDays: "SELECT DISTINCT local_day FROM report_stale ORDER BY local_day DESC LIMIT @days",
  pick: PICK,
  ...COMPUTE_QUERIES,
  ...APPLY_QUERIES,
} as const;

const prepared = new WeakSet<DB>();
/** Creates the connection's scratch tables (TEMP: never in the file, never shared), once per connection. */
export function ensureScratchTables(m: Model): void {
  const { db } = m;
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
export function refreshReportCache(m: Model, from: string, to: string): number {
  const { db } = m;
  const p = { from, to };
  if (stmt(db, REFRESH_QUERIES.anyStale).get(p) === undefined) return 0;
  ensureScratchTables(m);
  let refreshed = 0;
  db.transaction(() => {
    for (;;) {
      for (const sql of CLEAR) stmt(db, sql).run();
      const picked = stmt(db, PICK).run({ ...p, limit: PASS_SIZE }).changes;
      if (picked === 0) break;
      refreshed += picked;
      for (const sql of [...COMPUTE, ...APPLY]) stmt(db, sql).run();
    }
  }).immediate();
  return refreshed;
}

/**
 * Whether [from, to] holds more stale check-ins than one background pass takes: a report over a
 * few changed check-ins refreshes them where it reads (a millisecond); a cold range goes to the
 * background worker first, pass by pass, so no one waits on the write lock meanwhile.
 */
export function needsBackgroundRefresh(m: ReadModel, from: string, to: string): boolean {
  const n = stmt(
    m.db,
    "SELECT count(*) FROM (SELECT 1 FROM report_stale WHERE local_day BETWEEN @from AND @to LIMIT @limit)",
  )
    .pluck()
    .get({ from, to, limit: SLICE_SIZE }) as number;
  return n >= SLICE_SIZE;
}

/** What prepareCachePass computed: how many check-ins, on which version of the file (PRAGMA data_version). */
export interface PreparedPass {
  from: string;
  to: string;
  limit: number;
  picked: number;
  version: number;
}

const dataVersion = (db: DB) => db.pragma("data_version", { simple: true }) as number;

/**
 * The first step of a background pass, without the write lock: picks at most `limit` stale
 * check-ins of [from, to] and computes everything the pass changes (facts, differences, each
 * cell's sum) into the connection's temp tables, on one read snapshot, so a kiosk's write never
 * waits for it. applyCachePass writes the result.
 */
export function prepareCachePass(m: Model, from: string, to: string, limit = SLICE_SIZE): PreparedPass {
  const { db } = m;
  ensureScratchTables(m);
  return db.transaction(() => {
    for (const sql of CLEAR) stmt(db, sql).run();
    const picked = stmt(db, PICK).run({ from, to, limit }).changes;
    if (picked > 0) for (const sql of COMPUTE) stmt(db, sql).run();
    return { from, to, limit, picked, version: dataVersion(db) };
  })();
}

/**
 * The second step, in a short write transaction: writes what prepareCachePass computed, and says
 * how many check-ins that was. Null, writing nothing, when another connection committed since
 * that snapshot (a check-in may have changed, or a report refreshed some of the same check-ins):
 * the caller prepares again, or runs the pass in the lock (refreshReportCachePass).
 */
export function applyCachePass(m: Model, prepared: PreparedPass): number | null {
  const { db } = m;
  if (prepared.picked === 0) return 0;
  return db
    .transaction(() => {
      if (dataVersion(db) !== prepared.version) return null;
      for (const sql of APPLY) stmt(db, sql).run();
      return prepared.picked;
    })
    .immediate();
}

/**
 * One pass of refreshReportCache in its own transaction, computed in the lock: at most `limit` stale check-ins of
 * [from, to]. Returns how many.
 */
export function refreshReportCachePass(m: Model, from: string, to: string, limit = SLICE_SIZE): number {
  const { db } = m;
  ensureScratchTables(m);
  return db
    .transaction(() => {
      for (const sql of CLEAR) stmt(db, sql).run();
      const picked = stmt(db, PICK).run({ from, to, limit }).changes;
      if (picked > 0) for (const sql of [...COMPUTE, ...APPLY]) stmt(db, sql).run();
      return picked;
    })
    .immediate();
}

/**
 * Refreshes the stale check-ins of the newest `days` stale days (one transaction) and says how
 * many days that was: the app calls it in the background after start, a slice at a time, so
 * the first report after an upgrade or a bulk import does not wait for years of history.
 */
export function refreshNewestStaleDays(m: Model, days: number): number {
  const { db } = m;
  const newest = stmt(db, REFRESH_QUERIES.newestStaleDays).pluck().all({ days }) as string[];
  const last = newest[0];
  const first = newest.at(-1);
  if (last && first) refreshReportCache(m, first, last);
  return newest.length;
}
