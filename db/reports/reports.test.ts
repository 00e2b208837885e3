import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Figures, UptakeReport } from "../../contract/reports";
import { CHECKIN_EXPORT_SQL } from "./export";
import { reportTables } from "../../contract/report-tables";
import { openDatabase, type DB } from "../open";
import { modelOf } from "../model";
import {
  applyCachePass,
  ensureScratchTables,
  prepareCachePass,
  REFRESH_QUERIES,
  refreshNewestStaleDays,
  refreshReportCache,
  refreshReportCachePass,
} from "./cache";
import { rangeParts, REPORT_QUERIES, uptakeReport } from "./reports";
import { generateCheckIns } from "../test/generate";
import { openTemp, tempDir, asModel } from "../test/helpers";
import { reportSpa } from "../test/report-fixture";

const WEEK = { from: "2026-11-16", to: "2026-11-22" } as const;

/**
 * The hand-computed week (Mon 16 – Sun 22 Nov 2026, Los Angeles, PST = UTC−8). Face $25/15 min,
 * scalp $20/10 min; every offer shows both.
 *   G1 Mon 10:00 Swedish Ana   kiosk face          → confirmed, printed
 *   G2 Mon 16:30 Deep Ben      kiosk face+scalp    → confirmed, printed   (checked in 16:20 PST = 00:20 UTC Tue)
 *   G3 Tue 11:00 Swedish Ana   kiosk "No thanks"   → confirmed (no add-on), printed
 *   G4 Wed 09:00 Swedish Ben   kiosk scalp (Spanish) → desk changes to face, printed
 *   G5 Wed 14:00 Deep Ana      kiosk face          → confirmed, then voided
 *   G6 Thu 10:00 Reflexology Ben, checked in at the DESK, no add-ons for this service
 *   G7 Fri 12:00 Swedish Ana   kiosk scalp (Spanish) → still awaiting the desk
 *   G8 Sat 15:00 Deep Ben      kiosk face          → confirmed, ticket not printed yet
 *   G9 Sun 10:00 Swedish Ana   kiosk "No thanks"   → desk adds scalp, printed
 *   plus a Sat no-show, and check-ins on Sun 15 and Mon 23 just outside the range.
 */
function handWeek() {
  const spa = reportSpa();
  const g = (day: string, time: string, s: "swedish" | "deep" | "reflexology", t: "ana" | "ben") =>
    spa.book(day, time, s, t);
  const checkIn = (day: string, time: string) => spa.localIso(day, time);

  const g1 = g("2026-11-16", "10:00", "swedish", "ana");
  spa.kiosk(g1, checkIn("2026-11-16", "09:50"), ["face"]);
  spa.confirm(g1, checkIn("2026-11-16", "09:55"));
  spa.printed(g1);

  const g2 = g("2026-11-16", "16:30", "deep", "ben");
  expect(checkIn("2026-11-16", "16:20")).toBe("2026-11-17T00:20:00.000Z");
  spa.kiosk(g2, checkIn("2026-11-16", "16:20"), ["face", "scalp"]);
  spa.confirm(g2, checkIn("2026-11-16", "16:25"));
  spa.printed(g2);

  const g3 = g("2026-11-17", "11:00", "swedish", "ana");
  spa.kiosk(g3, checkIn("2026-11-17", "10:52"), []);
  spa.confirm(g3, checkIn("2026-11-17", "10:55"));
  spa.printed(g3);

  const g4 = g("2026-11-18", "09:00", "swedish", "ben");
  spa.kiosk(g4, checkIn("2026-11-18", "08:50"), ["scalp"], "es");
  spa.confirm(g4, checkIn("2026-11-18", "08:55"));
  spa.deskChange(g4, ["face"]);
  spa.printed(g4);

  const g5 = g("2026-11-18", "14:00", "deep", "ana");
  spa.kiosk(g5, checkIn("2026-11-18", "13:45"), ["face"]);
  spa.confirm(g5, checkIn("2026-11-18", "13:50"));
  spa.deskVoid(g5);

  const g6 = g("2026-11-19", "10:00", "reflexology", "ben");
  spa.deskCheckIn(g6, checkIn("2026-11-19", "09:58"));

  const g7 = g("2026-11-20", "12:00", "swedish", "ana");
  spa.kiosk(g7, checkIn("2026-11-20", "11:40"), ["scalp"], "es");

  const g8 = g("2026-11-21", "15:00", "deep", "ben");
  g("2026-11-21", "18:00", "swedish", "ben"); // no-show
  spa.kiosk(g8, checkIn("2026-11-21", "14:50"), ["face"]);
  spa.confirm(g8, checkIn("2026-11-21", "14:55"));

  const g9 = g("2026-11-22", "10:00", "swedish", "ana");
  spa.kiosk(g9, checkIn("2026-11-22", "09:45"), []);
  spa.confirm(g9, checkIn("2026-11-22", "09:50"));
  spa.deskChange(g9, ["scalp"]);
  spa.printed(g9);

  const before = g("2026-11-15", "10:00", "swedish", "ana");
  spa.kiosk(before, checkIn("2026-11-15", "09:50"), ["face"]);
  const after = g("2026-11-23", "10:00", "swedish", "ana");
  spa.kiosk(after, checkIn("2026-11-23", "09:50"), ["face", "scalp"]);
  return spa;
}

const fig = (f: Partial<Figures>) => expect.objectContaining(f);

/** Throws the whole cache away and marks every check-in stale: the next report computes it from the source tables. */
function rebuildFromScratch(db: DB) {
  for (const t of [
    "report_cells",
    "report_addon_cells",
    "report_month_cells",
    "report_addon_month_cells",
    "report_facts",
    "report_addon_facts",
  ])
    db.exec(`DELETE FROM ${t}`);
  db.exec(
    "INSERT OR IGNORE INTO report_stale (local_day, appointment_id) SELECT local_day, appointment_id FROM check_ins",
  );
}
/** Every row of the cache, in key order. */
const cacheRows = (db: DB) =>
  [
    "report_cells ORDER BY dim, local_day, key",
    "report_addon_cells ORDER BY dim, local_day, key, addon_id",
    "report_month_cells ORDER BY dim, month, key",
    "report_addon_month_cells ORDER BY dim, month, key, addon_id",
    "report_facts ORDER BY appointment_id",
    "report_addon_facts ORDER BY appointment_id, addon_id",
  ].map((t) => db.prepare(`SELECT * FROM ${t}`).all());

describe("uptake report: the hand-computed week", () => {
  it("matches every figure computed by hand", () => {
    const spa = handWeek();
    const r = uptakeReport(spa, { ...WEEK, grain: "day" });
    expect(r.range).toEqual(WEEK);
    expect(r.timeZone).toBe("America/Los_Angeles");
    expect(r.totals).toEqual({
      checkIns: 9,
      offered: 8,
      offeredMulti: 8,
      acceptedAtKiosk: 6, // G1 G2 G4 G5 G7 G8
      addedAtDesk: 2, // G4 face, G9 scalp
      confirmed: 6, // G1 G2 G3 G4 G8 G9
      voided: 1, // G5
      taken: 6, // G1 G2 G4 G7 G8 G9
      takenMulti: 1, // G2
      revenueCents: 2500 + 4500 + 2500 + 2000 + 2500 + 2000,
      extraMinutes: 15 + 25 + 15 + 10 + 15 + 10,
      takeRate: 6 / 8,
      bothRate: 1 / 8,
      avgExtraMinutes: 90 / 6,
    });
    expect(r.byAddon).toEqual([
      {
        addonId: spa.addons.face,
        code: "face",
        title: "Face massage",
        shown: 8,
        chosenAtKiosk: 4,
        taken: 4,
        revenueCents: 10000,
        extraMinutes: 60,
        takeRate: 0.5,
      },
      {
        addonId: spa.addons.scalp,
        code: "scalp",
        title: "Scalp massage",
        shown: 8,
        chosenAtKiosk: 3,
        taken: 3,
        revenueCents: 6000,
        extraMinutes: 30,
        takeRate: 3 / 8,
      },
    ]);
    expect(r.funnel).toEqual({
      steps: [
        { key: "offered", count: 8, dropOff: 0, dropOffRate: null },
        { key: "accepted", count: 7, dropOff: 1, dropOffRate: 1 / 8 }, // G3 never took one
        { key: "confirmed", count: 5, dropOff: 2, dropOffRate: 2 / 7 }, // G5 voided, G7 pending
        { key: "printed", count: 4, dropOff: 1, dropOffRate: 1 / 5 }, // G8 not printed
      ],
      deskReviewed: 7, // G1 G2 G3 G4 G5 G8 G9
      overridden: 3, // G4 changed, G5 voided a pick, G9 added
      overrideRate: 3 / 7,
      screening: [], // nobody in the hand-computed week answered screening questions
    });
    // G2 checked in after UTC midnight but on Monday in Los Angeles.
    expect(r.overTime.map((p) => [p.period, p.figures.checkIns, p.figures.taken, p.figures.revenueCents])).toEqual([
      ["2026-11-16", 2, 2, 7000],
      ["2026-11-17", 1, 0, 0],
      ["2026-11-18", 2, 1, 2500],
      ["2026-11-19", 1, 0, 0],
      ["2026-11-20", 1, 1, 2000],
      ["2026-11-21", 1, 1, 2500],
      ["2026-11-22", 1, 1, 2000],
    ]);
    expect(
      r.byService.map((s) => [s.name, s.figures.checkIns, s.figures.offered, s.figures.taken, s.figures.revenueCents]),
    ).toEqual([
      ["Deep tissue", 3, 3, 2, 7000],
      ["Reflexology", 1, 0, 0, 0],
      ["Swedish", 5, 5, 4, 9000],
    ]);
    expect(
      r.byTherapist.map((s) => [
        s.name,
        s.figures.checkIns,
        s.figures.taken,
        s.figures.takeRate,
        s.figures.revenueCents,
      ]),
    ).toEqual([
      ["Ana Ruiz", 5, 3, 3 / 5, 6500],
      ["Ben Ode", 4, 3, 1, 9500],
    ]);
    expect(r.byChannel).toEqual([
      { channel: "kiosk", figures: fig({ checkIns: 8, offered: 8, taken: 6, takeRate: 0.75 }) },
      { channel: "desk", figures: fig({ checkIns: 1, offered: 0, taken: 0, takeRate: null, avgExtraMinutes: null }) },
    ]);
    // By the kiosk's language: the desk check-in has none, G4 and G7 used Spanish.
    expect(r.byLanguage).toEqual([
      { language: null, figures: fig({ checkIns: 1, offered: 0, taken: 0, takeRate: null }) },
      { language: "en", figures: fig({ checkIns: 6, offered: 6, taken: 4, takeRate: 4 / 6 }) },
      { language: "es", figures: fig({ checkIns: 2, offered: 2, taken: 2, takeRate: 1 }) },
    ]);
    expect(r.weekdayHour.map((c) => [c.weekday, c.hour, c.figures.checkIns, c.figures.taken])).toEqual([
      [0, 9, 1, 1],
      [1, 9, 1, 1],
      [1, 16, 1, 1],
      [2, 10, 1, 0],
      [3, 8, 1, 1],
      [3, 13, 1, 0],
      [4, 9, 1, 0],
      [5, 11, 1, 1],
      [6, 14, 1, 1],
    ]);
    const weekly = uptakeReport(spa, { ...WEEK, grain: "week" });
    expect(weekly.overTime).toEqual([
      { period: "2026-11-16", from: "2026-11-16", to: "2026-11-22", figures: r.totals },
    ]);
    const monthly = uptakeReport(spa, { from: "2026-11-01", to: "2026-11-30", grain: "month" });
    expect(monthly.overTime.map((p) => [p.period, p.figures.checkIns])).toEqual([["2026-11", 11]]);
  });

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

  it("shows null rates (never NaN) for a range without check-ins", () => {
    const spa = handWeek();
    const r = uptakeReport(spa, { from: "2026-12-01", to: "2026-12-31", grain: "day" });
    expect(r.totals).toMatchObject({
      checkIns: 0,
      offered: 0,
      takeRate: null,
      bothRate: null,
      avgExtraMinutes: null,
      revenueCents: 0,
    });
    expect(r.funnel.overrideRate).toBeNull();
    expect(r.funnel.steps.every((s) => s.dropOffRate === null)).toBe(true);
    expect(JSON.stringify(r)).not.toContain("NaN");
  });
});

const ZERO_FIGURES: Figures = {
  checkIns: 0,
  offered: 0,
  offeredMulti: 0,
  acceptedAtKiosk: 0,
  addedAtDesk: 0,
  confirmed: 0,
  voided: 0,
  taken: 0,
  takenMulti: 0,
  revenueCents: 0,
  extraMinutes: 0,
  takeRate: null,
  bothRate: null,
  avgExtraMinutes: null,
};

/** Periods cover the range exactly: in order, no gap, no overlap, each inside its own period. */
function expectCovers(r: UptakeReport) {
  expect(r.overTime[0]?.from).toBe(r.range.from);
  expect(r.overTime.at(-1)?.to).toBe(r.range.to);
  r.overTime.forEach((p, i) => {
    expect(p.from <= p.to).toBe(true);
    const prev = r.overTime[i - 1];
    if (prev) expect(Date.parse(p.from) - Date.parse(prev.to)).toBe(86_400_000);
  });
}

describe("uptake report: every period of the range, quiet ones too", () => {
  /** Check-ins on Tue 22 Sep, Tue 17 Nov and Wed 2 Dec 2026 only; the range runs Sun 30 Aug 2026 – Tue 5 Jan 2027. */
  function sparse() {
    const spa = reportSpa();
    for (const [day, pick] of [
      ["2026-09-22", ["face"]],
      ["2026-11-17", []],
      ["2026-12-02", ["face", "scalp"]],
    ] as const) {
      const id = spa.book(day, "10:00", "swedish", "ana");
      spa.kiosk(id, spa.localIso(day, "09:50"), [...pick]);
    }
    return spa;
  }
  const RANGE = { from: "2026-08-30", to: "2027-01-05" } as const;

  it("by day: 129 days, empty ones at both ends and in the middle with zero counts and null rates", () => {
    const r = uptakeReport(sparse(), { ...RANGE, grain: "day" });
    expect(r.overTime).toHaveLength(129);
    expectCovers(r);
    expect(r.overTime.every((p) => p.period === p.from && p.from === p.to)).toBe(true);
    const busy = r.overTime.filter((p) => p.figures.checkIns > 0);
    expect(busy.map((p) => [p.period, p.figures.offered, p.figures.taken, p.figures.takeRate])).toEqual([
      ["2026-09-22", 1, 1, 1],
      ["2026-11-17", 1, 0, 0],
      ["2026-12-02", 1, 1, 1],
    ]);
    for (const quiet of r.overTime.filter((p) => p.figures.checkIns === 0)) expect(quiet.figures).toEqual(ZERO_FIGURES);
    expect(r.overTime[0]?.figures).toEqual(ZERO_FIGURES); // Sun 30 Aug, first day
    expect(r.overTime.at(-1)?.figures).toEqual(ZERO_FIGURES); // Tue 5 Jan, last day
    expect(JSON.stringify(r)).not.toContain("NaN");
  });

  it("by week: Monday-started weeks, partial at the ends, empty weeks between", () => {
    const r = uptakeReport(sparse(), { ...RANGE, grain: "week" });
    expectCovers(r);
    expect(r.overTime).toHaveLength(20); // the weeks of Mon 24 Aug … Mon 4 Jan
    expect(r.overTime[0]).toEqual({
      period: "2026-08-24",
      from: "2026-08-30",
      to: "2026-08-30",
      figures: ZERO_FIGURES,
    });
    expect(r.overTime.at(-1)).toEqual({
      period: "2027-01-04",
      from: "2027-01-04",
      to: "2027-01-05",
      figures: ZERO_FIGURES,
    });
    expect(r.overTime.every((p) => new Date(`${p.period}T00:00:00Z`).getUTCDay() === 1)).toBe(true);
    expect(
      r.overTime.filter((p) => p.figures.checkIns > 0).map((p) => [p.period, p.from, p.to, p.figures.checkIns]),
    ).toEqual([
      ["2026-09-21", "2026-09-21", "2026-09-27", 1],
      ["2026-11-16", "2026-11-16", "2026-11-22", 1],
      ["2026-11-30", "2026-11-30", "2026-12-06", 1],
    ]);
    expect(r.overTime.filter((p) => p.figures.checkIns === 0)).toHaveLength(17);
  });

  it("by month: partial months at both ends, an empty October in the middle", () => {
    const r = uptakeReport(sparse(), { ...RANGE, grain: "month" });
    expectCovers(r);
    expect(r.overTime.map((p) => [p.period, p.from, p.to, p.figures.checkIns, p.figures.takeRate])).toEqual([
      ["2026-08", "2026-08-30", "2026-08-31", 0, null],
      ["2026-09", "2026-09-01", "2026-09-30", 1, 1],
      ["2026-10", "2026-10-01", "2026-10-31", 0, null],
      ["2026-11", "2026-11-01", "2026-11-30", 1, 0],
      ["2026-12", "2026-12-01", "2026-12-31", 1, 1],
      ["2027-01", "2027-01-01", "2027-01-05", 0, null],
    ]);
  });

  it("the Over time table of the CSV and Excel exports has the same periods, an undefined rate as an empty cell", () => {
    const spa = sparse();
    for (const grain of ["day", "week", "month"] as const) {
      const r = uptakeReport(spa, { ...RANGE, grain });
      const table = reportTables(r).find((t) => t.key === "overTime");
      expect(table?.rows.map((row) => row[0])).toEqual(r.overTime.map((p) => p.period));
      const rate = table?.header.indexOf("Take rate (%)") ?? -1;
      expect(rate).toBeGreaterThan(0);
      const quiet = r.overTime.findIndex((p) => p.figures.checkIns === 0);
      expect(table?.rows[quiet]?.[rate]).toBeNull();
      expect(table?.rows[quiet]?.[table.header.indexOf("Check-ins")]).toBe(0);
    }
    const weekly = reportTables(uptakeReport(spa, { ...RANGE, grain: "week" })).find((t) => t.key === "overTime");
    expect(weekly?.header.slice(0, 3)).toEqual(["Week of (Monday)", "From", "To"]);
    expect(weekly?.rows[0]?.slice(0, 3)).toEqual(["2026-08-24", "2026-08-30", "2026-08-30"]);
  });

  it("weeks across daylight-saving changes: a check-in late on the Sunday stays in its week, Monday just after midnight starts the next", () => {
    const spa = reportSpa();
    const at = (iso: string, day: string) => spa.kiosk(spa.book(day, "23:55", "swedish", "ana"), iso, ["face"]);
    at("2026-03-09T06:30:00.000Z", "2026-03-08"); // Sun 8 Mar 23:30 PDT (clocks sprang forward that morning)
    at("2026-03-09T07:30:00.000Z", "2026-03-09"); // Mon 9 Mar 00:30 PDT
    at("2026-11-02T07:30:00.000Z", "2026-11-01"); // Sun 1 Nov 23:30 PST (clocks fell back that morning)
    at("2026-11-02T08:10:00.000Z", "2026-11-02"); // Mon 2 Nov 00:10 PST
    const spring = uptakeReport(spa, { from: "2026-03-01", to: "2026-03-15", grain: "week" });
    expect(spring.overTime.map((p) => [p.period, p.from, p.to, p.figures.checkIns])).toEqual([
      ["2026-02-23", "2026-03-01", "2026-03-01", 0],
      ["2026-03-02", "2026-03-02", "2026-03-08", 1],
      ["2026-03-09", "2026-03-09", "2026-03-15", 1],
    ]);
    const fall = uptakeReport(spa, { from: "2026-10-26", to: "2026-11-08", grain: "week" });
    expect(fall.overTime.map((p) => [p.period, p.to, p.figures.checkIns])).toEqual([
      ["2026-10-26", "2026-11-01", 1],
      ["2026-11-02", "2026-11-08", 1],
    ]);
    const days = uptakeReport(spa, { from: "2026-03-07", to: "2026-03-10", grain: "day" });
    expect(days.overTime.map((p) => [p.period, p.figures.checkIns])).toEqual([
      ["2026-03-07", 0],
      ["2026-03-08", 1],
      ["2026-03-09", 1],
      ["2026-03-10", 0],
    ]);
  });
});

describe("uptake report: time zone", () => {
  it("puts check-ins on the spa's day and hour across US spring-forward and fall-back", () => {
    const spa = reportSpa();
    const checkInAt = (iso: string, day: string, time: string) => {
      const id = spa.book(day, time, "swedish", "ana");
      spa.kiosk(id, iso, ["face"]);
    };
    // Sat 7 Mar 23:30 PST is already Sunday in UTC.
    checkInAt("2026-03-08T07:30:00.000Z", "2026-03-07", "23:40");
    // Sun 8 Mar: 02:00 PST jumps to 03:00 PDT; 03:30 PDT = 10:30 UTC.
    checkInAt("2026-03-08T10:30:00.000Z", "2026-03-08", "03:40");
    // Sun 1 Nov: 01:30 happens twice, first PDT (08:30 UTC) then PST (09:30 UTC).
    checkInAt("2026-11-01T08:30:00.000Z", "2026-11-01", "01:40");
    const second = spa.book("2026-11-01", "04:00", "deep", "ben");
    spa.kiosk(second, "2026-11-01T09:30:00.000Z", ["scalp"]);

    const march = uptakeReport(spa, { from: "2026-03-07", to: "2026-03-08", grain: "day" });
    expect(march.overTime.map((p) => [p.period, p.figures.checkIns])).toEqual([
      ["2026-03-07", 1],
      ["2026-03-08", 1],
    ]);
    expect(march.weekdayHour.map((c) => [c.weekday, c.hour])).toEqual([
      [0, 3],
      [6, 23],
    ]);
    const fallBack = uptakeReport(spa, { from: "2026-11-01", to: "2026-11-01", grain: "day" });
    expect(fallBack.totals.checkIns).toBe(2);
    expect(fallBack.weekdayHour).toEqual([
      { weekday: 0, hour: 1, figures: expect.objectContaining({ checkIns: 2, taken: 2 }) },
    ]);
    expect(uptakeReport(spa, { from: "2026-10-31", to: "2026-10-31", grain: "day" }).totals.checkIns).toBe(0);
  });
});

const COUNTS = [
  "checkIns",
  "offered",
  "offeredMulti",
  "acceptedAtKiosk",
  "addedAtDesk",
  "confirmed",
  "voided",
  "taken",
  "takenMulti",
  "revenueCents",
  "extraMinutes",
] as const;
const sumOf = (parts: { figures: Figures }[]) =>
  Object.fromEntries(COUNTS.map((k) => [k, parts.reduce((s, p) => s + p.figures[k], 0)]));
const countsOf = (f: Figures) => Object.fromEntries(COUNTS.map((k) => [k, f[k]]));

/** A random guest of the fortnight 9–22 Nov 2026 and what happened to them. */
const guestArb = fc.record({
  day: fc.integer({ min: 0, max: 13 }),
  hour: fc.integer({ min: 8, max: 18 }),
  service: fc.constantFrom("swedish" as const, "deep" as const, "reflexology" as const),
  therapist: fc.constantFrom("ana" as const, "ben" as const),
  atDesk: fc.boolean(),
  pick: fc.option(fc.subarray(["face", "scalp"] as ("face" | "scalp")[]), { nil: null }),
  desk: fc.constantFrom("none", "confirm", "void", "change-face", "change-none"),
  printed: fc.boolean(),
});
type Guest = typeof guestArb extends fc.Arbitrary<infer G> ? G : never;
const fortnightDay = (i: number) => `2026-11-${String(9 + i).padStart(2, "0")}`;

/** Books and checks in the guests (one per therapist and day, which keeps every add-on available); returns their appointments. */
function playGuests(spa: ReturnType<typeof reportSpa>, guests: Guest[], used = new Set<string>()): number[] {
  const ids: number[] = [];
  for (const g of guests) {
    const key = `${g.day}-${g.therapist}`;
    if (used.has(key)) continue;
    used.add(key);
    const day = fortnightDay(g.day);
    const id = spa.book(day, `${String(g.hour).padStart(2, "0")}:00`, g.service, g.therapist);
    ids.push(id);
    const checkInIso = spa.localIso(day, `${String(g.hour - 1).padStart(2, "0")}:50`);
    if (g.atDesk) {
      spa.deskCheckIn(id, checkInIso);
      continue;
    }
    spa.kiosk(id, checkInIso, g.service === "reflexology" ? null : g.pick);
    if (g.desk === "none") continue;
    spa.confirm(id, checkInIso);
    const hasOffer = spa.db.prepare("SELECT 1 FROM offers WHERE appointment_id = ?").get(id) !== undefined;
    if (hasOffer && g.desk === "void") spa.deskVoid(id);
    if (hasOffer && g.desk === "change-face") spa.deskChange(id, ["face"]);
    if (hasOffer && g.desk === "change-none") spa.deskChange(id, []);
    if (g.printed) spa.printed(id);
  }
  return ids;
}

describe("uptake report: breakdowns add up", () => {
  it("every breakdown's totals equal the overall totals, whatever happened (property)", () => {
    fc.assert(
      fc.property(fc.array(guestArb, { maxLength: 14 }), (guests) => {
        const spa = reportSpa();
        const n = playGuests(spa, guests).length;
        for (const grain of ["day", "week", "month"] as const) {
          // Guests fall on 9–22 Nov; the range has quiet days before and after.
          const r: UptakeReport = uptakeReport(spa, { from: "2026-11-04", to: "2026-11-26", grain });
          const total = countsOf(r.totals);
          expect(r.totals.checkIns).toBe(n);
          expectCovers(r);
          expect(r.overTime).toHaveLength({ day: 23, week: 4, month: 1 }[grain]);
          for (const p of r.overTime) if (p.figures.offered === 0) expect(p.figures.takeRate).toBeNull();
          expect(sumOf(r.overTime)).toEqual(total);
          expect(sumOf(r.byService)).toEqual(total);
          expect(sumOf(r.byTherapist)).toEqual(total);
          expect(sumOf(r.byChannel)).toEqual(total);
          expect(sumOf(r.byLanguage)).toEqual(total);
          expect(sumOf(r.weekdayHour)).toEqual(total);
          expect(r.byAddon.reduce((s, a) => s + a.revenueCents, 0)).toBe(r.totals.revenueCents);
          expect(r.byAddon.reduce((s, a) => s + a.extraMinutes, 0)).toBe(r.totals.extraMinutes);
          const [offered, accepted, confirmed, printed] = r.funnel.steps.map((s) => s.count) as [
            number,
            number,
            number,
            number,
          ];
          expect(offered >= accepted && accepted >= confirmed && confirmed >= printed).toBe(true);
          expect(r.totals.taken).toBeLessThanOrEqual(r.totals.offered);
        }
      }),
      { numRuns: 25 },
    );
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
  };
  const REPORT_RANGE = { from: "2026-11-04", to: "2026-11-26" } as const;
  const NOVEMBER = { from: "2026-11-01", to: "2026-11-30" } as const;

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
          // Days only, and the whole month of November from the monthly roll-ups.
          const all = () =>
            [REPORT_RANGE, NOVEMBER].flatMap((range) =>
              (["day", "week", "month"] as const).map((grain) => uptakeReport(spa, { ...range, grain })),
            );
          const reports = all();
          const incremental = cacheRows(spa.db);
          rebuildFromScratch(spa.db);
          expect(all()).toEqual(reports);
          expect(cacheRows(spa.db)).toEqual(incremental);
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
          const all = () =>
            [REPORT_RANGE, NOVEMBER].flatMap((range) =>
              (["day", "week", "month"] as const).map((grain) => uptakeReport(spa, { ...range, grain })),
            );
          const reports = all();
          const incremental = cacheRows(spa.db);
          rebuildFromScratch(spa.db);
          expect(all()).toEqual(reports);
          expect(cacheRows(spa.db)).toEqual(incremental);
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe("uptake report: whole months from the monthly roll-ups, the days around them from the daily cells", () => {
  it("splits a range into its odd days and whole months", () => {
    expect(rangeParts("2025-11-25", "2026-11-24")).toEqual({
      from: "2025-11-25",
      headTo: "2025-11-30",
      firstMonth: "2025-12",
      lastMonth: "2026-10",
      tailFrom: "2026-11-01",
      to: "2026-11-24",
    });
    expect(rangeParts("2026-02-01", "2026-02-28")).toEqual({
      from: "2026-02-01",
      headTo: "2026-01-31",
      firstMonth: "2026-02",
      lastMonth: "2026-02",
      tailFrom: "2026-03-01",
      to: "2026-02-28",
    });
    expect(rangeParts("2026-03-05", "2026-03-20")).toEqual({
      from: "2026-03-05",
      headTo: "2026-03-20",
      firstMonth: "2026-04",
      lastMonth: "2026-02",
      tailFrom: "2026-03-21",
      to: "2026-03-20",
    });
    expect(rangeParts("2026-04-30", "2026-05-01")).toMatchObject({ headTo: "2026-05-01", tailFrom: "2026-05-02" });
  });

  /** Breakdowns counted straight from the source tables, the cache's oracle. */
  function fromSource(db: DB, from: string, to: string) {
    const q = (select: string, group: string) =>
      db
        .prepare(
          `SELECT ${select} AS k, count(*) AS checkIns, sum(coalesce(o.status != 'voided' AND EXISTS (SELECT 1 FROM offer_items i WHERE i.offer_id = o.id AND i.final_selected), 0)) AS taken
           FROM check_ins c JOIN appointments a ON a.id = c.appointment_id LEFT JOIN offers o ON o.appointment_id = c.appointment_id
           WHERE c.local_day BETWEEN ? AND ? GROUP BY ${group} ORDER BY k`,
        )
        .all(from, to);
    return {
      therapist: q("a.therapist_id", "a.therapist_id"),
      service: q("a.service_id", "a.service_id"),
      channel: q("c.channel = 'desk'", "c.channel"),
      weekdayHour: q("c.local_weekday * 24 + c.local_hour", "c.local_weekday, c.local_hour"),
      addons: db
        .prepare(
          `SELECT i.addon_id AS k, sum(i.shown) AS shown, sum(i.final_selected AND o.status != 'voided') AS taken
           FROM check_ins c JOIN offers o ON o.appointment_id = c.appointment_id JOIN offer_items i ON i.offer_id = o.id
           WHERE c.local_day BETWEEN ? AND ? GROUP BY i.addon_id ORDER BY k`,
        )
        .all(from, to),
    };
  }
  const fromReport = (r: UptakeReport) => {
    const kt = (k: number, f: Figures) => ({ k, checkIns: f.checkIns, taken: f.taken });
    return {
      therapist: r.byTherapist.map((x) => kt(x.id, x.figures)).sort((a, b) => a.k - b.k),
      service: r.byService.map((x) => kt(x.id, x.figures)).sort((a, b) => a.k - b.k),
      channel: r.byChannel.map((x) => kt(x.channel === "desk" ? 1 : 0, x.figures)),
      weekdayHour: r.weekdayHour.map((x) => kt(x.weekday * 24 + x.hour, x.figures)),
      addons: r.byAddon.map((a) => ({ k: a.addonId, shown: a.shown, taken: a.taken })),
    };
  };
  const RANGES = [
    ["2025-11-25", "2026-11-24"], // the year: 6 days, 11 months, 24 days
    ["2026-02-01", "2026-02-28"], // one whole month
    ["2026-01-31", "2026-03-01"], // a day, February, a day
    ["2026-03-05", "2026-03-20"], // no whole month
    ["2026-04-30", "2026-05-01"], // across a month's end
  ] as const;

  it("match the check-ins counted from the source tables for any range, before and after changes", () => {
    const { db } = generateCheckIns(path.join(tempDir(), "year.sqlite3"), 20_000);
    const check = () => {
      for (const [from, to] of RANGES)
        expect(fromReport(uptakeReport(asModel(db), { from, to, grain: "day" })), `${from} … ${to}`).toEqual(
          fromSource(db, from, to),
        );
    };
    check();
    // Changes inside whole months and in the odd days: voids, another therapist, a check-in moved across months.
    db.prepare(
      "UPDATE offers SET status = 'voided' WHERE appointment_id IN (SELECT appointment_id FROM check_ins WHERE local_day IN ('2026-02-10', '2026-11-03'))",
    ).run();
    db.prepare(
      "UPDATE appointments SET therapist_id = 1 WHERE id IN (SELECT appointment_id FROM check_ins WHERE local_day = '2026-01-31')",
    ).run();
    db.prepare(
      "UPDATE check_ins SET local_day = '2026-05-01', local_weekday = 5 WHERE appointment_id IN (SELECT appointment_id FROM check_ins WHERE local_day = '2026-02-14' LIMIT 5)",
    ).run();
    check();
    db.close();
  });
});

describe("uptake report: query plans", () => {
  const BIG = /\bSCAN (check_ins|offers|offer_items|appointments|tickets|print_jobs|report_\w+)\b/;
  const plan = (db: DB, sql: string) =>
    (
      db
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all({ ...rangeParts("2025-12-20", "2026-12-10"), days: 7, limit: 1000 }) as {
        detail: string;
      }[]
    ).map((r) => r.detail);
  // newestStaleDays walks report_stale's key from the newest end and stops after a few days (asserted below).
  const queries = [
    ...Object.values(REPORT_QUERIES),
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
      // The export streams in the index's order (day, then time): no temp B-tree to sort a year in.
      expect(plan(db, CHECKIN_EXPORT_SQL).join("\n")).toMatch(
        /SEARCH c USING INDEX check_ins_by_day \(local_day>\? AND local_day<\?\)/,
      );
      expect(plan(db, CHECKIN_EXPORT_SQL).join("\n")).not.toMatch(/TEMP B-TREE/);
      db.close();
    });
  }
});
