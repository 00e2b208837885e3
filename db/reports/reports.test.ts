import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Figures, UptakeReport } from "../../contract/reports";
import type { DB } from "../open";
import { rangeParts, uptakeReport } from "./reports";
import { generateCheckIns } from "../test/generate";
import { tempDir, asModel } from "../test/helpers";
import { reportSpa } from "../test/report-fixture";
import {
  expectBookedAddsUp,
  guestArb,
  handWeek,
  playGuests,
  sparseSpa,
  SPARSE_RANGE,
  WEEK,
} from "../test/report-cases";

const fig = (f: Partial<Figures>) => expect.objectContaining(f);

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
      // Nobody in the hand-computed week answered screening questions.
      screening: expect.objectContaining({ total: { screenedOut: 0, therapistCheck: 0 } }),
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
      {
        channel: "desk",
        figures: fig({ checkIns: 1, offered: 0, taken: 0, takeRate: null, avgExtraMinutes: null }),
      },
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
  const sparse = sparseSpa;
  const RANGE = SPARSE_RANGE;

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

describe("uptake report: breakdowns add up", () => {
  it("every breakdown's totals equal the overall totals, whatever happened (property)", () => {
    fc.assert(
      fc.property(fc.array(guestArb, { maxLength: 14 }), (guests) => {
        const spa = reportSpa();
        const n = playGuests(spa, guests).length;
        // Guests fall on 9–22 Nov; the ranges have quiet days before and after, the second the whole of November (the
        // breakdowns read it from the monthly roll-ups).
        const ranges = [
          { from: "2026-11-04", to: "2026-11-26", periods: { day: 23, week: 4, month: 1 } },
          { from: "2026-10-26", to: "2026-12-06", periods: { day: 42, week: 6, month: 3 } },
        ];
        for (const [{ from, to, periods }, grain] of ranges.flatMap((range) =>
          (["day", "week", "month"] as const).map((g) => [range, g] as const),
        )) {
          const r: UptakeReport = uptakeReport(spa, { from, to, grain });
          const total = countsOf(r.totals);
          expect(r.totals.checkIns).toBe(n);
          expectCovers(r);
          expect(r.overTime).toHaveLength(periods[grain]);
          for (const p of r.overTime) if (p.figures.offered === 0) expect(p.figures.takeRate).toBeNull();
          expect(sumOf(r.overTime)).toEqual(total);
          expect(sumOf(r.byService)).toEqual(total);
          expect(sumOf(r.byTherapist)).toEqual(total);
          expect(sumOf(r.byChannel)).toEqual(total);
          expect(sumOf(r.byLanguage)).toEqual(total);
          expect(sumOf(r.weekdayHour)).toEqual(total);
          expectBookedAddsUp(spa.db, r);
          // The screening stages add up over service, channel and language to the guests counted from the answers.
          const screening = r.funnel.screening;
          const sumScreening = (rows: { screenedOut: number; therapistCheck: number }[]) => ({
            screenedOut: rows.reduce((s, x) => s + x.screenedOut, 0),
            therapistCheck: rows.reduce((s, x) => s + x.therapistCheck, 0),
          });
          const guests = (outcome: string) =>
            spa.db
              .prepare(
                "SELECT count(DISTINCT c.appointment_id) FROM check_ins c JOIN screening_answers x ON x.appointment_id = c.appointment_id WHERE x.outcome = ?",
              )
              .pluck()
              .get(outcome);
          expect(screening.total).toEqual({ screenedOut: guests("notToday"), therapistCheck: guests("check") });
          expect(sumScreening(screening.byService)).toEqual(screening.total);
          expect(sumScreening(screening.byChannel)).toEqual(screening.total);
          expect(sumScreening(screening.byLanguage)).toEqual(screening.total);
          expect(sumScreening(screening.byAddon).screenedOut).toBeGreaterThanOrEqual(screening.total.screenedOut);
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
