import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { DEMO_GUESTS } from "../db/demo/seed-demo";
import { expect, test } from "./fixtures";
import { findByCode } from "./kiosk-helpers";
import { walkEveryScreen, type ScreenName } from "./kiosk-screens";

/**
 * A guest with poor eyesight zooms the kiosk to 200 % (the 1080x1920 glass is then 540x960 CSS px, the 1920x1080 one
 * 960x540) and may switch on larger text too. At 200 % and unzoomed, on every screen, in every language and text size,
 * every key and button lies on the glass, none under the corner buttons (language, text size, staff) and none over the
 * words beside it; each key is at least 44 px a side; and the screens where the guest types or chooses (the keyboards,
 * their bookings, the add-on offer) show every key and every choice without scrolling. A check of boxes, not of
 * pixels (KIOSK_ZOOM_SHOTS=1 keeps screenshots for a person to look at).
 */

/** KIOSK_ZOOM_SHOTS=1 keeps a screenshot of every screen walked, for a person to look at (not needed by the checks). */
const SHOTS = process.env.KIOSK_ZOOM_SHOTS === "1";

/** Keys at least this big (CSS px) on every glass: WCAG 2.5.5's 44, a finger's width. */
const MIN_KEY = 44;

/** Screens a guest must never need to scroll: typing on a keyboard, choosing a booking or an add-on. */
const NO_SCROLL: ReadonlySet<ScreenName> = new Set([
  "find-phone-error",
  "find-code",
  "not-found",
  "walk-in",
  "matches",
  "confirm",
  "offer",
  "offer-change",
  "offer-one-unavailable",
]);

/** What is wrong with the boxes on the painted screen, from the top of the page. */
async function problems(page: Page, whole: boolean, minKey: number): Promise<string[]> {
  return page.evaluate(
    ({ whole, minKey }) => {
      window.scrollTo(0, 0);
      const found: string[] = [];
      const doc = document.documentElement;
      const [w, h] = [window.innerWidth, window.innerHeight];
      const label = (el: Element) => `"${(el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 30)}"`;
      const at = (r: DOMRect) =>
        `${Math.round(r.left)},${Math.round(r.top)}..${Math.round(r.right)},${Math.round(r.bottom)}`;
      const overlap = (a: DOMRect, b: DOMRect) =>
        [a, b].every((r) => r.width > 1 && r.height > 1) &&
        a.left < b.right - 1 &&
        a.right > b.left + 1 &&
        a.top < b.bottom - 1 &&
        a.bottom > b.top + 1;
      // The part of the glass an element's scrolling boxes (a card's benefit lines) let through.
      const clip = (el: Element) => {
        let [left, top, right, bottom] = [-Infinity, -Infinity, Infinity, Infinity];
        for (let box = el.parentElement; box && box !== doc && box !== document.body; box = box.parentElement) {
          if (getComputedStyle(box).overflowY === "visible") continue;
          const r = box.getBoundingClientRect();
          [left, top, right, bottom] = [
            Math.max(left, r.left),
            Math.max(top, r.top),
            Math.min(right, r.right),
            Math.min(bottom, r.bottom),
          ];
        }
        return { left, top, right, bottom };
      };
      const seen = (el: Element) => {
        const r = el.getBoundingClientRect();
        const c = clip(el);
        return new DOMRect(
          Math.max(r.left, c.left),
          Math.max(r.top, c.top),
          Math.max(0, Math.min(r.right, c.right) - Math.max(r.left, c.left)),
          Math.max(0, Math.min(r.bottom, c.bottom) - Math.max(r.top, c.top)),
        );
      };
      const shown = (el: Element) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && !el.closest(".visually-hidden");
      };
      if (doc.scrollWidth > doc.clientWidth + 1) found.push(`the page scrolls sideways (${doc.scrollWidth} px)`);
      if (whole && doc.scrollHeight > h + 1) found.push(`the page scrolls (${doc.scrollHeight} px)`);

      const overlay = document.querySelector(".overlay");
      const root = overlay ?? document;
      const controls = Array.from(root.querySelectorAll("button, input")).filter(shown);
      if (controls.length === 0) found.push("nothing to tap on the glass");
      for (const el of controls) {
        const r = el.getBoundingClientRect();
        if (r.left < -1 || r.right > w + 1) found.push(`${label(el)} off the glass sideways (${at(r)})`);
        if (r.top < -1 || (whole && r.bottom > h + 1) || r.bottom > doc.scrollHeight + 1)
          found.push(`${label(el)} off the glass (${at(r)})`);
        const c = clip(el);
        if (r.left < c.left - 1 || r.top < c.top - 1 || r.right > c.right + 1 || r.bottom > c.bottom + 1)
          found.push(`${label(el)} cut off in a scrolling box (${at(r)})`);
        if (el.classList.contains("key") && (r.width < minKey - 0.5 || r.height < minKey - 0.5))
          found.push(`key ${label(el)} only ${Math.round(r.width)}x${Math.round(r.height)}`);
      }
      if (overlay) return found;

      // Nothing of the screen under the corner buttons, and no control over another or over the words beside it.
      const corners = Array.from(document.querySelectorAll(".toolbar.corner button, .staff-door")).filter(shown);
      const body = Array.from(
        document.querySelectorAll(
          ".screen-body :is(button, input, h1, h2, p, li, label > span, .summary, .offer-card, .letterboard, .keypad)",
        ),
      ).filter(shown);
      for (const c of corners)
        for (const el of body)
          if (overlap(c.getBoundingClientRect(), seen(el))) found.push(`${label(el)} under ${label(c)}`);
      corners.forEach((c, i) => {
        for (const other of corners.slice(i + 1))
          if (overlap(c.getBoundingClientRect(), other.getBoundingClientRect()))
            found.push(`${label(c)} over ${label(other)}`);
      });
      if (whole)
        for (const el of controls.filter((c) => c.closest(".screen-body")))
          for (const other of body)
            if (!el.contains(other) && !other.contains(el) && overlap(seen(el), seen(other)))
              found.push(`${label(el)} over ${label(other)}`);
      return found;
    },
    { whole, minKey },
  );
}

const GLASSES = [
  ["portrait at 200", { width: 540, height: 960 }],
  ["landscape at 200", { width: 960, height: 540 }],
  ["portrait at 100", { width: 1080, height: 1920 }],
  ["landscape at 100", { width: 1920, height: 1080 }],
] as const;

// Unzoomed, only with larger text: normal text there has the most room of all, and every other kiosk spec walks it.
for (const [glass, viewport] of GLASSES)
  for (const lang of ["en", "es", "zh"] as const)
    for (const large of glass.endsWith("200") ? [false, true] : [true])
      test(`${glass} % (${viewport.width}x${viewport.height}), ${lang}, ${large ? "larger" : "normal"} text: every key and choice on the glass, clear of the corner buttons`, async ({
        core,
        kiosk,
      }, info) => {
        await kiosk.setViewportSize(viewport);
        await kiosk.clock.install();
        const dir = path.join(info.project.outputDir, "kiosk-zoom");
        if (SHOTS) mkdirSync(dir, { recursive: true });
        const found: string[] = [];
        await walkEveryScreen(kiosk, core, lang, large, async (screen) => {
          if (SHOTS)
            await kiosk.screenshot({
              path: path.join(
                dir,
                `${viewport.width}x${viewport.height}-${lang}-${large ? "large" : "normal"}-${screen}.png`,
              ),
            });
          for (const p of await problems(kiosk, NO_SCROLL.has(screen), MIN_KEY)) found.push(`${screen}: ${p}`);
        });
        expect(found).toEqual([]);
      });

test("at 200 % with larger text, a card's last benefit line is read by scrolling the card, every choice staying in sight", async ({
  kiosk,
}) => {
  await kiosk.setViewportSize({ width: 960, height: 540 });
  await kiosk.getByRole("button", { name: "Larger text" }).click();
  await findByCode(kiosk, DEMO_GUESTS.bothFit.code);
  await kiosk.getByRole("button", { name: "Yes, that's me" }).click();
  const face = kiosk.getByRole("article", { name: "Face massage" });
  const lastLine = face.getByRole("listitem").last();
  const choices = [
    kiosk.getByRole("button", { name: "Add Face massage" }),
    kiosk.getByRole("button", { name: "Add Scalp massage" }),
    kiosk.getByRole("button", { name: /^Add both/ }),
    kiosk.getByRole("button", { name: "No thanks" }),
  ];
  for (const choice of choices) await expect(choice).toBeInViewport({ ratio: 1 });
  await expect(lastLine).not.toBeInViewport({ ratio: 1 });
  await face.getByRole("list").hover();
  await kiosk.mouse.wheel(0, 600);
  await expect(lastLine).toBeInViewport({ ratio: 1 });
  for (const choice of choices) await expect(choice).toBeInViewport({ ratio: 1 });
});
