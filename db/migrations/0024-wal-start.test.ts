import path from "node:path";
import { describe, expect, it } from "vitest";
import { readWalState, startWal } from "../maintenance/checkpoint";
import { openDatabase } from "../open";
import { fixedClock, tempDir } from "../test/helpers";
import { demoAtVersion } from "../test/upgrade";
import { LATEST_VERSION } from "./index";

describe("0024: the WAL's start has a row of its own", () => {
  it("upgrading a version-23 database adds the one wal_start row, which starting the WAL counts up", async () => {
    const dir = tempDir();
    const file = path.join(dir, "v23.sqlite3");
    const { db: v23 } = await demoAtVersion(dir, file, 23, fixedClock("2026-12-06T15:00:00.000Z"));
    const checkIns = v23.prepare("SELECT count(*) FROM check_ins").pluck().get();
    v23.close();

    const db = openDatabase(file);
    expect(db.pragma("user_version", { simple: true })).toBe(LATEST_VERSION);
    expect(db.prepare("SELECT id, starts FROM wal_start").all()).toEqual([{ id: 1, starts: 0 }]);
    expect(startWal(db)).toBe(readWalState(file)?.changes);
    expect(startWal(db)).toBe(readWalState(file)?.changes);
    expect(db.prepare("SELECT id, starts FROM wal_start").all()).toEqual([{ id: 1, starts: 2 }]);
    // One row, ever: a second is refused.
    expect(() => db.prepare("INSERT INTO wal_start (id, starts) VALUES (2, 0)").run()).toThrow(/CHECK/);
    expect(db.prepare("SELECT count(*) FROM check_ins").pluck().get()).toBe(checkIns);
    db.close();
  });
});
