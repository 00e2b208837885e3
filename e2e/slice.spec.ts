import { readdirSync, readFileSync } from "node:fs";
import { DEMO_GUESTS, DEMO_STAFF } from "../db/seed-demo";
import { expect, test } from "./fixtures";

const manager = DEMO_STAFF[0];
const receptionist = DEMO_STAFF[1];

async function login(page: import("@playwright/test").Page, who: { name: string; pin: string }) {
  await page.getByRole("button", { name: new RegExp(who.name) }).click();
  await page.getByLabel("PIN", { exact: true }).fill(who.pin);
  await page.getByRole("button", { name: "Unlock" }).click();
}

test("a guest's add-on travels kiosk → desk → ticket → manager CSV", async ({ core, kiosk, staff }) => {
  await login(staff, receptionist);
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
  await expect(kiosk.getByRole("heading", { name: "You're checked in, María" })).toBeVisible();
  await expect(kiosk.getByText("Added to your session: Face massage.")).toBeVisible();

  // Desk: the arrival is pushed live; one tap confirms and queues the therapist ticket.
  const row = staff.locator("tr", { hasText: DEMO_GUESTS.bothFit.name });
  await expect(row.getByText("Add-on to confirm")).toBeVisible();
  await expect(row.getByText("Face massage")).toBeVisible();
  await row.getByRole("button", { name: /^Confirm/ }).click();
  await expect(row.getByText("Ticket printed")).toHaveCount(2);
  await row.getByRole("button", { name: "Ticket" }).click();
  await expect(staff.locator(".ticket-preview")).toContainText("F A C E   M A S S A G E");
  await staff.getByRole("button", { name: "Close" }).click();

  // The default driver wrote a PDF into the data directory.
  await core.printQueue.idle();
  const pdfs = readdirSync(core.paths.tickets);
  expect(pdfs.filter((f) => f.endsWith(".pdf"))).toHaveLength(1);

  // Manager: today's CSV shows the confirmed face massage.
  await staff.getByRole("button", { name: "Lock" }).click();
  await login(staff, manager);
  await staff.getByRole("button", { name: "Reports" }).click();
  await staff.getByRole("button", { name: "Today" }).click();
  const download = staff.waitForEvent("download");
  await staff.getByRole("button", { name: "Export CSV" }).click();
  const file = await (await download).path();
  const csv = readFileSync(file, "utf8");
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  expect(csv).toMatch(/face,face,confirmed,25/);
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
