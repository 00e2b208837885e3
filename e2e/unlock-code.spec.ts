import { mkdtempSync, rmSync } from "node:fs";
import { axeOn } from "./axe";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { DEMO_STAFF } from "../db/demo/seed-demo";
import { createAppCore } from "../electron/core";
import { expect, signIn, test } from "./fixtures";
import { newContext, openWindow } from "./wiring";

const SHOTS = path.resolve(__dirname, "..", "test-results", "unlock-code");
const axeIds = async (page: Page) => (await axeOn(page).analyze()).violations.map((v) => v.id);
const shownCode = async (page: Page) => ((await page.getByTestId("pad-code").textContent()) ?? "").replace(/\s/g, "");

test("first run: the spa's unlock code is shown once, with where to keep it; then it opens the kiosk's waiting pad", async ({
  browserInstance,
}) => {
  const dir = mkdtempSync(path.join(tmpdir(), "happyhead-e2e-unlock-"));
  const core = await createAppCore({ dataDir: dir, seed: "empty" });
  try {
    const context = await newContext(browserInstance, { width: 1920, height: 1080 });
    const staff = await openWindow(context, core, "staff");
    await staff.getByLabel("Spa name (on the kiosk's welcome screen and the tickets)").fill("Casa Calma Spa");
    await staff.getByLabel("Manager's name").fill("Lucía Ortega");
    await staff.getByLabel("PIN (4 to 8 digits)").fill("8642");
    await staff.getByLabel("Same PIN again").fill("8642");
    await staff.getByRole("button", { name: "Save the spa, create the manager and sign in" }).click();

    await expect(staff.getByRole("heading", { name: "Write down the spa's unlock code" })).toBeVisible();
    const code = await shownCode(staff);
    expect(code).toMatch(/^\d{10}$/);
    await expect(staff.getByText("Keep it behind the desk")).toBeVisible();
    await expect(staff.getByText(/Never on or near the kiosk/)).toBeVisible();
    // Not signed in until the manager says it is written down.
    const done = staff.getByRole("button", { name: "Done: hide the code" });
    await expect(done).toBeDisabled();
    await expect(staff.getByText("Lucía Ortega · manager")).toHaveCount(0);
    expect(await axeIds(staff)).toEqual([]);
    await staff.screenshot({ path: path.join(SHOTS, "first-run-code-1920x1080.png") });
    await staff.setViewportSize({ width: 1080, height: 1920 });
    await staff.screenshot({ path: path.join(SHOTS, "first-run-code-1080x1920.png") });
    await staff.setViewportSize({ width: 1920, height: 1080 });
    await staff.getByLabel(/I've written it down/).check();
    await done.click();

    // Signed in; the code is gone from the screen and nowhere shows it again, nor asks for one.
    await expect(staff.getByText("Lucía Ortega · manager")).toBeVisible();
    await expect(staff.getByRole("heading", { name: "This spa has no unlock code" })).toHaveCount(0);
    expect(await staff.locator("body").innerText()).not.toContain(code.slice(0, 4) + " " + code.slice(4, 8));
    await staff.getByRole("button", { name: "Back office" }).click();
    await staff.getByRole("button", { name: "Staff", exact: true }).click();
    await expect(staff.getByTestId("pad-code-state")).toContainText("The current code was made");
    await expect(staff.getByTestId("pad-code")).toHaveCount(0);

    // One display: a guest taps wrong PINs at the staff pad over the kiosk until it waits; the code opens it.
    const kioskContext = await newContext(browserInstance, { width: 1080, height: 1920 });
    const pad = await openWindow(kioskContext, core, "staff", "kiosk-display");
    await pad.getByRole("button", { name: /Lucía Ortega/ }).click();
    for (let i = 0; i < 3; i++) {
      await pad.getByLabel("PIN", { exact: true }).fill("0000");
      await pad.getByRole("button", { name: "Unlock" }).click();
      if (i < 2) await expect(pad.getByRole("alert")).toHaveText("Wrong PIN. Try again.");
    }
    await expect(pad.getByRole("heading", { name: "This PIN pad is waiting" })).toBeVisible();
    await pad.getByLabel("Unlock code").fill(code);
    await pad.getByRole("button", { name: "Open the PIN pad" }).click();
    await expect(pad.getByRole("status")).toHaveText("The PIN pad is open: choose your name and type your PIN.");
    await signIn(pad, { name: "Lucía Ortega", pin: "8642" });
    expect(
      core.model.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'staff.pad%' ORDER BY id").pluck().all(),
    ).toEqual(["staff.padCodeMade", "staff.padOpened"]);
    await kioskContext.close();
    await context.close();
  } finally {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a spa without an unlock code: the manager is told at sign-in and makes it; restoring a backup without one brings the prompt back", async ({
  core,
  staff,
}) => {
  await core.maintenance.settled(); // the after-start backup: the demo spa, no unlock code yet
  await signIn(staff, DEMO_STAFF[0]);
  const prompt = staff.getByRole("region", { name: "This spa has no unlock code" });
  await expect(prompt).toBeVisible();
  expect(await axeIds(staff)).toEqual([]);
  await staff.screenshot({ path: path.join(SHOTS, "no-unlock-code-1920x1080.png") });
  await staff.setViewportSize({ width: 1080, height: 1920 });
  await staff.screenshot({ path: path.join(SHOTS, "no-unlock-code-1080x1920.png") });
  await staff.setViewportSize({ width: 1920, height: 1080 });

  await prompt.getByRole("button", { name: "Make the unlock code now" }).click();
  const dialog = staff.getByRole("dialog", { name: "Write down the spa's unlock code" });
  expect(await shownCode(staff)).toMatch(/^\d{10}$/);
  expect(await axeIds(staff)).toEqual([]);
  await staff.screenshot({ path: path.join(SHOTS, "unlock-code-dialog-1920x1080.png") });
  await dialog.getByLabel(/I've written it down/).check();
  await dialog.getByRole("button", { name: "Done: hide the code" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(prompt).toHaveCount(0);

  // The after-start backup predates the code: restoring it brings back a spa with none, and the prompt.
  await staff.getByRole("button", { name: "Backups" }).click();
  await staff
    .locator(".backup-list tbody tr", { hasText: "Daily" })
    .getByRole("button", { name: /^Restore the backup from/ })
    .click();
  await staff.getByRole("dialog").getByRole("button", { name: "Restore this backup" }).click();
  await expect(staff.getByRole("status")).toContainText("Restored the backup from");
  await expect(prompt).toBeVisible();
  expect(core.model.db.prepare("SELECT count(*) FROM settings WHERE key = 'pinPadCode'").pluck().get()).toBe(0);
});
