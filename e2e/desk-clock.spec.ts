import path from "node:path";
import { axeOn } from "./axe";
import { DEMO_STAFF } from "../db/demo/seed-demo";
import { expect, signIn, test } from "./fixtures";

const receptionist = DEMO_STAFF[1];
const shots = path.resolve(__dirname, "..", "test-results", "desk-clock");

/**
 * The computer's clock far from the last date Happy Head trusted (db/maintenance/clock-trust.ts), seen where someone
 * looks every day: the desk. The spa's last trusted date is moved instead of the machine's clock, which the app core
 * here reads as it is.
 */
test("a clock that reads long before the spa's last use: the receptionist is told it is wrong, and where a manager says otherwise", async ({
  core,
  staff,
}) => {
  await core.maintenance.settled();
  const lastUse = new Date(Date.now() + 400.5 * 86_400_000).toISOString(); // as if the clock had dropped 400 days back
  core.model.db.prepare("UPDATE clock_trust SET trusted_at = ?").run(lastUse);
  await signIn(staff, receptionist);
  const alert = staff.getByRole("alert").filter({ hasText: "The computer’s clock is wrong" });
  await expect(alert).toContainText("400 days before the last date Happy Head trusted");
  await expect(alert).toContainText("guests can’t find today’s bookings at the kiosk");
  await expect(alert).toContainText("A manager can say the date is right under Backups.");
  await expect(alert.getByRole("button")).toHaveCount(0);
  expect((await axeOn(staff).include(".clock-warning").analyze()).violations).toEqual([]);
  await staff.screenshot({ path: path.join(shots, "desk-clock-behind-1920x1080.png") });
  await staff.setViewportSize({ width: 1080, height: 1920 });
  await staff.screenshot({ path: path.join(shots, "desk-clock-behind-1080x1920.png") });
});

test("a right clock shows nothing at the desk", async ({ core, staff }) => {
  await core.maintenance.settled();
  await signIn(staff, receptionist);
  await expect(staff.getByRole("heading", { name: "Arrivals today" })).toBeVisible();
  await expect(staff.locator(".clock-warning")).toHaveCount(0);
});
