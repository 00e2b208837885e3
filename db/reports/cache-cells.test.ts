import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { openDatabase, type DB } from "../open";
import { modelOf } from "../model";
import { applyCachePass, prepareCachePass, refreshReportCache } from "./cache";
import { ADDON_MEASURES, CELL_TABLES, MEASURES, type CellsTable } from "./measures";
import { uptakeReport } from "./reports";
import { reportSpa } from "../test/report-fixture";
import { fortnightDay, guestArb, playGuests } from "../test/report-cases";

/**
 * The cells as a plain GROUP BY over the facts kept per check-in, every grain and period summed from scratch: what
 * the passes' differences, summed per combination of keys first (db/reports/cache-sql.ts), must add up to.
 */
function cellsFromFacts(db: DB, t: CellsTable): unknown[] {
  const period = t.period === "month" ? "substr(f.local_day, 1, 7)" : "f.local_day";
  const addon = t.table.includes("addon");
  const sums = addon ? ["count(*)", ...ADDON_MEASURES.map((m) => `sum(a.${m})`)] : MEASURES.map((m) => `sum(f.${m})`);
  const from = addon
    ? "report_addon_facts a JOIN report_facts f ON f.appointment_id = a.appointment_id"
    : "report_facts f";
  const keys = addon ? ", a.addon_id" : "";
  const grouped = Object.entries(t.dims).map(
    ([dim, key]) =>
      `SELECT '${dim}' AS dim, ${period} AS p, ${key.replace(/\blocal_day\b/g, "f.local_day").replace(/\bhour\b/g, "f.hour")} AS k${keys}, ${sums.join(", ")}
       FROM ${from} GROUP BY 2, 3${keys}`,
  );
  return db
    .prepare(`${grouped.join(" UNION ALL ")} ORDER BY 1, 2, 3${addon ? ", 4" : ""}`)
    .raw()
    .all();
}

const cells = (db: DB, t: CellsTable): unknown[] => {
  const columns = t.table.includes("addon") ? ["addon_id", "items", ...ADDON_MEASURES] : [...MEASURES];
  return db
    .prepare(
      `SELECT dim, ${t.period}, key, ${columns.join(", ")} FROM ${t.table} ORDER BY 1, 2, 3${t.table.includes("addon") ? ", 4" : ""}`,
    )
    .raw()
    .all();
};

const change = fc.record({
  guest: fc.nat(),
  what: fc.constantFrom("void", "therapist", "move-day", "take-back", "printed"),
  day: fc.integer({ min: 0, max: 13 }),
  /** After the change: a report of one day, a background pass of this many check-ins, or nothing. */
  then: fc.oneof(
    fc.constant(null),
    fc.integer({ min: 0, max: 13 }).map((d) => ({ day: d })),
    fc.integer({ min: 1, max: 6 }),
  ),
});

describe("report cache: the cells are the sums of the kept facts", () => {
  it("after check-ins, changes, reports of single days and background passes written after other changes, every cell of every grain and period equals its facts summed from scratch (property)", () => {
    fc.assert(
      fc.property(
        fc.array(guestArb, { minLength: 1, maxLength: 12 }),
        fc.array(change, { maxLength: 10 }),
        (guests, changes) => {
          const spa = reportSpa();
          const ids = playGuests(spa, guests);
          const writer = openDatabase(spa.db.name, { checkpoints: "background" });
          try {
            const worker = modelOf(writer, spa.clock);
            const range = [fortnightDay(0), fortnightDay(13)] as const;
            for (const c of changes) {
              // A background pass computed before the change, written after it when nothing it read moved.
              const prepared = typeof c.then === "number" ? prepareCachePass(worker, ...range, c.then) : null;
              const id = ids[c.guest % ids.length] ?? 0;
              if (c.what === "void" && spa.db.prepare("SELECT 1 FROM offers WHERE appointment_id = ?").get(id))
                spa.deskVoid(id);
              if (c.what === "therapist")
                spa.db
                  .prepare("UPDATE appointments SET therapist_id = ? + ? - therapist_id WHERE id = ?")
                  .run(spa.therapists.ana, spa.therapists.ben, id);
              if (c.what === "move-day")
                spa.db
                  .prepare(
                    "UPDATE check_ins SET local_day = ?, local_weekday = CAST(strftime('%w', ?) AS INTEGER), local_hour = (local_hour + 5) % 24 WHERE appointment_id = ?",
                  )
                  .run(fortnightDay(c.day), fortnightDay(c.day), id);
              if (c.what === "take-back") spa.db.prepare("DELETE FROM check_ins WHERE appointment_id = ?").run(id);
              if (c.what === "printed") spa.printed(id);
              if (prepared) applyCachePass(worker, prepared);
              if (c.then !== null && typeof c.then === "object")
                uptakeReport(spa, { from: fortnightDay(c.then.day), to: fortnightDay(c.then.day), grain: "day" });
            }
          } finally {
            writer.close();
          }
          refreshReportCache(spa, "2000-01-01", "2999-12-31");
          for (const t of Object.values(CELL_TABLES))
            expect(cells(spa.db, t), t.table).toEqual(cellsFromFacts(spa.db, t));
          expect(spa.db.prepare("SELECT count(*) FROM report_facts").pluck().get()).toBe(
            spa.db.prepare("SELECT count(*) FROM check_ins").pluck().get(),
          );
        },
      ),
      { numRuns: 40 },
    );
  });
});
