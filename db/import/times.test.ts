import { describe, expect, it } from "vitest";
import { bookingLength, spaTimeConverter } from "./times";

const NEW_YORK = "America/New_York";

describe("a booking's start in spa time", () => {
  it("becomes its UTC instant", () => {
    expect(spaTimeConverter(NEW_YORK)("2026-11-25", "14:00")).toEqual({ at: "2026-11-25T19:00:00.000Z" });
  });

  it("a time the clocks jump over is refused, naming the night", () => {
    expect(spaTimeConverter(NEW_YORK)("2026-03-08", "02:30").problem).toMatch(
      /^02:30 on 2026-03-08 does not exist in America\/New_York: the clocks jump forward/,
    );
  });

  it("a time that happens twice is the first one, with a warning for the desk", () => {
    const converted = spaTimeConverter(NEW_YORK)("2026-11-01", "01:30");
    expect(converted.at).toBe("2026-11-01T05:30:00.000Z");
    expect(converted.warning).toMatch(/happens twice in America\/New_York .* imported as the first one/);
  });
});

describe("a booking's length", () => {
  const start = "2026-11-25T19:00:00.000Z"; // 14:00 in New York

  it("comes from its Duration, or else its End time, or else from the service (null)", () => {
    expect(bookingLength(start, "1h 30m", "", NEW_YORK, "month-first")).toEqual({ minutes: 90 });
    expect(bookingLength(start, "", "15:15", NEW_YORK, "month-first")).toEqual({ minutes: 75 });
    expect(bookingLength(start, "", "", NEW_YORK, "month-first")).toBeNull();
  });

  it("outside 5 to 600 minutes is refused on its own column", () => {
    expect(bookingLength(start, "3", "", NEW_YORK, "month-first")).toMatchObject({ field: "duration" });
    expect(bookingLength(start, "", "13:00", NEW_YORK, "month-first")).toMatchObject({ field: "endTime" });
  });
});
