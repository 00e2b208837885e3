import type { Page } from "@playwright/test";
import { DEMO_GUESTS, DEMO_STAFF } from "../db/demo/seed-demo";
import type { AppCore } from "../electron/core";
import { expect, signIn, test } from "./fixtures";
import { findByCode, findByPhone } from "./kiosk-helpers";

/** The demo's family on one phone, renamed as a booking system exported them. */
function renameFamily(core: AppCore, names: [string, string]): void {
  const rename = core.model.db.prepare("UPDATE appointments SET guest_name = ? WHERE guest_name = ?");
  DEMO_GUESTS.family.names.forEach((was, i) => rename.run(names[i], was));
}

/** Opens the optional preferences step from the add-on offer. */
async function toPreferences(kiosk: Page): Promise<void> {
  await kiosk.getByRole("button", { name: "Yes, that's me" }).click();
  await kiosk.getByRole("button", { name: "No thanks" }).click();
  await kiosk.getByRole("button", { name: "Anything your therapist should know?" }).click();
}

for (const keep of [true, false])
  test(`a family exported "FISCHER, LENA"/"FISCHER, TOM": Tom never sees, takes or erases Lena's nut allergy (${keep ? "kept" : "not kept"})`, async ({
    core,
    kiosk,
    staff,
  }) => {
    renameFamily(core, ["FISCHER, LENA", "FISCHER, TOM"]);
    await kiosk.reload();
    await findByPhone(kiosk, DEMO_GUESTS.family.phone);
    await expect(kiosk.getByRole("heading", { name: "Which one is you?" })).toBeVisible();
    await expect(kiosk.getByRole("button", { name: /Tom F\./ })).toBeVisible();
    await kiosk.getByRole("button", { name: /Lena F\./ }).click();
    await toPreferences(kiosk);
    await kiosk.getByRole("button", { name: "Nuts" }).click();
    if (keep) await kiosk.getByRole("button", { name: "Keep these for my next visit" }).click();
    await kiosk.getByRole("button", { name: "Continue" }).click();
    await expect(kiosk.getByRole("heading", { name: "You're checked in, Lena F." })).toBeVisible();

    await kiosk.getByRole("button", { name: "Check in Tom F. too" }).click();
    await toPreferences(kiosk);
    await expect(kiosk.getByText("From your last visit.")).toHaveCount(0);
    await expect(kiosk.getByRole("button", { name: "Nuts", exact: true })).toHaveAttribute("aria-pressed", "false");
    await kiosk.getByRole("button", { name: "Firm" }).click();
    await kiosk.getByRole("button", { name: "Continue" }).click();
    await expect(kiosk.getByRole("heading", { name: "You're checked in, Tom F." })).toBeVisible();

    // The desk flags Lena's row, not Tom's.
    await signIn(staff, DEMO_STAFF[1]);
    await staff.getByLabel("Find a guest").fill("fischer");
    await expect(staff.getByRole("row", { name: /FISCHER, LENA/ })).toContainText("Nuts");
    await expect(staff.getByRole("row", { name: /FISCHER, TOM/ })).not.toContainText("Nuts");
  });

for (const [name, label] of [
  ["GONZÁLEZ LÓPEZ, MARÍA JOSÉ", "María G."],
  ["王小明", "王*明"],
  ["山田 太郎", "山**郎"],
] as const)
  test(`"${name}" is "${label}" on the kiosk, matched and greeted, never the whole name`, async ({ core, kiosk }) => {
    core.model.db
      .prepare("UPDATE appointments SET guest_name = ? WHERE guest_name = ?")
      .run(name, DEMO_GUESTS.bothFit.name);
    await kiosk.reload();
    await findByCode(kiosk, DEMO_GUESTS.bothFit.code);
    await expect(kiosk.locator(".summary .who")).toHaveText(label);
    await kiosk.getByRole("button", { name: "Yes, that's me" }).click();
    await kiosk.getByRole("button", { name: "No thanks" }).click();
    await expect(kiosk.getByRole("heading", { level: 1 })).toHaveText(`You're checked in, ${label}`);
  });
