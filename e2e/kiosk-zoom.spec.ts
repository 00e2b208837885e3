import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { DEMO_GUESTS } from "../db/demo/seed-demo";
import { expect, test } from "./fixtures";
import { ADDON_TITLE_MAX } from "../contract/admin";
import type { Language } from "../contract/common";
import { copy, familyAtTheLimits, LENA, MATCHES_SHOWN } from "./kiosk-at-limits";
import { findByCode, tapKeys } from "./kiosk-helpers";
import { GLASSES, glassProblems, ZOOM_SHOTS as SHOTS } from "./kiosk-glass";
import { catalog } from "./kiosk-screens";

/**
 * A guest with poor eyesight zooms the kiosk to 200 % (the 1080x1920 glass is then 540x960 CSS px, the 1920x1080 one
 * 960x540) and may switch on larger text too. At 200 % and unzoomed, on every screen, in every language and text size,
 * the page never scrolls; every key and button lies on the glass (or in a box that scrolls its words, itself on the
 * glass), none under the corner buttons (language, text size, staff) and none over the words beside it; each key is at
 * least 44 px a side; the primary action is whole on the glass, uncovered and at least 2 cm each way; no words run out
 * of their box or button (kiosk-glass.ts). Every screen of the demo spa is walked so in kiosk-a11y.spec.ts; here, a
 * card read by scrolling it, and preferences, the questions and Done at the contract's limits. A check of boxes, not
 * of pixels (KIOSK_ZOOM_SHOTS=1 keeps screenshots for a person to look at).
 */

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
        for (const p of await glassProblems(page)) found.push(`${way}: ${p}`);
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
