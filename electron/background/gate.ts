import type { DB } from "../../db/open";

/**
 * The write gate between the main thread and the background writer. SQLite lets one connection
 * write at a time and a waiting one only polls (sleeping up to 100 ms between tries), so a worker
 * that writes slice after slice would starve the kiosk's check-in. The main thread counts its
 * write transactions in progress in a shared Int32; the worker waits for zero before each slice
 * (`waitForMainWrites`). The main thread then waits at most for the one slice in flight.
 */
export const newWriteGate = (): SharedArrayBuffer => new SharedArrayBuffer(4);

type Transaction = ((...args: unknown[]) => unknown) & {
  deferred: Transaction;
  immediate: Transaction;
  exclusive: Transaction;
};

/** Makes every `db.transaction(…)` of this (main-thread) connection announce itself on the gate. */
export function gateWrites(db: DB, gate: SharedArrayBuffer): DB {
  const count = new Int32Array(gate);
  const original = db.transaction.bind(db) as unknown as (fn: (...args: unknown[]) => unknown) => Transaction;
  const announced = (run: (...args: unknown[]) => unknown) =>
    function (this: unknown, ...args: unknown[]): unknown {
      Atomics.add(count, 0, 1);
      try {
        return run.apply(this, args);
      } finally {
        Atomics.sub(count, 0, 1);
        Atomics.notify(count, 0);
      }
    };
  const gated = (fn: (...args: unknown[]) => unknown) => {
    const tx = original(fn);
    return Object.assign(announced(tx), {
      deferred: announced(tx.deferred),
      immediate: announced(tx.immediate),
      exclusive: announced(tx.exclusive),
    });
  };
  (db as unknown as { transaction: typeof gated }).transaction = gated;
  return db;
}

/** In the worker, before a write slice: returns once the main thread has no write transaction going. */
export function waitForMainWrites(gate: SharedArrayBuffer): void {
  const count = new Int32Array(gate);
  for (let v = Atomics.load(count, 0); v !== 0; v = Atomics.load(count, 0)) Atomics.wait(count, 0, v, 100);
}

/**
 * How long one write slice should hold the lock, in ms. A kiosk write that arrives during a slice
 * waits for it on the main thread (SQLite's busy wait), so slices shrink when the machine is
 * loaded: 250 check-ins of the cache or 100 appointments of retention took 13-19 ms (median) but
 * up to 118 / 208 ms with an export running on the shared 2 cores, and past the 250 ms busy
 * timeout and three retries a manager's sign-in was refused.
 */
export const SLICE_HOLD_MS = 10;

/** The size of a write loop's next slice: halved after a slice held the lock longer than SLICE_HOLD_MS, doubled (up to `max`) after one under half of it. */
export function sliceSizes(max: number, min: number) {
  let size = max;
  return {
    next: () => size,
    held: (ms: number) => {
      if (ms > SLICE_HOLD_MS) size = Math.max(min, Math.floor(size / 2));
      else if (ms < SLICE_HOLD_MS / 2) size = Math.min(max, size * 2);
    },
  };
}
