import path from "node:path";
import { describe, expect, it } from "vitest";
import type { UptakeReport } from "../../contract/reports";
import { openDatabase, type DB } from "../open";
import { refreshReportCache } from "../reports/cache";
import { uptakeReport } from "../reports/reports";
import { asModel, fixedClock, tempDir } from "../test/helpers";
import { demoAtVersion } from "../test/upgrade";
import { MARK_SCREENED, SCREENING_COUNT_TABLES } from "./0021-report-screening";
import { LATEST_VERSION } from "./index";

const RANGE = { from: "2026-10-20", to: "2026-11-25", grain: "week" } as const;

/**
 * Screening answers for some of the demo's offer lines: "not today" for every third face line, "check" for every
 * fourth scalp one.
 */
function answerSome(db: DB): number {
  const lines = db
    .prepare(
      `SELECT o.appointment_id, i.addon_id, a.code FROM offers o JOIN offer_items i ON i.offer_id = o.id
       JOIN addons a ON a.id = i.addon_id JOIN check_ins c ON c.appointment_id = o.appointment_id
       WHERE i.shown = 1 ORDER BY o.appointment_id, i.addon_id`,
    )
    .all() as { appointment_id: number; addon_id: number; code: string }[];
  const setOf = db.prepare("SELECT id FROM screening_sets WHERE addon_id = ? ORDER BY version DESC LIMIT 1").pluck();
  const insert = db.prepare(
    "INSERT INTO screening_answers (appointment_id, addon_id, set_id, answers, outcome, answered_at) VALUES (?, ?, ?, '[]', ?, '2026-11-20T10:00:00.000Z')",
  );
  const seen = { face: 0, scalp: 0 } as Record<string, number>;
  let n = 0;
  for (const l of lines) {
    const i = (seen[l.code] = (seen[l.code] ?? 0) + 1);
    const outcome = l.code === "face" && i % 3 === 0 ? "notToday" : l.code === "scalp" && i % 4 === 0 ? "check" : null;
    const set = setOf.get(l.addon_id) as number | undefined;
    if (outcome === null || set === undefined) continue;
    insert.run(l.appointment_id, l.addon_id, set, outcome);
    n++;
  }
  return n;
}

describe("0021: the report cache counts the screening stages", () => {
  it("upgrading a version-19 database keeps every figure and counts the screening answers it already holds", async () => {
    const dir = tempDir();
    const file = path.join(dir, "v19.sqlite3");
    const clock = fixedClock("2026-11-25T18:07:00.000Z");
    const { seeded, db: v19 } = await demoAtVersion(dir, file, 19, clock);
    expect(answerSome(v19)).toBeGreaterThan(10);
    v19.close();
    // The same data on today's schema, from the start: what the upgraded file must report.
    const current = openDatabase(seeded);
    expect(answerSome(current)).toBeGreaterThan(10);
    const expected = uptakeReport(asModel(current), RANGE);
    current.close();

    const db = openDatabase(file);
    expect(db.pragma("user_version", { simple: true })).toBe(LATEST_VERSION);
    const report: UptakeReport = uptakeReport(asModel(db), RANGE);
    expect(report).toEqual(expected);
    expect(report.funnel.screening.total.screenedOut).toBeGreaterThan(0);
    expect(report.funnel.screening.total.therapistCheck).toBeGreaterThan(0);
    const triggers = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'report_stale_screening_%'")
      .pluck()
      .all();
    expect(triggers).toHaveLength(3);
    db.close();
  });

  it("a cache filled before 0021 (screening columns at 0) is right again after refreshing only the check-ins with answers", async () => {
    const dir = tempDir();
    const clock = fixedClock("2026-11-25T18:07:00.000Z");
    const { db } = await demoAtVersion(dir, path.join(dir, "now.sqlite3"), LATEST_VERSION, clock);
    expect(answerSome(db)).toBeGreaterThan(10);
    const m = asModel(db);
    const truth = uptakeReport(m, RANGE);
    // What 0021's ALTERs leave behind: every cached count right but the two new ones at 0.
    for (const t of SCREENING_COUNT_TABLES) db.exec(`UPDATE ${t} SET screened_out = 0, therapist_check = 0`);
    expect(uptakeReport(m, RANGE).funnel.screening.total).toEqual({ screenedOut: 0, therapistCheck: 0 });
    db.exec(MARK_SCREENED);
    const screened = db.prepare("SELECT count(DISTINCT appointment_id) FROM screening_answers").pluck().get();
    expect(db.prepare("SELECT count(*) FROM report_stale").pluck().get()).toBe(screened);
    expect(refreshReportCache(m, RANGE.from, RANGE.to)).toBe(screened);
    expect(uptakeReport(m, RANGE)).toEqual(truth);
    db.close();
  });
});
