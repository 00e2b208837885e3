import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { axeOn } from "./axe";
import { tmpdir } from "node:os";
import path from "node:path";
import type { StartupState } from "../contract/recovery";
import { STARTUP_EVENT } from "../contract/recovery";
import { createAppCore, type AppCore } from "../electron/core";
import { createStartupController } from "../electron/startup/controller";
import { systemClock } from "../db/time";
import { DEMO_STAFF } from "../db/demo/seed-demo";
import { openDatabase } from "../db/open";
import { makePadCode } from "../db/staff/pad-code";
import { LATEST_VERSION } from "../db/migrations";
import { addFiller, damageEnd } from "../electron/test-support/startup-files";
import { canMountTmpfs, fillDisk, mountTmpfs, unmount } from "../electron/test-support/full-disk";
import { WRITTEN_SINCE_START } from "../electron/startup/decide";
import { demoCore } from "./demo-database";
import { expect, test } from "./fixtures";
import { newContext, openStartupWindow, openWindow } from "./wiring";

const shots = path.resolve(__dirname, "..", "test-results", "recovery");

/**
 * A data folder with a demo database and its startup backup (`prepare` may add a newer one), then damaged or made
 * "newer".
 */
async function dataFolder(
  breakIt: "corrupt" | "newer" | "corrupt-rows",
  prepare?: (core: AppCore) => Promise<void>,
): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), "happyhead-recovery-"));
  const core = await demoCore({ dataDir: dir });
  // The startup backup the recovery screen offers is taken in the background just after start.
  await core.maintenance.settled();
  await prepare?.(core);
  // The background worker's connections checkpoint when they close: closed before the file is damaged.
  await core.background.stop();
  await core.close();
  const file = path.join(dir, "happyhead.sqlite3");
  if (breakIt === "corrupt-rows") {
    // Damage in rows the app doesn't read to open: found by the quick check after the crash, with the kiosk up.
    addFiller(file);
    rmSync(`${file}.clean-close`, { force: true });
    damageEnd(file);
  } else if (breakIt === "corrupt") {
    // Damaged from its first page (the header and the schema's root), as a failing disk leaves it: the start
    // can't even read it, so the recovery screen comes before any app. (Damage in rows the app doesn't read
    // to open is found after the kiosk is up: "corrupt-rows".)
    rmSync(`${file}.clean-close`, { force: true });
    const fd = openSync(file, "r+");
    writeSync(fd, Buffer.alloc(4096 * 33, 0x5a), 0, 4096 * 33, 0);
    closeSync(fd);
  } else {
    const db = openDatabase(file);
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.close();
  }
  return dir;
}

/** `kioskShown`: the kiosk on screen, as the shell's onReady promises it (the quick check after a crash waits). */
function controllerFor(dir: string, onStaffDisplay = true, kioskShown?: Promise<void>) {
  const pushes: ((event: string, payload: unknown) => void)[] = [];
  const opened: AppCore[] = [];
  const controller = createStartupController<AppCore>({
    dataDir: dir,
    onStaffDisplay,
    clock: systemClock,
    openCore: () => createAppCore({ dataDir: dir, seed: "demo" }),
    onState: (s: StartupState) => pushes.forEach((p) => p(STARTUP_EVENT, s)),
    onReady: (core) => {
      opened.push(core);
      return kioskShown;
    },
    chooseFolder: () => undefined,
    quit: () => undefined,
  });
  return { controller, opened, subscribe: (push: (event: string, payload: unknown) => void) => void pushes.push(push) };
}

test.describe("startup and recovery screen (renderer over the startup controller)", () => {
  test("a damaged database shows the recovery screen; restoring the backup opens the kiosk", async ({
    browserInstance,
  }) => {
    const dir = await dataFolder("corrupt");
    const { controller, opened, subscribe } = controllerFor(dir);
    expect(await controller.run()).toBeNull();
    const context = await newContext(browserInstance, { width: 1920, height: 1080 });
    const page = await openStartupWindow(context, controller.dispatch, subscribe);
    await expect(page.getByRole("heading", { name: "The database is damaged" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Open a different folder…" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Quit" })).toBeVisible();
    expect((await axeOn(page).analyze()).violations).toEqual([]);
    await page.screenshot({ path: path.join(shots, "recovery-corrupt-1920x1080.png") });
    await page.setViewportSize({ width: 1080, height: 1920 });
    await page.screenshot({ path: path.join(shots, "recovery-corrupt-1080x1920.png") });

    await page
      .getByRole("button", { name: /^Restore the backup from/ })
      .first()
      .click();
    await expect(page.getByRole("heading", { name: "Ready" })).toBeVisible();
    expect(opened).toHaveLength(1);
    const core = opened[0]!;
    const kiosk = await openWindow(context, core, "kiosk");
    await expect(kiosk.getByRole("button", { name: "Check in" })).toBeVisible();
    // The damaged file was kept as a "before-restore" backup.
    expect(core.maintenance.list().map((b) => b.kind)).toContain("before-restore");
    // The restored file had no clean close beside it, so the quick check reads it in its own thread: the folder goes
    // once it has answered (removed while the check opened the file, it failed with ENOTEMPTY now and then).
    await controller.checked();
    await context.close();
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test("after a power cut the kiosk is up at once; damage the quick check then finds brings the recovery screen, and restoring opens the kiosk again", async ({
    browserInstance,
  }) => {
    const dir = await dataFolder("corrupt-rows");
    // As in the shell, the check starts once the kiosk is on screen: the window tells the controller.
    let kioskShown = () => undefined as void;
    const shown = new Promise<void>((resolve) => (kioskShown = resolve));
    const { controller, opened, subscribe } = controllerFor(dir, true, shown);
    const core = await controller.run();
    expect(core).not.toBeNull();
    const context = await newContext(browserInstance, { width: 1920, height: 1080 });
    const kiosk = await openWindow(context, core!, "kiosk");
    await expect(kiosk.getByRole("button", { name: "Check in" })).toBeVisible();
    kioskShown();
    await controller.checked();
    // The app closed: the window shows the recovery screen in the kiosk's place (electron/shell.ts).
    await kiosk.close();
    const page = await openStartupWindow(context, controller.dispatch, subscribe);
    await expect(page.getByRole("heading", { name: "The database is damaged" })).toBeVisible();
    await expect(page.getByText(WRITTEN_SINCE_START.trim().slice(0, 60))).toBeVisible();
    await expect(page.getByRole("button", { name: "Try again" })).toHaveCount(0);
    expect((await axeOn(page).analyze()).violations).toEqual([]);
    await page.screenshot({ path: path.join(shots, "recovery-after-start-1920x1080.png") });
    await page.setViewportSize({ width: 1080, height: 1920 });
    await page.screenshot({ path: path.join(shots, "recovery-after-start-1080x1920.png") });
    await page
      .getByRole("button", { name: /^Restore the backup from/ })
      .first()
      .click();
    await expect(page.getByRole("heading", { name: "Ready" })).toBeVisible();
    expect(opened).toHaveLength(2);
    await controller.checked();
    const again = await openWindow(context, opened[1]!, "kiosk");
    await expect(again.getByRole("button", { name: "Check in" })).toBeVisible();
    await context.close();
    await opened[1]!.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test("on the guest's display the recovery screen does nothing until a manager's PIN from the newest backup", async ({
    browserInstance,
  }) => {
    const dir = await dataFolder("corrupt");
    const { controller, opened, subscribe } = controllerFor(dir, false);
    expect(await controller.run()).toBeNull();
    const context = await newContext(browserInstance, { width: 1080, height: 1920 });
    const page = await openStartupWindow(context, controller.dispatch, subscribe);
    await expect(page.getByRole("heading", { name: "The database is damaged" })).toBeVisible();
    await expect(page.getByText("Please ask a member of staff for help.")).toBeVisible();
    for (const name of ["Quit", "Open a different folder…", "Try again"])
      await expect(page.getByRole("button", { name })).toHaveCount(0);
    expect(await controller.dispatch("recovery.chooseFolder", {})).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
    expect(await controller.dispatch("recovery.quit", {})).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect((await axeOn(page).analyze()).violations).toEqual([]);
    await page.screenshot({ path: path.join(shots, "recovery-locked-1080x1920.png") });
    await page.getByRole("textbox", { name: "PIN" }).fill("0000");
    await page.getByRole("button", { name: "Unlock" }).click();
    await expect(page.getByRole("alert")).toHaveText("Wrong PIN. Try again.");
    await page.getByRole("textbox", { name: "PIN" }).fill(DEMO_STAFF[0].pin);
    await page.getByRole("button", { name: "Unlock" }).click();
    await expect(page.getByRole("button", { name: /^Restore the backup from/ }).first()).toBeVisible();
    await expect(page.getByRole("button", { name: "Quit" })).toBeVisible();
    expect(opened).toHaveLength(0);
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test("on the guest's display, a guest's wrong PINs make the pad wait; the spa's unlock code from the backup opens it for the manager's PIN", async ({
    browserInstance,
  }) => {
    let code = "";
    const dir = await dataFolder("corrupt", async (core) => {
      const morgan = core.model.db
        .prepare("SELECT id FROM staff WHERE name = ?")
        .pluck()
        .get(DEMO_STAFF[0].name) as number;
      code = (await makePadCode(core.model, { kind: "staff", staffId: morgan, name: DEMO_STAFF[0].name })).code;
      await core.maintenance.backupNow("manual");
    });
    const { controller, subscribe } = controllerFor(dir, false);
    expect(await controller.run()).toBeNull();
    const context = await newContext(browserInstance, { width: 1080, height: 1920 });
    const page = await openStartupWindow(context, controller.dispatch, subscribe);
    for (const expected of [
      "Wrong PIN. Try again.",
      "Wrong PIN. Try again.",
      "Wrong PIN. This screen takes the next PIN in 30 seconds.",
    ]) {
      await page.getByRole("textbox", { name: "PIN" }).fill("0000");
      await page.getByRole("button", { name: "Unlock" }).click();
      await expect(page.getByRole("alert")).toHaveText(expected);
      await expect(page.getByRole("textbox", { name: "PIN" })).toHaveValue(""); // the field is cleared after each answer
    }
    await page.getByRole("textbox", { name: "PIN" }).fill(DEMO_STAFF[0].pin);
    await page.getByRole("button", { name: "Unlock" }).click();
    await expect(page.getByRole("alert")).toHaveText(
      "Too many wrong PINs on this screen. It takes the next PIN in 30 seconds; staff can open it now with the spa's unlock code.",
    );
    await page.getByRole("button", { name: "PIN pad waiting? Open it with the spa's code" }).click();
    await page.getByRole("textbox", { name: "Unlock code" }).fill(code);
    expect((await axeOn(page).analyze()).violations).toEqual([]);
    await page.screenshot({ path: path.join(shots, "recovery-unlock-code-1080x1920.png") });
    await page.getByRole("button", { name: "Open the PIN pad" }).click();
    await expect(page.getByRole("status")).toHaveText("The PIN pad is open: a manager types their PIN.");
    await page.getByRole("textbox", { name: "PIN" }).fill(DEMO_STAFF[0].pin);
    await page.getByRole("button", { name: "Unlock" }).click();
    await expect(page.getByRole("button", { name: "Quit" })).toBeVisible();
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test("a database from a newer version: no Try again, restore or another folder", async ({ browserInstance }) => {
    const dir = await dataFolder("newer");
    const { controller, subscribe } = controllerFor(dir);
    await controller.run();
    const context = await newContext(browserInstance, { width: 1920, height: 1080 });
    const page = await openStartupWindow(context, controller.dispatch, subscribe);
    await expect(page.getByRole("heading", { name: "This data was saved by a newer version" })).toBeVisible();
    await expect(page.getByText(`The database uses schema ${LATEST_VERSION + 1}`)).toBeVisible();
    await expect(page.getByRole("button", { name: "Try again" })).toHaveCount(0);
    await page.screenshot({ path: path.join(shots, "recovery-newer-1920x1080.png") });
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test("a full disk: says so, offers no restore, and Try again opens the kiosk once there is room", async ({
    browserInstance,
  }) => {
    const dir = mkdtempSync(path.join(tmpdir(), "happyhead-full-"));
    test.skip(!canMountTmpfs, "mounting a small file system (to fill it) needs root on Linux");
    mountTmpfs(dir, "24m");
    try {
      const first = await demoCore({ dataDir: dir });
      await first.maintenance.settled();
      await first.background.stop();
      await first.close();
      const filler = fillDisk(dir);
      const { controller, opened, subscribe } = controllerFor(dir);
      expect(await controller.run()).toBeNull();
      const context = await newContext(browserInstance, { width: 1920, height: 1080 });
      const page = await openStartupWindow(context, controller.dispatch, subscribe);
      await expect(page.getByRole("heading", { name: "The disk is full" })).toBeVisible();
      await expect(page.getByText(/Nothing is damaged and nothing is lost/)).toBeVisible();
      await expect(page.getByRole("heading", { name: "Restore from a backup" })).toHaveCount(0);
      expect((await axeOn(page).analyze()).violations).toEqual([]);
      await page.screenshot({ path: path.join(shots, "recovery-full-1920x1080.png") });
      await page.setViewportSize({ width: 1080, height: 1920 });
      await page.screenshot({ path: path.join(shots, "recovery-full-1080x1920.png") });
      rmSync(filler);
      await page.getByRole("button", { name: "Try again" }).click();
      await expect(page.getByRole("heading", { name: "Ready" })).toBeVisible();
      const kiosk = await openWindow(context, opened[0]!, "kiosk");
      await expect(kiosk.getByRole("button", { name: "Check in" })).toBeVisible();
      await context.close();
      for (const core of opened) await core.close();
    } finally {
      unmount(dir);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("the progress screen names the step", async ({ browserInstance }) => {
    const context = await newContext(browserInstance, { width: 1080, height: 1920 });
    const state: StartupState = { phase: "starting", step: "upgrading", stepIndex: 2, stepCount: 4 };
    const page = await openStartupWindow(
      context,
      async () => ({ ok: true, value: state }),
      () => undefined,
    );
    await expect(page.getByRole("status")).toHaveText("Updating the database…");
    await expect(page.getByText("Step 3 of 4")).toBeVisible();
    await page.screenshot({ path: path.join(shots, "startup-progress-1080x1920.png") });
    await context.close();
  });
});
