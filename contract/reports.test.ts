import { describe, expect, it } from "vitest";
import { dateRangeSchema, presetRange, reportChannels, reportInputSchema } from "./reports";

describe("report date ranges", () => {
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

  it("refuses a backwards, malformed or over-long range with a message on the field", () => {
    const backwards = dateRangeSchema.safeParse({ from: "2026-11-25", to: "2026-11-01" });
    expect(backwards.success).toBe(false);
    expect(backwards.error?.issues[0]).toMatchObject({ path: ["to"], message: "The start date must be on or before the end date." });
    expect(reportInputSchema.safeParse({ from: "2026-02-30", to: "2026-03-01" }).success).toBe(false);
    expect(reportInputSchema.safeParse({ from: "2020-01-01", to: "2026-01-01" }).error?.issues[0]?.message).toBe("Pick a range of at most five years.");
    expect(reportInputSchema.parse({ from: "2026-01-01", to: "2026-12-31" }).grain).toBe("day");
  });

  it("every report channel is for managers only", () => {
    expect(Object.values(reportChannels).map((c) => c.access)).toEqual(["manager", "manager", "manager", "manager"]);
  });
});
