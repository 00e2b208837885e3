import path from "node:path";
import { describe, expect, it } from "vitest";
import { modelOf } from "../model";
import { openDatabase, type DB } from "../open";
import { checkInAtKiosk } from "../kiosk/check-in";
import type { UptakeReport } from "../../contract/reports";
import { uptakeReport } from "../reports/reports";
import { asModel, fixedClock, tempDir } from "../test/helpers";
import { demoAtVersion } from "../test/upgrade";

describe("0008: check-ins and offer lines rebuilt", () => {
  it("upgrading a version-7 database (0008 rebuilds check-ins and offer lines, 0011 the report cache) keeps every check-in, offer line and report figure", async () => {
    const dir = tempDir();
    const file = path.join(dir, "e.sqlite3");
    const clock = fixedClock("2026-11-25T18:07:00.000Z");
    const { seeded, db: v7 } = await demoAtVersion(dir, file, 7, clock);
    const snapshot = (db: DB) => ({
      checkIns: db
        .prepare(
          "SELECT appointment_id, checked_in_at, channel, local_day, local_hour, local_weekday FROM check_ins ORDER BY appointment_id",
        )
        .all(),
      items: db.prepare("SELECT * FROM offer_items ORDER BY offer_id, addon_id").all(),
    });
    const report = (db: DB) => uptakeReport(asModel(db), { from: "2026-10-20", to: "2026-11-25", grain: "week" });
    // Today's report reads columns a version-7 file lacks: the figures to keep are those of the
    // same data on today's schema, the copy's source.
    const current = openDatabase(seeded);
    const expected = report(current);
    current.close();
    const before = snapshot(v7);
    expect(before.checkIns.length).toBeGreaterThan(100);
    expect(before.items.length).toBeGreaterThan(100);
    v7.close();

    const db = openDatabase(file);
    expect(snapshot(db)).toEqual(before);
    // Every figure as before; version 7 kept no check-in's language, so all are under "none".
    const withoutLanguages = ({ byLanguage: _languages, funnel, ...rest }: UptakeReport) => ({
      ...rest,
      funnel: { ...funnel, screening: { ...funnel.screening, byLanguage: [] } },
    });
    const upgraded = report(db);
    expect(withoutLanguages(upgraded)).toEqual(withoutLanguages(expected));
    expect(expected.byLanguage.length).toBeGreaterThan(1);
    expect(upgraded.byLanguage).toEqual([{ language: null, figures: expected.totals }]);
    const schema = (name: string) =>
      (db.prepare("SELECT sql FROM sqlite_master WHERE name = ?").get(name) as { sql: string } | undefined)?.sql;
    expect(schema("check_ins")).toMatch(/appointment_id INTEGER PRIMARY KEY/);
    expect(schema("offer_items")).toMatch(/WITHOUT ROWID/);
    expect(schema("offers_by_day")).toBeUndefined();
    expect(
      db
        .prepare("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'report_stale_%'")
        .pluck()
        .get(),
    ).toBe(19); // 0007's twelve, 0021's three on screening answers and 0036's four on add-ons booked ahead
    // The rebuilt tables take part in the report cache as before: a new check-in is counted.
    const open = db
      .prepare(
        "SELECT a.id FROM appointments a WHERE a.local_day = '2026-11-25' AND NOT EXISTS (SELECT 1 FROM check_ins c WHERE c.appointment_id = a.id) AND a.status = 'booked' LIMIT 1",
      )
      .pluck()
      .get() as number;
    checkInAtKiosk(modelOf(db, clock), open, "en");
    expect(report(db).totals.checkIns).toBe(expected.totals.checkIns + 1);
    db.close();
  });
});
