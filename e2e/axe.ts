import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

/**
 * axe-core on a page of the app, as every spec runs it. In "legacy mode" axe runs in the page itself: by default
 * @axe-core/playwright opens a blank page for every analysis to merge the results of cross-origin frames, and the app
 * has no frames, so that page bought nothing and took 2–3 times as long (320 / 184 ms against 714 / 521 ms for the
 * kiosk's welcome screen). A frame of the same origin is still injected and checked.
 */
export function axeOn(page: Page): AxeBuilder {
  return new AxeBuilder({ page }).setLegacyMode();
}
