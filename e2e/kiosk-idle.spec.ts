import type { Page } from "@playwright/test";
import { DEMO_GUESTS } from "../db/demo/seed-demo";
import { saveSettings } from "../db/settings";
import { expect, test } from "./fixtures";
import { findByCode, findByPhone, tapKeys } from "./kiosk-helpers";

/** Playwright's fake clock drives Date and timers in the page: 45 idle seconds pass at once. */
async function withClock(kiosk: Page): Promise<void> {
  await kiosk.clock.install();
  await kiosk.reload();
  await expect(kiosk.getByRole("button", { name: "Check in" })).toBeVisible();
}

const overlay = (kiosk: Page) => kiosk.getByRole("alertdialog", { name: "Still there?" });

test("after 45 idle seconds a countdown asks 'Still there?'; then every guest detail leaves the screen and the DOM", async ({
  kiosk,
}) => {
  await withClock(kiosk);
  await findByCode(kiosk, DEMO_GUESTS.bothFit.code);
  await kiosk.getByRole("button", { name: "Yes, that's me" }).click();
  await expect(kiosk.getByRole("heading", { name: "Add a little extra?" })).toBeVisible();
  await kiosk.clock.runFor(44_000);
  await expect(overlay(kiosk)).toHaveCount(0);
  await kiosk.clock.runFor(1_500);
  await expect(overlay(kiosk)).toBeVisible();
  await expect(overlay(kiosk)).toContainText("start over in 15 seconds");
  await expect(overlay(kiosk).getByRole("button", { name: "I'm still here" })).toBeFocused();
  await kiosk.clock.runFor(5_000);
  await expect(overlay(kiosk)).toContainText("start over in 10 seconds");
  await kiosk.clock.runFor(10_500);
  await expect(kiosk.getByRole("heading", { name: /Welcome to/ })).toBeVisible();
  const html = await kiosk.evaluate(() => document.documentElement.outerHTML);
  for (const detail of ["María", "Face massage", DEMO_GUESTS.bothFit.code]) expect(html).not.toContain(detail);
});

test("'I'm still here' keeps the guest where they were", async ({ kiosk }) => {
  await withClock(kiosk);
  await findByPhone(kiosk, "555010");
  await kiosk.clock.runFor(46_000);
  await overlay(kiosk).getByRole("button", { name: "I'm still here" }).click();
  await expect(overlay(kiosk)).toHaveCount(0);
  await expect(kiosk.getByRole("textbox", { name: "Mobile number" })).toHaveValue("555 010");
  await kiosk.clock.runFor(30_000);
  await expect(overlay(kiosk)).toHaveCount(0);
});

test("every screen resets: find, several matches, not found, walk-in, confirm", async ({ core, kiosk }) => {
  saveSettings(core.model.db, { walkInsAllowed: true });
  await withClock(kiosk);
  const screens: [string, () => Promise<void>][] = [
    ["find", () => findByPhone(kiosk, "555")],
    ["matches", () => findByPhone(kiosk, DEMO_GUESTS.family.phone)],
    ["not found", () => findByPhone(kiosk, "5559990000")],
    [
      "walk-in",
      async () => {
        await findByPhone(kiosk, "5559990000");
        await kiosk.getByRole("button", { name: "Leave my name for the front desk" }).click();
        await tapKeys(kiosk, "ZOE");
      },
    ],
    ["confirm", () => findByCode(kiosk, DEMO_GUESTS.bothFit.code)],
  ];
  for (const [name, open] of screens) {
    await open();
    await expect(kiosk.getByRole("heading", { name: /Welcome to/ }), name).toHaveCount(0);
    await kiosk.clock.runFor(61_000);
    await expect(kiosk.getByRole("heading", { name: /Welcome to/ }), name).toBeVisible();
  }
  expect(await kiosk.content()).not.toMatch(/Zoe|Lena|Tom F|María/);
});

test("the Done screen counts down and goes back to Welcome by itself after 8 seconds", async ({ kiosk }) => {
  await withClock(kiosk);
  await findByCode(kiosk, DEMO_GUESTS.bothFit.code);
  await kiosk.getByRole("button", { name: "Yes, that's me" }).click();
  await kiosk.getByRole("button", { name: "No thanks" }).click();
  await expect(kiosk.getByRole("heading", { name: "You're checked in, María" })).toBeVisible();
  // It says so, counting down.
  await expect(kiosk.getByText("For your privacy, this screen clears in 8 seconds.")).toBeVisible();
  await kiosk.clock.runFor(3_000);
  await expect(kiosk.getByText("For your privacy, this screen clears in 5 seconds.")).toBeVisible();
  await kiosk.clock.runFor(5_500);
  await expect(kiosk.getByRole("heading", { name: /Welcome to/ })).toBeVisible();
  expect(await kiosk.content()).not.toContain("María");
});

test("the idle time comes from the settings, and language and text size return to the defaults", async ({
  core,
  kiosk,
}) => {
  saveSettings(core.model.db, { idleSeconds: 20 });
  await withClock(kiosk);
  await kiosk.getByRole("button", { name: "Cambiar a español" }).click();
  await kiosk.getByRole("button", { name: "Texto más grande" }).click();
  await kiosk.clock.runFor(21_000);
  await expect(kiosk.getByRole("alertdialog", { name: "¿Sigue ahí?" })).toBeVisible();
  await kiosk.clock.runFor(15_500);
  await expect(kiosk.getByRole("button", { name: "Check in" })).toBeVisible();
  expect(await kiosk.evaluate(() => document.documentElement.className)).not.toContain("text-large");
});
