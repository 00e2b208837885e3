import { DECIDED_SQL, SETTLED_SQL } from "../kiosk/offers";
import { ADDON_COLUMNS, ADDON_MEASURES, CELL_TABLES, LANGUAGE_KEY, MEASURES, type CellsTable } from "./measures";

/**
 * The statements of a report-cache refresh (db/reports/cache.ts runs them): the connection's scratch
 * tables, picking stale check-ins, computing their facts and differences, and moving the cells.
 */

/** The appointments of one refresh pass (temp: the connection's own scratch, never in the file). */
const TODO = "SELECT appointment_id FROM temp.report_todo";
const DELTA_TABLE = "temp.report_delta";
const ADDON_DELTA_TABLE = "temp.report_addon_delta";
/** The keys a check-in's facts are summed by: its day, hour, channel, service, therapist and language. */
export const KEYS = ["local_day", "hour", "ch", "service_id", "therapist_id", "lang"] as const;

/** The scratch table where a pass sums its differences per cell of a cells table, before adding them. */
const sumsOf = (t: CellsTable) => `${t.table}_sums`;

export const TEMP_TABLES = [
  "report_picked (local_day, appointment_id)",
  "report_todo (appointment_id INTEGER PRIMARY KEY)",
  `report_new (appointment_id INTEGER PRIMARY KEY, ${KEYS.join(", ")}, offer_id, offer_channel, v, ${MEASURES.join(", ")})`,
  `report_new_addons (appointment_id, addon_id, ${ADDON_MEASURES.join(", ")})`,
  `report_delta (${KEYS.join(", ")}, ${MEASURES.join(", ")})`,
  `report_addon_delta (local_day, addon_id, items, ${ADDON_MEASURES.join(", ")})`,
  ...[CELL_TABLES.day, CELL_TABLES.month].map((t) => `${sumsOf(t)} (dim, ${t.period}, key, ${MEASURES.join(", ")})`),
  ...[CELL_TABLES.addonDay, CELL_TABLES.addonMonth].map(
    (t) => `${sumsOf(t)} (dim, ${t.period}, key, addon_id, ${ADDON_COLUMNS.join(", ")})`,
  ),
];

/**
 * The stale entries of the range, a pass at a time (in key order), and their check-ins: those of one part
 * (`appointment_id % @parts = @part`; part 0 of 1 is every check-in). Each part is refreshed by one thread only
 * (electron/background/protocol.ts, splitLanes), so passes of two threads never share a check-in, not even one
 * moved between days (stale on both): their differences add up in any order.
 */
export const PICK = `INSERT INTO temp.report_picked SELECT local_day, appointment_id FROM report_stale WHERE local_day BETWEEN @from AND @to AND appointment_id % @parts = @part LIMIT @limit`;
const PICKED_CHECK_INS = "INSERT OR IGNORE INTO temp.report_todo SELECT appointment_id FROM temp.report_picked";

/** A sum over a check-in's booked-ahead add-ons in checkInFacts' base (0 without any, or once cancelled). */
const bookedSum = (column: string) =>
  `CASE WHEN booked_n = 0 THEN 0 ELSE (SELECT sum(b.${column}) FROM booked_addons b WHERE b.appointment_id = base.appointment_id) END`;

/**
 * Each check-in's facts (db/reports/measures.ts says what each column counts), as a SELECT: the check-ins of `from`
 * (check_ins as c) that `where` keeps, in the order of `id`, their key. MATERIALIZED for a refresh pass, whose facts
 * are read twice (the cells' sums and the kept facts).
 */
export const checkInFacts = (from: string, id: string, where: string, materialized: boolean) => /* sql */ `
WITH base AS ${materialized ? "MATERIALIZED " : ""}(
  SELECT ${id} AS appointment_id, c.local_day, c.local_hour AS hour, (c.channel = 'desk') AS ch, a.service_id, a.therapist_id, ${LANGUAGE_KEY} AS lang,
         o.id AS offer_id, coalesce(o.channel, '') AS offer_channel, coalesce(o.status, '') AS status,
         coalesce(sum(i.shown), 0) AS shown_n, coalesce(sum(i.guest_selected), 0) AS chose_n,
         -- Put to the guest: shown at the kiosk, or added by the desk (which may add one the kiosk hid).
         coalesce(sum(i.shown OR i.final_selected), 0) AS put_n,
         coalesce(sum(i.final_selected), 0) AS final_n, coalesce(sum(i.final_selected * i.price_cents), 0) AS cents,
         coalesce(sum(i.final_selected * i.extra_minutes), 0) AS minutes,
         coalesce(sum(i.final_selected > i.guest_selected), 0) AS added_n,
         coalesce(sum(i.final_selected != i.guest_selected), 0) AS diff_n, coalesce(o.status, '') != 'voided' AS v,
         -- Both screening outcomes in one look at the guest's answers: bit 1 "not today", bit 2 "therapist to check".
         (SELECT max(sa.outcome = 'notToday') | (max(sa.outcome = 'check') << 1)
          FROM screening_answers sa WHERE sa.appointment_id = c.appointment_id) AS screening,
         -- Its add-ons booked ahead (bookedRows' own: none for a cancelled visit), counted by one look at their key;
         -- their minutes and price are read only when there are some.
         CASE WHEN a.status = 'cancelled' THEN 0
              ELSE (SELECT count(*) FROM booked_addons b WHERE b.appointment_id = c.appointment_id) END AS booked_n
  -- In the order of the check-ins' key, each with its offer's lines summed as they are met: no sort, no scratch index.
  FROM ${from}
  JOIN appointments a ON a.id = c.appointment_id
  LEFT JOIN offers o ON o.appointment_id = c.appointment_id
  LEFT JOIN offer_items i ON i.offer_id = o.id
  ${where}
  GROUP BY ${id})
SELECT appointment_id, local_day, hour, ch, service_id, therapist_id, lang, offer_id, offer_channel, v,
       1 AS check_ins,
       put_n > 0 AS offered,
       put_n > 1 AS offered_multi,
       offer_channel = 'kiosk' AND chose_n > 0 AS accepted_kiosk,
       v AND added_n > 0 AS added_desk,
       status IN ${SETTLED_SQL} AS confirmed,
       status = 'voided' AS voided,
       v AND final_n > 0 AS taken,
       v AND final_n > 1 AS taken_multi,
       CASE WHEN v THEN cents ELSE 0 END AS revenue_cents,
       CASE WHEN v THEN minutes ELSE 0 END AS extra_minutes,
       put_n > 0 AND (chose_n > 0 OR (v AND final_n > 0)) AS f_accepted,
       put_n > 0 AND (chose_n > 0 OR (v AND final_n > 0)) AND status IN ${SETTLED_SQL} AND final_n > 0 AS f_confirmed,
       -- Whether a ticket printed is asked only of a confirmed add-on (CASE: the others never look), and after the
       -- other sources are read: on the bench's year (72% confirmed), 17% less time in this statement than asked of
       -- every check-in among them; 20% with the screening outcomes read in one look.
       -- CROSS JOIN keeps tickets outer: per appointment, never through every printed job.
       CASE WHEN put_n > 0 AND (chose_n > 0 OR (v AND final_n > 0)) AND status IN ${SETTLED_SQL} AND final_n > 0
            THEN EXISTS (SELECT 1 FROM tickets t CROSS JOIN print_jobs j ON j.ticket_id = t.id
                         WHERE t.appointment_id = base.appointment_id AND j.status = 'printed')
            ELSE 0 END AS f_printed,
       shown_n > 0 AND offer_channel = 'kiosk' AND status IN ${DECIDED_SQL} AS desk_reviewed,
       shown_n > 0 AND offer_channel = 'kiosk' AND status IN ${DECIDED_SQL}
         AND (CASE WHEN status = 'voided' THEN chose_n > 0 ELSE diff_n > 0 END) AS overridden,
       coalesce(screening & 1, 0) AS screened_out,
       coalesce(screening >> 1, 0) AS therapist_check,
       booked_n AS booked,
       ${bookedSum("extra_minutes")} AS booked_minutes,
       ${bookedSum("price_cents")} AS booked_cents
FROM base`;

/** The current facts of the pass's check-ins, into temp.report_new. */
const FACTS = `INSERT INTO temp.report_new ${checkInFacts("temp.report_todo p CROSS JOIN check_ins c ON c.appointment_id = p.appointment_id", "p.appointment_id", "", true)}`;

/**
 * An offer line's facts, one column per add-on measure, of the line `i` (offer_items) and its screening answer `sa`,
 * given its offer's channel and whether the offer stands (not voided).
 */
export const lineFacts = (channel: string, v: string) => {
  const facts: Record<(typeof ADDON_MEASURES)[number], string> = {
    // Offered this add-on: shown at the kiosk, or added by the desk (so never fewer offered than took it).
    shown: "(i.shown OR i.final_selected)",
    chosen_kiosk: `${channel} = 'kiosk' AND i.guest_selected`,
    taken: `${v} AND i.final_selected`,
    revenue_cents: `CASE WHEN ${v} AND i.final_selected THEN i.price_cents ELSE 0 END`,
    extra_minutes: `CASE WHEN ${v} AND i.final_selected THEN i.extra_minutes ELSE 0 END`,
    screened_out: "coalesce(sa.outcome = 'notToday', 0)",
    therapist_check: "coalesce(sa.outcome = 'check', 0)",
    lines: "1",
    booked: "0",
    booked_minutes: "0",
    booked_cents: "0",
  };
  return ADDON_MEASURES.map((m) => `${facts[m]} AS ${m}`).join(",\n       ");
};

/**
 * A booked-ahead add-on's facts (booked_addons `b`, migration 0036), the same columns as lineFacts': none of the
 * kiosk's, its own count, minutes and price.
 */
const bookedFacts = (b: string) =>
  ADDON_MEASURES.map(
    (m) =>
      `${m === "booked" ? "1" : m === "booked_minutes" ? `${b}.extra_minutes` : m === "booked_cents" ? `${b}.price_cents` : "0"} AS ${m}`,
  ).join(", ");

/**
 * The booked-ahead add-ons of the check-ins `c` (alias of a row with appointment_id) as facts rows: those of an
 * appointment not cancelled (a cancelled visit's add-ons were not had, as its offer is voided). `where` narrows them.
 */
export const bookedRows = (c: string, where: string) => /* sql */ `
  SELECT ${c}.appointment_id, b.addon_id, ${bookedFacts("b")}
  FROM ${c === "f" ? "temp.report_new f" : "check_ins c"} JOIN booked_addons b ON b.appointment_id = ${c}.appointment_id
  JOIN appointments ap ON ap.id = ${c}.appointment_id AND ap.status != 'cancelled'
  ${where}`;

/** The current per-add-on facts of the pass's check-ins, one row per add-on: its offer line, booked ahead, or both. */
const ADDON_FACTS = /* sql */ `
INSERT INTO temp.report_new_addons
SELECT appointment_id, addon_id, ${ADDON_MEASURES.map((m) => `sum(${m})`).join(", ")} FROM (
  SELECT f.appointment_id, i.addon_id,
         ${lineFacts("f.offer_channel", "f.v")}
  FROM temp.report_new f JOIN offer_items i ON i.offer_id = f.offer_id
  LEFT JOIN screening_answers sa ON sa.appointment_id = f.appointment_id AND sa.addon_id = i.addon_id
  UNION ALL ${bookedRows("f", "")})
GROUP BY appointment_id, addon_id`;

const negated = (columns: readonly string[], alias: string) => columns.map((m) => `-${alias}.${m}`).join(", ");
const prefixed = (columns: readonly string[], alias: string) => columns.map((m) => `${alias}.${m}`).join(", ");

const summed = (columns: readonly string[]) => columns.map((m) => `sum(${m})`).join(", ");

/**
 * What the pass changes, summed per combination of cell keys: each check-in's new facts, and its kept (old) facts
 * subtracted. Summed once here, the cells of every grain and period are sums over far fewer rows than check-ins
 * (a pass of 20,000 check-ins of the bench's year: 480 rows), and sums of integers are the same in any order.
 */
const DELTA = /* sql */ `
INSERT INTO ${DELTA_TABLE}
SELECT ${KEYS.join(", ")}, ${summed(MEASURES)} FROM (
  SELECT ${KEYS.join(", ")}, ${MEASURES.join(", ")} FROM temp.report_new
  UNION ALL
  SELECT ${prefixed(KEYS, "f")}, ${negated(MEASURES, "f")} FROM report_facts f WHERE f.appointment_id IN (${TODO}))
GROUP BY ${KEYS.join(", ")}`;

/**
 * The same per add-on, per day: the number of offer lines (items) and their measures. The add-on cells have no grain
 * but the day (CELL_TABLES: dims "all" only), so the day is the whole key.
 */
const ADDON_DELTA = /* sql */ `
INSERT INTO ${ADDON_DELTA_TABLE}
SELECT local_day, addon_id, ${summed(ADDON_COLUMNS)} FROM (
  SELECT f.local_day, a.addon_id, 1 AS items, ${prefixed(ADDON_MEASURES, "a")}
  FROM temp.report_new_addons a JOIN temp.report_new f ON f.appointment_id = a.appointment_id
  UNION ALL
  SELECT f.local_day, a.addon_id, -1, ${negated(ADDON_MEASURES, "a")}
  FROM report_addon_facts a JOIN report_facts f ON f.appointment_id = a.appointment_id WHERE a.appointment_id IN (${TODO}))
GROUP BY local_day, addon_id`;

const periodOfDelta = (t: CellsTable) => (t.period === "month" ? "substr(local_day, 1, 7)" : "local_day");

/** Sums the pass's differences per cell of a table, at every grain, into its sums table (sumsOf). */
function sumDelta(t: CellsTable, from: string, extraKey: string[], columns: readonly string[]): string {
  const group = [2, 3, ...extraKey.map((_, i) => 4 + i)].join(", "); // period, key, extra keys (result columns)
  return /* sql */ `
INSERT INTO temp.${sumsOf(t)}
${Object.entries(t.dims)
  .map(
    ([dim, key]) =>
      `  SELECT '${dim}', ${periodOfDelta(t)}, ${key}, ${[...extraKey, summed(columns)].join(", ")} FROM ${from} GROUP BY ${group}`,
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
/**
 * A refresh of every part, computed and written in one transaction (a report's own): a change to the cache, so a
 * pass computed before it is computed again (migration 0022). A background pass of one part does not count: the
 * other parts' passes never share its check-ins.
 */
export const COUNTED = "UPDATE report_changes SET n = n + 1 WHERE id = 1";
export const COMPUTE = Object.values(COMPUTE_QUERIES);
export const APPLY = Object.values(APPLY_QUERIES);

/** Every statement of a refresh (exported so a test can assert their query plans). */
export const REFRESH_QUERIES = {
  anyStale: "SELECT 1 FROM report_stale WHERE local_day BETWEEN @from AND @to LIMIT 1",
  /** How many stale entries of one part a refresh of [from, to] has before it (its progress's total). */
  staleInPart:
    "SELECT count(*) FROM report_stale WHERE local_day BETWEEN @from AND @to AND appointment_id % @parts = @part",
  newestStaleDays:
    "SELECT DISTINCT local_day FROM report_stale WHERE appointment_id % @parts = @part ORDER BY local_day DESC LIMIT @days",
  /** How many changes could have moved a figure so far (migration 0022): a pass is written on the count it saw. */
  changes: "SELECT n FROM report_changes WHERE id = 1",
  pick: PICK,
  ...COMPUTE_QUERIES,
  ...APPLY_QUERIES,
  counted: COUNTED,
} as const;

/** Empties the scratch tables before a pass. */
export const CLEAR = TEMP_TABLES.map((t) => `DELETE FROM temp.${t.slice(0, t.indexOf(" "))}`);
