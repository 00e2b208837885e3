import type { DB } from "../open";
import { stmt } from "../stmt";
import type { RefreshPart } from "./cache";
import { bookedRows, checkInFacts, KEYS, lineFacts, REFRESH_QUERIES } from "./cache-sql";
import { ADDON_MEASURES, BREAKDOWNS, MEASURES, WEEKDAY_HOUR } from "./measures";
import type { ReportSums } from "./sums";

/**
 * A report over a range the cache has not built, counted straight from the source tables: each check-in's facts and
 * its offer lines' facts are the cache's own (db/reports/cache-sql.ts: checkInFacts, lineFacts), read in key order a
 * step at a time and summed per key, with nothing written to the file. On the bench's year of 1,000,000 check-ins,
 * 7-8 µs of work a check-in against the cache's 12-13 (no kept facts, no cells, no stale entries to write, no write
 * lock): the first report in 4.1-4.7 s on two threads, against 9.5 s for building the cache first the same day. The
 * cache is built after the report is shown (electron/ipc/handlers/reports.ts).
 */

const summed = (columns: readonly string[]) => columns.map((m) => `sum(${m}) AS ${m}`).join(", ");
const SOURCE_TABLES = [
  `report_source (${KEYS.join(", ")}, ${MEASURES.join(", ")})`,
  `report_source_addons (addon_id, ${ADDON_MEASURES.join(", ")})`,
];
/** Which 4,096-key block a check-in is in (IN_PART). */
const BLOCK_BITS = 12;
/**
 * Keys per step, eight blocks: on the bench's year about 16,000 check-ins of a part, about 120 ms (steps of four
 * blocks: 3.9-4.2 s a part, against 3.8-3.9 s).
 */
const STEP_KEYS = 8 << BLOCK_BITS;
/**
 * Which check-ins a part counts: part i of n takes the blocks of 4,096 keys whose number % n is i, so each thread
 * reads its own pages of the tables (odd and even keys had both threads read every page: 4.0-4.3 s against 3.6-3.9 s
 * a part for the bench's year), and any range is shared about evenly.
 */
const IN_PART = (key: string) => `(${key} >> ${BLOCK_BITS}) % @parts = @part`;

/** The check-ins of a step: of the range and the part, keys in [@lo, @hi] (walked in key order). */
const STEP = `WHERE c.appointment_id BETWEEN @lo AND @hi AND c.local_day BETWEEN @from AND @to AND ${IN_PART("c.appointment_id")}`;
const byKey = (key: string) => `SELECT ${key} AS key, ${summed(MEASURES)} FROM temp.report_source GROUP BY 1`;

/** The statements of a count from the source (exported so a test can assert their query plans). */
export const SOURCE_QUERIES = {
  /** The part's check-ins in the range (the progress's total) and their first and last key (where the steps go). */
  size: `SELECT count(*) AS n, min(appointment_id) AS lo, max(appointment_id) AS hi FROM check_ins WHERE local_day BETWEEN @from AND @to AND ${IN_PART("appointment_id")}`,
  /** How many of them the cache would have to refresh. */
  stale: `SELECT count(*) FROM report_stale WHERE local_day BETWEEN @from AND @to AND ${IN_PART("appointment_id")}`,
  /**
   * A step: the facts of the part's check-ins of the range with keys in [@lo, @hi] (the refresh's own, read in key
   * order), summed per combination of keys (the bench's year: 21,900 in all) into the part's sums.
   */
  sums: `INSERT INTO temp.report_source SELECT ${KEYS.join(", ")}, ${summed(MEASURES)}
         FROM (${checkInFacts("check_ins c", "c.appointment_id", STEP, false)}) GROUP BY ${KEYS.join(", ")}`,
  /** The same step's offer lines (ADDON_FACTS' own facts), summed per add-on. */
  addonSums: `INSERT INTO temp.report_source_addons SELECT addon_id, ${summed(ADDON_MEASURES)}
              FROM (SELECT i.addon_id, ${lineFacts("coalesce(o.channel, '')", "coalesce(o.status, '') != 'voided'")}
                    FROM check_ins c JOIN offers o ON o.appointment_id = c.appointment_id JOIN offer_items i ON i.offer_id = o.id
                    LEFT JOIN screening_answers sa ON sa.appointment_id = c.appointment_id AND sa.addon_id = i.addon_id
                    ${STEP})
              GROUP BY addon_id`,
  /** The same step's booked-ahead add-ons (ADDON_FACTS' own), summed per add-on beside the lines' sums. */
  bookedSums: `INSERT INTO temp.report_source_addons SELECT addon_id, ${summed(ADDON_MEASURES)}
               FROM (${bookedRows("c", STEP)}) GROUP BY addon_id`,
  /** How many check-ins the part's sums hold so far (the progress). */
  counted: "SELECT total(check_ins) FROM temp.report_source",
  days: `SELECT local_day, ${summed(MEASURES)} FROM temp.report_source GROUP BY local_day`,
  service: byKey(BREAKDOWNS.service),
  therapist: byKey(BREAKDOWNS.therapist),
  channel: byKey(BREAKDOWNS.channel),
  language: byKey(BREAKDOWNS.language),
  weekdayHour: byKey(WEEKDAY_HOUR("local_day", "hour")),
  addons: `SELECT addon_id, ${summed(ADDON_MEASURES)} FROM temp.report_source_addons GROUP BY addon_id`,
} as const;

/** Empties a count's scratch tables on the connection (temp: never in the file), creating them first if need be. */
export const emptySourceTables = (db: DB) => {
  for (const t of SOURCE_TABLES)
    db.exec(`CREATE TEMP TABLE IF NOT EXISTS ${t}; DELETE FROM temp.${t.slice(0, t.indexOf(" "))};`);
};

/** A part's count: its sums (null: refreshing the cache is the quicker way), on the snapshot's count of changes. */
export interface SourceCount {
  /** How many changes could have moved a figure when the snapshot was taken (migration 0022). */
  changes: number;
  sums: ReportSums | null;
}

/**
 * `count`, one call at a time on a connection: the calls share its scratch tables, and a thread may be asked for two
 * ranges at once (the Reports screen asks for its range and the one it is compared with).
 */
function oneAtATime<A extends unknown[]>(count: (db: DB, ...rest: A) => Promise<SourceCount>) {
  const running = new WeakMap<DB, Promise<unknown>>();
  return (db: DB, ...rest: A): Promise<SourceCount> => {
    const next = (running.get(db) ?? Promise.resolve()).then(() => count(db, ...rest));
    running.set(
      db,
      next.catch(() => undefined),
    );
    return next;
  };
}

/**
 * Counts one part of [from, to] from the source tables on one read snapshot, a step of STEP_KEYS keys at a time, with
 * `pause()` between steps (the thread's other tasks go on) and `report(done, total)` after each. Answers null sums,
 * counting nothing, when fewer than half of the part's check-ins there are stale: a refresh pass costs about twice a
 * count's work per check-in, and the cache's refresh of those few is then the quicker way to the report. `db` may be
 * read-only: only its temp tables are written.
 */
export const countFromSource = oneAtATime(async function countOnce(
  db: DB,
  from: string,
  to: string,
  part: RefreshPart,
  pause: () => Promise<unknown>,
  report?: (done: number, total: number) => void,
): Promise<SourceCount> {
  stmt(db, "BEGIN").run();
  try {
    const changes = stmt(db, REFRESH_QUERIES.changes).pluck().get() as number;
    const size = stmt(db, SOURCE_QUERIES.size).get({ from, to, ...part }) as { n: number; lo: number; hi: number };
    const stale = stmt(db, SOURCE_QUERIES.stale)
      .pluck()
      .get({ from, to, ...part }) as number;
    if (stale * 2 < size.n) return { changes, sums: null };
    report?.(0, size.n);
    emptySourceTables(db);
    // No check-in of the part in the range: no first key, no step, empty sums.
    for (let lo = size.lo; size.n > 0 && lo <= size.hi; lo += STEP_KEYS) {
      const step = { from, to, ...part, lo, hi: lo + STEP_KEYS - 1 };
      stmt(db, SOURCE_QUERIES.sums).run(step);
      stmt(db, SOURCE_QUERIES.addonSums).run(step);
      stmt(db, SOURCE_QUERIES.bookedSums).run(step);
      if (report) report(stmt(db, SOURCE_QUERIES.counted).pluck().get() as number, size.n);
      await pause();
    }
    const all = <R>(sql: string) => stmt(db, sql).all() as R[];
    const sums: ReportSums = {
      days: all(SOURCE_QUERIES.days),
      service: all(SOURCE_QUERIES.service),
      therapist: all(SOURCE_QUERIES.therapist),
      channel: all(SOURCE_QUERIES.channel),
      language: all(SOURCE_QUERIES.language),
      weekdayHour: all(SOURCE_QUERIES.weekdayHour),
      addons: all(SOURCE_QUERIES.addons),
    };
    emptySourceTables(db);
    return { changes, sums };
  } finally {
    if (db.inTransaction) stmt(db, "COMMIT").run();
  }
});
