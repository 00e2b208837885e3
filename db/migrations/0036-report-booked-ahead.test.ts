import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../open";
import { modelOf } from "../model";
import { uptakeReport } from "../reports/reports";
import { fixedClock, tempDir } from "../test/helpers";
import { rebuildFromScratch } from "../test/report-cases";
import { demoAtVersion } from "../test/upgrade";
import { LATEST_VERSION } from "./index";

describe("0036: the reports count the add-ons booked ahead", () => {
  it("upgrading a version-35 database prices its booked-ahead add-ons at the menu's price, keeps the cache's kiosk lines, and counts them at the next report", async () => {
    const dir = tempDir();
    const file = path.join(dir, "v35.sqlite3");
    const clock = fixedClock("2026-11-25T18:07:00.000Z");
    const { db: old } = await demoAtVersion(dir, file, 35, clock);
    const scalp = old.prepare("SELECT id FROM addons WHERE code = 'scalp'").pluck().get() as number;
    const scalpPrice = old.prepare("SELECT price_cents FROM addons WHERE id = ?").pluck().get(scalp) as number;
    // A guest of the history who checked in, with a scalp massage an import booked ahead; and the cache's rows of a
    // kiosk offer line as version 35 kept them.
    const visit = old
      .prepare("SELECT appointment_id, local_day FROM check_ins ORDER BY appointment_id LIMIT 1")
      .get() as {
      appointment_id: number;
      local_day: string;
    };
    old
      .prepare("INSERT INTO booked_addons (appointment_id, addon_id, extra_minutes) VALUES (?, ?, 15)")
      .run(visit.appointment_id, scalp);
    old.exec("DELETE FROM report_stale");
    old
      .prepare(
        `INSERT INTO report_addon_cells (dim, local_day, key, addon_id, items, shown, chosen_kiosk, taken, revenue_cents, extra_minutes)
       VALUES ('all', '2026-11-02', 0, ?, 3, 3, 1, 1, 2000, 15)`,
      )
      .run(scalp);
    old.close();

    const db = openDatabase(file);
    expect(db.pragma("user_version", { simple: true })).toBe(LATEST_VERSION);
    expect(db.prepare("SELECT price_cents FROM booked_addons").pluck().all()).toEqual([scalpPrice]);
    expect(db.prepare("SELECT lines, booked FROM report_addon_cells").all()).toEqual([{ lines: 3, booked: 0 }]);
    // Head office gets the visit's booked-ahead add-ons once, appended after the history it already has.
    expect(db.prepare("SELECT appointment_id, body FROM outbox WHERE kind = 'booked_ahead'").all()).toEqual([
      {
        appointment_id: visit.appointment_id,
        body: JSON.stringify({ addons: [{ addon: "scalp", minutes: 15, priceCents: scalpPrice }] }),
      },
    ]);
    // Only the check-in with a booked-ahead add-on is recounted.
    expect(db.prepare("SELECT appointment_id FROM report_stale").pluck().all()).toEqual([visit.appointment_id]);

    db.exec("DELETE FROM report_addon_cells");
    rebuildFromScratch(db);
    const m = modelOf(db, clock);
    const r = uptakeReport(m, { from: visit.local_day, to: visit.local_day, grain: "day" });
    expect(r.bookedAhead.byAddon.map((a) => [a.code, a.count, a.minutes, a.valueCents])).toEqual([
      ["scalp", 1, 15, scalpPrice],
    ]);
    // Booked ahead again by a later file: kept, not re-priced.
    db.prepare("UPDATE addons SET price_cents = price_cents + 500 WHERE id = ?").run(scalp);
    db.prepare(
      "INSERT INTO booked_addons (appointment_id, addon_id, extra_minutes, price_cents) VALUES (?, ?, 20, 0) ON CONFLICT DO UPDATE SET extra_minutes = 20",
    ).run(visit.appointment_id, scalp);
    expect(uptakeReport(m, { from: visit.local_day, to: visit.local_day, grain: "day" }).bookedAhead.total).toEqual({
      count: 1,
      minutes: 20,
      valueCents: scalpPrice,
    });
    db.close();
  });
});
