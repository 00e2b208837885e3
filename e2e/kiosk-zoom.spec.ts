import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { DEMO_GUESTS } from "../db/demo/seed-demo";
import { expect, test } from "./fixtures";
import { ADDON_TITLE_MAX } from "../contract/admin";
import type { Language } from "../contract/common";
import { copy, familyAtTheLimits, LENA, MATCHES_SHOWN } from "./kiosk-at-limits";
import { findByCode, tapKeys } from "./kiosk-helpers";
import { catalog, walkEveryScreen } from "./kiosk-screens";

/**
 * A guest with poor eyesight zooms the kiosk to 200 % (the 1080x1920 glass is then 540x960 CSS px, the 1920x1080 one
 * 960x540) and may switch on larger text too. At 200 % and unzoomed, on every screen, in every language and text size,
 * the page never scrolls; every key and button lies on the glass (or in a box that scrolls its words, itself on the
 * glass), none under the corner buttons (language, text size, staff) and none over the words beside it; each key is at
 * least 44 px a side; the primary action is whole on the glass, uncovered and at least 2 cm each way; no words run out
 * of their box or button. Walked with the demo spa, and on preferences, the questions and Done at the contract's
 * limits. A check of boxes, not of pixels (KIOSK_ZOOM_SHOTS=1 keeps screenshots for a person to look at).
 */

/** KIOSK_ZOOM_SHOTS=1 keeps a screenshot of every screen walked, for a person to look at (not needed by the checks). */
const SHOTS = process.env.KIOSK_ZOOM_SHOTS === "1";

/** Keys at least this big (CSS px) on every glass: WCAG 2.5.5's 44, a finger's width. */
const MIN_KEY = 44;

/** The primary action, at least 2 cm each way on the glass (CSS's cm: 96 px an inch, so 75.6 px). */
const MIN_PRIMARY = (2 / 2.54) * 96;

/** What is wrong with the boxes on the painted screen, from the top of the page. */
async function problems(page: Page): Promise<string[]> {
  return page.evaluate(
    ({ minKey, minPrimary }) => {
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
      if (doc.scrollHeight > h + 1) found.push(`the page scrolls (${doc.scrollHeight} px)`);

      const overlay = document.querySelector(".overlay");
      const root = overlay ?? document;
      // The boxes made to scroll their words (fit.css): what they hide is read by scrolling them.
      const scroller = (box: Element) => box.matches(".fit-scroll, .questions") && box.scrollHeight > box.clientHeight;
      const controls = Array.from(root.querySelectorAll("button, input")).filter(shown);
      if (controls.length === 0) found.push("nothing to tap on the glass");
      for (const el of controls) {
        const r = el.getBoundingClientRect();
        if (r.left < -1 || r.right > w + 1) found.push(`${label(el)} off the glass sideways (${at(r)})`);
        const box = el.parentElement?.closest(".fit-scroll, .questions");
        // In a box that scrolls its words, a control is reached by scrolling the box, itself whole on the glass.
        const b = box && scroller(box) ? box.getBoundingClientRect() : r;
        if (b.top < -1 || b.bottom > h + 1) found.push(`${label(el)} off the glass (${at(b)})`);
        const c = clip(el);
        if (b === r && (r.left < c.left - 1 || r.top < c.top - 1 || r.right > c.right + 1 || r.bottom > c.bottom + 1))
          found.push(`${label(el)} cut off in a scrolling box (${at(r)})`);
        if (el.classList.contains("key") && (r.width < minKey - 0.5 || r.height < minKey - 0.5))
          found.push(`key ${label(el)} only ${Math.round(r.width)}x${Math.round(r.height)}`);
      }

      // The primary action (the screen's filled button, or its equal choices: the offer's, the bookings'): whole on
      // the glass, outside any scrolling box, the topmost thing where a finger lands, at least 2 cm each way.
      const primary = controls.filter((el) => el.matches(".primary, .choice-button, .choices .choice"));
      if (primary.length === 0) found.push("no primary action on the glass");
      for (const el of primary) {
        const r = el.getBoundingClientRect();
        const c = clip(el);
        if (r.top < c.top - 1 || r.bottom > c.bottom + 1 || r.top < -1 || r.bottom > h + 1)
          found.push(`primary ${label(el)} not whole on the glass (${at(r)})`);
        const hit = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
        if (!hit || !el.contains(hit)) found.push(`primary ${label(el)} covered by ${hit ? label(hit) : "nothing"}`);
        if (r.width < minPrimary - 0.5 || r.height < minPrimary - 0.5)
          found.push(`primary ${label(el)} only ${Math.round(r.width)}x${Math.round(r.height)} px`);
      }

      // No words cut off: none runs out of its box sideways or out of its button, and none is hidden by a box that
      // doesn't scroll.
      const words = Array.from(
        root.querySelectorAll(":is(.screen-body, .dialog) :is(h1, h2, p, li, button, label > span, .detail)"),
      ).filter(shown);
      for (const el of words) {
        if (el.scrollWidth > el.clientWidth + 1) found.push(`${label(el)} runs out of its box sideways`);
        if (el.matches("button") && el.scrollHeight > el.clientHeight + 1)
          found.push(`${label(el)} runs out of its button (${el.scrollHeight} > ${el.clientHeight} px)`);
        for (let box = el.parentElement; box && box !== doc; box = box.parentElement) {
          const style = getComputedStyle(box);
          if (!["hidden", "clip"].includes(style.overflowY) && !["hidden", "clip"].includes(style.overflowX)) continue;
          const [r, b] = [el.getBoundingClientRect(), box.getBoundingClientRect()];
          if (r.top < b.top - 1 || r.bottom > b.bottom + 1 || r.left < b.left - 1 || r.right > b.right + 1)
            found.push(`${label(el)} cut off by a box that doesn't scroll`);
        }
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
      for (const el of controls.filter((c) => c.closest(".screen-body")))
        for (const other of body)
          if (!el.contains(other) && !other.contains(el) && overlap(seen(el), seen(other)))
            found.push(`${label(el)} over ${label(other)}`);
      return found;
    },
    { minKey: MIN_KEY, minPrimary: MIN_PRIMARY },
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
          for (const p of await problems(kiosk)) found.push(`${screen}: ${p}`);
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

/**
 * On one screen, every way a guest may see it: each language, both text sizes, each glass at 200 % and unzoomed
 * (larger text first in the longest language, where it overflows first). `ready` waits for the screen's own words in
 * that language (the add-ons' copy is read again on a switch).
 */
async function everyWay(
  page: Page,
  screen: string,
  ready: (lang: Language) => Promise<void>,
  shots: string,
): Promise<string[]> {
  const found: string[] = [];
  for (const lang of ["es", "zh", "en"] as const) {
    const t = catalog(lang);
    await page.getByRole("button", { name: t("language.switchTo"), exact: true }).click();
    await ready(lang);
    for (const large of [true, false]) {
      const size = page.getByRole("button", { name: t("common.textSize"), exact: true });
      if ((await size.getAttribute("aria-pressed")) !== String(large)) await size.click();
      for (const [glass, viewport] of GLASSES) {
        await page.setViewportSize(viewport);
        const way = `${screen}, ${lang}, ${large ? "larger" : "normal"} text, ${glass} %`;
        if (SHOTS)
          await page.screenshot({
            path: path.join(
              shots,
              `${viewport.width}x${viewport.height}-${lang}-${large ? "large" : "normal"}-${screen}.png`,
            ),
          });
        for (const p of await problems(page)) found.push(`${way}: ${p}`);
      }
    }
  }
  await page.setViewportSize(GLASSES[2][1]);
  return found;
}

test("at the contract's limits (80-letter names, 10 bookings on a number, 10 add-ons of the longest copy, 3 questions of 160 letters, every preference), preferences, the questions and Done fit every glass in every language and text size: no page scroll, the primary action whole on the glass and 2 cm, no words cut off", async ({
  core,
  kiosk,
}, info) => {
  test.slow();
  const { offered } = await familyAtTheLimits(core);
  const shots = path.join(info.project.outputDir, "kiosk-zoom-limits");
  if (SHOTS) mkdirSync(shots, { recursive: true });
  const en = catalog("en");
  const heading = (text: string) => kiosk.getByRole("heading", { level: 1, name: text });
  // The idle reset and Done's countdown wait while the glass is measured 24 ways a screen.
  await kiosk.clock.install();
  await kiosk.clock.pauseAt(Date.now() + 1000);
  await kiosk.getByRole("button", { name: en("welcome.checkIn"), exact: true }).click();
  await tapKeys(kiosk, DEMO_GUESTS.family.phone);
  await expect(kiosk.locator(".choices > li")).toHaveCount(MATCHES_SHOWN);
  await kiosk.getByRole("button", { name: new RegExp(`^${LENA}`) }).click();
  await kiosk.getByRole("button", { name: en("confirm.yes"), exact: true }).click();

  // Her last visit's preferences, every one on: the step comes first.
  await expect(kiosk.getByText(en("preferences.lastVisit"))).toBeVisible();
  const found = await everyWay(
    kiosk,
    "preferences",
    (lang) => expect(heading(catalog(lang)("preferences.title"))).toBeVisible(),
    shots,
  );
  await kiosk.getByRole("button", { name: en("preferences.confirm"), exact: true }).click();

  await kiosk
    .getByRole("button", { name: new RegExp(`^${en("offer.addAll").replace("{{count}}", String(offered))}`) })
    .click();
  const title = (lang: Language) => copy(lang, ADDON_TITLE_MAX, "A1");
  await expect(heading(en("screening.title").replace("{{title}}", title("en")))).toBeVisible();
  found.push(
    ...(await everyWay(
      kiosk,
      "screening",
      (lang) => expect(heading(catalog(lang)("screening.title").replace("{{title}}", title(lang)))).toBeVisible(),
      shots,
    )),
  );
  await kiosk.getByRole("button", { name: en("screening.noneApply"), exact: true }).click();
  // The scalp massage's own (demo) questions come next.
  const scalp = copy("en", ADDON_TITLE_MAX, "A2");
  await expect(heading(en("screening.title").replace("{{title}}", scalp))).toBeVisible();
  await kiosk.getByRole("button", { name: en("screening.noneApply"), exact: true }).click();

  // Done, with 9 more of the family to check in.
  await expect(heading(en("done.title").replace("{{name}}", LENA))).toBeVisible();
  await expect(kiosk.locator(".screen-body button", { hasText: en("done.party").split("{{name}}")[0] })).toHaveCount(
    MATCHES_SHOWN - 1,
  );
  found.push(
    ...(await everyWay(
      kiosk,
      "done",
      (lang) => expect(kiosk.getByText(title(lang), { exact: false }).first()).toBeVisible(),
      shots,
    )),
  );
  expect(found).toEqual([]);
});
