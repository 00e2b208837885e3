import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CHECKPOINT_PAGES, QUIET_MS, readWalState, walBytes } from "../db/maintenance/checkpoint";
import { openDatabase, type DB } from "../db/open";
import { createBackgroundWork } from "./background/client";
import { gateWrites, newWriteGate } from "./background/gate";
import { createCheckpoints } from "./checkpoints";
import { createAppCore } from "./core";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), "happyhead-checkpoints-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
};

/** Commits `commits` rows of 8 kB through the main thread's gated connection, each its own transaction. */
const commitRows = (db: DB, commits: number) => {
  db.exec("CREATE TABLE IF NOT EXISTS filler (x BLOB)");
  const insert = db.prepare("INSERT INTO filler (x) VALUES (randomblob(8000))");
  const one = db.transaction(() => insert.run());
  for (let i = 0; i < commits; i++) one.immediate();
};

/**
 * The app's arrangement without the rest of the core: the main connection, the worker, the checkpointer on a hand-moved
 * clock.
 */
function arrangement() {
  const database = path.join(tempDir(), "happyhead.sqlite3");
  const gate = newWriteGate();
  const db = gateWrites(openDatabase(database, { checkpoints: "background" }), gate);
  const background = createBackgroundWork({ database, gate });
  let now = 0;
  const checkpoints = createCheckpoints({ database, background, now: () => now });
  cleanups.push(async () => {
    await checkpoints.stop();
    await background.stop();
    db.close();
  });
  return { database, db, checkpoints, advance: (ms: number) => (now += ms) };
}

describe("checkpoints off the main thread", () => {
  it("with the worker checkpointing, the WAL stays under 1,000 pages plus one round's commits across 12 rounds of them (7,200 pages and more, which the main connection alone would keep); the main connection never copies a page back", async () => {
    const { database, db, checkpoints } = arrangement();
    const round = 200; // commits of ≥ 3 frames: ≥ 600 pages a round, 7,200 in all
    let written = 0;
    let largest = 0;
    for (let i = 0; i < 12; i++) {
      const before = readWalState(database)?.frames ?? 0;
      const backfilledBefore = readWalState(database)?.backfilled ?? 0;
      commitRows(db, round);
      const wal = readWalState(database);
      if (!wal) throw new Error("no WAL index");
      // No commit of the main connection copied anything back: only the worker's checkpoint moves this.
      expect(wal.backfilled).toBe(wal.frames >= before ? backfilledBefore : 0);
      written += wal.frames >= before ? wal.frames - before : wal.frames;
      largest = Math.max(largest, wal.frames);
      await checkpoints.tick();
    }
    const pageBytes = db.pragma("page_size", { simple: true }) as number;
    const perRound = Math.ceil(written / 12);
    expect(written).toBeGreaterThan(6 * CHECKPOINT_PAGES);
    expect(largest).toBeLessThan(CHECKPOINT_PAGES + perRound + 10);
    // The file never grows past that either (32-byte header, 24 bytes per frame's header).
    expect(walBytes(database)).toBeLessThanOrEqual(32 + (CHECKPOINT_PAGES + perRound + 10) * (pageBytes + 24));
    expect(db.prepare("SELECT count(*) FROM filler").pluck().get()).toBe(12 * round);
  }, 120_000);

  it("after a quiet spell the WAL is copied back whole, truncated, and started again by the worker's own one-page commit; that start alone is left alone, and the next commit is added after it", async () => {
    const { database, db, checkpoints, advance } = arrangement();
    const pageBytes = db.pragma("page_size", { simple: true }) as number;
    commitRows(db, 50);
    expect(await checkpoints.tick()).toBeNull(); // a few pages, just written: nothing to do yet
    expect(walBytes(database)).toBeGreaterThan(0);
    advance(QUIET_MS);
    const truncated = await checkpoints.tick();
    expect(truncated).toEqual({ busy: false, frames: 0, backfilled: 0, started: readWalState(database)?.changes });
    // The WAL's header and the `wal_start` page (a 32-byte header, 24 bytes per frame's header).
    expect(walBytes(database)).toBe(32 + 24 + pageBytes);
    advance(QUIET_MS);
    expect(await checkpoints.tick()).toBeNull(); // nothing in it but its own start: no TRUNCATE again
    commitRows(db, 1);
    expect(db.prepare("SELECT count(*) FROM filler").pluck().get()).toBe(51);
    // Added after the start (the WAL did not start over under the main connection's commit).
    expect(readWalState(database)).toMatchObject({ frames: expect.any(Number) as number, backfilled: 0 });
    expect(readWalState(database)?.frames).toBeGreaterThan(1);
    expect(await checkpoints.tick()).toBeNull(); // the commit seen: a new quiet spell begins
    advance(QUIET_MS);
    expect(await checkpoints.tick()).toMatchObject({ busy: false, started: expect.any(Number) as number });
  }, 60_000);

  it("the app core's main connection does not checkpoint, and its worker does on its own cadence", async () => {
    const dataDir = tempDir();
    const core = await createAppCore({ dataDir, seed: "empty" });
    cleanups.push(() => core.close());
    const database = core.paths.database;
    expect(core.model.db.pragma("wal_autocheckpoint", { simple: true })).toBe(0);
    commitRows(core.model.db, 400); // ≥ 1,200 pages, past the threshold
    const written = readWalState(database);
    expect(written?.frames).toBeGreaterThanOrEqual(CHECKPOINT_PAGES);
    // The cadence's next look asks the worker for a PASSIVE checkpoint, which copies the pages back.
    await expect
      .poll(
        () => {
          const wal = readWalState(database);
          return wal !== null && (wal.backfilled >= CHECKPOINT_PAGES || wal.frames < CHECKPOINT_PAGES);
        },
        { timeout: 60_000, interval: 100 },
      )
      .toBe(true);
  }, 120_000);
});
