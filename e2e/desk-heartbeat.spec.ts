import path from "node:path";
import type { Page } from "@playwright/test";
import { HEARTBEAT_EVERY_MS, HEARTBEAT_STALE_MS } from "../contract/channels";
import { DEMO_STAFF } from "../db/demo/seed-demo";
import { insertAppointment } from "../db/desk/appointments";
import { getSettings, saveSettings } from "../db/settings";
import type { AppCore } from "../electron/core";
import { expect, signIn, test } from "./fixtures";
import { hangPushes } from "./wiring";

/**
 * The desk tells a hung main process from a quiet one: the main process beats every 5 s (electron/heartbeat.ts); with
 * no beat for 15 s the desk says its list is not up to date, and reads it again when the beats come back. A hung main
 * process is played by the e2e wiring's `hangPushes`: no push reaches the window (none kept for later), calls are
 * still answered.
 */

const receptionist = DEMO_STAFF[1];
const shots = path.resolve(__dirname, "..", "test-results", "desk-heartbeat");
const notice = (staff: Page) => staff.locator(".not-up-to-date");
const rowOf = (staff: Page, name: string) => staff.locator("tr", { hasText: name });

/** A guest booked in 20 minutes by the spa's clock, not arrived; her appointment's id. */
function bookSoon(core: AppCore, guestName: string, phone: string): number {
  const tz = getSettings(core.model.db).timeZone;
  return insertAppointment(core.model, tz, {
    guestName,
    phone,
    serviceId: 1,
    therapistId: 1,
    roomId: 1,
    startsAt: new Date(core.model.clock.now().getTime() + 20 * 60_000).toISOString(),
    source: "import",
  });
}

async function checkInAtKiosk(core: AppCore, appointmentId: number, phone: string): Promise<void> {
  const kiosk = core.newSession("kiosk");
  expect((await core.dispatch(kiosk, "kiosk.findAppointments", { by: "phone", phone })).ok).toBe(true);
  expect((await core.dispatch(kiosk, "kiosk.checkIn", { appointmentId, lang: "en" })).ok).toBe(true);
}

/** The spa's clock times a beat before `at` could have come at ("10:42 AM"), as the desk writes them. */
function timesBefore(core: AppCore, at: Date): string[] {
  const tz = getSettings(core.model.db).timeZone;
  const f = new Intl.DateTimeFormat("en-US", { timeZone: tz, hour: "numeric", minute: "2-digit" });
  return [...new Set([at, new Date(at.getTime() - HEARTBEAT_EVERY_MS - 1_000)].map((d) => f.format(d)))];
}

test("a quiet main process changes nothing; a hung one is told within 15 s, and when it answers again the list catches up with the arrival it missed", async ({
  core,
  staff,
}) => {
  test.setTimeout(120_000);
  saveSettings(core.model.db, { walkInsAllowed: true });
  const phone = "5559120011";
  const hana = bookSoon(core, "Hana Heartbeat", phone);
  await signIn(staff, receptionist);
  const row = rowOf(staff, "Hana Heartbeat");
  await expect(row).toContainText("Expected");
  const place = await row.boundingBox();

  // Alive and quiet: nothing happens at the spa for longer than the threshold, and the desk shows nothing new.
  await staff.waitForTimeout(HEARTBEAT_STALE_MS + 2 * HEARTBEAT_EVERY_MS);
  await expect(notice(staff)).toHaveCount(0);
  await expect(staff.locator(".desk-head .status")).not.toContainText("Not up to date");

  // Hung: no push reaches the desk. Hana checks in and Zoe leaves her name at the kiosk meanwhile; the desk hears of
  // neither.
  const hang = hangPushes(core);
  const hungAt = Date.now();
  const appHungAt = core.model.clock.now();
  await checkInAtKiosk(core, hana, phone);
  const zoe = await core.dispatch(core.newSession("kiosk"), "kiosk.walkIn", { firstName: "Zoe", lang: "en" });
  expect(zoe.ok).toBe(true);
  // The last beat came at most 5 s before: nothing is said for 10 s at least.
  await staff.waitForTimeout(HEARTBEAT_STALE_MS - HEARTBEAT_EVERY_MS - 1_000 - (Date.now() - hungAt));
  await expect(notice(staff)).toHaveCount(0);
  // Said by 15 s after the last beat, and a look (a second), and some slack for a loaded machine.
  await expect(notice(staff)).toBeVisible({ timeout: HEARTBEAT_STALE_MS + 1_000 + 3_000 - (Date.now() - hungAt) });
  console.log(`desk-heartbeat: told ${((Date.now() - hungAt) / 1000).toFixed(1)} s after the pushes stopped`);
  const since = timesBefore(core, appHungAt);
  const says = (await notice(staff).innerText()).replace(/\s+/g, " ");
  console.log(`desk-heartbeat: the notice says "${says}"`);
  expect(since.some((t) => says.startsWith(`⚠ Not up to date since ${t} — this list may be missing arrivals`))).toBe(
    true,
  );
  await expect(notice(staff)).toContainText("the kiosk may not be taking check-ins either");
  await expect(notice(staff)).toContainText("If this stays up for more than a minute, restart the computer");
  await expect(notice(staff)).toHaveAttribute("role", "alert");
  await expect(staff.locator(".desk-head .status")).toContainText(/^⚠ Not up to date since \d{1,2}:\d{2} [AP]M · /);
  await expect(staff.locator(".queue-scroll")).toHaveClass(/stale/);
  // The list is what it was, and did not move.
  await expect(row).toContainText("Expected");
  await expect(staff.getByRole("button", { name: "Book Zoe…" })).toHaveCount(0);
  expect(await row.boundingBox()).toEqual(place);
  for (const size of [
    { width: 1920, height: 1080 },
    { width: 1080, height: 1920 },
  ]) {
    await staff.setViewportSize(size);
    await staff.screenshot({ path: path.join(shots, `not-up-to-date-${size.width}x${size.height}.png`) });
  }
  await staff.setViewportSize({ width: 1920, height: 1080 });

  // Answering again: at the next beat the notice goes, and the list, the walk-ins with it, are read again.
  hang.resume();
  const resumedAt = Date.now();
  await expect(notice(staff)).toHaveCount(0, { timeout: HEARTBEAT_EVERY_MS + 2_000 });
  console.log(`desk-heartbeat: caught up ${((Date.now() - resumedAt) / 1000).toFixed(1)} s after the pushes resumed`);
  await expect(row).not.toContainText("Expected");
  await expect(row).toContainText(/Checked in|Choosing at kiosk/);
  await expect(staff.getByRole("button", { name: "Book Zoe…" })).toBeVisible();
  await expect(staff.locator(".queue-scroll")).not.toHaveClass(/stale/);
  await expect(staff.locator(".desk-head .status")).not.toContainText("Not up to date");
  expect(await row.boundingBox()).toEqual(place);
  for (const size of [
    { width: 1920, height: 1080 },
    { width: 1080, height: 1920 },
  ]) {
    await staff.setViewportSize(size);
    await staff.screenshot({ path: path.join(shots, `caught-up-${size.width}x${size.height}.png`) });
  }
});

test("a desk asleep with the machine (its timers and the pushes stopped for 25 s) does not cry wolf on waking", async ({
  core,
  staff,
}) => {
  test.setTimeout(90_000);
  await signIn(staff, receptionist);
  await expect(staff.locator(".desk-head .status")).toContainText("waiting for confirmation");
  // The page's own record: the longest its timers stopped, and whether the notice ever showed.
  await staff.evaluate(() => {
    const w = window as unknown as { __gap: number; __told: boolean };
    w.__gap = 0;
    w.__told = false;
    let last = performance.now();
    setInterval(() => {
      w.__gap = Math.max(w.__gap, performance.now() - last);
      last = performance.now();
    }, 250);
    new MutationObserver(() => {
      if (document.querySelector(".not-up-to-date")) w.__told = true;
    }).observe(document.body, { childList: true, subtree: true });
  });
  const cdp = await staff.context().newCDPSession(staff);
  const hang = hangPushes(core);
  // Asleep: no script of the page runs (it stops at the next one that would, its timer's or another's).
  await cdp.send("Debugger.enable");
  await cdp.send("Debugger.pause");
  await new Promise((resolve) => setTimeout(resolve, HEARTBEAT_STALE_MS + 10_000));
  // Waking: the page runs again and the main process beats again.
  await cdp.send("Debugger.resume");
  await cdp.send("Debugger.disable");
  hang.resume();
  await staff.waitForTimeout(HEARTBEAT_EVERY_MS + 2_000);
  const { gap, told } = await staff.evaluate(() => {
    const w = window as unknown as { __gap: number; __told: boolean };
    return { gap: w.__gap, told: w.__told };
  });
  console.log(`desk-heartbeat: the page's timers stopped for ${(gap / 1000).toFixed(1)} s; notice shown: ${told}`);
  expect(gap).toBeGreaterThan(HEARTBEAT_STALE_MS);
  expect(told).toBe(false);
  await expect(notice(staff)).toHaveCount(0);
});
