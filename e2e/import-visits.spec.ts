import { DEMO_STAFF } from "../db/demo/seed-demo";
import { getSettings } from "../db/settings";
import { addDays, localParts } from "../db/time";
import { expect, signIn, test } from "./fixtures";

const receptionist = DEMO_STAFF[1];
const HEADER = "Appointment ID,Customer,Phone,Service,Provider,Resource,Date,Start Time,Duration,Status";

test("a Vagaro visit of a massage and a scalp massage, two rows under one ID: ready, one booking, the join said", async ({
  core,
  staff,
}) => {
  const tz = getSettings(core.model.db).timeZone;
  // A day past the demo's bookings.
  const day = addDays(localParts(core.model.clock.now(), tz).day, 90);
  const content =
    `\uFEFF${HEADER}\r\n` +
    [
      `VG-1,Ada Lovelace,555-201-0001,Swedish massage,Ana Ruiz,Lotus,${day},10:00 AM,60,Confirmed`,
      `VG-1,Ada Lovelace,555-201-0001,Scalp Massage 15 min,Ana Ruiz,Lotus,${day},11:00 AM,15,Confirmed`,
      `VG-2,Grace Hopper,555-201-0002,Swedish massage,Ben Carter,Cedar,${day},2:00 PM,60,Confirmed`,
    ].join("\r\n") +
    "\r\n";

  await signIn(staff, receptionist);
  await staff.getByRole("button", { name: "Import appointments" }).click();
  const dialog = staff.getByRole("dialog", { name: "Import appointments" });
  await dialog
    .getByLabel("CSV file")
    .setInputFiles({ name: "vagaro.csv", mimeType: "text/csv", buffer: Buffer.from(content, "utf8") });
  await expect(dialog.getByText("3 rows: 3 ready as 2 bookings, 1 to note.")).toBeVisible({ timeout: 15_000 });
  await expect(dialog.locator(".import-warnings")).toContainText(
    "Booking VG-1: Scalp Massage 15 min on line 3 joined to the 60 min Swedish massage on line 2",
  );
  await expect(dialog.locator(".import-errors")).toHaveCount(0);
  await dialog.getByRole("button", { name: "Import 2 appointments" }).click();
  await expect(dialog.getByText(/^Imported: 2 new/)).toBeVisible({ timeout: 15_000 });
  const ada = core.model.db
    .prepare("SELECT starts_at, ends_at, note FROM appointments WHERE external_id = 'VG-1'")
    .get() as { starts_at: string; ends_at: string; note: string | null };
  expect((Date.parse(ada.ends_at) - Date.parse(ada.starts_at)) / 60_000).toBe(75);
  // The scalp massage is her add-on booked ahead, not a line of the note.
  expect(ada.note).toBeNull();
  const booked = core.model.db
    .prepare(
      `SELECT a.code, b.extra_minutes AS minutes FROM booked_addons b JOIN addons a ON a.id = b.addon_id
       JOIN appointments p ON p.id = b.appointment_id WHERE p.external_id = 'VG-1'`,
    )
    .all();
  expect(booked).toEqual([{ code: "scalp", minutes: 15 }]);
});
