import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { StartupState } from "../../contract/recovery";
import { createBackup } from "../../db/maintenance/backup";
import { modelOf } from "../../db/model";
import { openDatabase } from "../../db/open";
import { createStaff } from "../../db/staff/staff";
import { fixedClock, tempDir } from "../../db/test/helpers";
import { addFiller, damageEnd, fakeApp } from "../test-support/startup-files";
import { createStartupController } from "./controller";

/**
 * The recovery screen when the displays change under it: the staff monitor unplugged, or asleep and disconnected, and
 * the OS moving the window onto the guest's display (electron/shell.ts tells the controller: `placed`).
 */

const clock = fixedClock("2026-11-25T18:07:00.000Z");

/** A spa's data folder whose newest backup has Morgan, a manager (PIN 2468); returns the database file and backup. */
async function spaWithBackup(dir: string): Promise<{ file: string; backup: string }> {
  const file = path.join(dir, "happyhead.sqlite3");
  const db = openDatabase(file);
  const m = modelOf(db, clock);
  await createStaff(m, { name: "Morgan", role: "manager", pin: "2468" });
  const { name } = await createBackup(m, path.join(dir, "backups"), "auto");
  db.close();
  return { file, backup: name };
}

function controllerOver(dir: string) {
  const seen = { states: [] as StartupState[], folderAsked: 0, quit: 0, opened: 0 };
  const controller = createStartupController({
    dataDir: dir,
    onStaffDisplay: true,
    clock,
    openCore: () => {
      seen.opened++;
      return Promise.resolve(fakeApp());
    },
    onState: (s) => seen.states.push(s),
    onReady: () => undefined,
    chooseFolder: () => void seen.folderAsked++,
    quit: () => void seen.quit++,
  });
  const lastLocked = () => {
    const last = seen.states.at(-1);
    return last?.phase === "problem" ? last.locked : null;
  };
  return { controller, seen, lastLocked };
}

const PIN_FIRST = {
  ok: false,
  error: { code: "FORBIDDEN", message: expect.stringMatching(/manager's PIN/) as unknown },
};

describe("the recovery screen on the staff display, when that display goes", () => {
  it("unplugged: the screen locks at once and this process refuses restore, another folder and quit; back, it works", async () => {
    const dir = tempDir();
    const { file, backup } = await spaWithBackup(dir);
    writeFileSync(file, "not a database, just a text file that got the name".repeat(200));
    const { controller, seen, lastLocked } = controllerOver(dir);
    expect(await controller.run()).toBeNull();
    expect(lastLocked()).toBe(false);

    controller.placed(false); // the OS moved the window onto the guest's display
    expect(lastLocked()).toBe(true); // pushed to the page: the PIN pad, not the buttons
    expect(controller.view("screen")).toMatchObject({ phase: "problem", locked: true });
    // A guest's taps, or calls a page could make, whatever its view shows: refused here.
    expect(await controller.dispatch("recovery.restore", { name: backup })).toMatchObject(PIN_FIRST);
    expect(await controller.dispatch("recovery.chooseFolder", {})).toMatchObject(PIN_FIRST);
    expect(await controller.dispatch("recovery.quit", {})).toMatchObject(PIN_FIRST);
    expect(await controller.dispatch("recovery.retry", {})).toMatchObject(PIN_FIRST);
    expect(await controller.dispatch("recovery.state", {})).toMatchObject({ ok: true, value: { locked: true } });
    expect(seen).toMatchObject({ folderAsked: 0, quit: 0, opened: 0 });

    controller.placed(true); // the staff monitor wakes; the window follows it back
    expect(lastLocked()).toBe(false);
    expect(await controller.dispatch("recovery.chooseFolder", {})).toEqual({ ok: true, value: {} });
    expect(seen.folderAsked).toBe(1);

    // Gone again: a manager's PIN opens it on the guest's display, and the restore goes through.
    controller.placed(false);
    expect(await controller.dispatch("recovery.unlock", { pin: "0000" })).toMatchObject({
      ok: false,
      error: { code: "WRONG_PIN" },
    });
    expect(await controller.dispatch("recovery.restore", { name: backup })).toMatchObject(PIN_FIRST);
    expect(await controller.dispatch("recovery.unlock", { pin: "2468" })).toEqual({ ok: true, value: {} });
    expect(lastLocked()).toBe(false);
    expect(await controller.dispatch("recovery.restore", { name: backup })).toEqual({ ok: true, value: {} });
    await expect.poll(() => controller.state().phase).toBe("ready");
    expect(seen.opened).toBe(1);
  });

  it("a PIN typed on the guest's display does not outlive a move to the staff display and back", async () => {
    const dir = tempDir();
    const { file } = await spaWithBackup(dir);
    writeFileSync(file, "x".repeat(10_000));
    const { controller, lastLocked } = controllerOver(dir);
    await controller.run();
    controller.placed(false);
    expect(await controller.dispatch("recovery.unlock", { pin: "2468" })).toEqual({ ok: true, value: {} });
    controller.placed(false); // another display event with the window where it is: still open
    expect(lastLocked()).toBe(false);
    controller.placed(true);
    controller.placed(false);
    expect(lastLocked()).toBe(true);
    expect(await controller.dispatch("recovery.quit", {})).toMatchObject(PIN_FIRST);
  });

  it("nor the app opening again: damage found later, on the guest's display, asks for the PIN again", async () => {
    const dir = tempDir();
    const { file, backup } = await spaWithBackup(dir);
    writeFileSync(file, "x".repeat(10_000));
    const controller = createStartupController({
      dataDir: dir,
      onStaffDisplay: false,
      clock,
      openCore: () => Promise.resolve(fakeApp()),
      onState: () => undefined,
      onReady: () => undefined,
      chooseFolder: () => undefined,
      quit: () => undefined,
      // The restored file's check after opening (it has no clean close) finds damage, as a failing disk would.
      quickCheck: () => Promise.resolve({ result: "damaged", problem: { kind: "corrupt", detail: "SQLITE_CORRUPT" } }),
    });
    await controller.run();
    expect(await controller.dispatch("recovery.unlock", { pin: "2468" })).toEqual({ ok: true, value: {} });
    expect(await controller.dispatch("recovery.restore", { name: backup })).toEqual({ ok: true, value: {} });
    await expect.poll(() => controller.state().phase).toBe("ready");
    await expect.poll(() => controller.state().phase).toBe("problem");
    expect(controller.view("screen")).toMatchObject({ phase: "problem", kind: "corrupt", locked: true });
    expect(await controller.dispatch("recovery.restore", { name: backup })).toMatchObject(PIN_FIRST);
  });
});

describe("damage found with the app open, staff window on its display, when that display goes", () => {
  it("the staff window's screen locks; the kiosk's, from look-only, takes a manager's PIN too, and then works", async () => {
    const dir = tempDir();
    const { file, backup } = await spaWithBackup(dir);
    addFiller(file);
    damageEnd(file); // found by the quick check once the app is open (no clean close recorded)
    const { controller, lastLocked } = controllerOver(dir);
    expect(await controller.run()).not.toBeNull();
    await controller.checked();
    expect(lastLocked()).toBe(false);
    expect(await controller.dispatchFromGuest("recovery.unlock", { pin: "2468" })).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN", message: "A manager handles this on the staff display." },
    });

    controller.placed(false);
    expect(controller.view("screen")).toMatchObject({ locked: true });
    expect(controller.view("guest")).toMatchObject({ locked: true });
    for (const call of [controller.dispatch, controller.dispatchFromGuest])
      expect(await call("recovery.restore", { name: backup })).toMatchObject(PIN_FIRST);
    // No staff display left to handle it on: the kiosk's screen takes the PIN, as on one display.
    expect(await controller.dispatchFromGuest("recovery.unlock", { pin: "2468" })).toEqual({ ok: true, value: {} });
    expect(controller.view("guest")).toMatchObject({ locked: false });
    expect(await controller.dispatchFromGuest("recovery.restore", { name: backup })).toEqual({ ok: true, value: {} });
    await expect.poll(() => controller.state().phase).toBe("ready");
  });

  it("the staff display back: the staff window's screen works again and the kiosk's only shows it", async () => {
    const dir = tempDir();
    const { file } = await spaWithBackup(dir);
    addFiller(file);
    damageEnd(file);
    const { controller } = controllerOver(dir);
    await controller.run();
    await controller.checked();
    controller.placed(false);
    controller.placed(true);
    expect(controller.view("screen")).toMatchObject({ phase: "problem", locked: false });
    expect(controller.view("guest")).toMatchObject({ phase: "problem", locked: true });
    expect(await controller.dispatchFromGuest("recovery.quit", {})).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN", message: "A manager handles this on the staff display." },
    });
  });
});
