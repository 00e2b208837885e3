import type { Transaction } from "better-sqlite3";
import type { Actor } from "./audit";
import type { DB } from "./open";
import type { Clock } from "./time";

/** The app's model: one database connection and the clock every rule reads "now" from. */
export interface Model {
  db: DB;
  clock: Clock;
}

/** A signed-in staff member, as the audit log names them. */
export type StaffActor = Extract<Actor, { kind: "staff" }>;

const caches = new WeakMap<DB, Map<unknown, unknown>>();

/**
 * The transaction function of `body` on this connection, made once and reused. better-sqlite3
 * builds four wrapper functions on every `db.transaction(...)` call, which costs more than the
 * statements of a small transaction; hot paths (a kiosk check-in) pass their arguments to a
 * module-level body instead of closing over them.
 */
export function transactionOf<A extends unknown[], R>(db: DB, body: (...args: A) => R): Transaction<(...args: A) => R> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let tx = cache.get(body) as Transaction<(...args: A) => R> | undefined;
  if (!tx) {
    tx = db.transaction(body);
    cache.set(body, tx);
  }
  return tx;
}
