import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test as base, chromium, expect as expectPw, type Browser, type Page } from "@playwright/test";
import type { AppCore, AppCoreOptions } from "../electron/core";
import { demoCore } from "./demo-database";
import { chromiumLaunchOptions, newContext, openWindow } from "./wiring";

export { expect } from "@playwright/test";

/**
 * Signs a staff member in at the staff window's PIN pad and waits for the arrivals queue: the whole day drawn (the
 * desk paints its first screen of rows before the rest arrives, and the table is aria-busy until every row is in).
 */
export async function signIn(page: Page, who: { name: string; pin: string }): Promise<void> {
  await unlock(page, who);
  await expectPw(page.locator("table.queue")).toHaveAttribute("aria-busy", "false");
}

/** Signs a staff member in and waits for the desk's first screen only: its heading. */
export async function unlock(page: Page, who: { name: string; pin: string }): Promise<void> {
  await page.getByRole("button", { name: new RegExp(who.name) }).click();
  await page.getByLabel("PIN", { exact: true }).fill(who.pin);
  await page.getByRole("button", { name: "Unlock" }).click();
  await expectPw(page.getByRole("heading", { name: "Arrivals today" })).toBeVisible();
}

interface Fixtures {
  /** Options for `core` a spec sets with `test.use` (e.g. a print backoff that can't race the test). */
  coreOptions: Pick<AppCoreOptions, "printBackoffMs">;
  /** A fresh app core on a temp data dir holding the demo spa (demo-database.ts), closed after the test. */
  core: AppCore;
  kiosk: Page;
  staff: Page;
}

/** One Chromium per worker (Debian's, see wiring.ts). */
export const test = base.extend<Fixtures, { browserInstance: Browser }>({
  browserInstance: [
    async ({}, use) => {
      const browser = await chromium.launch(chromiumLaunchOptions());
      await use(browser);
      await browser.close();
    },
    { scope: "worker" },
  ],
  coreOptions: [{}, { option: true }],
  core: async ({ coreOptions }, use) => {
    const dir = mkdtempSync(path.join(tmpdir(), "happyhead-e2e-"));
    const core = await demoCore({ ...coreOptions, dataDir: dir });
    await use(core);
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  },
  kiosk: async ({ browserInstance, core }, use) => {
    const context = await newContext(browserInstance, { width: 1080, height: 1920 });
    await use(await openWindow(context, core, "kiosk"));
    await context.close();
  },
  staff: async ({ browserInstance, core }, use) => {
    const context = await newContext(browserInstance, { width: 1920, height: 1080 });
    await use(await openWindow(context, core, "staff"));
    await context.close();
  },
});
