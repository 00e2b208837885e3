import type { Page } from "@playwright/test";

/**
 * The checks of what a guest sees on the kiosk's glass, made on the painted screen's boxes (not its pixels): used by
 * the walk over every screen (kiosk-a11y.spec.ts) and by the screens at the contract's limits (kiosk-zoom.spec.ts).
 */

/** KIOSK_ZOOM_SHOTS=1 keeps a screenshot of every zoomed glass checked, for a person to look at. */
export const ZOOM_SHOTS = process.env.KIOSK_ZOOM_SHOTS === "1";

/**
 * The kiosk's glasses at 200 % (a guest with poor eyesight zooms: the 1080x1920 glass is then 540x960 CSS px, the
 * 1920x1080 one 960x540) and unzoomed.
 */
export const GLASSES = [
  ["portrait at 200", { width: 540, height: 960 }],
  ["landscape at 200", { width: 960, height: 540 }],
  ["portrait at 100", { width: 1080, height: 1920 }],
  ["landscape at 100", { width: 1920, height: 1080 }],
] as const;

/** The glasses the layout check walks: the kiosk's two and a small laptop's. */
export const LAYOUT_VIEWPORTS = [
  ["portrait", { width: 1080, height: 1920 }],
  ["landscape", { width: 1920, height: 1080 }],
  ["small", { width: 1280, height: 800 }],
] as const;

/**
 * Boxes of everything a guest can tap or read, checked in the page: the page never scrolls, nothing lies off the
 * glass sideways or has its words clipped, every touch target is at least 48 px, and nothing lies under the corner
 * buttons.
 */
export async function layoutProblems(page: Page): Promise<string[]> {
  const found = await page.evaluate(() => {
    const problems: { what: string; text: string }[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth + 1)
      problems.push({ what: `page scrolls sideways (${doc.scrollWidth} > ${doc.clientWidth})`, text: "" });
    if (doc.scrollHeight > window.innerHeight + 1)
      problems.push({ what: `page needs scrolling (${doc.scrollHeight} > ${window.innerHeight})`, text: "" });
    for (const el of Array.from(document.querySelectorAll<HTMLElement>("button, input, h1, h2, p, li"))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      const text = (el.textContent ?? "").trim().slice(0, 40);
      if (r.left < -1 || r.right > window.innerWidth + 1)
        problems.push({ what: `off screen sideways (${Math.round(r.left)}..${Math.round(r.right)})`, text });
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== "visible")
        problems.push({ what: "text clipped", text });
      if (el.tagName === "BUTTON" || el.tagName === "INPUT") {
        if (r.width < 48 || r.height < 48)
          problems.push({ what: `touch target ${Math.round(r.width)}x${Math.round(r.height)}`, text });
        if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)
          problems.push({ what: "label overflows its button", text });
      }
    }
    // The corner buttons (language and text size at the top, the staff door at the bottom) float
    // over the screen: nothing a guest reads or taps may lie under them.
    for (const floating of Array.from(document.querySelectorAll<HTMLElement>(".toolbar.corner, .staff-door"))) {
      const f = floating.getBoundingClientRect();
      for (const el of Array.from(
        document.querySelectorAll<HTMLElement>(
          ".screen-body button, .screen-body input, .screen-body h1, .screen-body p, .screen-body li",
        ),
      )) {
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.left < f.right && r.right > f.left && r.top < f.bottom && r.bottom > f.top) {
          problems.push({ what: `under ${floating.className}`, text: (el.textContent ?? "").trim().slice(0, 40) });
        }
      }
    }
    return problems;
  });
  return found.map((p) => `${p.what} ${p.text}`.trim());
}

/** Keys at least this big (CSS px) on every glass: WCAG 2.5.5's 44, a finger's width. */
const MIN_KEY = 44;

/** The primary action, at least 2 cm each way on the glass (CSS's cm: 96 px an inch, so 75.6 px). */
const MIN_PRIMARY = (2 / 2.54) * 96;

/**
 * What is wrong with the boxes on the painted screen, from the top of the page, for a guest who may have zoomed:
 * the page never scrolls; every key and button lies on the glass (or in a box that scrolls its words, itself on the
 * glass), none under the corner buttons and none over the words beside it; each key is at least 44 px a side; the
 * primary action is whole on the glass, uncovered and at least 2 cm each way; no words run out of their box.
 */
export async function glassProblems(page: Page): Promise<string[]> {
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
