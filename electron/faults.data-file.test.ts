import { connect } from "../db/open";
import { copyFileSync, existsSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listBackups } from "../db/maintenance/backup";
import { DEMO_STAFF } from "../db/demo/seed-demo";
import { tempDir } from "../db/test/helpers";
import { createAppCore, type AppCore } from "./core";
import { openRestoreGaps } from "../db/maintenance/restore-gaps";
import { createStartupController } from "./startup/controller";
import { classifyOpenError, problemText } from "./startup/decide";
import { quickCheckOffMainThread } from "./startup/probe";
import { cleanClose } from "./startup/records";
import { addFiller, damageEnd } from "./test-support/startup-files";
import { FILE_LOST_MESSAGE } from "../db/errors";
import {
  clock,
  cores,
  closeCoresAfterEach,
  openCore,
  openCodes,
  checkIn,
  checkedInIds,
} from "./test-support/fault-core";

closeCoresAfterEach();

/** Another program deletes the data file, or puts an older copy in its place (a sync tool, someone restoring). */
function loseDataFile(dir: string, how: "deleted" | "replaced"): void {
  const file = path.join(dir, "happyhead.sqlite3");
  if (how === "deleted") for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  else {
    copyFileSync(path.join(dir, "backups", listBackups(path.join(dir, "backups"))[0]!.name), `${file}.other`);
    renameSync(`${file}.other`, file);
  }
}

/** The check-ins in the rescued backup, once it has been written. */
async function rescuedCheckIns(dir: string): Promise<Set<number>> {
  const backups = path.join(dir, "backups");
  await expect.poll(() => listBackups(backups).filter((x) => x.kind === "rescued").length).toBe(1);
  return checkedInIds(path.join(backups, listBackups(backups).find((x) => x.kind === "rescued")!.name));
}

describe("missing or replaced database", () => {
  it("a missing database file with backups beside it opens the recovery screen, not a new spa; on the guest's display only a manager's PIN from the backup opens it", async () => {
    const dir = tempDir();
    const core = await openCore(dir); // takes its first daily backup at start
    await core.close();
    cores.length = 0;
    for (const suffix of ["", "-wal", "-shm"]) rmSync(path.join(dir, `happyhead.sqlite3${suffix}`), { force: true });
    let opened = 0;
    const controller = createStartupController({
      dataDir: dir,
      onStaffDisplay: false,
      clock,
      openCore: async () => {
        opened++;
        return openCore(dir);
      },
      onState: () => undefined,
      onReady: () => undefined,
      chooseFolder: () => undefined,
      quit: () => undefined,
    });
    expect(await controller.run()).toBeNull();
    expect(controller.state()).toMatchObject({
      phase: "problem",
      kind: "missing",
      title: "The spa's data file is missing",
      backups: [{ kind: "auto" }],
    });
    expect(opened).toBe(0);
    expect(existsSync(path.join(dir, "happyhead.sqlite3"))).toBe(false);
    // A guest at the kiosk: nothing works but calling staff.
    const backupName = listBackups(path.join(dir, "backups"))[0]!.name;
    expect(controller.state()).toMatchObject({ locked: true });
    for (const [channel, payload] of [
      ["recovery.restore", { name: backupName }],
      ["recovery.chooseFolder", {}],
      ["recovery.quit", {}],
      ["recovery.retry", {}],
    ] as const) {
      expect(await controller.dispatch(channel, payload)).toMatchObject({
        ok: false,
        error: { code: "FORBIDDEN", message: "A manager's PIN is needed here. Guests: please ask a member of staff." },
      });
    }
    expect(await controller.dispatch("recovery.unlock", { pin: DEMO_STAFF[1].pin })).toMatchObject({
      ok: false,
      error: { code: "WRONG_PIN" },
    }); // a receptionist's PIN
    expect(await controller.dispatch("recovery.unlock", { pin: DEMO_STAFF[0].pin })).toEqual({ ok: true, value: {} });
    expect(controller.state()).toMatchObject({ locked: false });
    expect(await controller.dispatch("recovery.restore", { name: backupName })).toEqual({ ok: true, value: {} });
    await expect.poll(() => opened).toBe(1);
  });

  it.each([
    ["deleted", "between two check-ins"],
    ["replaced", "between two check-ins"],
    ["deleted", "in the middle of a check-in"],
    ["replaced", "in the middle of a check-in"],
  ] as const)(
    "a database file %s %s: the next check-in is refused (rolled back, if it was under way), so the rescued backup holds exactly the acknowledged ones",
    async (how, when) => {
      const dir = tempDir();
      const core = await openCore(dir);
      const [a, b] = openCodes(core);
      const first = await checkIn(core, a!.code);
      expect(first.ok).toBe(true);
      if (when === "between two check-ins") loseDataFile(dir, how);
      else {
        // Another program at work while the check-in's transaction is open: right after its check-in row is written.
        core.model.db.function("another_program", () => {
          loseDataFile(dir, how);
          return 0;
        });
        core.model.db.exec(
          "CREATE TEMP TRIGGER meanwhile AFTER INSERT ON check_ins BEGIN SELECT another_program(); END",
        );
      }
      const second = await checkIn(core, b!.code);
      expect(second).toMatchObject({ ok: false, error: { code: "NOT_AVAILABLE", message: FILE_LOST_MESSAGE } });
      const kept = await rescuedCheckIns(dir);
      expect(kept.has(first.id!)).toBe(true);
      expect(kept.has(second.id!)).toBe(false);
    },
  );
});

describe("a page damaged when the spa lost power", () => {
  it("the kiosk opens at once; the quick check in its own thread finds the damage, the app closes and the recovery screen shows; a check-in taken meanwhile is in the damaged file, kept as a backup by the restore", async () => {
    const dir = tempDir();
    await (await openCore(dir)).close(); // the demo spa, with its startup backup
    cores.length = 0;
    const file = path.join(dir, "happyhead.sqlite3");
    addFiller(file);
    cleanClose.forget(file); // the power cut: no clean close recorded
    damageEnd(file);
    let duringCheck: Promise<Awaited<ReturnType<typeof checkIn>>> | null = null;
    let codes: { code: string }[] = [];
    const controller = createStartupController<AppCore>({
      dataDir: dir,
      onStaffDisplay: true,
      clock,
      // The check reads the file once the guest's check-in has answered: it is taken while the check is due.
      quickCheck: async (file) => {
        await duringCheck;
        return quickCheckOffMainThread(file);
      },
      openCore: async () => {
        const core = await createAppCore({ dataDir: dir, seed: "demo", clock });
        cores.push(core);
        return core;
      },
      onState: () => undefined,
      // A guest checks in as soon as the kiosk shows, while the check reads the file.
      onReady: (core) => {
        codes = openCodes(core);
        duringCheck ??= checkIn(core, codes[0]!.code);
      },
      chooseFolder: () => undefined,
      quit: () => undefined,
    });
    const core = await controller.run();
    expect(core).not.toBeNull();
    expect(controller.state().phase).toBe("ready");
    const answered = await duringCheck!;
    await controller.checked();
    expect(controller.state()).toMatchObject({
      phase: "problem",
      kind: "corrupt",
      title: "The database is damaged",
      message: problemText({ kind: "corrupt", detail: "" }, true, true).message,
      canRetry: false,
    });
    // The app was closed: nothing more is written to the damaged file, and the next start checks it again.
    expect(await checkIn(core!, codes[1]!.code)).toMatchObject({ ok: false });
    expect(existsSync(cleanClose.file(file))).toBe(false);

    const daily = listBackups(path.join(dir, "backups")).find((b) => b.kind === "auto")!;
    expect(await controller.dispatch("recovery.restore", { name: daily.name })).toEqual({ ok: true, value: {} });
    await expect.poll(() => controller.state().phase).toBe("ready");
    await controller.checked();
    expect(controller.state().phase).toBe("ready");
    const kept = listBackups(path.join(dir, "backups")).find((b) => b.kind === "before-restore")!;
    // Acknowledged with the kiosk up, before the check answered: in the kept file.
    expect(answered.ok).toBe(true);
    expect(checkedInIds(path.join(dir, "backups", kept.name)).has(answered.id!)).toBe(true);
    // And on the desk's list of what the restore left out, to be checked in again.
    expect(openRestoreGaps(cores.at(-1)!.model)).toEqual([
      expect.objectContaining({ appointmentId: answered.id, channel: "kiosk", checkedInAgain: false }),
    ]);
  });
});

/** Counts event-loop turns while `work` runs: a frozen main process counts none. */
async function ticksDuring<T>(work: () => Promise<T>): Promise<{ result: T; ticks: number }> {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 10);
  try {
    return { result: await work(), ticks };
  } finally {
    clearInterval(timer);
  }
}

describe("another program holds the data file", () => {
  it("a check-in while another program holds the write lock answers by name, the app keeps turning, and it goes through once the lock is gone", async () => {
    const dir = tempDir();
    const core = await openCore(dir);
    const [a, b] = openCodes(core);
    const other = connect(path.join(dir, "happyhead.sqlite3"));
    try {
      other.exec("BEGIN IMMEDIATE");
      const { result, ticks } = await ticksDuring(() => checkIn(core, a!.code));
      expect(result).toMatchObject({
        ok: false,
        error: {
          code: "NOT_AVAILABLE",
          message: expect.stringMatching(/^Another program is using the spa's data file/) as unknown,
        },
      });
      expect(ticks).toBeGreaterThanOrEqual(20); // ≥ 200 ms of event-loop turns across the ~1.6 s of retries
      expect(checkedInIds(path.join(dir, "happyhead.sqlite3")).has(result.id ?? a!.id)).toBe(false);
      // A lock held briefly (a backup tool's copy) is waited out: the guest's check-in goes through.
      setTimeout(() => other.exec("ROLLBACK"), 300);
      const later = await checkIn(core, b!.code);
      expect(later.ok).toBe(true);
    } finally {
      if (other.inTransaction) other.exec("ROLLBACK");
      other.close();
    }
  });
  it('opening while another program holds the write lock is refused at once as "in use" (the start screen\'s Try again), its own first commit not waiting out the lock; once the lock is gone it opens and a check-in goes through', async () => {
    const dir = tempDir();
    const first = await openCore(dir);
    const [a] = openCodes(first);
    await first.close();
    cores.length = 0;
    const other = connect(path.join(dir, "happyhead.sqlite3"));
    try {
      other.exec("BEGIN IMMEDIATE");
      const t = performance.now();
      const refused = await openCore(dir).then(
        () => null,
        (error: unknown) => error,
      );
      expect(classifyOpenError(refused)).toMatchObject({ kind: "locked" });
      expect(performance.now() - t).toBeLessThan(1_000);
      other.exec("ROLLBACK");
      const core = await openCore(dir);
      expect((await checkIn(core, a!.code)).ok).toBe(true);
    } finally {
      if (other.inTransaction) other.exec("ROLLBACK");
      other.close();
    }
  });
});
