import { readFileSync } from "node:fs";
import { axeOn } from "./axe";
import path from "node:path";
import type { Page } from "@playwright/test";
import { DEMO_STAFF } from "../db/demo/seed-demo";
import type { AppCore } from "../electron/core";
import { expect, signIn, test } from "./fixtures";

const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1080, height: 1920 },
] as const;

/** Demo bookings on days before today, oldest first: a test gives them a phone and a name. */
function bookEarlier(core: AppCore, bookings: readonly { name: string; phone: string; nuts?: boolean }[]): number[] {
  const { db } = core.model;
  const ids = db
    .prepare("SELECT id FROM appointments WHERE local_day < date('now', '-1 day') ORDER BY local_day, id LIMIT ?")
    .pluck()
    .all(bookings.length) as number[];
  bookings.forEach((b, i) => {
    const id = ids[i];
    db.prepare("UPDATE appointments SET guest_name = ?, phone = ?, phone_key = ? WHERE id = ?").run(
      b.name,
      b.phone,
      b.phone.replace(/\D/g, "").slice(-10),
      id,
    );
    if (b.nuts)
      db.prepare(
        "INSERT INTO guest_preferences (appointment_id, pressure, allergies, allergy_other, avoid, keep, given_at) VALUES (?, 'firm', '[\"nuts\"]', ?, '[\"face\"]', 1, '2026-11-18T18:00:00.000Z')",
      ).run(id, b.name.startsWith("Ingrid") ? "walnut oil" : "lavender oil");
  });
  return ids;
}

async function openGuestData(staff: Page): Promise<void> {
  await signIn(staff, DEMO_STAFF[0]);
  await staff.getByRole("button", { name: "Back office" }).click();
  await staff.getByRole("button", { name: "Guest data" }).click();
}

async function find(staff: Page, phone: string): Promise<void> {
  await staff.getByLabel("Guest's mobile number").fill(phone);
  await staff.getByRole("button", { name: "Find" }).click();
}

const shot = (name: string) => path.resolve(__dirname, "..", "test-results", "guest-data", name);

test("a family on one phone: the manager picks Lena, exports hers only and erases hers only; her mother's allergy stays", async ({
  core,
  staff,
}) => {
  const family = "5550107788";
  bookEarlier(core, [
    { name: "lena fischer", phone: "+1 (555) 010-7788", nuts: true },
    { name: "Ingrid Fischer", phone: "555.010.7788", nuts: true },
    { name: "Ingrid Fischer", phone: family },
  ]);
  core.model.db.prepare("UPDATE appointments SET guest_name = 'FISCHER, LENA' WHERE guest_name = 'Lena Fischer'").run();
  await openGuestData(staff);
  await find(staff, "(555) 010-7788");
  const people = staff.getByRole("group", { name: /3 people are booked on this number/ });
  await expect(people.getByRole("radio")).toHaveCount(4);
  await expect(people.getByText("FISCHER, LENA")).toBeVisible();
  await expect(people.getByText("Preferences from 1 visit: allergies, areas to avoid, pressure")).toHaveCount(2);
  // Nothing is exported or erased until someone is picked.
  await expect(staff.getByRole("button", { name: "Export" })).toHaveCount(0);
  await people.getByRole("radio", { name: /FISCHER, LENA/ }).check();

  const downloading = staff.waitForEvent("download");
  await staff.getByRole("button", { name: "Export" }).click();
  const file = readFileSync(await (await downloading).path(), "utf8");
  expect(JSON.parse(file)).toMatchObject({ guest: "FISCHER, LENA", visits: [{ bookedAs: "lena fischer" }] });
  expect(file).not.toMatch(/Ingrid|walnut|Tom/);
  await expect(staff.getByRole("status")).toHaveText("Exported the preferences of 1 visit of FISCHER, LENA.");

  await staff.getByRole("button", { name: "Erase…" }).click();
  const question = staff.getByRole("group", { name: /^Erase FISCHER, LENA/ });
  await expect(question).toContainText(
    "Erase FISCHER, LENA: preferences from 1 visit (1 with allergies, 1 with areas to avoid, 1 with a pressure)",
  );
  await expect(question).toContainText("Their 2 bookings stay, and nobody else on this number is touched.");
  const axe = await axeOn(staff).withTags(["wcag2a", "wcag2aa", "wcag21aa"]).analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  for (const size of SIZES) {
    await staff.setViewportSize(size);
    await staff.screenshot({ path: shot(`guest-data-3-people-${size.width}x${size.height}.png`), fullPage: true });
  }
  await staff.setViewportSize(SIZES[0]);
  await question.getByRole("button", { name: "Yes, erase them" }).click();
  await expect(staff.getByRole("status")).toHaveText(
    "Erased the preferences of 1 visit of FISCHER, LENA, and their tickets' alerts.",
  );
  const left = core.model.db
    .prepare("SELECT a.guest_name FROM guest_preferences p JOIN appointments a ON a.id = p.appointment_id")
    .pluck()
    .all();
  expect(left).toEqual(["Ingrid Fischer"]);
  await expect(people.getByRole("radio", { name: /FISCHER, LENA/ })).toHaveAccessibleName(/No preferences stored/);
});

test("thirty people on one number, one with an 80-character name: the list scrolls and fits at both sizes; a number nobody booked says so", async ({
  core,
  staff,
}) => {
  const long = "Wolfeschlegelsteinhausenbergerdorff-Zeppelinstrasse Maximiliana Josefa Aureliana";
  expect(long).toHaveLength(80);
  bookEarlier(
    core,
    Array.from({ length: 30 }, (_, i) => ({
      name: i === 0 ? long : `Guest ${String(i).padStart(2, "0")} Office`,
      phone: "555 019 4455",
    })),
  );
  await openGuestData(staff);
  await find(staff, "5550194455");
  const people = staff.getByRole("group", { name: /30 people are booked on this number/ });
  await expect(people.getByRole("radio")).toHaveCount(31);
  for (const size of SIZES) {
    await staff.setViewportSize(size);
    const list = people.locator(".people-list");
    const fits = await list.evaluate((el) => ({
      scrolls: el.scrollHeight > el.clientHeight,
      wide: el.scrollWidth <= el.clientWidth,
      onScreen: el.getBoundingClientRect().height <= window.innerHeight,
    }));
    expect(fits).toEqual({ scrolls: true, wide: true, onScreen: true });
    await people.getByRole("radio", { name: /Wolfeschlegel/ }).check();
    await expect(people.getByText(long)).toBeVisible();
    await people.getByRole("radio", { name: /Everyone on this number \(30 people\)/ }).scrollIntoViewIfNeeded();
    await staff.screenshot({ path: shot(`guest-data-30-people-${size.width}x${size.height}.png`) });
  }
  await people.getByRole("radio", { name: /Everyone on this number/ }).check();
  await staff.getByRole("button", { name: "Erase…" }).click();
  await expect(staff.getByRole("group", { name: /Nothing is stored for everyone on this number/ })).toBeVisible();

  await find(staff, "555 019 0000");
  await expect(staff.getByRole("status")).toHaveText(
    "Nobody is booked on (555) 019-0000. Check the number with the guest: the whole number, as they booked.",
  );
  await expect(staff.getByRole("radio")).toHaveCount(0);
});
