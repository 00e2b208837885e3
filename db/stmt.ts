import type { Statement } from "better-sqlite3";
import type { DB } from "./open";

const caches = new WeakMap<DB, Map<string, Statement>>();

/**
 * A prepared statement for this connection, compiled once and reused: preparing SQL costs more
 * than running it for the small, hot queries of a check-in. The lookup hashes the text, so hot
 * paths pass SQL written once (a module constant), not a template rebuilt on every call.
 */
export function stmt(db: DB, sql: string): Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let s = cache.get(sql);
  if (!s) {
    s = db.prepare(sql);
    cache.set(sql, s);
  }
  return s;
}
