import path from "node:path";
import { describe, expect, it } from "vitest";
import type { UptakeReport } from "../../contract/reports";
import { openDatabase, type DB } from "../open";
import { uptakeReport } from "../reports/reports";
import { asModel, fixedClock, tempDir } from "../test/helpers";
import { expectBookedAddsUp, rebuildFromScratch } from "../test/report-cases";
import { demoAtVersion } from "../test/upgrade";
import { BOOKED_BREAKDOWN_TABLES, MARK_BOOKED } from "./0038-report-booked-breakdowns";
import { LATEST_VERSION } from "./index";

const RANGE = { from: "2026-10-20", to: "2026-11-25", grain: "week" } as const;
const clock = fixedClock("2026-11-25T18:07:00.000Z");

/**
 * Add-ons booked ahead, as imports store them, for every fifth of the range's checked-in visits: a scalp massage, and
 * for every other one of those a face massage too. Returns the visits.
 */
function bookSome(db: DB): number[] {
  const visits = db
    .prepare("SELECT appointment_id FROM check_ins WHERE local_day BETWEEN ? AND ? ORDER BY appointment_id")
    .pluck()
    .all(RANGE.from, RANGE.to)
    .filter((_, i) => i % 5 === 0) as number[];
  const book = db.prepare(
    "INSERT INTO booked_addons (appointment_id, addon_id, extra_minutes, price_cents) SELECT ?, id, ?, price_cents FROM addons WHERE code = ?",
  );
  visits.forEach((id, i) => {
    book.run(id, 15, "scalp");
    if (i % 2 === 0) book.run(id, 20, "face");
  });
  return visits;
}
const stale = (db: DB) =>
  db.prepare("SELECT appointment_id FROM report_stale ORDER BY appointment_id").pluck().all() as number[];
const bookedRows = (r: UptakeReport) => {
  const { overTime, byService, byTherapist, byChannel, byLanguage, weekdayHour } = r.bookedAhead;
  return [overTime, byService, byTherapist, byChannel, byLanguage, weekdayHour].flat().length;
};

describe("0038: the reports break the add-ons booked ahead down per period and breakdown", () => {
  it("upgrading a version-36 database adds the counts and recounts only the check-ins with an add-on booked ahead", async () => {
    const dir = tempDir();
    const file = path.join(dir, "v36.sqlite3");
    const { seeded, db: old } = await demoAtVersion(dir, file, 36, clock);
    const visits = bookSome(old);
    expect(visits.length).toBeGreaterThan(10);
    old.exec("DELETE FROM report_stale");
    old.close();
    // The same data on today's schema, from the start: what the upgraded file must report.
    const current = openDatabase(seeded);
    bookSome(current);
    const expected = uptakeReport(asModel(current), RANGE);
    expect(bookedRows(expected)).toBeGreaterThan(10);
    expectBookedAddsUp(current, expected);
    current.close();

    const db = openDatabase(file);
    expect(db.pragma("user_version", { simple: true })).toBe(LATEST_VERSION);
    expect(stale(db)).toEqual(visits);
    for (const t of BOOKED_BREAKDOWN_TABLES)
      expect(
        db.prepare(`SELECT count(*) FROM ${t} WHERE booked + booked_minutes + booked_cents != 0`).pluck().get(),
      ).toBe(0);
    rebuildFromScratch(db);
    expect(uptakeReport(asModel(db), RANGE)).toEqual(expected);
    db.close();
  });

  it("a cache filled before 0038 (the counts at 0) is right again after refreshing only the check-ins with one", async () => {
    const dir = tempDir();
    const { db } = await demoAtVersion(dir, path.join(dir, "now.sqlite3"), LATEST_VERSION, clock);
    const visits = bookSome(db);
    const m = asModel(db);
    const truth = uptakeReport(m, RANGE);
    expectBookedAddsUp(db, truth);
    // What 0038's ALTERs leave behind: every cached count right but the three new ones at 0.
    for (const t of BOOKED_BREAKDOWN_TABLES)
      db.exec(`UPDATE ${t} SET booked = 0, booked_minutes = 0, booked_cents = 0`);
    expect(bookedRows(uptakeReport(m, RANGE))).toBe(0);
    db.exec(MARK_BOOKED);
    expect(stale(db)).toEqual(visits);
    expect(uptakeReport(m, RANGE)).toEqual(truth);
    expect(stale(db)).toEqual([]);
    rebuildFromScratch(db);
    expect(uptakeReport(m, RANGE)).toEqual(truth);
    db.close();
  });
});
