import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { DEMO_GUESTS, DEMO_STAFF } from "../db/demo/seed-demo";
import { expect, test } from "./fixtures";

async function signIn(staff: Page, who: (typeof DEMO_STAFF)[number]) {
  await staff.getByRole("button", { name: new RegExp(who.name) }).click();
  await staff.getByLabel("PIN", { exact: true }).fill(who.pin);
  await staff.getByRole("button", { name: "Unlock" }).click();
  await staff.getByRole("heading", { name: "Arrivals today" }).waitFor();
}

test("a manager backs up, restores a backup (confirmed first) and checks the audit log", async ({ staff, core }) => {
  await core.maintenance.settled(); // the after-start backup and full check run in the background
  await signIn(staff, DEMO_STAFF[0]);
  await staff.getByRole("button", { name: "Backups" }).click();
  await expect(staff.getByRole("heading", { name: "Backups" })).toBeVisible();
  await expect(staff.locator(".backup-list tbody tr")).toHaveCount(1); // the after-start backup
  await expect(staff.getByText("The database file passed the full integrity check.")).toBeVisible();
  await staff.screenshot({ path: test.info().outputPath("backups.png") });
  await staff.getByRole("button", { name: "Back up now" }).click();
  await expect(staff.getByRole("status")).toContainText("Backup made");
  await expect(staff.locator(".backup-list tbody tr")).toHaveCount(2);

  // A guest checks in after the backups; restoring the daily one undoes it.
  const kiosk = core.newSession("kiosk");
  const found = (await core.dispatch(kiosk, "kiosk.findAppointments", {
    by: "phone",
    phone: DEMO_GUESTS.bothFit.phone,
  })) as {
    ok: true;
    value: { matches: { appointmentId: number }[] };
  };
  await core.dispatch(kiosk, "kiosk.checkIn", { appointmentId: found.value.matches[0]!.appointmentId, lang: "en" });
  const checkIns = () => (core.model.db.prepare("SELECT count(*) AS n FROM check_ins").get() as { n: number }).n;
  const after = checkIns();

  await staff
    .locator(".backup-list tbody tr", { hasText: "Daily" })
    .getByRole("button", { name: /^Restore the backup from/ })
    .click();
  const dialog = staff.getByRole("dialog");
  await expect(dialog).toContainText("The current data is kept as a backup first");
  expect((await new AxeBuilder({ page: staff }).analyze()).violations).toEqual([]);
  await staff.screenshot({
    path: path.resolve(__dirname, "..", "test-results", "backups", "staff-backups-confirm-1920x1080.png"),
  });
  await dialog.getByRole("button", { name: "Restore this backup" }).click();
  await expect(staff.getByRole("status")).toContainText("Restored the backup from");
  expect(checkIns()).toBe(after - 1);
  await expect(staff.locator(".backup-list tbody tr", { hasText: "Before a restore" })).toHaveCount(1);

  await staff.getByRole("button", { name: "Check audit log" }).click();
  await expect(staff.getByRole("status")).toContainText(/Audit log intact: \d+ entries/);
  await staff.screenshot({
    path: path.resolve(__dirname, "..", "test-results", "backups", "staff-backups-1920x1080.png"),
  });
});

test("a receptionist has no Backups tab", async ({ staff }) => {
  await signIn(staff, DEMO_STAFF[1]);
  await expect(staff.getByRole("button", { name: "Backups" })).toHaveCount(0);
});
