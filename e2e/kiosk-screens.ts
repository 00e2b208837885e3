import type { Page } from "@playwright/test";
import { expect } from "@playwright/test";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Language } from "../contract/common";
import { defaultAddonCopy } from "../db/admin/addon-copy";
import { DEMO_GUESTS } from "../db/demo/seed-demo";
import { saveSettings } from "../db/settings";
import type { AppCore } from "../electron/core";
import { appointmentIdByCode, deskSession, tapKeys } from "./kiosk-helpers";

export type ScreenName =
  | "welcome"
  | "find-phone-error"
  | "find-code"
  | "matches"
  | "not-found"
  | "walk-in"
  | "walk-in-done"
  | "later"
  | "confirm"
  | "confirm-ended"
  | "offer"
  | "screening"
  | "not-today"
  | "done"
  | "preferences"
  | "offer-change"
  | "done-locked"
  | "done-party"
  | "offer-one-unavailable"
  | "gone"
  | "idle";

/** The kiosk's own message catalogs, so the walk finds every button by its words in either language. */
export function catalog(lang: Language): (key: string) => string {
  const data: unknown = JSON.parse(
    readFileSync(path.resolve(__dirname, "..", "renderer", "locales", `${lang}.json`), "utf8"),
  );
  return (key) => {
    let node: unknown = data;
    for (const part of key.split("."))
      node = typeof node === "object" && node !== null ? (node as Record<string, unknown>)[part] : undefined;
    if (typeof node !== "string") throw new Error(`No ${lang} message ${key}`);
    return node;
  };
}
const button = (page: Page, name: string) => page.getByRole("button", { name, exact: true });

/**
 * Walks a guest through every kiosk screen in one language and text size, calling `visit` on
 * each once it is painted. Uses the catalogs for every label, so the same walk runs in Spanish.
 * The page must have Playwright's clock installed (the idle overlay is shown by moving it).
 */
export async function walkEveryScreen(
  page: Page,
  core: AppCore,
  lang: Language,
  large: boolean,
  visit: (name: ScreenName) => Promise<void>,
): Promise<void> {
  const t = catalog(lang);
  const en = catalog("en");
  saveSettings(core.model.db, { walkInsAllowed: true });
  // James: his therapist's next guest moves to 12 minutes after him, so scalp (10 min) fits and face (15) does not.
  const james = appointmentIdByCode(core, DEMO_GUESTS.noRoom.code);
  const slot = core.model.db.prepare("SELECT therapist_id, ends_at FROM appointments WHERE id = ?").get(james) as {
    therapist_id: number;
    ends_at: string;
  };
  const shift = new Date(new Date(slot.ends_at).getTime() + 12 * 60_000).toISOString();
  core.model.db
    .prepare("UPDATE appointments SET starts_at = ?, ends_at = ? WHERE therapist_id = ? AND starts_at = ?")
    .run(shift, new Date(new Date(shift).getTime() + 3_600_000).toISOString(), slot.therapist_id, slot.ends_at);
  await page.reload();
  await expect(button(page, en("welcome.checkIn"))).toBeVisible();

  if (lang !== "en") await button(page, t("language.switchTo")).click();
  if (large) await button(page, t("common.textSize")).click();
  await visit("welcome");

  await button(page, t("welcome.checkIn")).click();
  await page.getByRole("textbox", { name: t("find.phoneLabel") }).fill("555-CALL");
  await expect(page.getByText(t("find.errors.digitsOnly"))).toBeVisible();
  await visit("find-phone-error");
  await button(page, t("find.codeTab")).click();
  await tapKeys(page, "HH2");
  await visit("find-code");
  await button(page, t("find.phoneTab")).click();
  await tapKeys(page, DEMO_GUESTS.family.phone);
  await expect(page.getByRole("heading", { name: t("matches.title") })).toBeVisible();
  await visit("matches");
  // Not found as most guests meet it: after a number with no booking, which the screen repeats.
  await button(page, t("matches.notMe")).click();
  await button(page, t("notFound.tryAgain")).click();
  await tapKeys(page, "5550109999");
  await expect(page.getByText(t("notFound.searchedPhone").replace("{{value}}", "555 010 9999"))).toBeVisible();
  await visit("not-found");
  await button(page, t("notFound.walkIn")).click();
  await tapKeys(page, "ANA");
  await visit("walk-in");
  await button(page, t("walkIn.submit")).click();
  await expect(page.getByRole("heading", { name: t("walkIn.doneTitle").replace("{{name}}", "Ana") })).toBeVisible();
  await visit("walk-in-done");
  await button(page, t("done.finish")).click();

  // A day early: the booking is tomorrow, and the kiosk says when.
  if (lang !== "en") await button(page, t("language.switchTo")).click();
  if (large) await button(page, t("common.textSize")).click();
  await button(page, t("welcome.checkIn")).click();
  await tapKeys(page, DEMO_GUESTS.tomorrow.phone);
  await expect(page.getByRole("heading", { name: t("later.title") })).toBeVisible();
  // Walk-ins are on: a guest who would rather come in today can leave a name from here too.
  await expect(button(page, t("notFound.walkIn"))).toBeVisible();
  await visit("later");
  await button(page, t("done.finish")).click();

  // María as if her session had ended a minute ago: the kiosk sends her to the desk. Then her booking is as it was.
  const maria = appointmentIdByCode(core, DEMO_GUESTS.bothFit.code);
  const times = core.model.db.prepare("SELECT starts_at, ends_at FROM appointments WHERE id = ?").get(maria) as {
    starts_at: string;
    ends_at: string;
  };
  const setTimes = (startsAt: string, endsAt: string) =>
    core.model.db
      .prepare("UPDATE appointments SET starts_at = ?, ends_at = ? WHERE id = ?")
      .run(startsAt, endsAt, maria);
  const now = core.model.clock.now().getTime(); // the app's clock (the demo's: db/demo/clock.ts)
  setTimes(new Date(now - 3_660_000).toISOString(), new Date(now - 60_000).toISOString());
  if (lang !== "en") await button(page, t("language.switchTo")).click();
  if (large) await button(page, t("common.textSize")).click();
  await button(page, t("welcome.checkIn")).click();
  await button(page, t("find.codeTab")).click();
  await tapKeys(page, DEMO_GUESTS.bothFit.code);
  await expect(page.getByRole("status")).toBeVisible();
  await expect(button(page, t("confirm.yes"))).toHaveCount(0);
  await visit("confirm-ended");
  setTimes(times.starts_at, times.ends_at);
  await button(page, t("done.finish")).click();

  if (lang !== "en") await button(page, t("language.switchTo")).click();
  if (large) await button(page, t("common.textSize")).click();
  await button(page, t("welcome.checkIn")).click();
  await button(page, t("find.codeTab")).click();
  await tapKeys(page, DEMO_GUESTS.bothFit.code);
  await expect(page.getByRole("heading", { name: t("confirm.title") })).toBeVisible();
  await visit("confirm");
  await button(page, t("confirm.yes")).click();
  await expect(page.getByRole("heading", { name: t("offer.title") })).toBeVisible();
  await visit("offer");
  const faceTitle = defaultAddonCopy.face[lang].title;
  const scalpTitle = defaultAddonCopy.scalp[lang].title;
  await button(page, t("offer.add").replace("{{title}}", faceTitle)).click();
  // Face's questions; a yes to the first (recent injections): not today, and scalp offered instead.
  await expect(page.getByRole("heading", { name: t("screening.title").replace("{{title}}", faceTitle) })).toBeVisible();
  await visit("screening");
  await button(page, t("screening.yes")).nth(0).click();
  await button(page, t("screening.no")).nth(1).click();
  await button(page, t("screening.no")).nth(2).click();
  await button(page, t("screening.continue")).click();
  await expect(page.getByRole("heading", { name: t("notToday.title").replace("{{title}}", faceTitle) })).toBeVisible();
  await visit("not-today");
  await page.getByRole("button", { name: t("notToday.instead").replace("{{title}}", scalpTitle) }).click();
  await button(page, t("screening.noneApply")).click();
  await expect(page.getByRole("heading", { name: t("done.title").replace("{{name}}", "María G.") })).toBeVisible();
  await visit("done");
  // The optional preferences step, opened from Done; Skip comes back.
  await button(page, t("done.preferences")).click();
  await expect(page.getByRole("heading", { name: t("preferences.title") })).toBeVisible();
  await visit("preferences");
  await button(page, t("preferences.skip")).click();
  await expect(page.getByRole("heading", { name: t("done.title").replace("{{name}}", "María G.") })).toBeVisible();
  await button(page, t("done.change")).click();
  await expect(page.getByRole("heading", { name: t("offer.title") })).toBeVisible();
  await visit("offer-change");
  // Her scalp massage is marked as chosen (its button takes it off): she changes to the face massage, and answers its
  // questions no.
  await expect(page.getByText(t("offer.remove")).first()).toBeVisible();
  await button(page, t("offer.add").replace("{{title}}", faceTitle)).click();
  await button(page, t("screening.noneApply")).click();
  const desk = await deskSession(core);
  await core.dispatch(desk, "desk.confirmAddons", {
    appointmentId: appointmentIdByCode(core, DEMO_GUESTS.bothFit.code),
  });
  await expect(page.getByText(t("done.locked"))).toBeVisible();
  await visit("done-locked");
  await button(page, t("done.finish")).click();

  if (lang !== "en") await button(page, t("language.switchTo")).click();
  if (large) await button(page, t("common.textSize")).click();
  await button(page, t("welcome.checkIn")).click();
  await button(page, t("find.codeTab")).click();
  await tapKeys(page, DEMO_GUESTS.noRoom.code);
  await button(page, t("confirm.yes")).click();
  await expect(page.getByText(t("offer.unavailable"))).toBeVisible();
  await visit("offer-one-unavailable");
  await button(page, t("offer.noThanks")).click();
  await button(page, t("done.finish")).click();

  if (lang !== "en") await button(page, t("language.switchTo")).click();
  if (large) await button(page, t("common.textSize")).click();
  await button(page, t("welcome.checkIn")).click();
  await tapKeys(page, DEMO_GUESTS.family.phone);
  await page.getByRole("button", { name: /Lena F\./ }).click();
  await button(page, t("confirm.yes")).click();
  await button(page, t("offer.noThanks")).click();
  await expect(button(page, t("done.party").replace("{{name}}", "Tom F."))).toBeVisible();
  await visit("done-party");
  // Tom's booking was cancelled at the desk a moment ago: the kiosk sends him there.
  await button(page, t("done.party").replace("{{name}}", "Tom F.")).click();
  core.model.db.prepare("UPDATE appointments SET status = 'cancelled' WHERE guest_name = 'Tom Fischer'").run();
  await button(page, t("confirm.yes")).click();
  await expect(page.getByRole("heading", { name: t("gone.title") })).toBeVisible();
  await visit("gone");

  await page.clock.runFor(46_000);
  await expect(page.getByRole("alertdialog")).toBeVisible();
  await visit("idle");
}
