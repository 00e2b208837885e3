import { modelOf } from "../db/model";
import { spawn } from "node:child_process";
import { closeSync, openSync, writeFileSync, writeSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { StartupState } from "../contract/recovery";
import { createBackup } from "../db/maintenance/backup";
import { LATEST_VERSION } from "../db/migrations";
import { openDatabase } from "../db/open";
import { fixedClock, tempDir } from "../db/test/helpers";
import {
  cleanClose,
  createStartupController,
  decideStartup,
  MAX_FAILED_STARTS,
  probeDatabase,
  problemText,
  startAttempts,
} from "./startup";

const clock = fixedClock("2026-11-25T18:07:00.000Z");

function healthyDb(dir: string): string {
  const file = path.join(dir, "happyhead.sqlite3");
  const db = openDatabase(file);
  db.exec("CREATE TABLE filler (x TEXT)");
  const ins = db.prepare("INSERT INTO filler VALUES (?)");
  db.transaction(() => {
    for (let i = 0; i < 2000; i++) ins.run("x".repeat(200));
  })();
  db.close();
  return file;
}

/** Overwrites a few pages in the middle of the file, as a failing disk would. */
function damage(file: string): void {
  const fd = openSync(file, "r+");
  writeSync(fd, Buffer.alloc(4096 * 3, 0xa5), 0, 4096 * 3, 4096 * 20);
  closeSync(fd);
}

describe("startup: what the probe finds", () => {
  it("a healthy database: start, checking then opening", () => {
    const probe = probeDatabase(healthyDb(tempDir()));
    expect(probe).toEqual({ exists: true, userVersion: LATEST_VERSION, problem: null });
    expect(decideStartup(probe, 0, false)).toEqual({ action: "start", steps: ["checking", "opening"], backupBeforeUpgrade: false });
  });

  it("no database yet: start fresh; an older schema: back up, then upgrade", () => {
    expect(decideStartup(probeDatabase(path.join(tempDir(), "none.sqlite3")), 0, false)).toMatchObject({
      action: "start",
      steps: ["opening"],
    });
    expect(decideStartup({ exists: true, userVersion: LATEST_VERSION - 1, problem: null }, 0, false)).toEqual({
      action: "start",
      steps: ["checking", "backing-up", "upgrading", "opening"],
      backupBeforeUpgrade: true,
    });
  });

  it("a corrupt file (damaged pages, or not a database at all) gets the recovery screen", () => {
    const file = healthyDb(tempDir());
    damage(file);
    const probe = probeDatabase(file);
    expect(probe.problem?.kind).toBe("corrupt");
    expect(decideStartup(probe, 0, false)).toMatchObject({ action: "recover", problem: { kind: "corrupt" }, canRetry: false });
    const junk = path.join(tempDir(), "happyhead.sqlite3");
    writeFileSync(junk, "not a database at all, just a text file that got the name".repeat(200));
    expect(probeDatabase(junk).problem?.kind).toBe("corrupt");
  });

  it("after a recorded clean close the quick check is skipped once; a crash or a changed file brings it back", () => {
    const file = healthyDb(tempDir());
    expect(cleanClose.take(file)).toBe(false); // never closed cleanly: check
    cleanClose.record(file);
    expect(cleanClose.take(file)).toBe(true);
    expect(cleanClose.take(file)).toBe(false); // taken at start: a crash after it leaves no record
    cleanClose.record(file);
    damage(file); // written after the close (another program, a restore by hand)
    expect(cleanClose.take(file)).toBe(false);
    expect(probeDatabase(file, { closedCleanly: false }).problem?.kind).toBe("corrupt");
    writeFileSync(cleanClose.file(file), "{not json");
    expect(cleanClose.take(file)).toBe(false);
  });

  it("a database locked by another process is reported as in use, with Try again", async () => {
    const file = healthyDb(tempDir());
    const holder = spawn(
      process.execPath,
      [
        "-e",
        `const db = new (require("better-sqlite3"))(${JSON.stringify(file)}); db.exec("BEGIN EXCLUSIVE"); db.prepare("INSERT INTO filler VALUES ('held')").run(); console.log("locked"); setInterval(() => {}, 1000);`,
      ],
      { cwd: path.resolve(__dirname, ".."), stdio: ["ignore", "pipe", "inherit"] },
    );
    try {
      await new Promise<void>((resolve) => holder.stdout.on("data", (d: Buffer) => d.toString().includes("locked") && resolve()));
      const probe = probeDatabase(file, { lockTimeoutMs: 200 });
      expect(probe.problem?.kind).toBe("locked");
      expect(decideStartup(probe, 0, false)).toMatchObject({ action: "recover", canRetry: true });
      expect(problemText(probe.problem!, false).message).toMatch(/Another program .* is using this data folder/);
    } finally {
      holder.kill("SIGKILL");
    }
    expect(probeDatabase(file).problem).toBeNull();
  });

  it("a database from a newer version is refused with both schema numbers", () => {
    const file = healthyDb(tempDir());
    const db = openDatabase(file);
    db.pragma(`user_version = ${LATEST_VERSION + 3}`);
    db.close();
    const probe = probeDatabase(file);
    expect(probe.problem).toMatchObject({ kind: "newer", found: LATEST_VERSION + 3 });
    expect(problemText(probe.problem!, true).message).toContain(`schema ${LATEST_VERSION + 3}`);
  });

  it("stops a crash loop after repeated failed starts", () => {
    const ok = { exists: true, userVersion: LATEST_VERSION, problem: null };
    expect(decideStartup(ok, MAX_FAILED_STARTS - 1, false).action).toBe("start");
    expect(decideStartup(ok, MAX_FAILED_STARTS, false)).toMatchObject({
      action: "recover",
      problem: { kind: "crash-loop" },
      canRetry: true,
    });
    const dir = tempDir();
    expect([startAttempts.begin(dir), startAttempts.begin(dir), startAttempts.read(dir)]).toEqual([0, 1, 2]);
    startAttempts.succeeded(dir);
    expect(startAttempts.read(dir)).toBe(0);
  });
});

describe("startup controller", () => {
  it("shows progress, then for a damaged database the recovery screen; restoring a backup starts the app", async () => {
    const dir = tempDir();
    const file = healthyDb(dir);
    const good = openDatabase(file);
    const backup = await createBackup(modelOf(good, clock), path.join(dir, "backups"), "auto");
    good.close();
    damage(file);
    const states: StartupState[] = [];
    const ready: string[] = [];
    const controller = createStartupController({
      dataDir: dir,
      onStaffDisplay: true,
      clock,
      openCore: async () => {
        const db = openDatabase(file);
        db.close();
        return "core";
      },
      onState: (s) => states.push(s),
      onReady: (core) => ready.push(core),
      chooseFolder: () => undefined,
      quit: () => undefined,
    });
    expect(await controller.run()).toBeNull();
    expect(states[0]).toMatchObject({ phase: "starting", step: "checking" });
    expect(controller.state()).toMatchObject({
      phase: "problem",
      kind: "corrupt",
      title: "The database is damaged",
      backups: [{ name: backup.name }],
    });
    expect(await controller.dispatch("recovery.restore", { name: "../happyhead.sqlite3" })).toMatchObject({
      ok: false,
      error: { code: "INVALID_INPUT" },
    });
    expect(await controller.dispatch("desk.queue", {})).toMatchObject({ ok: false, error: { code: "UNKNOWN_CHANNEL" } });
    expect(await controller.dispatch("recovery.restore", { name: backup.name })).toEqual({ ok: true, value: {} });
    await expect.poll(() => controller.state().phase).toBe("ready");
    expect(ready).toEqual(["core"]);
    expect(probeDatabase(file).problem).toBeNull();
  });
});
