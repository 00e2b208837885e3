import path from "node:path";
import type { Page } from "@playwright/test";
import { DEMO_GUESTS, DEMO_STAFF } from "../db/demo/seed-demo";
import { expect, signIn, test } from "./fixtures";
import { appointmentIdByCode, countRows, findByCode, noneApply } from "./kiosk-helpers";

const shots = path.resolve(__dirname, "..", "test-results", "desk-kiosk-leave");
const maria = DEMO_GUESTS.bothFit;
const row = (staff: Page, name: string) => staff.locator("tbody tr", { hasText: name });

/** Playwright's fake clock drives Date and timers in the kiosk's page only: its idle minute passes at once. */
async function kioskWithClock(kiosk: Page): Promise<void> {
  await kiosk.clock.install();
  await kiosk.reload();
  await expect(kiosk.getByRole("button", { name: "Check in" })).toBeVisible();
}

test("a kiosk that idles out on the offer: the desk's row says at once that she left without choosing; she comes back and chooses, and the row follows", async ({
  core,
  kiosk,
  staff,
}) => {
  await signIn(staff, DEMO_STAFF[1]);
  await kioskWithClock(kiosk);
  await findByCode(kiosk, maria.code);
  await kiosk.getByRole("button", { name: "Yes, that's me" }).click();
  await expect(kiosk.getByRole("heading", { name: "Add a little extra?" })).toBeVisible();
  const guest = row(staff, maria.name);
  await expect(guest.locator(".badge")).toHaveText("Choosing at kiosk");

  // She walks away: the kiosk's idle minute (45 s, then 15 s of "Still there?") passes on its clock alone.
  await kiosk.clock.runFor(61_000);
  await expect(kiosk.getByRole("heading", { name: /Welcome to/ })).toBeVisible();
  // The desk's clock never moved: not the three minutes, the kiosk's word.
  await expect(guest.locator(".badge")).toHaveText("Left kiosk, no choice", { timeout: 3000 });
  await expect(guest).toContainText("Left without choosing: offer at the desk");
  // One tap confirms no add-on, as for a guest who didn't choose: no "Sure?" for a guest no longer at the kiosk.
  await expect(guest.getByRole("button", { name: `Confirm no add-on for ${maria.name}` })).toHaveText("Confirm");
  const id = appointmentIdByCode(core, maria.code);
  expect(
    countRows(core, "SELECT count(*) AS n FROM audit_log WHERE action = 'offer.leave' AND entity_id = ?", id),
  ).toBe(1);
  for (const size of [
    { width: 1920, height: 1080 },
    { width: 1080, height: 1920 },
  ]) {
    await staff.setViewportSize(size);
    await staff.screenshot({ path: path.join(shots, `left-the-kiosk-${size.width}x${size.height}.png`) });
  }

  // She comes back: the same visit, the offer still open; she takes the face massage.
  await findByCode(kiosk, maria.code);
  await kiosk.getByRole("button", { name: "Yes, that's me" }).click();
  await kiosk.getByRole("button", { name: "Add Face massage" }).click();
  await noneApply(kiosk);
  await expect(kiosk.getByRole("heading", { name: `You're checked in, María` })).toBeVisible();
  await expect(guest.locator(".badge")).toHaveText("Add-on to confirm");
  await expect(guest.getByRole("button", { name: `Confirm Face massage for ${maria.name}` })).toBeVisible();
  // The Done screen clears itself: a leave after a choice changes nothing.
  await kiosk.clock.runFor(9_000);
  await expect(kiosk.getByRole("heading", { name: /Welcome to/ })).toBeVisible();
  await staff.waitForTimeout(500);
  await expect(guest.locator(".badge")).toHaveText("Add-on to confirm");
  expect(
    countRows(core, "SELECT count(*) AS n FROM audit_log WHERE action = 'offer.leave' AND entity_id = ?", id),
  ).toBe(1);
});

test("a kiosk that idles out on an add-on's questions tells the desk too; a desk that confirmed first keeps its decision", async ({
  core,
  kiosk,
  staff,
}) => {
  await signIn(staff, DEMO_STAFF[1]);
  await kioskWithClock(kiosk);
  await findByCode(kiosk, maria.code);
  await kiosk.getByRole("button", { name: "Yes, that's me" }).click();
  await kiosk.getByRole("button", { name: "Add Face massage" }).click();
  await expect(kiosk.getByRole("button", { name: "None of these apply to me" })).toBeVisible();
  await kiosk.clock.runFor(61_000);
  await expect(kiosk.getByRole("heading", { name: /Welcome to/ })).toBeVisible();
  const guest = row(staff, maria.name);
  await expect(guest.locator(".badge")).toHaveText("Left kiosk, no choice", { timeout: 3000 });

  // A family's first guest: the desk settles her offer while she is still on it; her kiosk then idles out.
  const [lena] = DEMO_GUESTS.family.names;
  await kiosk.getByRole("button", { name: "Check in" }).click();
  await kiosk.getByLabel("Mobile number").fill(DEMO_GUESTS.family.phone);
  await kiosk.getByRole("button", { name: /Lena/ }).click();
  await kiosk.getByRole("button", { name: "Yes, that's me" }).click();
  await expect(kiosk.getByRole("heading", { name: "Add a little extra?" })).toBeVisible();
  const first = row(staff, lena);
  await first.getByRole("button", { name: /is still choosing at the kiosk: confirm no add-on instead/ }).click();
  await staff.waitForTimeout(800);
  await first.getByRole("button", { name: /tap again to end the offer and confirm no add-on/ }).click();
  await expect(first.getByRole("status")).toHaveText(/^Confirmed ✓/);
  await kiosk.clock.runFor(61_000);
  await expect(kiosk.getByRole("heading", { name: /Welcome to/ })).toBeVisible();
  await staff.waitForTimeout(500);
  await expect(first.locator(".badge")).toHaveText(/^(Confirmed|Ticket printed)$/);
  expect(countRows(core, "SELECT count(*) AS n FROM audit_log WHERE action = 'offer.leave'")).toBe(1);
});
