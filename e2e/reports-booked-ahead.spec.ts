import { presetRange } from "../contract/reports";
import { axeOn } from "./axe";
import { DEMO_STAFF } from "../db/demo/seed-demo";
import { dropChoiceOfBooked, storeBookedAddons } from "../db/desk/booked-addons";
import { uptakeReport } from "../db/reports/reports";
import { spaToday } from "../db/settings";
import type { AppCore } from "../electron/core";
import { expect, test, signIn } from "./fixtures";

const manager = DEMO_STAFF[0];

/**
 * Imports of the booking system's file book add-ons ahead for guests of the last 30 days (spread over its days) who
 * had not taken that add-on at the kiosk, as the import stores them and takes the add-on off the kiosk's offer (it
 * never offers one booked ahead): 4 scalp massages (15 min) and 2 face massages (20 min). The report before and after.
 */
function bookAheadForSome(core: AppCore) {
  const { db } = core.model;
  const last30 = presetRange("last30", spaToday(core.model));
  const before = uptakeReport(core.model, { ...last30, grain: "day" });
  const addon = (code: string) => db.prepare("SELECT id FROM addons WHERE code = ?").pluck().get(code) as number;
  const notTaken = (addonId: number, n: number) =>
    db
      .prepare(
        `SELECT c.appointment_id FROM check_ins c JOIN offers o ON o.appointment_id = c.appointment_id
         JOIN offer_items i ON i.offer_id = o.id AND i.addon_id = ?
         WHERE c.local_day BETWEEN ? AND ? AND i.guest_selected = 0 AND i.final_selected = 0
         ORDER BY (c.appointment_id * 7919) % 997, c.appointment_id LIMIT ?`,
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
  return { db, last30, before, after, scalp, face };
}

test("a manager sees the add-ons booked ahead in their own table, and the kiosk's take rate as it was", async ({
  core,
  staff,
}) => {
  const { db, before, after, scalp, face } = bookAheadForSome(core);
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

  const a11y = await axeOn(staff).include(".booked-ahead").analyze();
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

test("per day, service, therapist, channel, language and hour, the add-ons booked ahead have their own columns and grid beside the kiosk's", async ({
  core,
  staff,
}) => {
  const { after } = bookAheadForSome(core);
  const b = after.bookedAhead;
  expect(b.total.count).toBe(6);
  await signIn(staff, manager);
  await staff.getByRole("button", { name: "Reports" }).click();
  await expect(staff.getByRole("button", { name: "Last 30 days", pressed: true })).toBeVisible();

  // Per day: every day's row ends with its add-ons booked ahead, under their own heading, after the kiosk's figures.
  const perDay = staff.getByRole("table", { name: /^Per day/ });
  await expect(perDay).toContainText("never in the take rate, taken or revenue");
  await expect(perDay.getByRole("columnheader", { name: "Kiosk offer" })).toBeVisible();
  await expect(perDay.getByRole("columnheader", { name: "Booked ahead in the booking system" })).toBeVisible();
  const lastCells = (row: ReturnType<typeof perDay.locator>) => row.getByRole("cell");
  const rows = perDay.locator("tbody tr");
  await expect(rows).toHaveCount(30);
  for (const day of b.overTime) {
    const i = after.overTime.findIndex((p) => p.period === day.period);
    const cells = await lastCells(rows.nth(i)).allTextContents();
    expect(cells.slice(-3).slice(0, 2), day.period).toEqual([String(day.count), String(day.minutes)]);
  }
  // The days add up to the total; a day with none reads 0.
  const perDayCounts = await perDay.locator("tbody td.booked-start").allTextContents();
  expect(perDayCounts.reduce((n, c) => n + Number(c), 0)).toBe(6);
  expect(perDayCounts.filter((c) => c === "0").length).toBe(30 - b.overTime.length);

  // By therapist, service, channel and language: the same columns, each table adding up to the six.
  for (const name of [/^By service/, /^By therapist/, /^By channel/, /^By kiosk language/]) {
    const table = staff.getByRole("table", { name });
    await expect(table.getByRole("columnheader", { name: "Booked ahead in the booking system" })).toBeVisible();
    const counts = await table.locator("tbody td.booked-start").allTextContents();
    expect(
      counts.reduce((n, c) => n + Number(c), 0),
      String(name),
    ).toBe(6);
  }
  const ana = after.byTherapist.find((t) => b.byTherapist.some((x) => x.id === t.id));
  const anaBooked = b.byTherapist.find((x) => x.id === ana?.id);
  await expect(
    staff
      .getByRole("table", { name: /^By therapist/ })
      .getByRole("row", { name: new RegExp(`^${ana?.name ?? "?"}`) })
      .locator("td.booked-start"),
  ).toHaveText(String(anaBooked?.count));

  // Weekday × hour: a grid of their own under the take rate's.
  const grid = staff.getByRole("region", { name: "Add-ons booked ahead by weekday and check-in hour" });
  const gridCounts = await grid.locator("td.heat-booked").allTextContents();
  expect(gridCounts.reduce((n, c) => n + Number(c), 0)).toBe(6);
  await expect(staff.getByRole("region", { name: "Take rate by weekday and check-in hour" })).toBeVisible();
  // And a chart of their own beside the take rate's.
  await expect(staff.getByRole("img", { name: /^Bar chart of add-ons booked ahead per day; 6 in all/ })).toBeVisible();

  // By week: the same columns, the weeks adding up to the six.
  await staff.getByRole("button", { name: "By week" }).click();
  const perWeek = staff.getByRole("table", { name: /^Per week/ });
  await expect(perWeek.locator("tbody tr").first()).toBeVisible();
  const weekly = await perWeek.locator("tbody td.booked-start").allTextContents();
  expect(weekly.reduce((n, c) => n + Number(c), 0)).toBe(6);
  await staff.getByRole("button", { name: "By day" }).click();

  const a11y = await axeOn(staff).include(".reports").analyze();
  expect(a11y.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  for (const [w, h] of [
    [1920, 1080],
    [1080, 1920],
  ] as const) {
    await staff.setViewportSize({ width: w, height: h });
    for (const [shot, where] of [
      ["over-time", staff.getByRole("heading", { name: "Over time" })],
      ["breakdowns", staff.getByRole("table", { name: /^By service/ })],
      ["hours", grid],
      ["charts", staff.getByRole("img", { name: /^Bar chart of add-ons booked ahead/ })],
    ] as const) {
      await where.scrollIntoViewIfNeeded();
      await staff.evaluate(() => window.scrollBy(0, -120));
      await staff.screenshot({ path: test.info().outputPath(`booked-${shot}-${w}x${h}.png`) });
    }
    await expect
      .poll(() => staff.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), {
        message: `sideways scroll at ${w} px`,
      })
      .toBeLessThanOrEqual(0);
  }
});
