import path from "node:path";
import type { Page } from "@playwright/test";
import { DEMO_STAFF } from "../db/demo/seed-demo";
import { getSettings } from "../db/settings";
import { addDays, localParts } from "../db/time";
import { expect, signIn, test } from "./fixtures";

const receptionist = DEMO_STAFF[1];
const SCREENSHOTS = path.join(__dirname, "..", "test-results", "import-missing");
const ACUITY = '"Start Time","End Time","First Name","Last Name","Phone","Type","Calendar","Appointment ID"';
const THERAPISTS = ["Ana Ruiz", "Ben Carter", "Chloé Martin", "Diego Santos", "Emi Tanaka"];

async function choose(page: Page, name: string, content: string) {
  const dialog = page.getByRole("dialog", { name: "Import appointments" });
  await dialog
    .getByLabel("CSV file")
    .setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(content, "utf8") });
  return dialog;
}

test("a later Acuity export without a booking: listed, kept unless chosen; chosen, its room goes to the new booking", async ({
  core,
  staff,
}) => {
  const tz = getSettings(core.model.db).timeZone;
  // A day past the demo's bookings, so every room is free at 3 PM but for the file's own.
  const day = addDays(localParts(core.model.clock.now(), tz).day, 90);
  const written = new Date(`${day}T12:00:00Z`).toLocaleDateString("en-US", {
    month: "long",
    day: "numeric",
    year: "numeric",
    timeZone: "UTC",
  });
  const at3 = (id: string, first: string, therapist: string) =>
    `"${written} 3:00pm","${written} 4:00pm","${first}","Guest","555301${id.padStart(4, "0")}","Swedish massage","${therapist}","${id}"`;
  const file = (rows: string[]) => `\uFEFF${ACUITY}\r\n${rows.join("\r\n")}\r\n`;
  const morning = THERAPISTS.map((t, i) => at3(`900${i}`, `Guest${i}`, t));

  await signIn(staff, receptionist);
  await staff.getByRole("button", { name: "Import appointments" }).click();
  let dialog = await choose(staff, "acuity-morning.csv", file(morning));
  await expect(dialog.getByText("5 rows: 5 ready, 1 to note.")).toBeVisible({ timeout: 15_000 });
  await dialog.getByRole("button", { name: "Import 5 appointments" }).click();
  await expect(dialog.getByText(/^Imported: 5 new/)).toBeVisible({ timeout: 15_000 });

  // Guest0 cancelled in Acuity, so her row left the export; a new guest took 3 PM with Ana.
  dialog = await choose(staff, "acuity-noon.csv", file([...morning.slice(1), at3("9010", "New", "Ana Ruiz")]));
  const missing = dialog.locator(".import-missing");
  await expect(missing.getByRole("heading", { name: "1 booking imported before is not in this file" })).toBeVisible({
    timeout: 15_000,
  });
  await expect(missing.locator("tbody tr")).toHaveCount(1);
  await expect(missing.locator("tbody tr")).toContainText("Guest0 Guest");
  await expect(missing.locator("tbody tr")).toContainText("Ana Ruiz");
  await expect(missing.locator("tbody tr")).toContainText("Kept");
  const choice = missing.getByLabel(/^Cancel this booking when importing/);
  await expect(choice).not.toBeChecked();
  // Not chosen, Guest0 still holds a room: the new booking has none.
  await expect(dialog.getByText("5 rows: 4 ready, 1 with problems, 1 to note.")).toBeVisible();
  await expect(dialog.locator(".import-errors")).toContainText("no room is free");
  await missing.scrollIntoViewIfNeeded();
  await staff.screenshot({ path: path.join(SCREENSHOTS, "import-missing-listed-1920x1080.png") });

  await choice.check();
  await expect(dialog.getByText("5 rows: 5 ready, 1 to note.")).toBeVisible({ timeout: 15_000 });
  await expect(choice).toBeChecked();
  await expect(missing.locator("tbody tr")).toContainText("Will be cancelled");
  await expect(dialog.locator(".import-errors")).toHaveCount(0);
  await staff.screenshot({ path: path.join(SCREENSHOTS, "import-missing-chosen-1920x1080.png") });
  await staff.setViewportSize({ width: 1080, height: 1920 });
  await missing.scrollIntoViewIfNeeded();
  await staff.screenshot({ path: path.join(SCREENSHOTS, "import-missing-chosen-1080x1920.png") });

  await dialog.getByRole("button", { name: "Import 5 appointments and cancel 1 not in the file" }).click();
  await expect(dialog.getByText("Imported: 1 new, 0 updated, 4 unchanged, 1 not in the file cancelled.")).toBeVisible({
    timeout: 15_000,
  });
  const stored = core.model.db
    .prepare(
      "SELECT external_id, status, room_id FROM appointments WHERE external_id IN ('9000', '9010') ORDER BY external_id",
    )
    .all() as { external_id: string; status: string; room_id: number }[];
  expect(stored.map((s) => [s.external_id, s.status])).toEqual([
    ["9000", "cancelled"],
    ["9010", "booked"],
  ]);
  expect(stored[1]?.room_id).toBe(stored[0]?.room_id);
});
