import path from "node:path";
import { describe, expect, it } from "vitest";
import { modelOf } from "../model";
import { openDatabase, type DB } from "../open";
import { checkInAtKiosk } from "../kiosk/check-in";
import { saveSettings } from "../settings";
import { registerWalkIn } from "../walk-ins/walk-ins";
import { uptakeReport } from "../reports/reports";
import { asModel, fixedClock, tempDir } from "../test/helpers";
import { demoAtVersion } from "../test/upgrade";

describe("0013: check-ins and walk-ins rebuilt for more languages", () => {
  it("upgrading a version-12 database (0013 rebuilds check-ins and walk-ins for more languages) keeps every row and figure, then takes Chinese", async () => {
    const dir = tempDir();
    const file = path.join(dir, "v12.sqlite3");
    const clock = fixedClock("2026-11-25T18:07:00.000Z");
    const { seeded, db: v12 } = await demoAtVersion(dir, file, 12, clock);
    saveSettings(v12, { walkInsAllowed: true });
    registerWalkIn(modelOf(v12, clock), { firstName: "Sam", lang: "es" });
    expect(() => v12.prepare("UPDATE check_ins SET lang = 'zh' WHERE lang = 'es'").run()).toThrow(
      /CHECK constraint failed/,
    );
    const snapshot = (db: DB) => ({
      checkIns: db.prepare("SELECT * FROM check_ins ORDER BY appointment_id").all(),
      walkIns: db.prepare("SELECT * FROM walk_ins ORDER BY id").all(),
    });
    const range = { from: "2026-10-20", to: "2026-11-25", grain: "week" } as const;
    const before = snapshot(v12);
    // Today's report reads columns a version-12 file lacks (screening, 0017 and 0021): the figures
    // to keep are those of the same data on today's schema, the copy's source.
    const current = openDatabase(seeded);
    const figures = uptakeReport(asModel(current), range);
    current.close();
    expect(before.checkIns.some((c) => (c as { lang: string | null }).lang === "es")).toBe(true);
    v12.close();

    const db = openDatabase(file);
    expect(snapshot(db)).toEqual(before);
    expect(uptakeReport(asModel(db), range)).toEqual(figures);
    expect(
      db
        .prepare("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'report_stale_%'")
        .pluck()
        .get(),
    ).toBe(19); // 0007's twelve, 0021's three on screening answers and 0036's four on add-ons booked ahead
    const open = db
      .prepare(
        "SELECT a.id FROM appointments a WHERE a.local_day = '2026-11-25' AND NOT EXISTS (SELECT 1 FROM check_ins c WHERE c.appointment_id = a.id) AND a.status = 'booked' ORDER BY a.starts_at DESC LIMIT 1",
      )
      .pluck()
      .get() as number;
    checkInAtKiosk(modelOf(db, clock), open, "zh");
    expect(registerWalkIn(modelOf(db, clock), { firstName: "Wei", lang: "zh" }).walkIn.lang).toBe("zh");
    const after = uptakeReport(asModel(db), range);
    expect(after.totals.checkIns).toBe(figures.totals.checkIns + 1);
    expect(after.byLanguage.find((l) => l.language === "zh")?.figures.checkIns).toBe(1);
    db.close();
  });
});
