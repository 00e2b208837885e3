import AxeBuilder from "@axe-core/playwright";
import { presetRange } from "../contract/reports";
import { DEMO_STAFF } from "../db/demo/seed-demo";
import { dropChoiceOfBooked, storeBookedAddons } from "../db/desk/booked-addons";
import { uptakeReport } from "../db/reports/reports";
import { spaToday } from "../db/settings";
import { expect, test, signIn } from "./fixtures";

const manager = DEMO_STAFF[0];

test("a manager sees the add-ons booked ahead in their own table, and the kiosk's take rate as it was", async ({
  core,
  staff,
}) => {
  const { db } = core.model;
  const last30 = presetRange("last30", spaToday(core.model));
  const before = uptakeReport(core.model, { ...last30, grain: "day" });
  // Imports of the booking system's file booked add-ons ahead for guests of the last weeks who had not taken that
  // add-on at the kiosk, as the import stores them and takes the add-on off the kiosk's offer (it never offers one
  // booked ahead): 4 scalp massages and 2 face massages.
  const addon = (code: string) => db.prepare("SELECT id FROM addons WHERE code = ?").pluck().get(code) as number;
  const notTaken = (addonId: number, n: number) =>
    db
      .prepare(
        `SELECT c.appointment_id FROM check_ins c JOIN offers o ON o.appointment_id = c.appointment_id
         JOIN offer_items i ON i.offer_id = o.id AND i.addon_id = ?
         WHERE c.local_day BETWEEN ? AND ? AND i.guest_selected = 0 AND i.final_selected = 0
         ORDER BY c.appointment_id LIMIT ?`,
      )
      .pluck()
      .all(addonId, last30.from, last30.to, n) as number[];
  const scalp = addon("scalp");
  const face = addon("face");
  const scalpAhead = notTaken(scalp, 4);
  const faceAhead = notTaken(face, 6)
    .filter((id) => !scalpAhead.includes(id))
    .slice(0, 2);
  expect([scalpAhead.length, faceAhead.length]).toEqual([4, 2]);
  for (const [ids, addonId, minutes] of [
    [scalpAhead, scalp, 15],
    [faceAhead, face, 20],
  ] as const)
    for (const id of ids) {
      storeBookedAddons(db, id, [{ id: addonId, minutes }]);
      dropChoiceOfBooked(core.model, { kind: "system" }, id);
    }
  const after = uptakeReport(core.model, { ...last30, grain: "day" });
  // The kiosk's take rate, what it sold and its revenue are as they were; it offered the scalp massage 4 times less
  // (and so both add-ons to 6 guests fewer).
  const kioskTotals = ({ checkIns, offered, taken, takeRate, revenueCents, extraMinutes }: typeof before.totals) => ({
    checkIns,
    offered,
    taken,
    takeRate,
    revenueCents,
    extraMinutes,
  });
  expect(kioskTotals(after.totals)).toEqual(kioskTotals(before.totals));
  const kiosk = (r: typeof before, code: string) => r.byAddon.find((a) => a.code === code);
  expect(kiosk(after, "scalp")).toMatchObject({
    shown: (kiosk(before, "scalp")?.shown ?? 0) - 4,
    taken: kiosk(before, "scalp")?.taken,
    revenueCents: kiosk(before, "scalp")?.revenueCents,
  });

  await signIn(staff, manager);
  await staff.getByRole("button", { name: "Reports" }).click();
  await expect(staff.getByRole("button", { name: "Last 30 days", pressed: true })).toBeVisible();
  const booked = staff.getByRole("table", { name: /^Booked ahead in the booking system/ });
  await expect(booked).toBeVisible();
  await expect(booked).toContainText("not in the take rate, taken or revenue");
  const [faceRow, scalpRow] = [/^Face massage/, /^Scalp massage/].map((name) => booked.getByRole("row", { name }));
  // As the screen writes money: whole dollars without cents.
  const price = (cents: number) => `\\$${(cents / 100).toFixed(cents % 100 === 0 ? 0 : 2)}`;
  const priceOf = (id: number) => db.prepare("SELECT price_cents FROM addons WHERE id = ?").pluck().get(id) as number;
  await expect(scalpRow!).toHaveText(new RegExp(`^Scalp massage\\s*4\\s*60\\s*${price(4 * priceOf(scalp))}$`));
  await expect(faceRow!).toHaveText(new RegExp(`^Face massage\\s*2\\s*40\\s*${price(2 * priceOf(face))}$`));
  await expect(booked.getByRole("row", { name: /^All add-ons\s*6\s*100/ })).toBeVisible();
  // The kiosk's table beside it reads as before: its take rate is the kiosk's offer alone.
  const kioskFace = staff.getByRole("table", { name: "By add-on" }).getByRole("row", { name: /^Face massage/ });
  const rate = kiosk(after, "face")?.takeRate ?? 0;
  await expect(kioskFace).toContainText(
    new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 }).format(rate),
  );
  // Each column names its definition on focus.
  await booked.getByRole("button", { name: "Value at menu price" }).focus();
  await expect(staff.getByRole("tooltip", { name: /file carries no price/ })).toBeVisible();
  await booked.getByRole("button", { name: "Value at menu price" }).blur();
  // The export offers the table on its own.
  await expect(staff.getByRole("option", { name: "Booked ahead (booking system)" })).toBeAttached();

  const a11y = await new AxeBuilder({ page: staff }).include(".booked-ahead").analyze();
  expect(a11y.violations).toEqual([]);
  for (const [w, h] of [
    [1920, 1080],
    [1080, 1920],
  ] as const) {
    await staff.setViewportSize({ width: w, height: h });
    await booked.scrollIntoViewIfNeeded();
    await staff.evaluate(() => window.scrollBy(0, -120));
    await staff.screenshot({ path: test.info().outputPath(`booked-ahead-${w}x${h}.png`) });
    const sideways = await staff.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(sideways, `sideways scroll at ${w} px`).toBeLessThanOrEqual(0);
    // The table keeps to its column: nothing of it under the funnel beside it.
    const [table, funnel] = await Promise.all([
      booked.boundingBox(),
      staff.getByRole("region", { name: "Funnel" }).boundingBox(),
    ]);
    expect((table?.x ?? 0) + (table?.width ?? 0), `the table's right edge at ${w} px`).toBeLessThanOrEqual(
      funnel?.x ?? 0,
    );
  }
});
