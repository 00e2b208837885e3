import { mkdirSync } from "node:fs";
import { axeOn } from "./axe";
import path from "node:path";
import type { Page } from "@playwright/test";
import { DEMO_GUESTS } from "../db/demo/seed-demo";
import type { AppCore } from "../electron/core";
import { expect, test } from "./fixtures";
import { appointmentIdByCode, countRows, findByCode } from "./kiosk-helpers";
import { catalog } from "./kiosk-screens";
import { holdChannel } from "./state-diff";

/**
 * A kiosk step the main process does not answer (hung, a crash mid-call, a write held): held here in the page's bridge
 * (holdChannel: the call reaches the main process only on release), with Playwright's clock moving the kiosk's time.
 * The notice shows after 5 s and not before (renderer/kiosk/flow/waiting.ts); an answer late carries the flow on; no
 * answer for 20 s lets the guest go to the desk, and an answer after that changes nothing on the glass.
 */

const shots = path.resolve(__dirname, "..", "test-results", "kiosk-slow");
mkdirSync(shots, { recursive: true });
const en = catalog("en");
const maria = DEMO_GUESTS.bothFit.code;

/** The page's clock stands still but for runFor: a machine under load never adds a second of its own. */
async function withClock(kiosk: Page): Promise<void> {
  await kiosk.clock.install();
  await kiosk.reload();
  await expect(kiosk.getByRole("button", { name: "Check in" })).toBeVisible();
  await kiosk.clock.pauseAt((await kiosk.evaluate(() => Date.now())) + 100);
}
const slowNotice = (kiosk: Page, t = en) => kiosk.getByRole("status").filter({ hasText: t("waiting.slow") });
const working = (kiosk: Page) => kiosk.getByRole("status").filter({ hasText: "One moment…" });
const checkIns = (core: AppCore) =>
  countRows(core, "SELECT COUNT(*) AS n FROM check_ins WHERE appointment_id = ?", appointmentIdByCode(core, maria));
const offerStatus = (core: AppCore) =>
  (
    core.model.db
      .prepare("SELECT status FROM offers WHERE appointment_id = ?")
      .get(appointmentIdByCode(core, maria)) as { status: string }
  ).status;

test("a slow check-in and a slow add-on choice: the notice after 5 s and not before; the late answer carries the flow on", async ({
  kiosk,
}) => {
  await withClock(kiosk);
  await findByCode(kiosk, maria);
  // The second wait counts from its own start: 4.5 s into it, no notice carried over from the first.
  for (const [channel, tap, next] of [
    ["kiosk.checkIn", "Yes, that's me", "Add a little extra?"],
    ["kiosk.chooseAddons", "No thanks", /You.re checked in/],
  ] as const) {
    const hold = await holdChannel(kiosk, channel);
    await kiosk.getByRole("button", { name: tap }).click();
    await expect(working(kiosk)).toBeVisible();
    await kiosk.clock.runFor(4_500);
    await expect(working(kiosk)).toBeVisible();
    await expect(slowNotice(kiosk)).toHaveCount(0);
    await kiosk.clock.runFor(1_000);
    await expect(slowNotice(kiosk)).toBeVisible();
    await expect(slowNotice(kiosk)).toContainText("Please wait a little, or ask at the front desk.");
    await expect(kiosk.locator("section.screen")).toHaveAttribute("aria-busy", "true");
    await hold.release();
    await expect(kiosk.getByRole("heading", { name: next })).toBeVisible();
    await expect(slowNotice(kiosk)).toHaveCount(0);
    await expect(working(kiosk)).toHaveCount(0);
  }
});

test("a check-in never answered: after 20 s the guest is sent to the desk; the check-in landing after that changes nothing on the glass, and checking in again is no second check-in", async ({
  core,
  kiosk,
}) => {
  await withClock(kiosk);
  await findByCode(kiosk, maria);
  const hold = await holdChannel(kiosk, "kiosk.checkIn");
  await kiosk.getByRole("button", { name: "Yes, that's me" }).click();
  await kiosk.clock.runFor(19_000);
  await expect(slowNotice(kiosk)).toBeVisible();
  await kiosk.clock.runFor(1_500);
  await expect(kiosk.getByRole("heading", { name: "Please see the front desk" })).toBeVisible();
  await expect(kiosk.getByText(en("waiting.gaveUp"))).toBeVisible();
  await expect(kiosk.locator("section.screen")).toHaveAttribute("aria-busy", "false");
  await expect(slowNotice(kiosk)).toHaveCount(0);
  expect(checkIns(core)).toBe(0);
  for (const [name, size] of [
    ["1080x1920", { width: 1080, height: 1920 }],
    ["1920x1080", { width: 1920, height: 1080 }],
  ] as const) {
    await kiosk.setViewportSize(size);
    await kiosk.screenshot({ path: path.join(shots, `gave-up-en-${name}.png`) });
  }

  // The main process answers at last: the check-in lands, and the kiosk, which let the guest go, stays where it is.
  await hold.release();
  await expect.poll(() => checkIns(core)).toBe(1);
  await kiosk.clock.runFor(2_000);
  await expect(kiosk.getByRole("heading", { name: "Please see the front desk" })).toBeVisible();
  await expect(kiosk.getByRole("heading", { name: "Add a little extra?" })).toHaveCount(0);

  // Trying again at the kiosk: the same check-in, not a second one; the offer is there to answer.
  await kiosk.getByRole("button", { name: "Start over" }).click();
  await findByCode(kiosk, maria);
  await kiosk.getByRole("button", { name: "Yes, that's me" }).click();
  await expect(kiosk.getByRole("heading", { name: "Add a little extra?" })).toBeVisible();
  expect(checkIns(core)).toBe(1);
});

test("an add-on choice never answered: the guest goes to the desk, the choice landing later leaves the glass alone, and the idle reset still clears it", async ({
  core,
  kiosk,
}) => {
  await withClock(kiosk);
  await findByCode(kiosk, maria);
  await kiosk.getByRole("button", { name: "Yes, that's me" }).click();
  await expect(kiosk.getByRole("heading", { name: "Add a little extra?" })).toBeVisible();
  const hold = await holdChannel(kiosk, "kiosk.chooseAddons");
  await kiosk.getByRole("button", { name: "No thanks" }).click();
  await kiosk.clock.runFor(20_500);
  await expect(kiosk.getByRole("heading", { name: "Please see the front desk" })).toBeVisible();
  expect(offerStatus(core)).toBe("offered");

  await hold.release();
  await expect.poll(() => offerStatus(core)).toBe("declined");
  await kiosk.clock.runFor(2_000);
  await expect(kiosk.getByRole("heading", { name: "Please see the front desk" })).toBeVisible();
  await expect(kiosk.getByRole("heading", { name: /You.re checked in/ })).toHaveCount(0);

  // Left there, the screen clears itself as every other one does: "Still there?" 45 s after the guest's last tap,
  // then Welcome 15 s later.
  await kiosk.clock.runFor(23_000);
  await expect(kiosk.getByRole("alertdialog", { name: "Still there?" })).toBeVisible();
  await kiosk.clock.runFor(15_000);
  await expect(kiosk.getByRole("heading", { name: /Welcome to/ })).toBeVisible();
  const html = await kiosk.evaluate(() => document.documentElement.outerHTML);
  expect(html).not.toContain("María");
});

test("a search never answered: the number stays as typed, the kiosk says it took too long, and a search again works", async ({
  kiosk,
}) => {
  await withClock(kiosk);
  const hold = await holdChannel(kiosk, "kiosk.findAppointments");
  await findByCode(kiosk, maria);
  await kiosk.clock.runFor(20_500);
  await expect(kiosk.getByRole("alert")).toHaveText(en("waiting.tooLong"));
  const field = kiosk.getByRole("textbox", { name: "Booking code" });
  await expect(field).toHaveValue(maria);
  await expect(field).toHaveAttribute("aria-invalid", "false");
  // Its answer, late: dropped (the guest is still free to search again, not moved on by a stale answer).
  await hold.release();
  await kiosk.clock.runFor(1_000);
  await expect(kiosk.getByRole("button", { name: "Yes, that's me" })).toHaveCount(0);
  await kiosk.getByRole("button", { name: "Find me" }).click();
  await expect(kiosk.getByRole("button", { name: "Yes, that's me" })).toBeVisible();
});

for (const lang of ["en", "es"] as const) {
  test(`the notice in ${lang}: announced, 0 axe violations, whole on the glass at 1080x1920, 1920x1080 and 200 % with larger text`, async ({
    kiosk,
  }) => {
    const t = catalog(lang);
    await withClock(kiosk);
    await findByCode(kiosk, maria);
    // The clock flows again here: axe waits on the page's timers.
    await kiosk.clock.resume();
    if (lang !== "en") await kiosk.getByRole("button", { name: t("language.switchTo") }).click();
    const hold = await holdChannel(kiosk, "kiosk.checkIn");
    await kiosk.getByRole("button", { name: t("confirm.yes") }).click();
    await kiosk.clock.runFor(5_500);
    const notice = slowNotice(kiosk, t);
    await expect(notice).toContainText(t("waiting.slowHelp"));
    const axe = await axeOn(kiosk)
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
      .analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);
    for (const [name, size, large] of [
      ["1080x1920", { width: 1080, height: 1920 }, false],
      ["1920x1080", { width: 1920, height: 1080 }, false],
      ["540x960-large", { width: 540, height: 960 }, true],
      ["960x540-large", { width: 960, height: 540 }, true],
    ] as const) {
      await kiosk.setViewportSize(size);
      const pressed = kiosk.getByRole("button", { name: t("common.textSize") });
      if ((await pressed.getAttribute("aria-pressed")) !== String(large)) await pressed.click();
      await kiosk.screenshot({ path: path.join(shots, `notice-${lang}-${name}.png`) });
      const fit = await notice.evaluate((el) => {
        const r = el.getBoundingClientRect();
        return {
          inside: r.left >= 0 && r.top >= 0 && r.right <= window.innerWidth && r.bottom <= window.innerHeight,
          overflows: el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1,
          px: parseFloat(getComputedStyle(el.querySelector(".slow-line") ?? el).fontSize),
        };
      });
      expect(fit, name).toMatchObject({ inside: true, overflows: false });
      // As large as the kiosk's other messages (its lead lines are 1.2rem): at least 24 px, read from a step back.
      expect(fit.px, name).toBeGreaterThanOrEqual(24);
    }
    await hold.release();
    await expect(kiosk.getByRole("heading", { name: t("offer.title") })).toBeVisible();
  });
}
