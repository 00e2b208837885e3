import { mkdirSync } from "node:fs";
import { axeOn } from "./axe";
import path from "node:path";
import { expect, test } from "./fixtures";
import { DEMO_GUESTS } from "../db/demo/seed-demo";
import { findByCode } from "./kiosk-helpers";
import { GLASSES, glassProblems, LAYOUT_VIEWPORTS, layoutProblems, ZOOM_SHOTS } from "./kiosk-glass";
import { walkEveryScreen } from "./kiosk-screens";

/**
 * Accessibility and layout of every kiosk screen, in each language at both text sizes. The walk (kiosk-screens.ts)
 * stops on each screen once; on it, as painted:
 * - axe-core (WCAG 2.x A/AA and best practice) at 1080x1920: 0 violations;
 * - on the glasses of a guest who zooms to 200 % (540x960, 960x540), and with larger text unzoomed too (1080x1920,
 *   1920x1080; normal text there has the most room of all, and every other kiosk spec walks it): every key and choice
 *   on the glass, clear of the corner buttons, the primary action whole and 2 cm (kiosk-glass.ts's glassProblems);
 * - in Spanish, the longer copy, at 1080x1920, 1920x1080 and 1280x800: nothing clipped or off screen, no touch
 *   target under 48 px, nothing under the corner buttons (layoutProblems), with a screenshot of each.
 * The glass is resized under the painted screen, which is the same screen: the kiosk's layout is CSS alone (nothing
 * in it measures the window), so one walk serves every glass.
 */
for (const lang of ["en", "es", "zh"] as const) {
  for (const large of [false, true]) {
    const glasses = GLASSES.filter(([glass]) => large || glass.endsWith("200"));
    const layout = lang === "es" ? LAYOUT_VIEWPORTS : [];
    const sizes = (list: readonly (readonly [string, { width: number; height: number }])[]) =>
      list.map(([, v]) => `${v.width}x${v.height}`).join(", ");
    test(`every kiosk screen (${lang}, ${large ? "larger" : "normal"} text): 0 axe violations; at ${sizes(glasses)} every key and choice on the glass, clear of the corner buttons${layout.length > 0 ? `; at ${sizes(layout)} nothing clipped or off screen` : ""}`, async ({
      core,
      kiosk,
    }, info) => {
      // Up to 21 screens on up to 7 glasses: about 45 s at load 6 on two cores, so three times the 60 s default.
      test.slow();
      await kiosk.clock.install();
      const home = kiosk.viewportSize() ?? { width: 1080, height: 1920 };
      const layoutShots = path.join(info.project.outputDir, "kiosk-layout");
      const zoomShots = path.join(info.project.outputDir, "kiosk-zoom");
      mkdirSync(layoutShots, { recursive: true });
      if (ZOOM_SHOTS) mkdirSync(zoomShots, { recursive: true });
      const text = large ? "large" : "normal";
      const found: string[] = [];
      await walkEveryScreen(kiosk, core, lang, large, async (screen) => {
        const result = await axeOn(kiosk)
          .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
          .analyze();
        for (const v of result.violations)
          found.push(`${screen}: axe ${v.id} (${v.nodes.length}) ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
        for (const [label, viewport] of layout) {
          await kiosk.setViewportSize(viewport);
          await kiosk.screenshot({ path: path.join(layoutShots, `${label}-${text}-${screen}.png`) });
          for (const p of await layoutProblems(kiosk))
            found.push(`${screen} at ${viewport.width}x${viewport.height}: ${p}`);
        }
        for (const [glass, viewport] of glasses) {
          await kiosk.setViewportSize(viewport);
          const at = `${viewport.width}x${viewport.height}`;
          if (ZOOM_SHOTS) await kiosk.screenshot({ path: path.join(zoomShots, `${at}-${lang}-${text}-${screen}.png`) });
          for (const p of await glassProblems(kiosk)) found.push(`${screen} at ${glass} % (${at}): ${p}`);
        }
        await kiosk.setViewportSize(home);
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

for (const [label, viewport] of LAYOUT_VIEWPORTS.slice(0, 2)) {
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
