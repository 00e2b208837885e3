import { threadId } from "node:worker_threads";
import type { DB } from "../../db/open";
import { decorateTransactions, type WriteInTurn } from "../../db/transaction-hooks";
import { DomainError } from "../../db/errors";

/**
 * The write gate between the main thread and the background writer. SQLite lets one connection
 * write at a time, and it cannot be trusted to make the two take turns: a waiting connection only
 * polls (sleeping up to 100 ms between tries, giving up after the busy timeout), and a transaction
 * that has read before it writes (a deferred one: a sign-in's audit row reads the chain's last
 * hash first) is not made to wait at all — SQLite answers SQLITE_BUSY at once while another
 * connection holds the write lock. So the app's own threads take turns here, in two shared Int32s:
 *   MAIN  the main thread's write transactions in progress;
 *   SLICE the thread id of the worker inside a write slice (0: none).
 * A worker enters a slice only while MAIN is 0 and steps back if the main thread announced itself
 * meanwhile (`inSlice`); the main thread announces itself, then waits for the slice in flight to
 * end before it begins (`gateWrites`). Each side writes its word before it reads the other's
 * (sequentially consistent atomics), so they never both go ahead. SQLITE_BUSY is then left to
 * mean what the app tells the spa it means: another program holds the file.
 *   HOLD  the thread id of a worker inside a hold (0: none): one long write that must be all or nothing (a time-zone
 *         change rewriting a year's bookings, `holdWrites`). The main thread's transactions are refused meanwhile
 *         with WRITES_HELD_MESSAGE instead of waiting for it; its reads go on, from the data as it was.
 */
export const newWriteGate = (): SharedArrayBuffer => new SharedArrayBuffer(12);
/** Where each word is in the gate's Int32Array. */
export const GATE_WORDS = { MAIN: 0, SLICE: 1, HOLD: 2 } as const;
const { MAIN, SLICE, HOLD } = GATE_WORDS;

/** What a write on the main thread answers while a worker holds the file (the kiosk's guest reads it too). */
export const WRITES_HELD_MESSAGE =
  "A manager is changing the spa's time zone, which pauses check-in and the desk for a minute or two. Nothing was " +
  "saved: please try again shortly, or see the front desk.";

/**
 * The longest the main thread waits for a slice to end. A slice holds the lock for tens of
 * milliseconds; past this the word is taken for a worker killed inside a slice (its lock went
 * with it) before the main thread heard of the exit (`sliceAbandoned`), and SQLite's own busy
 * timeout decides.
 */
export const SLICE_WAIT_LIMIT_MS = 2_000;

/** Returns once no worker is inside a write slice (or after SLICE_WAIT_LIMIT_MS). */
function waitForSlice(words: Int32Array): void {
  const until = performance.now() + SLICE_WAIT_LIMIT_MS;
  for (let holder = Atomics.load(words, SLICE); holder !== 0; holder = Atomics.load(words, SLICE)) {
    const left = until - performance.now();
    if (left <= 0) return;
    Atomics.wait(words, SLICE, holder, left);
  }
}

/** Transactions begun on the main thread's connections, per gate: how callsInTurn knows a call writes. */
const mainTransactions = new WeakMap<SharedArrayBuffer, { begun: number }>();
const transactionsOf = (gate: SharedArrayBuffer) => {
  let count = mainTransactions.get(gate);
  if (!count) mainTransactions.set(gate, (count = { begun: 0 }));
  return count;
};

/** Makes every `db.transaction(…)` of this (main-thread) connection take its turn on the gate. */
export function gateWrites(db: DB, gate: SharedArrayBuffer): DB {
  const words = new Int32Array(gate);
  const count = transactionsOf(gate);
  return decorateTransactions(db, {
    around: (run) =>
      function (this: unknown, ...args: unknown[]): unknown {
        count.begun++;
        Atomics.add(words, MAIN, 1);
        try {
          // Announced first, then looked at: a hold begun after this look waits for this transaction (holdWrites).
          if (Atomics.load(words, HOLD) !== 0) throw new DomainError("NOT_AVAILABLE", WRITES_HELD_MESSAGE);
          waitForSlice(words);
          return run.apply(this, args);
        } finally {
          Atomics.sub(words, MAIN, 1);
          Atomics.notify(words, MAIN);
        }
      },
  });
}

/**
 * A main-thread write in its turn on the gate: announced at once (no new slice starts), then run once no worker is
 * inside a write slice, the event loop free while it waits. Its transactions then find no slice to wait for; waiting
 * inside them (gateWrites) blocked the main thread, every window's calls with it, for the rest of the slice and its
 * commit's flush: on a disk that flushes in 20 ms, up to 30 ms a write. The announcement comes before the look at the
 * slice and lasts through `write`'s synchronous part (its transactions), not while anything it returns is awaited: a
 * call that found the gate free and was not announced let a worker begin its next slice while the call parsed and
 * read, and its transaction waited for that slice (a 40.7 ms stall during retention, the main thread's CPU profile in
 * gateWrites; 48-67 ms on that disk). For what writes outside a call: the print queue, the head-office sync.
 */
export function writesInTurn(gate: SharedArrayBuffer, duringHold: "refuse" | "wait" = "refuse"): WriteInTurn {
  const words = new Int32Array(gate);
  return async (write) => {
    // What writes outside a call (the print queue, the head-office sync) waits for a hold to end, the event loop free.
    if (duringHold === "wait")
      for (let holder = Atomics.load(words, HOLD); holder !== 0; holder = Atomics.load(words, HOLD)) {
        const wait = Atomics.waitAsync(words, HOLD, holder);
        if (wait.async) await wait.value;
      }
    Atomics.add(words, MAIN, 1);
    let written: ReturnType<typeof write>;
    try {
      const until = performance.now() + SLICE_WAIT_LIMIT_MS;
      // A call goes at once while a worker holds the file: its reads answer, its transaction is refused (gateWrites).
      for (
        let holder = Atomics.load(words, SLICE);
        holder !== 0 && Atomics.load(words, HOLD) === 0;
        holder = Atomics.load(words, SLICE)
      ) {
        const left = until - performance.now();
        if (left <= 0) break;
        const wait = Atomics.waitAsync(words, SLICE, holder, left);
        if (wait.async) await wait.value;
      }
      written = write();
    } finally {
      Atomics.sub(words, MAIN, 1);
      Atomics.notify(words, MAIN);
    }
    return written;
  };
}

/**
 * The main thread's calls (the dispatcher's), each in its turn (writesInTurn) when it may write: a call whose
 * synchronous part began a transaction once (a check-in, a confirm), or one not made since the app started. Calls made
 * before without beginning one (searches, lists) start at once, slice or not: they need no lock.
 */
export function callsInTurn(gate: SharedArrayBuffer): <T>(name: string, call: () => Promise<T>) => Promise<T> {
  const count = transactionsOf(gate);
  const inTurn = writesInTurn(gate);
  const made = new Set<string>();
  const writers = new Set<string>();
  const started = <T>(name: string, call: () => Promise<T>): Promise<T> => {
    const before = count.begun;
    const answer = call();
    made.add(name);
    if (count.begun !== before) writers.add(name);
    return answer;
  };
  return (name, call) =>
    writers.has(name) || !made.has(name) ? inTurn(() => started(name, call)) : started(name, call);
}

/**
 * In a worker: runs `slice` (one short write transaction, or a checkpoint's locked step) once the
 * main thread has no write transaction going and no other worker is in a slice, with the gate
 * telling the main thread to wait for it.
 */
export function inSlice<T>(gate: SharedArrayBuffer, slice: () => T): T {
  const words = new Int32Array(gate);
  for (;;) {
    for (let v = Atomics.load(words, MAIN); v !== 0; v = Atomics.load(words, MAIN)) Atomics.wait(words, MAIN, v, 100);
    const other = Atomics.compareExchange(words, SLICE, 0, threadId);
    if (other !== 0) {
      Atomics.wait(words, SLICE, other, 100);
      continue;
    }
    if (Atomics.load(words, MAIN) === 0) break;
    leaveSlice(words, threadId); // the main thread announced a write meanwhile: it goes first
  }
  try {
    return slice();
  } finally {
    leaveSlice(words, threadId);
  }
}

/**
 * In a worker: runs `write` (one transaction, however long) as one slice with the file held: the main thread's
 * transactions are refused with WRITES_HELD_MESSAGE until it ends, rather than waiting for it with the windows frozen
 * (SLICE_WAIT_LIMIT_MS, then SQLite's busy timeout). The hold is set before the slice is entered: a transaction the
 * main thread had announced before it is waited for (inSlice), one announced after it is refused.
 */
export function holdWrites<T>(gate: SharedArrayBuffer, write: () => T): T {
  const words = new Int32Array(gate);
  while (Atomics.compareExchange(words, HOLD, 0, threadId) !== 0)
    Atomics.wait(words, HOLD, Atomics.load(words, HOLD), 100);
  try {
    return inSlice(gate, write);
  } finally {
    releaseHold(words, threadId);
  }
}

function releaseHold(words: Int32Array, holder: number): void {
  if (Atomics.compareExchange(words, HOLD, holder, 0) === holder) Atomics.notify(words, HOLD);
}

function leaveSlice(words: Int32Array, holder: number): void {
  if (Atomics.compareExchange(words, SLICE, holder, 0) === holder) Atomics.notify(words, SLICE);
}

/**
 * On the main thread, once worker `threadId` has exited: a slice or hold it was killed in is over (its transaction
 * rolled back with it).
 */
export const sliceAbandoned = (gate: SharedArrayBuffer, workerThreadId: number): void => {
  const words = new Int32Array(gate);
  leaveSlice(words, workerThreadId);
  releaseHold(words, workerThreadId);
};

/**
 * How long one write slice should hold the lock, in ms. A kiosk write that arrives during a slice
 * waits for it on the main thread (the gate), so slices shrink when the machine is loaded: 250
 * check-ins of the cache or 100 appointments of retention took 13-19 ms (median) but up to
 * 118 / 208 ms with an export running on the shared 2 cores.
 */
export const SLICE_HOLD_MS = 10;

/**
 * The size of a write loop's next slice: starting at `min` (a first slice of 500 retention
 * erasures held the lock for hundreds of milliseconds on a loaded machine), halved after a slice
 * worked under the lock longer than SLICE_HOLD_MS, doubled (up to `max`) after one under half of it.
 * `held` is told the slice's work (sliceWork), not its commit.
 */
export function sliceSizes(max: number, min: number) {
  let size = min;
  return {
    next: () => size,
    held: (ms: number) => {
      if (ms > SLICE_HOLD_MS) size = Math.max(min, Math.floor(size / 2));
      else if (ms < SLICE_HOLD_MS / 2) size = Math.min(max, size * 2);
    },
  };
}

/**
 * How long a write slice worked under the lock: from `started` (its turn on the gate) to the end of its
 * transaction's body, before the COMMIT. The commit's flush is the disk's: every write pays it once (a kiosk's
 * check-in too), the same for one row as for 2,000. Counted as the slice's, it made slices shrink on a disk
 * that flushes slowly until each carried a flush for a handful of rows: with 20 ms flushes the first report on a
 * year took 119 s, a flush per 250 check-ins (20 s sized by work; 6.2 s on this VM's disk). Wraps the worker's write
 * connection once.
 */
export function sliceWork(db: DB): (started: number) => number {
  let bodyEnded = 0;
  decorateTransactions(db, {
    // A function of its own: decorateTransactions sets deferred / immediate / exclusive on what `around` returns.
    around: (run) =>
      function (this: unknown, ...args: unknown[]): unknown {
        return run.apply(this, args);
      },
    body: (fn) =>
      function (this: unknown, ...args: unknown[]): unknown {
        try {
          return fn.apply(this, args);
        } finally {
          bodyEnded = performance.now();
        }
      },
  });
  return (started) => Math.max(0, bodyEnded - started);
}
