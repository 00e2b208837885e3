import path from "node:path";
import { describe, expect, it } from "vitest";
import { connect, openDatabase, type DB } from "../open";
import { tempDir } from "../test/helpers";
import {
  CHECKPOINT_PAGES,
  QUIET_MS,
  checkpointDue,
  checkpointWal,
  readWalState,
  startWal,
  walBytes,
} from "./checkpoint";

/** Commits one row of 8 kB (its leaf and overflow pages: a few WAL frames) per call. */
const commitRows = (db: DB, commits: number) => {
  db.exec("CREATE TABLE IF NOT EXISTS filler (x BLOB)");
  const insert = db.prepare("INSERT INTO filler (x) VALUES (randomblob(8000))");
  for (let i = 0; i < commits; i++) insert.run();
};

describe("WAL checkpoints", () => {
  it("the -shm header read agrees with SQLite's own count of the WAL's frames and of those copied back", () => {
    const file = path.join(tempDir(), "a.sqlite3");
    const db = openDatabase(file, { checkpoints: "background" });
    commitRows(db, 200);
    const before = readWalState(file);
    const other = connect(file);
    const [r] = other.pragma("wal_checkpoint(PASSIVE)") as { log: number; checkpointed: number }[];
    const after = readWalState(file);
    other.close();
    db.close();
    expect(before).toEqual({ frames: r?.log, backfilled: 0, changes: expect.any(Number) as number });
    expect(after).toEqual({ frames: r?.log, backfilled: r?.checkpointed, changes: before?.changes });
    expect(r?.checkpointed).toBe(r?.log);
  });

  it("a connection opened for background checkpoints never copies the WAL back inside its commits; SQLite's automatic one does", () => {
    const dir = tempDir();
    const background = openDatabase(path.join(dir, "background.sqlite3"), { checkpoints: "background" });
    const automatic = openDatabase(path.join(dir, "automatic.sqlite3"));
    expect(background.pragma("wal_autocheckpoint", { simple: true })).toBe(0);
    expect(background.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(background.pragma("synchronous", { simple: true })).toBe(2);
    expect(background.pragma("foreign_keys", { simple: true })).toBe(1);
    // Three times SQLite's threshold: an automatic checkpoint would have run in the commits twice at least.
    const commits = Math.ceil((3 * CHECKPOINT_PAGES) / 3);
    commitRows(background, commits);
    commitRows(automatic, commits);
    const bg = readWalState(path.join(dir, "background.sqlite3"));
    const auto = readWalState(path.join(dir, "automatic.sqlite3"));
    background.close();
    automatic.close();
    expect(bg?.backfilled).toBe(0);
    expect(bg?.frames).toBeGreaterThanOrEqual(3 * CHECKPOINT_PAGES);
    // The automatic connection copied the WAL back and started it over, more than once.
    expect(auto?.frames).toBeLessThan(CHECKPOINT_PAGES + 10);
  });

  it("the last connection's close still checkpoints: the WAL is gone and every row is in the file", () => {
    const file = path.join(tempDir(), "c.sqlite3");
    const db = openDatabase(file, { checkpoints: "background" });
    commitRows(db, 500);
    expect(walBytes(file)).toBeGreaterThan(0);
    db.close();
    expect(walBytes(file)).toBe(0);
    const again = connect(file, { readonly: true });
    expect(again.prepare("SELECT count(*) FROM filler").pluck().get()).toBe(500);
    again.close();
  });

  it("TRUNCATE copies everything back, empties the WAL file and starts it again with one page; with a reader still on the WAL it gives up at once (busy), without taking the write lock, and loses nothing", () => {
    const file = path.join(tempDir(), "d.sqlite3");
    const main = openDatabase(file, { checkpoints: "background" });
    const worker = openDatabase(file, { checkpoints: "background" });
    commitRows(main, 300);
    const reader = connect(file, { readonly: true });
    reader.prepare("BEGIN").run();
    reader.prepare("SELECT count(*) FROM filler").get(); // holds its snapshot in the WAL
    commitRows(main, 10); // frames the reader's snapshot does not include: it keeps the WAL in use
    let turns = 0;
    const held = checkpointWal(worker, "TRUNCATE", (locked) => {
      turns++;
      return locked();
    });
    expect(held.busy).toBe(true);
    expect(turns).toBe(0); // never in the lock while a reader keeps frames in the WAL
    expect(walBytes(file)).toBeGreaterThan(0);
    commitRows(main, 1); // the main connection still writes: nothing was left locked
    reader.prepare("COMMIT").run();
    reader.close();
    const done = checkpointWal(worker, "TRUNCATE");
    expect(done).toEqual({ busy: false, frames: 0, backfilled: 0, started: readWalState(file)?.changes });
    // Emptied, then started again by the checkpoint's own commit: the WAL's header and one page.
    expect(readWalState(file)).toMatchObject({ frames: 1, backfilled: 0 });
    expect(walBytes(file)).toBe(32 + 24 + (worker.pragma("page_size", { simple: true }) as number));
    expect(main.prepare("SELECT count(*) FROM filler").pluck().get()).toBe(311);
    worker.close();
    main.close();
  });

  it("is due: PASSIVE from 1,000 waiting pages, TRUNCATE after a quiet spell with a non-empty WAL, otherwise nothing", () => {
    const wal = (frames: number, backfilled: number) => ({ frames, backfilled, changes: 1 });
    expect(checkpointDue(wal(CHECKPOINT_PAGES - 1, 0), 0, 1e6, null)).toBeNull();
    expect(checkpointDue(wal(CHECKPOINT_PAGES, 0), 0, 1e6, null)).toBe("PASSIVE");
    expect(checkpointDue(wal(CHECKPOINT_PAGES + 500, 500), 0, 1e6, null)).toBe("PASSIVE");
    expect(checkpointDue(wal(CHECKPOINT_PAGES + 500, 501), QUIET_MS - 1, 1e6, null)).toBeNull();
    expect(checkpointDue(wal(10, 0), QUIET_MS, 1e6, null)).toBe("TRUNCATE");
    expect(checkpointDue(wal(0, 0), QUIET_MS, 0, null)).toBeNull();
    // Nothing in the WAL since the last checkpoint's own start of it (the change counter it left): nothing to do.
    expect(checkpointDue(wal(1, 0), QUIET_MS, 4152, 1)).toBeNull();
    expect(checkpointDue(wal(1, 0), QUIET_MS, 4152, 2)).toBe("TRUNCATE");
  });

  it("a PASSIVE checkpoint that copied the whole WAL back starts the next one in the worker's turn, so the main connection's next commit is added after it instead of starting the WAL over; one that could not copy everything leaves it", () => {
    const file = path.join(tempDir(), "e.sqlite3");
    const main = openDatabase(file, { checkpoints: "background" });
    const worker = openDatabase(file, { checkpoints: "background" });
    commitRows(main, 300);
    let turns = 0;
    const turn = <T>(locked: () => T): T => {
      turns++;
      return locked();
    };
    const copied = checkpointWal(worker, "PASSIVE", turn);
    expect(turns).toBe(1);
    expect(copied.backfilled).toBe(copied.frames);
    expect(copied.started).toBe(readWalState(file)?.changes);
    expect(readWalState(file)).toMatchObject({ frames: 1, backfilled: 0 });
    commitRows(main, 1);
    const after = readWalState(file);
    expect(after?.frames).toBeGreaterThan(1);
    // A reader's snapshot keeps the frames after it from being copied: nothing to start.
    const reader = connect(file, { readonly: true });
    reader.prepare("BEGIN").run();
    reader.prepare("SELECT count(*) FROM filler").get();
    commitRows(main, 5);
    const partial = checkpointWal(worker, "PASSIVE", turn);
    expect(partial.backfilled).toBeLessThan(partial.frames);
    expect(partial.started).toBeNull();
    expect(turns).toBe(1);
    reader.prepare("COMMIT").run();
    reader.close();
    expect(main.prepare("SELECT count(*) FROM filler").pluck().get()).toBe(306);
    expect(worker.prepare("SELECT starts FROM wal_start").pluck().get()).toBe(1);
    worker.close();
    main.close();
  });

  it("starting the WAL never waits: while another connection holds the write lock it is skipped at once, and the connection keeps its busy timeout", () => {
    const file = path.join(tempDir(), "f.sqlite3");
    const holder = openDatabase(file);
    const db = openDatabase(file);
    const timeout = db.pragma("busy_timeout", { simple: true });
    holder.prepare("BEGIN IMMEDIATE").run();
    const t = performance.now();
    expect(startWal(db)).toBeNull();
    expect(performance.now() - t).toBeLessThan(500);
    expect(db.pragma("busy_timeout", { simple: true })).toBe(timeout);
    holder.prepare("COMMIT").run();
    expect(startWal(db)).toBe(readWalState(file)?.changes);
    expect(db.prepare("SELECT starts FROM wal_start").pluck().get()).toBe(1);
    holder.close();
    db.close();
  });
});
