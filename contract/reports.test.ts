import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DAY_MAX, DAY_MIN } from "./common";
import {
  comparisonRange,
  dateRangeSchema,
  periodBounds,
  periodOf,
  periodsOf,
  presetRange,
  reportChannels,
  reportInputSchema,
  dayNumber,
  MAX_RANGE_DAYS,
} from "./reports";

describe("report date ranges", () => {
  it("compares a range with the days before it: the same weekdays, the same days of last month, or as many days", () => {
    expect(comparisonRange({ from: "2026-11-25", to: "2026-11-25" }, "today")).toEqual({
      from: "2026-11-24",
      to: "2026-11-24",
    });
    expect(comparisonRange(presetRange("thisWeek", "2026-11-25"), "thisWeek")).toEqual({
      from: "2026-11-16",
      to: "2026-11-18",
    });
    expect(comparisonRange(presetRange("last30", "2026-11-25"), "last30")).toEqual({
      from: "2026-09-27",
      to: "2026-10-26",
    });
    expect(comparisonRange(presetRange("thisMonth", "2026-12-12"), "thisMonth")).toEqual({
      from: "2026-11-01",
      to: "2026-11-12",
    });
    // 1–31 March against all of February, and January against last December.
    expect(comparisonRange(presetRange("thisMonth", "2026-03-31"), "thisMonth")).toEqual({
      from: "2026-02-01",
      to: "2026-02-28",
    });
    expect(comparisonRange(presetRange("thisMonth", "2027-01-05"), "thisMonth")).toEqual({
      from: "2026-12-01",
      to: "2026-12-05",
    });
    expect(comparisonRange({ from: "2026-03-01", to: "2026-03-10" }, "custom")).toEqual({
      from: "2026-02-19",
      to: "2026-02-28",
    });
  });

  it("presets count spa-local days; weeks start on Monday", () => {
    // Wednesday 25 Nov 2026.
    expect(presetRange("today", "2026-11-25")).toEqual({ from: "2026-11-25", to: "2026-11-25" });
    expect(presetRange("thisWeek", "2026-11-25")).toEqual({ from: "2026-11-23", to: "2026-11-25" });
    expect(presetRange("thisWeek", "2026-11-29")).toEqual({ from: "2026-11-23", to: "2026-11-29" }); // Sunday
    expect(presetRange("thisWeek", "2026-11-23")).toEqual({ from: "2026-11-23", to: "2026-11-23" }); // Monday
    expect(presetRange("last30", "2026-11-25")).toEqual({ from: "2026-10-27", to: "2026-11-25" });
    expect(presetRange("last30", "2026-03-10")).toEqual({ from: "2026-02-09", to: "2026-03-10" });
    expect(presetRange("thisMonth", "2026-11-25")).toEqual({ from: "2026-11-01", to: "2026-11-25" });
  });

  it("periods: a day, its Monday-started week or its month, each with the part of the range it covers", () => {
    expect(
      ["2026-03-08", "2026-03-09", "2026-11-01", "2026-11-02", "2027-01-03"].map((d) => periodOf(d, "week")),
    ).toEqual(["2026-03-02", "2026-03-09", "2026-10-26", "2026-11-02", "2026-12-28"]);
    expect(periodsOf({ from: "2028-02-27", to: "2028-03-02" }, "day").map((p) => p.period)).toEqual([
      "2028-02-27",
      "2028-02-28",
      "2028-02-29",
      "2028-03-01",
      "2028-03-02",
    ]);
    expect(periodsOf({ from: "2026-12-30", to: "2027-01-12" }, "week")).toEqual([
      { period: "2026-12-28", from: "2026-12-30", to: "2027-01-03" },
      { period: "2027-01-04", from: "2027-01-04", to: "2027-01-10" },
      { period: "2027-01-11", from: "2027-01-11", to: "2027-01-12" },
    ]);
    expect(periodsOf({ from: "2026-11-15", to: "2027-01-31" }, "month")).toEqual([
      { period: "2026-11", from: "2026-11-15", to: "2026-11-30" },
      { period: "2026-12", from: "2026-12-01", to: "2026-12-31" },
      { period: "2027-01", from: "2027-01-01", to: "2027-01-31" },
    ]);
    expect(periodBounds("2026-12-28", "week")).toEqual({ from: "2026-12-28", to: "2027-01-03" });
    expect(["2026-12", "2028-02", "2026-02", "2026-04"].map((m) => periodBounds(m, "month").to)).toEqual([
      "2026-12-31",
      "2028-02-29",
      "2026-02-28",
      "2026-04-30",
    ]);
    expect(periodsOf({ from: "2026-11-25", to: "2026-11-25" }, "week")).toEqual([
      { period: "2026-11-23", from: "2026-11-25", to: "2026-11-25" },
    ]);
  });

  it("refuses a backwards, malformed or over-long range with a message on the field", () => {
    const backwards = dateRangeSchema.safeParse({ from: "2026-11-25", to: "2026-11-01" });
    expect(backwards.success).toBe(false);
    expect(backwards.error?.issues[0]).toMatchObject({
      path: ["to"],
      message: "The start date must be on or before the end date.",
    });
    expect(reportInputSchema.safeParse({ from: "2026-02-30", to: "2026-03-01" }).success).toBe(false);
    expect(reportInputSchema.safeParse({ from: "2020-01-01", to: "2026-01-01" }).error?.issues[0]?.message).toBe(
      "Pick a range of at most five years.",
    );
    expect(reportInputSchema.parse({ from: "2026-01-01", to: "2026-12-31" }).grain).toBe("day");
  });

  it("takes days from 2000 to 2999 only: a typed 9999-12-31 or a year without four digits gets a message, never a walk without end", () => {
    for (const day of ["9999-12-31", "3000-01-01", "1999-12-31", "0099-01-01", "+010000-01-01"]) {
      const parsed = reportInputSchema.safeParse({ from: day, to: day });
      expect(parsed.error?.issues[0]?.message, day).toMatch(/^(Pick a date in the years 2000 to 2999\.|Invalid)/);
    }
    expect(reportInputSchema.safeParse({ from: DAY_MAX, to: DAY_MAX }).success).toBe(true);
    expect(reportInputSchema.safeParse({ from: DAY_MIN, to: DAY_MIN }).success).toBe(true);
  });

  it("any range the schema takes, at any grain, is walked in periods that cover its days once, in order (property)", () => {
    const first = dayNumber(DAY_MIN);
    const last = dayNumber(DAY_MAX);
    const dayOf = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);
    fc.assert(
      fc.property(
        // Ranges at the limits as often as inside them: the first and last days the app takes, and the longest range.
        fc.oneof(fc.integer({ min: first, max: last }), fc.constantFrom(first, last, last - MAX_RANGE_DAYS + 1)),
        fc.oneof(fc.integer({ min: 0, max: MAX_RANGE_DAYS - 1 }), fc.constant(MAX_RANGE_DAYS - 1)),
        fc.constantFrom("day", "week", "month"),
        (start, length, grain) => {
          const from = dayOf(Math.min(start, last - length));
          const to = dayOf(dayNumber(from) + length);
          const input = reportInputSchema.parse({ from, to, grain });
          const periods = periodsOf(input, input.grain);
          expect(periods[0]?.from).toBe(from);
          expect(periods.at(-1)?.to).toBe(to);
          let days = 0;
          for (const [i, p] of periods.entries()) {
            const whole = periodBounds(p.period, input.grain);
            expect(whole.from <= p.from && p.to <= whole.to).toBe(true);
            if (i > 0) expect(dayNumber(p.from)).toBe(dayNumber(periods[i - 1]?.to ?? "") + 1);
            days += dayNumber(p.to) - dayNumber(p.from) + 1;
          }
          expect(days).toBe(length + 1);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("every report channel is for managers only", () => {
    expect(Object.values(reportChannels).map((c) => c.access)).toEqual(["manager", "manager", "manager", "manager"]);
  });
});
