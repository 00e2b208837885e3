import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { DEMO_STAFF } from "../db/demo/seed-demo";
import { insertAppointment } from "../db/desk/appointments";
import { saveSettings } from "../db/settings";
import { demoCore } from "./demo-database";
import { expect, signIn, test } from "./fixtures";
import { tapKeys } from "./kiosk-helpers";
import { newContext, openWindow } from "./wiring";

/**
 * The fall-back night in New York (1 November 2026): 1:30 AM happens twice. Two guests booked for 60 minutes, one at
 * each 1:30, and one at 2:30: the kiosk's list and the desk's rows say which 1:30 is which.
 */
const TZ = "America/New_York";
const [, receptionist] = DEMO_STAFF;
const SIZES = [
  { width: 1080, height: 1920 },
  { width: 1920, height: 1080 },
] as const;

async function fallBackNight(dataDir: string) {
  // 1:10 AM EDT, twenty minutes before the first 1:30.
  const core = await demoCore({ dataDir, clock: { now: () => new Date("2026-11-01T05:10:00.000Z") } });
  saveSettings(core.model.db, { timeZone: TZ });
  const book = (guestName: string, startsAt: string) =>
    insertAppointment(core.model, TZ, {
      guestName,
      phone: "5550109900",
      serviceId: 1,
      therapistId: 1,
      roomId: 1,
      startsAt,
      source: "import",
    });
  book("Nora First", "2026-11-01T05:30:00.000Z");
  book("Owen Second", "2026-11-01T06:30:00.000Z");
  book("Pia Later", "2026-11-01T07:30:00.000Z");
  return core;
}

const shot = (page: Page, name: string, size: { width: number; height: number }) =>
  page.screenshot({ path: `test-results/clock/${name}-${size.width}x${size.height}.png` });

for (const size of SIZES) {
  test(`fall-back night at ${size.width}×${size.height}: the kiosk and the desk write each 1:30 with its zone`, async ({
    browserInstance,
  }: {
    browserInstance: Browser;
  }) => {
    const dir = mkdtempSync(path.join(tmpdir(), "happyhead-e2e-"));
    const core = await fallBackNight(dir);
    try {
      const kioskContext = await newContext(browserInstance, size);
      const kiosk = await openWindow(kioskContext, core, "kiosk");
      await kiosk.getByRole("button", { name: "Check in" }).click();
      await tapKeys(kiosk, "5550109900");
      await expect(kiosk.getByText("1:30 AM EDT")).toBeVisible();
      await expect(kiosk.getByText("1:30 AM EST")).toBeVisible();
      await expect(kiosk.getByText("2:30 AM", { exact: false })).toBeVisible();
      await shot(kiosk, "kiosk-matches", size);
      await kioskContext.close();

      const staffContext = await newContext(browserInstance, size);
      const staff = await openWindow(staffContext, core, "staff");
      await signIn(staff, receptionist);
      const row = (name: string) => staff.locator("tr", { hasText: name });
      await expect(row("Nora First")).toContainText("1:30 AM EDT");
      await expect(row("Owen Second")).toContainText("1:30 AM EST");
      await expect(row("Pia Later")).toContainText("2:30 AM");
      await expect(row("Pia Later")).not.toContainText("EST");
      await shot(staff, "desk", size);
      await staffContext.close();
    } finally {
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
