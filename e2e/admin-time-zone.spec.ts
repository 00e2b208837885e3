import { ZONE_CHANGE_INLINE_MAX } from "../contract/admin";
import { DEMO_STAFF } from "../db/demo/seed-demo";
import { insertAppointment } from "../db/desk/appointments";
import { modelOf } from "../db/model";
import { getSettings } from "../db/settings";
import { addDays, localParts, zonedToUtc } from "../db/time";
import { expect, signIn, test } from "./fixtures";

test("a busy spa's time-zone change: the manager is told the kiosk and desk pause, and the save rewrites every booking", async ({
  core,
  kiosk,
  staff,
}) => {
  const { db, clock } = core.model;
  const from = getSettings(db).timeZone;
  const today = localParts(clock.now(), from).day;
  // A year ahead of bookings, more than the back office's save rewrites at once.
  const perDay = 30;
  db.transaction(() => {
    for (let d = 1; d * perDay <= ZONE_CHANGE_INLINE_MAX + 2 * perDay; d++)
      for (let h = 0; h < perDay; h++)
        insertAppointment(modelOf(db, clock), from, {
          guestName: `Ahead Guest${d}-${h}`,
          phone: `55572${String(d * 100 + h).padStart(5, "0")}`,
          serviceId: 1,
          therapistId: 1 + (h % 3),
          roomId: 1 + (h % 3),
          startsAt: zonedToUtc(
            addDays(today, d + 1),
            `${String(8 + (h % 12)).padStart(2, "0")}:${h < 12 ? "00" : "30"}`,
            from,
          ).toISOString(),
          source: "demo",
        });
  })();
  const probe = db.prepare("SELECT id FROM appointments WHERE guest_name = 'Ahead Guest3-4'").pluck().get() as number;
  const wallClock = (zone: string) =>
    new Date(
      db.prepare("SELECT starts_at FROM appointments WHERE id = ?").pluck().get(probe) as string,
    ).toLocaleTimeString("en-US", { timeZone: zone });
  expect(wallClock(from)).toBe("12:00:00 PM");

  await signIn(staff, DEMO_STAFF[0]);
  await staff.getByRole("button", { name: "Back office" }).click();
  await staff.getByRole("button", { name: "Kiosk", exact: true }).click();
  await staff.getByLabel("Time zone").selectOption("Europe/Madrid");
  await expect(staff.getByLabel("Time zone")).toHaveAccessibleDescription(
    /^This spa has more than 10,000 bookings and check-ins\. .*pauses the kiosk and the desk: about a minute for a busy year\. .*Save when no one is checking in\.$/,
  );
  await staff.locator("form.admin-form").screenshot({ path: "test-results/admin/time-zone-pause-1920x1080.png" });
  await staff.setViewportSize({ width: 1080, height: 1920 });
  await staff.locator("form.admin-form").screenshot({ path: "test-results/admin/time-zone-pause-1080x1920.png" });
  await staff.getByRole("button", { name: "Save kiosk settings" }).click();
  await expect(staff.getByRole("status")).toHaveText("Saved. The kiosk has the new settings now.", { timeout: 60_000 });
  expect(getSettings(db).timeZone).toBe("Europe/Madrid");
  expect(wallClock("Europe/Madrid")).toBe("12:00:00 PM");
  // The kiosk follows the new zone and checks guests in again.
  await expect(kiosk.getByRole("button", { name: "Check in" })).toBeVisible();
});
