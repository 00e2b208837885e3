import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CHECKIN_EXPORT_SQL } from "./checkin-rows";
import { openDatabase, type DB } from "../open";
import { modelOf, type Model } from "../model";
import {
  applyCachePass,
  ensureScratchTables,
  prepareCachePass,
  refreshNewestStaleDays,
  refreshReportCache,
  refreshReportCachePass,
} from "./cache";
import { REFRESH_QUERIES } from "./cache-sql";
import { rangeParts, REPORT_QUERIES, uptakeReport } from "./reports";
import { emptySourceTables, SOURCE_QUERIES } from "./source";
import { generateCheckIns } from "../test/generate";
import { openTemp, tempDir, asModel } from "../test/helpers";
import { reportSpa } from "../test/report-fixture";
import {
  cacheRows,
  expectBookedAddsUp,
  fortnightDay,
  guestArb,
  bookAhead,
  setCancelled,
  handWeek,
  playGuests,
  rebuildFromScratch,
  screen,
  WEEK,
} from "../test/report-cases";

describe("report cache: the hand-computed week", () => {
  it("follows later changes: the desk confirming a pending add-on moves the cached day", () => {
    const spa = handWeek();
    expect(uptakeReport(spa, { ...WEEK, grain: "day" }).totals.confirmed).toBe(6);
    const g7 = spa.db
      .prepare("SELECT appointment_id FROM check_ins WHERE local_day = '2026-11-20'")
      .pluck()
      .get() as number;
    spa.confirm(g7, spa.localIso("2026-11-20", "11:50"));
    spa.printed(g7);
    const r = uptakeReport(spa, { ...WEEK, grain: "day" });
    expect(r.totals.confirmed).toBe(7);
    expect(r.funnel.steps.map((s) => s.count)).toEqual([8, 7, 6, 5]);
  });

  it("fills the cache newest days first in slices, with the same figures as computing on demand", () => {
    const spa = handWeek();
    const staleDays = () =>
      spa.db.prepare("SELECT DISTINCT local_day FROM report_stale ORDER BY local_day").pluck().all() as string[];
    expect(staleDays()).toHaveLength(9); // 15 … 23 Nov
    expect(refreshNewestStaleDays(spa, 4)).toBe(4);
    expect(staleDays()).toEqual(["2026-11-15", "2026-11-16", "2026-11-17", "2026-11-18", "2026-11-19"]);
    const sliced = uptakeReport(spa, { ...WEEK, grain: "day" });
    expect(staleDays()).toEqual(["2026-11-15"]);
    rebuildFromScratch(spa.db);
    expect(uptakeReport(spa, { ...WEEK, grain: "day" })).toEqual(sliced);
    expect(refreshNewestStaleDays(spa, 7)).toBe(2);
    expect(refreshNewestStaleDays(spa, 7)).toBe(0);
  });

  it("recomputes only the check-in that changed, not its whole day", () => {
    const spa = handWeek();
    uptakeReport(spa, { ...WEEK, grain: "day" });
    const g4 = spa.db
      .prepare("SELECT appointment_id FROM check_ins WHERE local_day = '2026-11-18' ORDER BY local_hour")
      .pluck()
      .get() as number;
    spa.deskVoid(g4);
    expect(
      spa.db
        .prepare("SELECT local_day, appointment_id FROM report_stale WHERE local_day BETWEEN ? AND ?")
        .all(WEEK.from, WEEK.to),
    ).toEqual([{ local_day: "2026-11-18", appointment_id: g4 }]);
    expect(refreshReportCache(spa, WEEK.from, WEEK.to)).toBe(1);
    expect(uptakeReport(spa, { ...WEEK, grain: "day" }).totals).toMatchObject({ voided: 2, taken: 5 });
  });
});

describe("uptake report: the cache follows every change exactly", () => {
  const change = fc.record({
    guest: fc.nat(),
    what: fc.constantFrom(
      "confirm",
      "void",
      "change-face",
      "change-none",
      "printed",
      "therapist",
      "service",
      "move-day",
      "take-back",
      "screen-face-out",
      "screen-scalp-check",
      "screen-fine",
      "screen-clear",
      "book-ahead-scalp",
      "book-ahead-both",
      "drop-booked",
      "cancel",
      "reinstate",
    ),
    day: fc.integer({ min: 0, max: 13 }),
  });
  type Change = typeof change extends fc.Arbitrary<infer T> ? T : never;
  /** One change to a guest's visit, as the kiosk, the desk or the printer would make it. */
  const play = (spa: ReturnType<typeof reportSpa>, ids: number[], c: Change) => {
    const id = ids[c.guest % ids.length] ?? 0;
    const status = spa.db.prepare("SELECT status FROM offers WHERE appointment_id = ?").pluck().get(id) as
      string | undefined;
    const offer = status !== undefined;
    const checkedIn = spa.db.prepare("SELECT 1 FROM check_ins WHERE appointment_id = ?").get(id) !== undefined;
    const day = fortnightDay(c.day);
    // The desk confirms what a guest chose; it refuses a voided, changed or confirmed offer, as at the real desk.
    if (c.what === "confirm" && checkedIn && (status === "offered" || status === "accepted" || status === "declined"))
      spa.confirm(id, spa.localIso(day, "12:00"));
    if (c.what === "void" && offer) spa.deskVoid(id);
    if (c.what === "change-face" && offer) spa.deskChange(id, ["face"]);
    if (c.what === "change-none" && offer) spa.deskChange(id, []);
    if (c.what === "printed") spa.printed(id);
    if (c.what === "therapist")
      spa.db
        .prepare("UPDATE appointments SET therapist_id = ? + ? - therapist_id WHERE id = ?")
        .run(spa.therapists.ana, spa.therapists.ben, id);
    if (c.what === "service")
      spa.db.prepare("UPDATE appointments SET service_id = ? WHERE id = ?").run(spa.services.reflexology, id);
    if (c.what === "move-day")
      spa.db
        .prepare(
          "UPDATE check_ins SET local_day = ?, local_weekday = CAST(strftime('%w', ?) AS INTEGER), local_hour = (local_hour + 3) % 24 WHERE appointment_id = ?",
        )
        .run(day, day, id);
    if (c.what === "take-back") spa.db.prepare("DELETE FROM check_ins WHERE appointment_id = ?").run(id);
    // The guest answers the screening questions again (or the answers are taken back).
    if (c.what === "screen-face-out") screen(spa, id, "face", "notToday");
    if (c.what === "screen-scalp-check") screen(spa, id, "scalp", "check");
    if (c.what === "screen-fine") screen(spa, id, "face", "fine");
    if (c.what === "screen-clear") screen(spa, id, "scalp", null);
    // A re-import of the booking system's file books add-ons ahead, or drops them; the desk cancels or reinstates.
    if (c.what === "book-ahead-scalp") bookAhead(spa, id, ["scalp"]);
    if (c.what === "book-ahead-both") bookAhead(spa, id, ["face", "scalp"]);
    if (c.what === "drop-booked") bookAhead(spa, id, []);
    if (c.what === "cancel" || c.what === "reinstate") setCancelled(spa, id, c.what === "cancel");
  };
  const REPORT_RANGE = { from: "2026-11-04", to: "2026-11-26" } as const;
  const NOVEMBER = { from: "2026-11-01", to: "2026-11-30" } as const;
  /**
   * The reports (days, and the whole month of November from the monthly roll-ups) and every cached row are the same
   * after the cache is rebuilt from scratch, and their add-ons booked ahead add up in every breakdown.
   */
  const expectSameAfterRebuild = (spa: Model): void => {
    const all = () =>
      [REPORT_RANGE, NOVEMBER].flatMap((range) =>
        (["day", "week", "month"] as const).map((grain) => uptakeReport(spa, { ...range, grain })),
      );
    const reports = all();
    // Booked ahead per period and breakdown, as every re-import, cancel or move left them, add up to the source rows.
    for (const r of reports) expectBookedAddsUp(spa.db, r);
    const incremental = cacheRows(spa.db);
    rebuildFromScratch(spa.db);
    expect(all()).toEqual(reports);
    expect(cacheRows(spa.db)).toEqual(incremental);
  };

  it("after any changes, reports in between included, the cells equal a rebuild from the source tables (property)", () => {
    fc.assert(
      fc.property(
        fc.array(guestArb, { minLength: 1, maxLength: 10 }),
        fc.array(guestArb, { maxLength: 4 }),
        fc.array(fc.tuple(change, fc.option(fc.integer({ min: 0, max: 13 }), { nil: null })), { maxLength: 12 }),
        (first, later, changes) => {
          const spa = reportSpa();
          const used = new Set<string>();
          const ids = playGuests(spa, first, used);
          uptakeReport(spa, { ...REPORT_RANGE, grain: "day" }); // the facts of these check-ins are kept now
          ids.push(...playGuests(spa, later, used));
          for (const [c, reportDay] of changes) {
            play(spa, ids, c);
            // A report of one day in between: refreshes part of what is stale, leaves the rest.
            if (reportDay !== null)
              uptakeReport(spa, { from: fortnightDay(reportDay), to: fortnightDay(reportDay), grain: "day" });
          }
          expectSameAfterRebuild(spa);
          expect(spa.db.prepare("SELECT count(*) FROM report_stale").pluck().get()).toBe(0);
        },
      ),
      { numRuns: 30 },
    );
  });

  it("background passes computed on a snapshot, with other changes committed before each is written (the pass then run in the lock), leave the cells equal to a rebuild (property)", () => {
    fc.assert(
      fc.property(
        fc.array(guestArb, { minLength: 1, maxLength: 10 }),
        fc.array(guestArb, { maxLength: 4 }),
        fc.array(fc.option(change, { nil: null }), { maxLength: 8 }),
        fc.integer({ min: 1, max: 12 }),
        (first, later, between, limit) => {
          const spa = reportSpa();
          const used = new Set<string>();
          const ids = playGuests(spa, first, used);
          uptakeReport(spa, { ...REPORT_RANGE, grain: "day" }); // the facts of these check-ins are kept now
          ids.push(...playGuests(spa, later, used));
          // The background writer's own connection; the changes come through the main one, as in the app.
          const writer = openDatabase(spa.db.name, { checkpoints: "background" });
          let passes = 0;
          try {
            const worker = modelOf(writer, spa.clock);
            for (;;) {
              const prepared = prepareCachePass(worker, REPORT_RANGE.from, REPORT_RANGE.to, limit);
              if (prepared.picked === 0) break;
              const c = between[passes++];
              if (c) play(spa, ids, c);
              // A pass whose snapshot went stale is written by a pass in the lock, as the worker does.
              if (applyCachePass(worker, prepared) === null)
                refreshReportCachePass(worker, REPORT_RANGE.from, REPORT_RANGE.to, limit);
            }
          } finally {
            writer.close();
          }
          for (const c of between.slice(passes)) if (c) play(spa, ids, c);
          expectSameAfterRebuild(spa);
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe("uptake report: query plans", () => {
  const BIG = /\bSCAN (check_ins|offers|offer_items|appointments|tickets|print_jobs|report_\w+)\b/;
  const plan = (db: DB, sql: string) =>
    (
      db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({
        ...rangeParts("2025-12-20", "2026-12-10"),
        days: 7,
        limit: 1000,
        part: 1,
        parts: 2,
        lo: 1,
        hi: 32_768,
      }) as {
        detail: string;
      }[]
    ).map((r) => r.detail);
  // newestStaleDays walks report_stale's key from the newest end and stops after a few days (asserted below).
  const queries = [
    ...Object.values(REPORT_QUERIES),
    ...Object.values(SOURCE_QUERIES),
    ...Object.values(REFRESH_QUERIES).filter((q) => q !== REFRESH_QUERIES.newestStaleDays),
    CHECKIN_EXPORT_SQL,
  ];

  // On a fresh file and on a busy, ANALYZEd one (the planner's choices follow the statistics).
  for (const [name, open] of [
    ["a fresh database", () => openTemp().db],
    ["20,000 check-ins after ANALYZE", () => generateCheckIns(path.join(tempDir(), "busy.sqlite3"), 20_000).db],
  ] as const) {
    it(`reads the cache and refreshes a check-in through indexes, never scanning a big table: ${name}`, () => {
      const db = open();
      ensureScratchTables(asModel(db));
      emptySourceTables(db);
      for (const sql of queries) {
        const details = plan(db, sql);
        expect(
          details.filter((d) => BIG.test(d)),
          sql,
        ).toEqual([]);
        // "printed?" goes appointment → its tickets → their jobs, never through all printed jobs.
        expect(
          details.filter((d) => d.includes("print_jobs_pending")),
          sql,
        ).toEqual([]);
      }
      expect(plan(db, REPORT_QUERIES.days)).toEqual([
        expect.stringMatching(/^SEARCH report_cells USING PRIMARY KEY \(dim=\? AND local_day>\? AND local_day<\?\)/),
      ]);
      // A breakdown reads the odd days at the ends and the whole months between by key.
      for (const sql of [
        REPORT_QUERIES.service,
        REPORT_QUERIES.therapist,
        REPORT_QUERIES.channel,
        REPORT_QUERIES.weekdayHour,
      ]) {
        const details = plan(db, sql);
        expect(
          details.filter((d) =>
            /SEARCH report_cells USING PRIMARY KEY \(dim=\? AND local_day>\? AND local_day<\?\)/.test(d),
          ),
          sql,
        ).toHaveLength(2);
        expect(details, sql).toContainEqual(
          expect.stringMatching(/^SEARCH report_month_cells USING PRIMARY KEY \(dim=\? AND month>\? AND month<\?\)/),
        );
      }
      expect(plan(db, REPORT_QUERIES.addons)).toContainEqual(
        expect.stringMatching(
          /^SEARCH report_addon_month_cells USING PRIMARY KEY \(dim=\? AND month>\? AND month<\?\)/,
        ),
      );
      // A refresh starts from its stale check-ins and reaches each source row by key.
      for (const sql of [REFRESH_QUERIES.anyStale, REFRESH_QUERIES.pick])
        expect(plan(db, sql)).toEqual([
          expect.stringMatching(
            /^SEARCH report_stale USING (COVERING INDEX|PRIMARY KEY) \(local_day>\? AND local_day<\?\)/,
          ),
        ]);
      expect(plan(db, REFRESH_QUERIES.newestStaleDays)).toEqual(["SCAN report_stale"]); // in key order: no temp B-tree, LIMIT stops it
      expect(plan(db, REFRESH_QUERIES.done)).toContainEqual(
        expect.stringMatching(/^SEARCH report_stale USING PRIMARY KEY \(local_day=\? AND appointment_id=\?\)/),
      );
      const facts = plan(db, REFRESH_QUERIES.facts).join("\n");
      expect(facts).toMatch(/SEARCH [ca] USING INTEGER PRIMARY KEY \(rowid=\?\)/);
      expect(facts).toMatch(/SEARCH i USING PRIMARY KEY \(offer_id=\?\)/);
      expect(plan(db, REFRESH_QUERIES.addonFacts).join("\n")).toMatch(/SEARCH i USING PRIMARY KEY \(offer_id=\?\)/);
      expect(plan(db, REFRESH_QUERIES.delta).join("\n")).toMatch(/SEARCH f USING INTEGER PRIMARY KEY \(rowid=\?\)/);
      expect(plan(db, REFRESH_QUERIES.prune)).toContainEqual(
        expect.stringMatching(/^SEARCH report_cells USING PRIMARY KEY \(dim=\? AND local_day=\?\)/),
      );
      // A count from the source walks the check-ins (or, for the offer lines, their offers) by key, a step at a time,
      // and reaches each source row by key.
      const byKeyRange =
        /SEARCH (c USING INTEGER PRIMARY KEY \(rowid>\? AND rowid<\?\)|o USING INDEX sqlite_autoindex_offers_1 \(appointment_id>\? AND appointment_id<\?\))/;
      expect(plan(db, SOURCE_QUERIES.sums).join("\n")).toMatch(
        /SEARCH c USING INTEGER PRIMARY KEY \(rowid>\? AND rowid<\?\)/,
      );
      expect(plan(db, SOURCE_QUERIES.addonSums).join("\n")).toMatch(byKeyRange);
      for (const sql of [SOURCE_QUERIES.size, SOURCE_QUERIES.stale])
        expect(plan(db, sql).join("\n")).toMatch(/\(local_day>\? AND local_day<\?\)/);
      // The export streams in the index's order (day, then time): no temp B-tree to sort a year in.
      expect(plan(db, CHECKIN_EXPORT_SQL).join("\n")).toMatch(
        /SEARCH c USING INDEX check_ins_by_day \(local_day>\? AND local_day<\?\)/,
      );
      expect(plan(db, CHECKIN_EXPORT_SQL).join("\n")).not.toMatch(/TEMP B-TREE/);
      db.close();
    });
  }
});
