import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { ADDON_TITLE_MAX, BENEFIT_MAX } from "../contract/admin";
import { SCREENING_QUESTION_MAX, SCREENING_QUESTIONS_MAX } from "../contract/screening";
import { DEMO_GUESTS, DEMO_STAFF } from "../db/demo/seed-demo";
import { expect, test } from "./fixtures";
import { addHandMassage, appointmentIdByCode, deskSession } from "./kiosk-helpers";

/**
 * The kiosk with what a spa may really type, at the contract's limits: a guest whose booking system put their email
 * in the name field (one long word), and three add-ons whose titles and three benefit lines each are as long as the
 * back office takes, in Spanish (the longer copy). No screen runs off the glass sideways, and the offer's choices
 * ("No, gracias" among them) are always on the glass, however far the cards run below it.
 */

/** `n` characters of Spanish copy with no space for `unbroken` of them at its start (a pasted URL, a long word). */
const copy = (n: number, unbroken: number, tag: string) =>
  (
    "x".repeat(unbroken) + ` ${tag}. Masaje relajante con aceites esenciales tibios para cuello y sienes.`.repeat(4)
  ).slice(0, n);

async function atTheLimits(core: Parameters<typeof addHandMassage>[0]) {
  await addHandMassage(core);
  const manager = await deskSession(core, DEMO_STAFF[0]);
  const list = await core.dispatch(manager, "admin.addons", {});
  if (!list.ok) throw new Error(JSON.stringify(list));
  const { addons } = list.value as { addons: Record<string, unknown>[] };
  for (const a of addons) {
    const { id, code, priceCents, extraMinutes, active, sortOrder, serviceIds } = a;
    const text = (unbroken: number) => ({
      title: copy(ADDON_TITLE_MAX, unbroken, String(code)),
      benefits: [0, 1, 2].map((i) => copy(BENEFIT_MAX, i === 0 ? 40 : 0, String(i + 1))),
    });
    const saved = await core.dispatch(manager, "admin.saveAddon", {
      id,
      code,
      priceCents,
      extraMinutes,
      active,
      sortOrder,
      serviceIds,
      texts: { en: text(0), es: text(30), zh: text(0) },
    });
    if (!saved.ok) throw new Error(JSON.stringify(saved));
  }
  core.model.db
    .prepare("UPDATE appointments SET guest_name = ? WHERE id = ?")
    .run("maria.gonzalez.rodriguez@example.com", appointmentIdByCode(core, DEMO_GUESTS.bothFit.code));
}

const sideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);

const viewports = [
  { width: 1080, height: 1920 },
  { width: 1920, height: 1080 },
  { width: 1280, height: 800 },
] as const;

for (const viewport of viewports)
  for (const large of [false, true])
    test(`at ${viewport.width}x${viewport.height}, ${large ? "larger" : "normal"} text: a one-word name and three add-ons of the longest copy stay on the glass, "No, gracias" always in sight`, async ({
      core,
      kiosk,
    }, info) => {
      await atTheLimits(core);
      await kiosk.setViewportSize(viewport);
      const dir = path.join(info.project.outputDir, "kiosk-limits");
      mkdirSync(dir, { recursive: true });
      const shot = (name: string) =>
        kiosk.screenshot({
          path: path.join(dir, `${name}-${viewport.width}x${viewport.height}-${large ? "large" : "normal"}.png`),
        });
      await kiosk.getByRole("button", { name: "Español" }).click();
      if (large) await kiosk.getByRole("button", { name: "Texto más grande" }).click();
      await kiosk.getByRole("button", { name: "Registrar llegada" }).click();
      await kiosk.getByRole("button", { name: "Código de reserva" }).click();
      for (const ch of DEMO_GUESTS.bothFit.code) await kiosk.getByRole("button", { name: ch, exact: true }).click();
      await expect(kiosk.getByText("maria.gonzalez.rodriguez@example.com").first()).toBeVisible();
      // The name is isolated from the text around it: an Arabic or Hebrew name keeps its initial's period beside it.
      await expect(kiosk.locator(".summary .who bdi")).toHaveText("maria.gonzalez.rodriguez@example.com");
      expect(await sideways(kiosk)).toBe(false);
      await shot("confirm");
      await kiosk.getByRole("button", { name: "Sí, soy yo" }).click();
      const noThanks = kiosk.getByRole("button", { name: "No, gracias" });
      await expect(noThanks).toBeInViewport({ ratio: 1 });
      expect(await sideways(kiosk)).toBe(false);
      await shot("offer");
      // Scrolled to the first card's top, the choices are still on the glass, over the cards.
      await kiosk.locator(".offer-card").first().scrollIntoViewIfNeeded();
      await expect(noThanks).toBeInViewport({ ratio: 1 });
      await noThanks.click();
      await expect(kiosk.getByRole("heading", { name: /maria\.gonzalez/ })).toBeVisible();
      expect(await sideways(kiosk)).toBe(false);
      await shot("done");
    });

for (const viewport of viewports)
  test(`at ${viewport.width}x${viewport.height}, larger text: the face massage's questions at their longest keep "Nada de esto me aplica" in sight`, async ({
    core,
    kiosk,
  }, info) => {
    const manager = await deskSession(core, DEMO_STAFF[0]);
    const face = core.model.db.prepare("SELECT id FROM addons WHERE code = 'face'").pluck().get() as number;
    const question = (i: number) => copy(SCREENING_QUESTION_MAX, i === 0 ? 50 : 0, `P${i + 1}`);
    const saved = await core.dispatch(manager, "admin.saveScreening", {
      addonId: face,
      questions: Array.from({ length: SCREENING_QUESTIONS_MAX }, (_, i) => ({
        text: { en: question(i), es: question(i), zh: question(i) },
        ifYes: "check",
        reason: `flag ${i + 1}`,
      })),
    });
    if (!saved.ok) throw new Error(JSON.stringify(saved));
    await kiosk.setViewportSize(viewport);
    await kiosk.getByRole("button", { name: "Español" }).click();
    await kiosk.getByRole("button", { name: "Texto más grande" }).click();
    await kiosk.getByRole("button", { name: "Registrar llegada" }).click();
    await kiosk.getByRole("button", { name: "Código de reserva" }).click();
    for (const ch of DEMO_GUESTS.bothFit.code) await kiosk.getByRole("button", { name: ch, exact: true }).click();
    await kiosk.getByRole("button", { name: "Sí, soy yo" }).click();
    await kiosk.getByRole("button", { name: /^Añadir Masaje facial/ }).click();
    const noneApply = kiosk.getByRole("button", { name: "Nada de esto me aplica" });
    await expect(noneApply).toBeInViewport({ ratio: 1 });
    await expect(kiosk.getByRole("button", { name: "Prefiero no decirlo" })).toBeInViewport({ ratio: 1 });
    expect(await sideways(kiosk)).toBe(false);
    const dir = path.join(info.project.outputDir, "kiosk-limits");
    mkdirSync(dir, { recursive: true });
    await kiosk.screenshot({ path: path.join(dir, `screening-${viewport.width}x${viewport.height}-large.png`) });
    await noneApply.click();
    await expect(kiosk.getByText(/Masaje facial/).first()).toBeVisible();
  });
