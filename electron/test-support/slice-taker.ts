import { parentPort, workerData } from "node:worker_threads";
import { appendAudit } from "../../db/audit";
import { openDatabase } from "../../db/open";
import { systemClock } from "../../db/time";
import { inSlice } from "../background/gate";

/**
 * A background writer at work, for tests of the write gate: on its own thread and connection, as retention's or the
 * report cache's, it takes write slices one after another until told to stop — SLICE_MS under the lock writing a
 * row, then GAP_MS outside it (where the real ones read their next batch). In `seen` it shows when it is inside a
 * slice's transaction and counts the slices it began (the word at each of `at`'s indices; the test sets STOP).
 * Says "started" after its first slice and "stopped" at the end.
 */
const SLICE_MS = 4;
const GAP_MS = 2;
const { database, gate, seen, at } = workerData as {
  database: string;
  gate: SharedArrayBuffer;
  seen: SharedArrayBuffer;
  at: { INSIDE: number; SLICES: number; STOP: number };
};
const port = parentPort;
if (!port) throw new Error("slice-taker.ts runs as a worker thread");
const db = openDatabase(database, { checkpoints: "background" });
const words = new Int32Array(seen);
const { INSIDE, SLICES, STOP } = at;
const pause = (ms: number) => Atomics.wait(words, STOP, 0, ms);
const slice = db.transaction(() => {
  Atomics.store(words, INSIDE, 1);
  Atomics.add(words, SLICES, 1);
  appendAudit(db, systemClock, { kind: "system" }, { action: "test.slice", entity: "test", entityId: null });
  pause(SLICE_MS);
  Atomics.store(words, INSIDE, 0);
});
while (Atomics.load(words, STOP) === 0) {
  inSlice(gate, () => slice.immediate());
  if (Atomics.load(words, SLICES) === 1) port.postMessage("started");
  pause(GAP_MS);
}
db.close();
port.postMessage("stopped");
