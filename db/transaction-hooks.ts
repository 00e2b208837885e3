import type { Database } from "better-sqlite3";

type Body = (...args: unknown[]) => unknown;
type Transaction = Body & { deferred: Transaction; immediate: Transaction; exclusive: Transaction };

/**
 * Replaces a connection's `db.transaction` so every transaction function it makes, and each of its
 * deferred / immediate / exclusive variants, runs through `around` (before BEGIN, after COMMIT or
 * ROLLBACK), its body through `body` (inside the transaction, before COMMIT). Applied once per
 * connection at open; a second application wraps the first.
 */
export function decorateTransactions(
  db: Database,
  hooks: { around: (run: Body) => Body; body?: (fn: Body) => Body },
): Database {
  const original = db.transaction.bind(db) as unknown as (fn: Body) => Transaction;
  const { around, body = (fn) => fn } = hooks;
  const decorated = (fn: Body) => {
    const tx = original(body(fn));
    return Object.assign(around(tx), {
      deferred: around(tx.deferred),
      immediate: around(tx.immediate),
      exclusive: around(tx.exclusive),
    });
  };
  (db as unknown as { transaction: typeof decorated }).transaction = decorated;
  return db;
}

/**
 * Runs a write in its turn with the app's other writers, resolving with what it returned: what writes outside a call
 * (the print queue, the head-office sync) is handed one, and the app core's makes it wait with the event loop free
 * (electron/background/gate.ts, writesInTurn).
 */
export type WriteInTurn = <T>(write: () => T | Promise<T>) => Promise<T>;

/** With no other writer to take turns with (tests, tools): the write runs at once. */
export const writeAtOnce: WriteInTurn = async (write) => write();
