import { parentPort, workerData } from "node:worker_threads";
import { appendAudit } from "../../db/audit";
import { openDatabase } from "../../db/open";
import { systemClock } from "../../db/time";
import { holdWrites } from "../background/gate";

/**
 * A background writer's hold (a time-zone change's one long transaction) kept at a known point, for tests of the write
 * gate: on its own thread and connection it holds the file (`holdWrites`), writes a row, says "holding", and commits
 * only once the test sets `release[0]` to 1. Then it says "done".
 */
const { database, gate, release } = workerData as {
  database: string;
  gate: SharedArrayBuffer;
  release: SharedArrayBuffer;
};
const port = parentPort;
if (!port) throw new Error("hold-holder.ts runs as a worker thread");
const db = openDatabase(database, { checkpoints: "background" });
const told = new Int32Array(release);
holdWrites(gate, () =>
  db
    .transaction(() => {
      appendAudit(db, systemClock, { kind: "system" }, { action: "test.hold", entity: "test", entityId: null });
      port.postMessage("holding");
      while (Atomics.load(told, 0) === 0) Atomics.wait(told, 0, 0, 10);
    })
    .immediate(),
);
db.close();
port.postMessage("done");
