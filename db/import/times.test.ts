import { describe, expect, it } from "vitest";
import { localParts } from "../time";
import { bookingLength, spaTimeConverter } from "./times";

const NEW_YORK = "America/New_York";

describe("a booking's start in spa time", () => {
  it("becomes its UTC instant", () => {
    expect(spaTimeConverter(NEW_YORK)("2026-11-25", "14:00")).toEqual({ at: "2026-11-25T19:00:00.000Z" });
  });

  it("a time the clocks jump over is where the booking system's clock puts it, with a warning naming the time taken", () => {
    const converted = spaTimeConverter(NEW_YORK)("2026-03-08", "02:30");
    expect(converted.at).toBe("2026-03-08T07:30:00.000Z");
    expect(converted.warning).toBe(
      "02:30 on 2026-03-08 does not exist in America/New_York: the clocks jump forward an hour that night. It is imported as 03:30, where the booking system's clock puts it; check the booking's real time with the guest or the booking system.",
    );
  });

  it("a time that happens twice is the first one, with a warning for the desk", () => {
    const converted = spaTimeConverter(NEW_YORK)("2026-11-01", "01:30");
    expect(converted.at).toBe("2026-11-01T05:30:00.000Z");
    expect(converted.warning).toMatch(
      /happens twice in America\/New_York .* imported as the first, before the clocks go back: the desk, the kiosk and the slip read 1:30 AM [A-Z]DT\./,
    );
  });

  // Real tz data: the southern hemisphere's changes come in April and October, Lord Howe's are 30 minutes.
  const WORLD = [
    // zone, gap night, a time in the gap, imported as, overlap night, a time shown twice, first instant, the shift
    ["America/New_York", "2026-03-08", "02:30", "03:30", "2026-11-01", "01:30", "2026-11-01T05:30:00.000Z", "an hour"],
    ["Europe/London", "2026-03-29", "01:30", "02:30", "2026-10-25", "01:30", "2026-10-25T00:30:00.000Z", "an hour"],
    ["Australia/Sydney", "2026-10-04", "02:30", "03:30", "2026-04-05", "02:30", "2026-04-04T15:30:00.000Z", "an hour"],
    [
      "Australia/Lord_Howe",
      "2026-10-04",
      "02:15",
      "02:45",
      "2026-04-05",
      "01:45",
      "2026-04-04T14:45:00.000Z",
      "30 minutes",
    ],
  ] as const;

  it.each(WORLD)(
    "%s: a skipped time moves on by the change, a repeated one is the first, each said in the preview",
    (tz, gapDay, gap, taken, overlapDay, twice, first, shift) => {
      const convert = spaTimeConverter(tz);
      const skipped = convert(gapDay, gap);
      expect(localParts(skipped.at, tz)).toMatchObject({
        day: gapDay,
        hour: Number(taken.slice(0, 2)),
        minute: Number(taken.slice(3)),
      });
      expect(skipped.warning).toContain(
        `${gap} on ${gapDay} does not exist in ${tz}: the clocks jump forward ${shift} that night. It is imported as ${taken},`,
      );
      const repeated = convert(overlapDay, twice);
      expect(repeated.at).toBe(first);
      expect(repeated.warning).toContain(
        `${twice} on ${overlapDay} happens twice in ${tz} (the clocks go back ${shift} that night). It is imported as the first, before the clocks go back`,
      );
      // A minute either side of the repeated stretch happens once: no warning.
      const before = convert(
        overlapDay,
        twice.startsWith("01:45") ? "01:29" : `${String(Number(twice.slice(0, 2)) - 1).padStart(2, "0")}:59`,
      );
      expect(before.warning).toBeUndefined();
      expect(convert(overlapDay, "03:00").warning).toBeUndefined();
      // The same text again gives the same instant (a re-import moves nothing).
      expect(spaTimeConverter(tz)(gapDay, gap)).toEqual(skipped);
      expect(spaTimeConverter(tz)(overlapDay, twice)).toEqual(repeated);
    },
  );
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
