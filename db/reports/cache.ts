import type { Model, ReadModel } from "../model";
import type { DB } from "../open";
import { stmt } from "../stmt";
import { APPLY, CLEAR, COMPUTE, COUNTED, PICK, REFRESH_QUERIES, TEMP_TABLES } from "./cache-sql";

/**
 * The report cache: per-day and per-month cells of the figures (db/reports/measures.ts says what each
 * counts), kept up to date by refresh passes over the stale check-ins (db/reports/cache-sql.ts holds
 * their statements), in the report's own transaction or in the background, a slice at a time.
 */

/** Stale entries taken per pass: the scratch tables stay small at any history size. */
const PASS_SIZE = 20_000;
/** A background pass: small enough that its transaction holds the write lock for tens of milliseconds. */
export const SLICE_SIZE = 250;

/**
 * Which check-ins a background refresh takes: those whose appointment_id % parts = part. Every part is refreshed
 * by one thread only (electron/background/protocol.ts), so two threads' passes never share a check-in.
 */
export interface RefreshPart {
  part: number;
  parts: number;
}
/** Every check-in: one thread, or a report's own refresh in its transaction. */
export const WHOLE: RefreshPart = { part: 0, parts: 1 };

const prepared = new WeakSet<DB>();
/** Creates the connection's scratch tables (TEMP: never in the file, never shared), once per connection. */
export function ensureScratchTables(m: Model): void {
  const { db } = m;
  if (prepared.has(db)) return;
  db.exec(TEMP_TABLES.map((t) => `CREATE TEMP TABLE IF NOT EXISTS ${t};`).join("\n"));
  prepared.add(db);
}

/**
 * A pass's first step, inside the caller's transaction: empties the scratch tables, picks at most `limit` stale
 * entries of `part` in [from, to], and computes the pass's facts, differences and cell sums (COMPUTE) into the
 * scratch tables. Returns how many entries it picked (0: nothing to do, nothing computed).
 */
function computePass(db: DB, from: string, to: string, limit: number, part: RefreshPart): number {
  for (const sql of CLEAR) stmt(db, sql).run();
  const picked = stmt(db, PICK).run({ from, to, limit, ...part }).changes;
  if (picked > 0) for (const sql of COMPUTE) stmt(db, sql).run();
  return picked;
}

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
  if (stmt(db, REFRESH_QUERIES.anyStale).get({ from, to }) === undefined) return 0;
  ensureScratchTables(m);
  let refreshed = 0;
  db.transaction(() => {
    for (;;) {
      const picked = computePass(db, from, to, PASS_SIZE, WHOLE);
      if (picked === 0) break;
      refreshed += picked;
      for (const sql of APPLY) stmt(db, sql).run();
    }
    if (refreshed > 0) stmt(db, COUNTED).run();
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

/** What prepareCachePass computed: how many stale entries, on which count of changes (migration 0022). */
export interface PreparedPass {
  from: string;
  to: string;
  limit: number;
  picked: number;
  changes: number;
}

/** A pass whose stale entries are no longer all there: another pass wrote some of them first. */
class PassOverlapped extends Error {}

const changesSoFar = (db: DB) => stmt(db, REFRESH_QUERIES.changes).pluck().get() as number;
/**
 * How many changes could have moved a figure so far (migration 0022): sums counted on a snapshot still stand while
 * this is what that snapshot saw.
 */
export const reportChanges = (m: ReadModel): number => changesSoFar(m.db);

/**
 * The first step of a background pass, without the write lock: picks at most `limit` stale
 * check-ins of [from, to] and computes everything the pass changes (facts, differences, each
 * cell's sum) into the connection's temp tables, on one read snapshot, so a kiosk's write never
 * waits for it. applyCachePass writes the result.
 */
export function prepareCachePass(
  m: Model,
  from: string,
  to: string,
  limit = SLICE_SIZE,
  part: RefreshPart = WHOLE,
): PreparedPass {
  const { db } = m;
  ensureScratchTables(m);
  return db.transaction(() => {
    const picked = computePass(db, from, to, limit, part);
    return { from, to, limit, picked, changes: changesSoFar(db) };
  })();
}

/**
 * The second step, in a short write transaction: writes what prepareCachePass computed, and says
 * how many check-ins that was. Null, writing nothing, when something a figure depends on changed
 * since that snapshot (a check-in, its offer, a print, a screening answer — anyone's — or a report's
 * own refresh was written): the caller prepares again, or runs the pass in the lock
 * (refreshReportCachePass). Other writes (a walk-in, a sign-in, the print queue, another part's
 * pass) leave the pass valid. Should a pass of another thread have taken some of the same stale
 * entries after all (only a bug could: each part has one thread), the pass finds fewer entries to
 * mark done than it picked, is rolled back whole and answers null: never a difference added twice.
 */
export function applyCachePass(m: Model, prepared: PreparedPass): number | null {
  const { db } = m;
  if (prepared.picked === 0) return 0;
  try {
    return db
      .transaction(() => {
        if (changesSoFar(db) !== prepared.changes) return null;
        for (const sql of APPLY_BUT_DONE) stmt(db, sql).run();
        if (stmt(db, DONE).run().changes !== prepared.picked) throw new PassOverlapped();
        return prepared.picked;
      })
      .immediate();
  } catch (error) {
    if (error instanceof PassOverlapped) return null;
    throw error;
  }
}
const DONE = REFRESH_QUERIES.done;
const APPLY_BUT_DONE = APPLY.filter((sql) => sql !== DONE);

/**
 * One pass of refreshReportCache in its own transaction, computed in the lock: at most `limit` stale check-ins of
 * [from, to]. Returns how many.
 */
export function refreshReportCachePass(
  m: Model,
  from: string,
  to: string,
  limit = SLICE_SIZE,
  part: RefreshPart = WHOLE,
): number {
  const { db } = m;
  ensureScratchTables(m);
  return db
    .transaction(() => {
      const picked = computePass(db, from, to, limit, part);
      if (picked > 0) for (const sql of APPLY) stmt(db, sql).run();
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
  const newest = stmt(db, REFRESH_QUERIES.newestStaleDays)
    .pluck()
    .all({ days, ...WHOLE }) as string[];
  const last = newest[0];
  const first = newest.at(-1);
  if (last && first) refreshReportCache(m, first, last);
  return newest.length;
}
