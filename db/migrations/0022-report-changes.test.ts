import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase, type DB } from "../open";
import { modelOf } from "../model";
import { applyCachePass, prepareCachePass, refreshReportCache } from "../reports/cache";
import { uptakeReport } from "../reports/reports";
import { registerWalkIn } from "../walk-ins/walk-ins";
import { saveSettings } from "../settings";
import { asModel, fixedClock, tempDir } from "../test/helpers";
import { cacheRows, handWeek, rebuildFromScratch, WEEK } from "../test/report-cases";
import { demoAtVersion } from "../test/upgrade";
import { LATEST_VERSION } from "./index";

/** Each trigger of a family by its name after the prefix: its table, event and condition (the text before BEGIN). */
function triggers(db: DB, prefix: string): Map<string, string> {
  const rows = db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE ? || '%'")
    .all(prefix) as { name: string; sql: string }[];
  return new Map(
    rows.map((r) => [
      r.name.slice(prefix.length),
      r.sql.slice(0, r.sql.indexOf("BEGIN")).replace(r.name, "").replace(/\s+/g, " ").trim(),
    ]),
  );
}

describe("0022: the report cache counts the changes that can move a figure", () => {
  it("upgrading a version-21 database starts the count, keeps every figure, and counts each change a report_stale trigger watches", async () => {
    const dir = tempDir();
    const file = path.join(dir, "v21.sqlite3");
    const clock = fixedClock("2026-11-25T18:07:00.000Z");
    const { seeded, db: v21 } = await demoAtVersion(dir, file, 21, clock);
    v21.close();
    const current = openDatabase(seeded);
    const range = { from: "2026-10-20", to: "2026-11-25", grain: "week" } as const;
    const expected = uptakeReport(asModel(current), range);
    current.close();

    const db = openDatabase(file);
    expect(db.pragma("user_version", { simple: true })).toBe(LATEST_VERSION);
    expect(db.prepare("SELECT n FROM report_changes").pluck().all()).toEqual([0]);
    // A pass is written only when the count did not move: every change that marks a check-in stale moves it.
    const stale = triggers(db, "report_stale_");
    expect(stale.size).toBe(19); // 0036 added four, on add-ons booked ahead
    expect(triggers(db, "report_changes_")).toEqual(stale);
    expect(uptakeReport(asModel(db), range)).toEqual(expected);
    db.close();
  });

  it("a pass computed before a walk-in or a settings change is written; one computed before a therapist change or a void is not, and the cache ends equal to a rebuild", () => {
    const spa = handWeek();
    const writer = openDatabase(spa.db.name, { checkpoints: "background" });
    try {
      const worker = modelOf(writer, spa.clock);
      const ids = spa.db.prepare("SELECT appointment_id FROM check_ins ORDER BY appointment_id").pluck().all() as [
        number,
        number,
        ...number[],
      ];
      let prepared = prepareCachePass(worker, WEEK.from, WEEK.to, 3);
      saveSettings(spa.db, { walkInsAllowed: true });
      registerWalkIn(spa, { firstName: "Ana", lang: "en" });
      expect(applyCachePass(worker, prepared)).toBe(3);

      prepared = prepareCachePass(worker, WEEK.from, WEEK.to, 3);
      spa.db
        .prepare("UPDATE appointments SET therapist_id = ? + ? - therapist_id WHERE id = ?")
        .run(spa.therapists.ana, spa.therapists.ben, ids[0]);
      expect(applyCachePass(worker, prepared)).toBeNull();
      prepared = prepareCachePass(worker, WEEK.from, WEEK.to, 3);
      spa.deskVoid(ids[1]);
      expect(applyCachePass(worker, prepared)).toBeNull();
      // Another pass written meanwhile (a report's own refresh) is a change to the cache too.
      prepared = prepareCachePass(worker, WEEK.from, WEEK.to, 3);
      refreshReportCache(spa, WEEK.from, WEEK.from);
      expect(applyCachePass(worker, prepared)).toBeNull();
    } finally {
      writer.close();
    }
    const everything = ["2000-01-01", "2999-12-31"] as const;
    refreshReportCache(spa, ...everything);
    const incremental = cacheRows(spa.db);
    rebuildFromScratch(spa.db);
    refreshReportCache(spa, ...everything);
    expect(cacheRows(spa.db)).toEqual(incremental);
  });
});
