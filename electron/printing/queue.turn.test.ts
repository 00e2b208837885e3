import { mkdtempSync, rmSync } from "node:fs";
import { once } from "node:events";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { modelOf } from "../../db/model";
import { openDatabase } from "../../db/open";
import { buildTicketContent, createTicketWithJob } from "../../db/printing/tickets";
import { systemClock } from "../../db/time";
import { sourceWorker } from "../background/client";
import { gateWrites, newWriteGate, writesInTurn } from "../background/gate";
import { createAppCore } from "../core";
import type { PrinterDriver } from "./driver";
import { createPrintQueue } from "./queue";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

it("a ticket to print while a background worker holds a write slice is claimed once the slice ends, the main thread free meanwhile, and prints", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "happyhead-queue-turn-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  await (await createAppCore({ dataDir: dir, seed: "demo" })).close();
  // The demo spa's file on a main-thread connection and gate of the test's own, as the app core opens them.
  const database = path.join(dir, "happyhead.sqlite3");
  const gate = newWriteGate();
  const db = gateWrites(openDatabase(database, { checkpoints: "background" }), gate);
  cleanups.push(() => db.close());
  const model = modelOf(db, systemClock);
  const riley = { kind: "staff", staffId: 2, name: "Riley Chen" } as const;
  const appointmentId = db.prepare("SELECT max(id) FROM appointments").pluck().get() as number;
  const { jobId } = db.transaction(() =>
    createTicketWithJob(
      model,
      riley,
      appointmentId,
      buildTicketContent(model, appointmentId, { kind: "original", confirmedBy: riley.name }),
    ),
  )();
  const printed: number[] = [];
  const driver: PrinterDriver = {
    describe: () => "test printer",
    print: (job) => {
      printed.push(job.jobId);
      return Promise.resolve({ ok: true });
    },
    status: () => Promise.resolve({ state: "ready", message: "Ready" }),
  };
  const queue = createPrintQueue(
    model,
    () => driver,
    { onJobChanged: () => undefined },
    { writeInTurn: writesInTurn(gate) },
  );
  cleanups.push(() => queue.stop());
  const status = () => db.prepare("SELECT status FROM print_jobs WHERE id = ?").pluck().get(jobId);

  // The background writer inside a slice, its transaction open until the main thread announces a write.
  const holder = sourceWorker(path.join(__dirname, "../test-support/slice-holder.ts"), { database, gate });
  cleanups.push(() => holder.terminate());
  expect(((await once(holder, "message")) as [string])[0]).toBe("holding");
  const done = once(holder, "message");
  queue.kick();
  // The claim waits for the slice with the event loop free: nothing claimed yet when kick() returns.
  expect(status()).toBe("queued");
  expect(await done).toEqual(["done"]);
  for (let i = 0; i < 100 && status() !== "printed"; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  await queue.idle();
  expect(printed).toEqual([jobId]);
  expect(status()).toBe("printed");
});
