import { parentPort, workerData } from "node:worker_threads";
import { appendAudit } from "../../db/audit";
import { openDatabase } from "../../db/open";
import { systemClock } from "../../db/time";
import { GATE_WORDS, inSlice } from "../background/gate";

/**
 * A background write slice held at a known point, for tests of the write gate: on its own thread
 * and connection, as the background worker's, it takes its turn on the gate (`inSlice`), writes
 * a row in a transaction (the write lock held), says "holding", and commits only once the main
 * thread has announced a write transaction of its own on the gate. Then it says "done".
 */
const { database, gate } = workerData as { database: string; gate: SharedArrayBuffer };
const port = parentPort;
if (!port) throw new Error("slice-holder.ts runs as a worker thread");
const db = openDatabase(database, { checkpoints: "background" });
const words = new Int32Array(gate);
inSlice(gate, () =>
  db
    .transaction(() => {
      appendAudit(db, systemClock, { kind: "system" }, { action: "test.slice", entity: "test", entityId: null });
      port.postMessage("holding");
      // The main thread only notifies when its count falls: look again every millisecond.
      while (Atomics.load(words, GATE_WORDS.MAIN) === 0) Atomics.wait(words, GATE_WORDS.MAIN, 0, 1);
    })
    .immediate(),
);
db.close();
port.postMessage("done");
