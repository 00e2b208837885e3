import { existsSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  backupDue,
  backupsToKeep,
  createBackup,
  listBackups,
  restoreBackupFile,
  rotateBackups,
  validateBackupFile,
  type BackupInfo,
} from "./backup";
import { LATEST_VERSION } from "../migrations";
import { connect, openDatabase, type DB } from "../open";
import { demoModel, fixedClock, tempDir } from "../test/helpers";

const info = (createdAt: string, kind: BackupInfo["kind"] = "auto"): BackupInfo => ({
  name: createdAt,
  createdAt,
  kind,
  sizeBytes: 1,
});

describe("backups", () => {
  it("takes a consistent online copy that restores every check-in", async () => {
    const m = await demoModel();
    const dir = path.join(tempDir(), "backups");
    const b = await createBackup(m, dir, "manual");
    expect(listBackups(dir)).toEqual([b]);
    expect(b.name).toBe("happyhead-2026-11-25T18-07-00-000Z-manual.sqlite3");
    expect(validateBackupFile(path.join(dir, b.name))).toEqual({ ok: true, version: LATEST_VERSION });
    const copy = connect(path.join(dir, b.name), { readonly: true });
    const count = (d: DB) => (d.prepare("SELECT count(*) AS n FROM check_ins").get() as { n: number }).n;
    expect(count(copy)).toBe(count(m.db));
    copy.close();
    // One file: reading it (every check does) leaves nothing beside it, and needs no room on the disk.
    expect(readdirSync(dir)).toEqual([b.name]);
  });

  it("rotation takes away the files SQLite left beside backups an earlier version made in WAL mode", () => {
    const dir = tempDir();
    const name = (day: number) => `happyhead-2026-11-${String(day).padStart(2, "0")}T03-00-00-000Z-auto.sqlite3`;
    for (let day = 10; day <= 25; day++)
      for (const suffix of ["", "-wal", "-shm"]) writeFileSync(path.join(dir, name(day) + suffix), "");
    writeFileSync(path.join(dir, `${name(9)}-shm`), ""); // its backup rotated away before this version
    writeFileSync(path.join(dir, "notes.txt-wal"), ""); // not ours
    const removed = rotateBackups(dir, new Date("2026-11-25T12:00:00Z"));
    const left = readdirSync(dir);
    expect(removed.length).toBeGreaterThan(0);
    for (const gone of removed) expect(left.filter((f) => f.startsWith(gone))).toEqual([]);
    expect(left).not.toContain(`${name(9)}-shm`);
    expect(left).toContain("notes.txt-wal");
    expect(left).toContain(`${name(25)}-shm`);
  });

  it("finishes while the kiosk commits between every two of its steps (SQLite starts a stepped copy over at each)", async () => {
    const m = await demoModel();
    const dir = path.join(tempDir(), "backups");
    // The kiosk's connection, committing between every step the backup takes (a busy front desk).
    const kiosk = openDatabase(m.db.name);
    const before = m.db.prepare("SELECT count(*) FROM walk_ins").pluck().get() as number;
    let done = false;
    const backup = createBackup(m, dir, "manual").finally(() => (done = true));
    const insert = kiosk.prepare(
      "INSERT INTO walk_ins (first_name, lang, arrived_at, local_day) VALUES ('Ana', 'en', '2026-11-25T18:07:00.000Z', '2026-11-25')",
    );
    let commits = 0;
    while (!done) {
      insert.run();
      commits++;
      await new Promise((r) => setImmediate(r));
    }
    const b = await backup;
    kiosk.close();
    expect(commits).toBeGreaterThan(0);
    const copy = connect(path.join(dir, b.name), { readonly: true });
    expect(copy.prepare("SELECT count(*) FROM walk_ins").pluck().get()).toBeGreaterThanOrEqual(before);
    copy.close();
  });

  it("keeps 7 daily and 4 weekly automatic backups, and manual or safety backups for 30 days", () => {
    // One backup a day for 60 days, two on the newest day.
    const all = Array.from({ length: 60 }, (_, i) =>
      info(new Date(Date.UTC(2026, 10, 25) - i * 86_400_000 + 3_600_000).toISOString()),
    );
    all.unshift(info("2026-11-25T20:00:00.000Z"));
    all.push(
      info("2026-11-20T12:00:00.000Z", "manual"),
      info("2026-11-20T12:30:00.000Z", "before-restore"),
      info("2026-10-20T12:00:00.000Z", "manual"),
    );
    const keep = backupsToKeep(all, new Date("2026-11-25T21:00:00.000Z"));
    expect(keep.has("2026-11-20T12:00:00.000Z") && keep.has("2026-11-20T12:30:00.000Z")).toBe(true);
    expect(keep.has("2026-10-20T12:00:00.000Z")).toBe(false);
    const kept = all.filter((b) => b.kind === "auto" && keep.has(b.name)).map((b) => b.createdAt.slice(0, 10));
    // 7 newest days (newest of the 25th is the 20:00 one) + the newest of 4 weeks (three older weeks' Sundays).
    expect(keep.has("2026-11-25T20:00:00.000Z")).toBe(true);
    expect(keep.has("2026-11-25T01:00:00.000Z")).toBe(false);
    expect(kept).toEqual([
      "2026-11-25",
      "2026-11-24",
      "2026-11-23",
      "2026-11-22",
      "2026-11-21",
      "2026-11-20",
      "2026-11-19",
      "2026-11-15",
      "2026-11-08",
    ]);
  });

  it("rotates the files on disk and says when the next one is due", async () => {
    const m = await demoModel();
    const dir = path.join(tempDir(), "backups");
    for (let i = 0; i < 10; i++) {
      await createBackup(m, dir, "auto");
      m.clock.advance(24 * 60);
    }
    // Ten days from Wed 25 Nov: the 7 newest days stay; the 25th–27th share a week with the kept 29th.
    expect(rotateBackups(dir, m.clock.now())).toHaveLength(3);
    expect(listBackups(dir)).toHaveLength(7);
    const last = listBackups(dir);
    expect(backupDue(last, new Date(new Date(last[0]!.createdAt).getTime() + 23 * 3_600_000))).toBe(false);
    expect(backupDue(last, new Date(new Date(last[0]!.createdAt).getTime() + 25 * 3_600_000))).toBe(true);
    expect(backupDue([], new Date())).toBe(true);
  });

  it("refuses a damaged, foreign or newer file before touching the database", async () => {
    const dir = tempDir();
    const garbage = path.join(dir, "garbage.sqlite3");
    writeFileSync(garbage, "this is not a database".repeat(100));
    expect(validateBackupFile(garbage)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/not a readable database/),
    });
    const foreign = path.join(dir, "foreign.sqlite3");
    connect(foreign).exec("CREATE TABLE x (a)").close();
    expect(validateBackupFile(foreign)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/not a Happy Head database/),
    });
    const newer = path.join(dir, "newer.sqlite3");
    openDatabase(newer).pragma(`user_version = ${LATEST_VERSION + 1}`);
    expect(validateBackupFile(newer)).toMatchObject({ ok: false, problem: expect.stringMatching(/newer version/) });
    const live = path.join(dir, "happyhead.sqlite3");
    openDatabase(live).close();
    await expect(restoreBackupFile(live, garbage, fixedClock("2026-11-25T18:00:00Z"))).rejects.toThrow(
      /not a readable database/,
    );
    expect(existsSync(path.join(dir, "backups"))).toBe(false);
  });

  it("restores a backup, keeping the current database as a backup first", async () => {
    const m = await demoModel();
    const dataDir = tempDir();
    const live = path.join(dataDir, "happyhead.sqlite3");
    await m.db.backup(live);
    const dir = path.join(dataDir, "backups");
    const good = await createBackup(m, dir, "manual");
    // After the backup, the live database changes (a guest checks in); restoring undoes it.
    const db = openDatabase(live);
    db.prepare("DELETE FROM print_jobs").run();
    db.close();
    m.clock.advance(60);
    const { safetyBackup } = await restoreBackupFile(live, path.join(dir, good.name), m.clock);
    expect(safetyBackup).toMatch(/before-restore/);
    const restored = openDatabase(live);
    expect((restored.prepare("SELECT count(*) AS n FROM print_jobs").get() as { n: number }).n).toBeGreaterThan(0);
    restored.close();
    const safety = connect(path.join(dir, safetyBackup!), { readonly: true });
    expect((safety.prepare("SELECT count(*) AS n FROM print_jobs").get() as { n: number }).n).toBe(0);
    safety.close();
  });
});
