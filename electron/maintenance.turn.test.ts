import { mkdtempSync, rmSync } from "node:fs";
import { once } from "node:events";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { modelOf } from "../db/model";
import { openDatabase } from "../db/open";
import { systemClock } from "../db/time";
import type { WriteInTurn } from "../db/transaction-hooks";
import { createBackgroundWork, sourceWorker } from "./background/client";
import { gateWrites, newWriteGate, writesInTurn } from "./background/gate";
import { createAppCore } from "./core";
import { createMaintenance } from "./maintenance";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

it("a restore's audit row waits for a background write slice in flight with the main thread free, then is written", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "happyhead-restore-turn-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  await (await createAppCore({ dataDir: dir, seed: "demo" })).close();
  // The demo spa's file opened as the app core opens it: gated writes, a background writer on the same gate.
  const database = path.join(dir, "happyhead.sqlite3");
  const gate = newWriteGate();
  const open = () => gateWrites(openDatabase(database, { checkpoints: "background" }), gate);
  const model = modelOf(open(), systemClock);
  cleanups.push(() => model.db.close());
  const background = createBackgroundWork({ database, gate });
  cleanups.push(() => background.stop());
  const restores = () =>
    model.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'backup.restore'").pluck().get() as number;

  // When the restore comes to its audit row, a background writer is inside a slice (as a checkpoint or the report
  // cache's pass would be); it commits once the main thread announces its write.
  let heldWhileWaiting: boolean | null = null;
  let holderDone: Promise<unknown> = Promise.resolve();
  const inTurn = writesInTurn(gate);
  const writeInTurn: WriteInTurn = async (write) => {
    const holder = sourceWorker(path.join(__dirname, "test-support/slice-holder.ts"), { database, gate });
    cleanups.push(() => holder.terminate());
    expect(((await once(holder, "message")) as [string])[0]).toBe("holding");
    holderDone = once(holder, "message");
    const written = inTurn(write);
    // The write waits for the slice with the event loop free: not written when its turn was asked for.
    heldWhileWaiting = restores() === 0;
    return written;
  };
  const maintenance = createMaintenance({
    model,
    background,
    database,
    open,
    stopWrites: () => Promise.resolve(),
    resumeWrites: () => undefined,
    pausePrinting: () => Promise.resolve(),
    resumePrinting: () => undefined,
    onRestored: () => undefined,
    onLeftOut: () => undefined,
    writeInTurn,
  });
  const backup = await maintenance.backupNow("manual");
  const { restored } = await maintenance.restore(backup.name, { kind: "staff", staffId: 1, name: "Ana Torres" });

  expect(restored.name).toBe(backup.name);
  expect(heldWhileWaiting).toBe(true);
  expect(await holderDone).toEqual(["done"]);
  expect(restores()).toBe(1);
  // The slice's own row was committed before the restore's.
  expect(model.db.prepare("SELECT action FROM audit_log ORDER BY id DESC LIMIT 2").pluck().all() as string[]).toEqual([
    "backup.restore",
    "test.slice",
  ]);
});
