import { copyFileSync, existsSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { StartupState } from "../../contract/recovery";
import { createBackup } from "../../db/maintenance/backup";
import { modelOf } from "../../db/model";
import { openDatabase } from "../../db/open";
import { fixedClock, tempDir } from "../../db/test/helpers";
import { damage, damageEnd, fakeApp, healthyDb } from "../test-support/startup-files";
import { makePadCode } from "../../db/staff/pad-code";
import { delayAfter } from "../../db/staff/pin-pads";
import { createStaff } from "../../db/staff/staff";
import { CHECK_WAITS_FOR_KIOSK_MS, createStartupController } from "./controller";
import { problemText, START_CHECK_RUNNING } from "./decide";
import { probeDatabase } from "./probe";
import { cleanClose } from "./records";

const clock = fixedClock("2026-11-25T18:07:00.000Z");

describe("startup controller", () => {
  it("a file that can't be opened: the recovery screen before any app; restoring a backup starts the app", async () => {
    const dir = tempDir();
    const file = healthyDb(dir);
    const good = openDatabase(file);
    const backup = await createBackup(modelOf(good, clock), path.join(dir, "backups"), "auto");
    good.close();
    writeFileSync(file, "not a database at all, just a text file that got the name".repeat(200));
    const states: StartupState[] = [];
    const ready: string[] = [];
    const opened: ReturnType<typeof fakeApp>[] = [];
    const controller = createStartupController({
      dataDir: dir,
      onStaffDisplay: true,
      clock,
      openCore: async () => {
        const db = openDatabase(file);
        db.close();
        const app = fakeApp();
        opened.push(app);
        return app;
      },
      onState: (s) => states.push(s),
      onReady: (core) => void ready.push(core.name),
      chooseFolder: () => undefined,
      quit: () => undefined,
    });
    expect(await controller.run()).toBeNull();
    expect(states[0]).toMatchObject({ phase: "starting", step: "checking" });
    expect(controller.state()).toMatchObject({
      phase: "problem",
      kind: "corrupt",
      title: "The database is damaged",
      message: problemText({ kind: "corrupt", detail: "" }, true).message,
      canRetry: false,
      backups: [{ name: backup.name }],
    });
    expect(await controller.dispatch("recovery.restore", { name: "../happyhead.sqlite3" })).toMatchObject({
      ok: false,
      error: { code: "INVALID_INPUT" },
    });
    expect(await controller.dispatch("desk.queue", {})).toMatchObject({
      ok: false,
      error: { code: "UNKNOWN_CHANNEL" },
    });
    expect(await controller.dispatch("recovery.restore", { name: backup.name })).toEqual({ ok: true, value: {} });
    await expect.poll(() => controller.state().phase).toBe("ready");
    expect(ready).toEqual(["core"]);
    expect(probeDatabase(file).problem).toBeNull();
    // The app, once open, hears which file the restore replaced (kept as a backup): the desk's list of what it lost.
    expect(opened.map((app) => app.restoredOver)).toEqual([[expect.stringMatching(/-before-restore\.sqlite3$/)]]);
    // The restored file had no clean close beside it: it is checked, and passes.
    await controller.checked();
    expect(controller.state().phase).toBe("ready");
  });
});

/** A controller over `dir` whose app opens at once as `app`; `more` replaces any of its options. */
const startOver = (
  dir: string,
  app: ReturnType<typeof fakeApp>,
  more: Partial<Parameters<typeof createStartupController<ReturnType<typeof fakeApp>>>[0]> = {},
) =>
  createStartupController({
    dataDir: dir,
    onStaffDisplay: true,
    clock,
    openCore: () => Promise.resolve(app),
    onState: () => undefined,
    onReady: () => undefined,
    chooseFolder: () => undefined,
    quit: () => undefined,
    ...more,
  });

describe("an everyday start", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("opens without pausing for the progress screen, after a clean close or a crash; after a crash the quick check runs once the app is open, in its own thread", async () => {
    const dir = tempDir();
    const file = healthyDb(dir);
    // No timer ever fires: a start that waited on one would never reach "ready".
    vi.useFakeTimers({ toFake: ["setTimeout"] });
    const start = async () => {
      const states: StartupState[] = [];
      const app = fakeApp();
      const controller = startOver(dir, app, { onState: (s) => states.push(s) });
      const core = await controller.run();
      const steps = () => states.map((s) => (s.phase === "starting" ? s.step : s.phase));
      const atReady = steps();
      await controller.checked();
      return { core: core?.name ?? null, atReady, afterCheck: steps(), staffTold: app.staffTold, closed: app.closed };
    };
    cleanClose.record(file);
    expect(await start()).toEqual({
      core: "core",
      atReady: ["checking", "opening", "ready"],
      afterCheck: ["checking", "opening", "ready"],
      staffTold: [],
      closed: 0,
    });
    // The record was taken at that start: this one is as after a crash, and runs the quick check after opening.
    expect(await start()).toEqual({
      core: "core",
      atReady: ["checking", "opening", "ready"],
      afterCheck: ["checking", "opening", "ready"],
      staffTold: [
        START_CHECK_RUNNING,
        expect.stringMatching(/^The quick check after last time's unclean close passed/),
      ],
      closed: 0,
    });
    // A failing disk: the kiosk is already up when the check finds the damage, then the app closes.
    damageEnd(file);
    expect(await start()).toEqual({
      core: "core",
      atReady: ["checking", "opening", "ready"],
      afterCheck: ["checking", "opening", "ready", "problem"],
      staffTold: [START_CHECK_RUNNING],
      closed: 1,
    });
    // The app closed it, but it is not a clean close: the next start checks again.
    expect(existsSync(cleanClose.file(file))).toBe(false);
  });

  it("after a crash the quick check starts once the kiosk is on screen, not beside its first paint; a kiosk that never shows holds it back CHECK_WAITS_FOR_KIOSK_MS at most", async () => {
    const dir = tempDir();
    healthyDb(dir);
    let checks = 0;
    const start = (onScreen: Promise<void>) => {
      const app = fakeApp();
      const controller = startOver(dir, app, {
        onReady: () => onScreen,
        quickCheck: () => {
          checks++;
          return Promise.resolve({ result: "ok" });
        },
      });
      return { app, controller };
    };
    const turns = async () => {
      for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    };

    let show: () => void = () => undefined;
    const first = start(new Promise((resolve) => (show = resolve)));
    expect(await first.controller.run()).toBe(first.app);
    await turns();
    // Not started, but staff are told it will run, and the full check and the backup wait for it.
    expect(checks).toBe(0);
    expect(first.app.staffTold).toEqual([START_CHECK_RUNNING]);
    show();
    await first.controller.checked();
    expect(checks).toBe(1);
    expect(first.app.staffTold[1]).toMatch(/^The quick check after last time's unclean close passed/);

    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const second = start(new Promise(() => undefined));
    expect(await second.controller.run()).toBe(second.app);
    await vi.advanceTimersByTimeAsync(CHECK_WAITS_FOR_KIOSK_MS - 1);
    expect(checks).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    await second.controller.checked();
    expect(checks).toBe(2);
    expect(second.app.staffTold[1]).toMatch(/^The quick check after last time's unclean close passed/);
  });

  it("a restore that replaces the file while the quick check runs: its answer about the old file closes nothing", async () => {
    const dir = tempDir();
    const file = healthyDb(dir);
    const good = path.join(dir, "good.sqlite3");
    copyFileSync(file, good);
    damageEnd(file);
    const app = fakeApp();
    // The check starts, then a manager's restore renames the good copy over the damaged file.
    app.maintenance.noteStartCheck = (message: string) => {
      app.staffTold.push(message);
      if (existsSync(good)) renameSync(good, file);
    };
    const controller = startOver(dir, app);
    expect(await controller.run()).toBe(app);
    await controller.checked();
    expect(controller.state().phase).toBe("ready");
    expect(app.closed).toBe(0);
    expect(app.staffTold).toEqual([START_CHECK_RUNNING, expect.stringMatching(/replaced by a restore/)]);
  });

  it("damage found with the app open, with a staff display: the kiosk's screen is locked and does nothing, the staff display's works", async () => {
    const dir = tempDir();
    const file = healthyDb(dir);
    damageEnd(file);
    const controller = startOver(dir, fakeApp());
    expect(await controller.run()).not.toBeNull();
    await controller.checked();
    expect(controller.state()).toMatchObject({ phase: "problem", kind: "corrupt", locked: false });
    expect(await controller.dispatchFromGuest("recovery.state", {})).toMatchObject({
      ok: true,
      value: { phase: "problem", kind: "corrupt", locked: true },
    });
    for (const channel of ["recovery.unlock", "recovery.quit", "recovery.retry"])
      expect(
        await controller.dispatchFromGuest(channel, channel === "recovery.unlock" ? { pin: "2468" } : {}),
      ).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await controller.dispatch("recovery.state", {})).toMatchObject({ ok: true, value: { locked: false } });
  });
});

describe("recovery on the guest's display (one display)", () => {
  it("a guest's wrong PINs make its pad wait; the spa's unlock code from the newest backup opens it, and the manager's PIN is taken at once", async () => {
    const dir = tempDir();
    const file = path.join(dir, "happyhead.sqlite3");
    const db = openDatabase(file);
    const m = modelOf(db, clock);
    const morgan = await createStaff(m, { name: "Morgan", role: "manager", pin: "2468" });
    const { code } = await makePadCode(m, { kind: "staff", staffId: morgan, name: "Morgan" });
    await createBackup(m, path.join(dir, "backups"), "auto");
    db.close();
    damage(file);
    const now = { ms: 0 };
    const controller = createStartupController({
      dataDir: dir,
      onStaffDisplay: false,
      clock,
      monotonicMs: () => now.ms,
      openCore: () => Promise.resolve(fakeApp()),
      onState: () => undefined,
      onReady: () => undefined,
      chooseFolder: () => undefined,
      quit: () => undefined,
    });
    await controller.run();
    await controller.checked();
    expect(controller.state()).toMatchObject({ phase: "problem", locked: true });
    for (let i = 0; i < 15; i++) {
      now.ms += delayAfter(i);
      expect(await controller.dispatch("recovery.unlock", { pin: "0000" })).toMatchObject({
        ok: false,
        error: { code: "WRONG_PIN" },
      });
    }
    expect(await controller.dispatch("recovery.unlock", { pin: "2468" })).toMatchObject({
      ok: false,
      error: {
        code: "LOCKED_OUT",
        message: expect.stringMatching(/8 hours; staff can open it now with the spa's unlock code/) as unknown,
      },
    });
    expect(await controller.dispatch("recovery.restore", { name: "x.sqlite3" })).toMatchObject({ ok: false });
    expect(await controller.dispatch("recovery.openPad", { code: "0000000000" })).toMatchObject({
      ok: false,
      error: { code: "WRONG_PIN", message: "That is not the spa's unlock code." },
    });
    expect(await controller.dispatch("recovery.openPad", { code })).toEqual({ ok: true, value: {} });
    expect(controller.state()).toMatchObject({ locked: true }); // the code opens the pad, not the screen
    expect(await controller.dispatch("recovery.unlock", { pin: "2468" })).toEqual({ ok: true, value: {} });
    expect(controller.state()).toMatchObject({ locked: false });
  });
});
