import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { defaultSettings } from "../../contract/settings";
import { generatedCopy } from "../../db/test/generate";
import { saveSettings } from "../../db/settings";
import { refreshReportCache } from "../../db/reports/cache";
import { CHECKPOINT_PAGES } from "../../db/maintenance/checkpoint";
import { cacheRows, rebuildFromScratch } from "../../db/test/report-cases";
import { createAppCore, type AppCore } from "../core";
import { BackgroundStopped } from "./client";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

/** An app core on a generated year of 60,000 check-ins (a copy of the file's one) whose report cache is still cold. */
async function coreOnAYear(): Promise<{ core: AppCore; firstDay: string; lastDay: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), "happyhead-background-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const { db, firstDay, lastDay } = generatedCopy(path.join(dir, "happyhead.sqlite3"), 60_000);
  saveSettings(db, { ...defaultSettings, walkInsAllowed: true });
  db.close();
  const core = await createAppCore({ dataDir: dir, seed: "empty" });
  cleanups.push(() => core.close());
  return { core, firstDay, lastDay };
}

const stale = (core: AppCore) => core.model.db.prepare("SELECT count(*) FROM report_stale").pluck().get() as number;
/** Stale check-ins of each half (even and odd appointment ids). */
const staleHalves = (core: AppCore) =>
  core.model.db
    .prepare(
      "SELECT count(*) FILTER (WHERE appointment_id % 2 = 0), count(*) FILTER (WHERE appointment_id % 2 = 1) FROM report_stale",
    )
    .raw()
    .get() as [number, number];

describe("the background worker", () => {
  it("a cold year's report cache is built on two threads at once, each on its own half of the check-ins, and ends as a rebuild in one transaction would", async () => {
    const { core, firstDay, lastDay } = await coreOnAYear();
    const [even, odd] = staleHalves(core);
    const heard: { done: number; total: number }[] = [];
    const refresh = core.background.run("refreshReports", { from: firstDay, to: lastDay }, (done, total) =>
      heard.push({ done, total }),
    );
    // Each pass takes one half (a commit moves one count alone), and both halves go down before either is done.
    let both = false;
    let oneAlone = false;
    let last = [even, odd];
    for (let done = false; !done; await new Promise((r) => setTimeout(r, 2))) {
      const [e, o] = staleHalves(core);
      if (e < even && o < odd && e > 0 && o > 0) both = true;
      if ((e === last[0]) !== (o === last[1])) oneAlone = true;
      last = [e, o];
      done = e === 0 && o === 0;
    }
    expect(both).toBe(true);
    expect(oneAlone).toBe(true);
    const { refreshed } = await refresh;
    expect(refreshed).toBeGreaterThan(0);
    expect(refreshed).toBeLessThanOrEqual(even + odd); // the after-start warm-up may have taken some
    // How far it is, as a manager's screen hears it: both halves summed, never going back, ending at what was done.
    expect(heard.length).toBeGreaterThan(10);
    const total = heard[0]?.total ?? 0;
    expect(total).toBeGreaterThanOrEqual(refreshed);
    expect(total).toBeLessThanOrEqual(even + odd);
    expect(heard.every((h, i) => h.total === total && h.done >= (heard[i - 1]?.done ?? 0))).toBe(true);
    expect(heard.at(-1)!.done).toBe(refreshed);
    const built = cacheRows(core.model.db);
    rebuildFromScratch(core.model.db);
    refreshReportCache(core.model, firstDay, lastDay);
    expect(cacheRows(core.model.db)).toEqual(built);
  }, 160_000);

  it("check-ins moved to other days, voided and given to another therapist while both threads refresh: the cache ends as a rebuild in one transaction would", async () => {
    const { core, firstDay, lastDay } = await coreOnAYear();
    const { db } = core.model;
    const ids = db.prepare("SELECT appointment_id FROM check_ins ORDER BY appointment_id").pluck().all() as number[];
    const days = db.prepare("SELECT DISTINCT local_day FROM check_ins ORDER BY 1").pluck().all() as string[];
    const therapists = db.prepare("SELECT DISTINCT therapist_id FROM appointments LIMIT 2").pluck().all() as number[];
    const pick = <T>(list: T[], i: number): T => list[(i * 7919) % list.length] as T;
    // As the desk would, one transaction at a time on the main connection (through the write gate).
    const change = db.transaction((i: number) => {
      const id = pick(ids, i);
      if (i % 3 === 0) {
        const day = pick(days, i);
        db.prepare(
          "UPDATE check_ins SET local_day = ?, local_weekday = CAST(strftime('%w', ?) AS INTEGER), local_hour = (local_hour + 5) % 24 WHERE appointment_id = ?",
        ).run(day, day, id);
      } else if (i % 3 === 1) db.prepare("UPDATE offers SET status = 'voided' WHERE appointment_id = ?").run(id);
      else
        db.prepare(
          "UPDATE appointments SET therapist_id = CASE WHEN therapist_id = @a THEN @b ELSE @a END WHERE id = @id",
        ).run({ a: therapists[0], b: therapists[1], id });
    });
    let done = false;
    const refresh = core.background.run("refreshReports", { from: firstDay, to: lastDay }).finally(() => {
      done = true;
    });
    let changes = 0;
    while (!done) {
      change(changes++);
      await new Promise((r) => setTimeout(r, 3));
    }
    await refresh;
    expect(changes).toBeGreaterThan(20);
    // What changed during the refresh was marked stale again: one more refresh takes it in.
    await core.background.run("refreshReports", { from: firstDay, to: lastDay });
    expect(stale(core)).toBe(0);
    const built = cacheRows(db);
    rebuildFromScratch(db);
    refreshReportCache(core.model, firstDay, lastDay);
    expect(cacheRows(db)).toEqual(built);
  }, 160_000);

  it("a year's erase keeps the WAL short: checkpointed as it goes, never grown to hundreds of MB for the final truncate to wait on", async () => {
    const { core } = await coreOnAYear();
    core.model.db.exec("DELETE FROM report_stale"); // the cache's warm-up (after the upkeep) is another test's
    await core.maintenance.stop();
    const wal = `${core.paths.database}-wal`;
    let largest = 0;
    let done = false;
    const erase = core.background.run("retention", { now: new Date().toISOString(), batch: 100 }).finally(() => {
      done = true;
    });
    while (!done) {
      if (existsSync(wal)) largest = Math.max(largest, statSync(wal).size);
      await new Promise((r) => setTimeout(r, 5));
    }
    const { erased } = await erase;
    expect(erased).toBeGreaterThan(30_000);
    const pageSize = core.model.db.pragma("page_size", { simple: true }) as number;
    // A checkpoint is due at 1,000 pages and runs after the batch that made it due (4.1 MB here; left to the main
    // thread's look once a second, 13.5 MB, and 103-535 MB on a year's erase).
    expect(largest).toBeLessThan(2 * CHECKPOINT_PAGES * (pageSize + 24));
  }, 160_000);

  it("killed while it holds the write lock: its task is refused with a clear error, every kiosk write meanwhile is acknowledged and kept, the next task runs on a new worker", async () => {
    const { core, firstDay, lastDay } = await coreOnAYear();
    const before = stale(core);
    expect(before).toBeGreaterThan(59_000);
    const refresh = core.background.run("refreshReports", { from: firstDay, to: lastDay }).then(
      () => null,
      (error: unknown) => error,
    );
    // Kiosk writes on the main thread while the worker writes its slices.
    const kiosk = core.newSession("kiosk");
    const walkIns: Promise<unknown>[] = [];
    while (stale(core) === before) await new Promise((r) => setImmediate(r)); // the first slice is in
    for (let i = 0; i < 5; i++)
      walkIns.push(core.dispatch(kiosk, "kiosk.walkIn", { firstName: ["Ana", "Bo", "Cy", "Di", "Ed"][i], lang: "en" }));
    await core.background.stop(); // the thread is killed mid-slice, as a crash would
    const refused = await refresh;
    expect(refused).toBeInstanceOf(BackgroundStopped);
    expect((refused as Error).message).toMatch(
      /stopped before it finished "refreshReports"\. Nothing half-done was kept/,
    );
    const acknowledged = await Promise.all(walkIns);
    expect(acknowledged).toEqual(Array.from({ length: 5 }, () => expect.objectContaining({ ok: true })));
    // Every one kept; not necessarily in the order sent: a call that met the killed thread's lock before the lock went
    // with it runs again after a pause (the dispatcher's retry), after calls that came later.
    expect(core.model.db.prepare("SELECT first_name FROM walk_ins ORDER BY first_name").pluck().all()).toEqual([
      "Ana",
      "Bo",
      "Cy",
      "Di",
      "Ed",
    ]);
    // A killed slice is rolled back whole: the lock is free and the cache stays consistent.
    core.model.db.prepare("BEGIN IMMEDIATE").run();
    core.model.db.prepare("ROLLBACK").run();
    const left = stale(core);
    expect(left).toBeGreaterThan(0);
    const { refreshed } = await core.background.run("refreshReports", { from: firstDay, to: lastDay });
    expect(refreshed).toBeLessThanOrEqual(left); // the after-start warm-up may have taken some
    expect(stale(core)).toBe(0);
    const counted = core.model.db.prepare("SELECT count(*) FROM check_ins").pluck().get() as number;
    const cached = core.model.db
      .prepare("SELECT sum(check_ins) FROM report_cells WHERE dim = 'all'")
      .pluck()
      .get() as number;
    expect(cached).toBe(counted);
  }, 160_000);
});
