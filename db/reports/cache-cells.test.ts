import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { openDatabase, type DB } from "../open";
import { modelOf } from "../model";
import { applyCachePass, prepareCachePass, refreshReportCache, WHOLE, type PreparedPass } from "./cache";
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
  /**
   * After the change: a report of one day, background passes of up to this many check-ins (computed before the
   * change, written after it), or nothing. The passes: one of every check-in (one thread), the first or second part
   * of two (two threads) or both parts written in either order; or, as only a bug would, two passes of every
   * check-in on two threads at once.
   */
  then: fc.oneof(
    fc.constant(null),
    fc.integer({ min: 0, max: 13 }).map((d) => ({ day: d })),
    fc.record({
      size: fc.integer({ min: 1, max: 6 }),
      passes: fc.constantFrom("whole", "part 0", "part 1", "parts 0, 1", "parts 1, 0", "whole twice"),
    }),
  ),
});

describe("report cache: the cells are the sums of the kept facts", () => {
  it("after check-ins, changes, reports of single days and background passes of one or two threads written after other changes, every cell of every grain and period equals its facts summed from scratch (property)", () => {
    fc.assert(
      fc.property(
        fc.array(guestArb, { minLength: 1, maxLength: 12 }),
        fc.array(change, { maxLength: 10 }),
        (guests, changes) => {
          const spa = reportSpa();
          const ids = playGuests(spa, guests);
          const writers = [0, 1].map(() => openDatabase(spa.db.name, { checkpoints: "background" }));
          try {
            const workers = writers.map((w) => modelOf(w, spa.clock));
            const range = [fortnightDay(0), fortnightDay(13)] as const;
            const prepare = (thread: 0 | 1, size: number, part = WHOLE) => {
              const worker = workers[thread];
              return worker ? [{ worker, pass: prepareCachePass(worker, ...range, size, part) }] : [];
            };
            const two = (part: 0 | 1) => ({ part, parts: 2 });
            for (const c of changes) {
              // Background passes computed before the change, written after it when nothing they read moved.
              let prepared: { worker: (typeof workers)[number]; pass: PreparedPass }[] = [];
              if (c.then !== null && "size" in c.then) {
                const { size, passes } = c.then;
                if (passes === "whole") prepared = prepare(0, size);
                if (passes === "part 0") prepared = prepare(0, size, two(0));
                if (passes === "part 1") prepared = prepare(1, size, two(1));
                if (passes === "parts 0, 1") prepared = [...prepare(0, size, two(0)), ...prepare(1, size, two(1))];
                if (passes === "parts 1, 0") prepared = [...prepare(1, size, two(1)), ...prepare(0, size, two(0))];
                if (passes === "whole twice") prepared = [...prepare(0, size), ...prepare(1, size)];
              }
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
              const written = prepared.map(({ worker, pass }) => applyCachePass(worker, pass));
              // Two passes of the same check-ins: the second finds its stale entries gone and writes nothing.
              if (c.then !== null && "size" in c.then && c.then.passes === "whole twice" && written[0])
                expect(written[1]).toBeNull();
              if (c.then !== null && "day" in c.then)
                uptakeReport(spa, { from: fortnightDay(c.then.day), to: fortnightDay(c.then.day), grain: "day" });
            }
          } finally {
            for (const w of writers) w.close();
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
