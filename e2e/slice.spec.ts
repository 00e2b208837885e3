import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { DEMO_GUESTS, DEMO_STAFF } from "../db/demo/seed-demo";
import { getSettings } from "../db/settings";
import { expect, signIn, test } from "./fixtures";
import { noneApply } from "./kiosk-helpers";

const manager = DEMO_STAFF[0];
const receptionist = DEMO_STAFF[1];

test("a guest's add-on travels kiosk → desk → ticket → manager CSV", async ({ core, kiosk, staff }) => {
  await signIn(staff, receptionist);
  await expect(staff.getByRole("heading", { name: "Arrivals today" })).toBeVisible();

  // Kiosk: find by phone typed in a different format, confirm, pick the face massage.
  await kiosk.getByRole("button", { name: "Check in" }).click();
  await kiosk.getByLabel("Mobile number").fill("+1 (555) 010-2233"); // a complete number searches by itself
  await expect(kiosk.getByRole("heading", { name: "Is this you?" })).toBeVisible();
  await expect(kiosk.getByText("María G.")).toBeVisible();
  await expect(kiosk.getByText("González")).toHaveCount(0);
  await kiosk.getByRole("button", { name: "Yes, that's me" }).click();
  await expect(kiosk.getByRole("heading", { name: "Add a little extra?" })).toBeVisible();
  await kiosk.getByRole("button", { name: "Add Face massage" }).click();
  await noneApply(kiosk);
  await expect(kiosk.getByRole("heading", { name: "You're checked in, María" })).toBeVisible();
  await expect(kiosk.getByText("Added to your session: Face massage ($25, +15 min).")).toBeVisible();

  // Desk: the arrival is pushed live; one tap confirms and queues the therapist ticket.
  const row = staff.locator("tr", { hasText: DEMO_GUESTS.bothFit.name });
  await expect(row.getByText("Add-on to confirm")).toBeVisible();
  await expect(row.getByText("Face massage")).toBeVisible();
  await row.getByRole("button", { name: /^Confirm/ }).click();
  await expect(row.getByText("Ticket printed")).toHaveCount(1);
  await row.getByRole("button", { name: "Ticket" }).click();
  await expect(staff.locator(".ticket-preview")).toContainText("F A C E   M A S S A G E");
  await staff.getByRole("button", { name: "Close" }).click();

  // The default driver wrote a PDF into the data directory.
  await core.printQueue.idle();
  const pdfs = readdirSync(core.paths.tickets);
  expect(pdfs.filter((f) => f.endsWith(".pdf"))).toHaveLength(1);

  // Manager: today's CSV (streamed by the main process into <dataDir>/exports) shows the confirmed face massage.
  await staff.getByRole("button", { name: "Lock" }).click();
  await signIn(staff, manager);
  await staff.getByRole("button", { name: "Reports" }).click();
  await staff.getByRole("button", { name: "Today" }).click();
  await staff.getByRole("button", { name: "Export CSV" }).click();
  await expect(staff.getByText(/^Saved addon-uptake_checkins_.*\.csv/)).toBeVisible();
  await core.reportExports.idle();
  const exportsDir = path.join(core.paths.dataDir, "exports");
  const [file] = readdirSync(exportsDir);
  const csv = readFileSync(path.join(exportsDir, file ?? ""), "utf8");
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  // Booked ahead (booking system) is empty: nothing was booked ahead. The row ends with the check-in's instant in
  // UTC (to the second) and the spa's offset from UTC then, as text a spreadsheet keeps ("UTC-08:00", not "-08:00").
  const written = /,HH2233,[^\r\n]*,confirmed,face \+ scalp,face,face,25,15,yes,English,,([^,]+),([^,]+)\r\n/.exec(csv);
  const checkedInAt = core.model.db
    .prepare(
      "SELECT c.checked_in_at FROM check_ins c JOIN appointments a ON a.id = c.appointment_id WHERE a.booking_code = ?",
    )
    .pluck()
    .get(DEMO_GUESTS.bothFit.code) as string;
  const zone = getSettings(core.model.db).timeZone;
  const offset = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" })
    .formatToParts(new Date(checkedInAt))
    .find((p) => p.type === "timeZoneName")?.value;
  expect(written?.slice(1)).toEqual([`${checkedInAt.slice(0, 19)}Z`, String(offset).replace("GMT", "UTC")]);
});

test("a kiosk window cannot call staff actions, whatever it sends", async ({ kiosk }) => {
  const result = await kiosk.evaluate(() => window.kiosk.invoke("desk.queue", {}));
  expect(result).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
  const unknown = await kiosk.evaluate(() => window.kiosk.invoke("db.dropEverything", {}));
  expect(unknown).toMatchObject({ ok: false, error: { code: "UNKNOWN_CHANNEL" } });
});

test("a number with no appointment today sends the guest to the front desk", async ({ kiosk }) => {
  await kiosk.getByRole("button", { name: "Check in" }).click();
  for (const d of "5559990000") await kiosk.getByRole("button", { name: d, exact: true }).click();
  await expect(kiosk.getByRole("heading", { name: "We couldn't find you" })).toBeVisible();
  await expect(kiosk.getByText("Please see the front desk")).toBeVisible();
});
