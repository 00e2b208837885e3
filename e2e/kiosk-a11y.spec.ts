import { mkdirSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { DEMO_GUESTS } from "../db/demo/seed-demo";
import { findByCode } from "./kiosk-helpers";
import { walkEveryScreen } from "./kiosk-screens";

/**
 * Accessibility and layout of every kiosk screen: axe-core (WCAG 2.x A/AA) with 0 violations in
 * both languages at both text sizes, and at 1080x1920, 1920x1080 and 1280x800 at both sizes no
 * horizontal overflow, no clipped or off-screen control, every touch target at least 48 px, and
 * nothing under the buttons floating in the corners.
 */

for (const lang of ["en", "es", "zh"] as const) {
  for (const large of [false, true]) {
    test(`axe: 0 violations on every kiosk screen (${lang}, ${large ? "larger" : "normal"} text)`, async ({
      core,
      kiosk,
    }) => {
      await kiosk.clock.install();
      const found: string[] = [];
      await walkEveryScreen(kiosk, core, lang, large, async (screen) => {
        const result = await new AxeBuilder({ page: kiosk })
          .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
          .analyze();
        for (const v of result.violations)
          found.push(`${screen}: ${v.id} (${v.nodes.length}) ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
      });
      expect(found).toEqual([]);
    });
  }
}

interface LayoutProblem {
  what: string;
  text: string;
}

/** Boxes of everything a guest can tap or read, checked in the page. */
async function layoutProblems(page: Page): Promise<LayoutProblem[]> {
  return page.evaluate(() => {
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
}

const viewports = [
  ["portrait", { width: 1080, height: 1920 }],
  ["landscape", { width: 1920, height: 1080 }],
  ["small", { width: 1280, height: 800 }],
] as const;

for (const [label, viewport] of viewports) {
  for (const large of [false, true]) {
    test(`layout: nothing clipped or off screen at ${viewport.width}x${viewport.height}, ${large ? "larger" : "normal"} text (Spanish, the longer copy)`, async ({
      core,
      kiosk,
    }, info) => {
      await kiosk.setViewportSize(viewport);
      await kiosk.clock.install();
      const dir = path.join(info.project.outputDir, "kiosk-layout");
      mkdirSync(dir, { recursive: true });
      const found: string[] = [];
      await walkEveryScreen(kiosk, core, "es", large, async (screen) => {
        await kiosk.screenshot({ path: path.join(dir, `${label}-${large ? "large" : "normal"}-${screen}.png`) });
        for (const p of await layoutProblems(kiosk)) found.push(`${screen}: ${p.what} ${p.text}`);
      });
      expect(found).toEqual([]);
    });
  }
}

test("the text-size switch makes the text larger on every screen element", async ({ kiosk }) => {
  const size = () =>
    kiosk.evaluate(() =>
      ["h1", ".lead", "button.primary"].map((s) =>
        parseFloat(getComputedStyle(document.querySelector(s) as Element).fontSize),
      ),
    );
  const before = await size();
  await kiosk.getByRole("button", { name: "Larger text" }).click();
  await expect(kiosk.getByRole("button", { name: "Larger text" })).toHaveAttribute("aria-pressed", "true");
  const after = await size();
  after.forEach((px, i) => expect(px).toBeGreaterThan((before[i] ?? 0) * 1.15));
});

test("each screen's heading takes the focus, ringed only for a guest using keys (never on an untouched kiosk)", async ({
  kiosk,
}) => {
  const heading = kiosk.getByRole("heading", { level: 1 });
  const ring = () => heading.evaluate((h) => getComputedStyle(h).outlineStyle);
  await expect(heading).toBeFocused();
  expect(await ring()).toBe("none");
  await kiosk.getByRole("button", { name: "Check in" }).click();
  await expect(heading).toHaveText("Find your appointment");
  await expect(heading).toBeFocused();
  expect(await ring()).toBe("none");
  await kiosk.getByRole("button", { name: "Start over" }).press("Enter");
  await expect(heading).toHaveText(/Welcome/);
  await expect(heading).toBeFocused();
  expect(await ring()).toBe("solid");
});

for (const [label, viewport] of viewports.slice(0, 2)) {
  for (const large of [false, true]) {
    test(`the add-on offer fills the ${label} glass (${viewport.width}x${viewport.height}, ${large ? "larger" : "normal"} text): big cards, nothing scrolls`, async ({
      kiosk,
    }, info) => {
      await kiosk.setViewportSize(viewport);
      if (large) await kiosk.getByRole("button", { name: "Larger text" }).click();
      await findByCode(kiosk, DEMO_GUESTS.bothFit.code);
      await kiosk.getByRole("button", { name: "Yes, that's me" }).click();
      await expect(kiosk.getByRole("heading", { name: "Add a little extra?" })).toBeVisible();
      await kiosk.screenshot({ path: info.outputPath(`offer-${label}-${large ? "large" : "normal"}.png`) });
      const shape = await kiosk.evaluate(() => {
        const top = document.querySelector(".screen.offer h1")?.getBoundingClientRect().top ?? 0;
        const bottom = Math.max(
          ...Array.from(document.querySelectorAll(".screen.offer button")).map((b) => b.getBoundingClientRect().bottom),
        );
        const card = document.querySelector(".offer-card")?.getBoundingClientRect();
        const title = document.querySelector(".offer-card h2");
        return {
          covers: (bottom - top) / window.innerHeight,
          cardHeight: (card?.height ?? 0) / window.innerHeight,
          titlePx: title ? parseFloat(getComputedStyle(title).fontSize) : 0,
          scrolls:
            document.documentElement.scrollHeight > window.innerHeight + 1 ||
            document.documentElement.scrollWidth > window.innerWidth + 1,
        };
      });
      // From the heading to the last button, the offer spans most of the glass, and never more than it.
      expect(shape.scrolls).toBe(false);
      expect(shape.covers).toBeGreaterThan(0.75);
      // Each card is a good part of the screen, its title readable from a step back (at least 40 px).
      expect(shape.cardHeight).toBeGreaterThan(label === "portrait" ? 0.3 : 0.35);
      expect(shape.titlePx).toBeGreaterThanOrEqual(40);
    });
  }
}
