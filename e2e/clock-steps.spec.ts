import type { Page } from "@playwright/test";
import { DEMO_GUESTS, DEMO_STAFF } from "../db/demo/seed-demo";
import { saveSettings } from "../db/settings";
import { expect, signIn, test } from "./fixtures";
import { findByCode } from "./kiosk-helpers";

/**
 * The machine's wall clock stepped while guests are at the kiosk (NTP correcting a drifted clock, a person setting the
 * time): Playwright's `clock.setSystemTime` moves the page's Date and leaves its monotonic clock and timers alone,
 * which is what such a step does. Durations must follow the time that passed, not the wall clock.
 */
const HOUR = 3_600_000;
const [, receptionist] = DEMO_STAFF;
const welcome = (kiosk: Page) => kiosk.getByRole("heading", { name: /Welcome to/ });

async function onTheOffer(kiosk: Page): Promise<void> {
  await kiosk.clock.install();
  await kiosk.reload();
  await findByCode(kiosk, DEMO_GUESTS.bothFit.code);
  await kiosk.getByRole("button", { name: "Yes, that's me" }).click();
  await expect(kiosk.getByRole("heading", { name: "Add a little extra?" })).toBeVisible();
}

test("a clock set forward an hour doesn't send the guest on the offer back to Welcome", async ({ kiosk }) => {
  await onTheOffer(kiosk);
  await kiosk.clock.setSystemTime(Date.now() + HOUR);
  await kiosk.clock.runFor(2_000);
  await expect(kiosk.getByRole("alertdialog", { name: "Still there?" })).toHaveCount(0);
  await expect(kiosk.getByRole("heading", { name: "Add a little extra?" })).toBeVisible();
});

test("a clock set back an hour still clears the guest's details after the idle time, not an hour later", async ({
  kiosk,
}) => {
  await onTheOffer(kiosk);
  await kiosk.clock.setSystemTime(Date.now() - HOUR);
  await kiosk.clock.runFor(61_000);
  await expect(welcome(kiosk)).toBeVisible();
  expect(await kiosk.content()).not.toContain("María");
});

for (const step of [-HOUR, HOUR]) {
  test(`the Done screen clears in 8 seconds with the clock corrected ${step < 0 ? "back" : "forward"} an hour meanwhile`, async ({
    kiosk,
  }) => {
    await onTheOffer(kiosk);
    await kiosk.getByRole("button", { name: "No thanks" }).click();
    await expect(kiosk.getByText("For your privacy, this screen clears in 8 seconds.")).toBeVisible();
    await kiosk.clock.setSystemTime(Date.now() + step);
    await kiosk.clock.runFor(3_000);
    await expect(kiosk.getByText("For your privacy, this screen clears in 5 seconds.")).toBeVisible();
    await kiosk.clock.runFor(5_500);
    await expect(welcome(kiosk)).toBeVisible();
  });
}

test("the desk's 'Guest is choosing…' turns to 'Didn't choose' three minutes after the check-in, whichever way the clock steps", async ({
  core,
  kiosk,
  staff,
}) => {
  // The window's clocks run minutes on below; the staff lock must not come first.
  saveSettings(core.model.db, { staffIdleSeconds: 900 });
  await staff.clock.install();
  await staff.reload();
  await signIn(staff, receptionist);
  await onTheOffer(kiosk);
  const row = staff.locator("tr", { hasText: DEMO_GUESTS.bothFit.name });
  await expect(row.getByText("Guest is choosing…")).toBeVisible();
  // Corrected forward an hour as she reads: still choosing.
  await staff.clock.setSystemTime(Date.now() + HOUR);
  await staff.clock.runFor(61_000);
  await expect(row.getByText("Guest is choosing…")).toBeVisible();
  // Then back two hours: the three minutes still end on time, not an hour on.
  await staff.clock.setSystemTime(Date.now() - HOUR);
  await staff.clock.runFor(3 * 60_000);
  await expect(row.getByText("Didn't choose at the kiosk: ask")).toBeVisible();
  await expect(row.getByText("Didn't choose", { exact: true })).toBeVisible();
});
