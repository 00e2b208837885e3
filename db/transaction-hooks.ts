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
