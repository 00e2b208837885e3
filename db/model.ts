import type { Transaction } from "better-sqlite3";
import type { Actor } from "./audit";
import type { DB } from "./open";
import type { Clock } from "./time";

/**
 * The connection as a function may use it, after Signal-Desktop's ReadableDB/WritableDB
 * (ts/sql/Interface.std.ts): a function that only reads takes a `ReadModel`, one that writes (a
 * check-in, a confirmation, the report read that refreshes the cache first) takes a `Model`, so
 * its signature says so and a reader cannot call a writer. Brands only: the same connection.
 */
export type ReadableDB = DB & { readonly __readable_db: never };
export type WritableDB = ReadableDB & { readonly __writable_db: never };

/** The model as a reading function sees it: a connection it only reads, and the clock every rule reads "now" from. */
export interface ReadModel {
  db: ReadableDB;
  clock: Clock;
}

/** The app's model: its one writable database connection and the clock. */
export interface Model extends ReadModel {
  db: WritableDB;
}

/** The model over an open connection: the one place a connection is declared writable. */
export const modelOf = (db: DB, clock: Clock): Model => ({ db: db as WritableDB, clock });

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
