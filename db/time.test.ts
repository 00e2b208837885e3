import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { shownTwice } from "../contract/clock-time";
import { anyZone, instantNear } from "./test/zones";
import { addDays, clockTimeLocal, localParts, zonedToUtc } from "./time";

describe("spa time zone", () => {
  it("gives the local calendar day of an instant that is already tomorrow in UTC", () => {
    expect(localParts("2026-11-26T05:30:00.000Z", "America/Los_Angeles")).toMatchObject({
      day: "2026-11-25",
      hour: 21,
      minute: 30,
      weekday: 3,
    });
  });

  it("gives every instant its own local time, across minutes, zones and a daylight-saving change", () => {
    // The reference reads the clock another way than localParts: Swedish dates are written 2026-11-01 01:30:00.
    const reference = (ms: number, timeZone: string) => {
      const [day, time = ""] = new Date(ms).toLocaleString("sv-SE", { timeZone }).split(" ");
      const [hour, minute] = time.split(":").map(Number);
      return { day, hour, minute };
    };
    // Every 7 s for an hour around the fall-back change, alternating zones so no answer is reused wrongly.
    const start = Date.parse("2026-11-01T08:30:00.000Z");
    for (let ms = start; ms < start + 3_600_000; ms += 7_000) {
      for (const tz of ["America/Los_Angeles", "Asia/Kolkata", "Australia/Eucla"]) {
        expect(localParts(new Date(ms), tz), `${new Date(ms).toISOString()} ${tz}`).toMatchObject(reference(ms, tz));
      }
    }
  });

  it("hands out an answer its caller can change without changing the next one", () => {
    const first = localParts("2026-11-26T05:30:10.000Z", "America/Los_Angeles");
    first.day = "changed";
    expect(localParts("2026-11-26T05:30:20.000Z", "America/Los_Angeles").day).toBe("2026-11-25");
  });

  it("converts wall-clock times across daylight-saving changes", () => {
    expect(zonedToUtc("2026-07-01", "09:00", "America/Los_Angeles").toISOString()).toBe("2026-07-01T16:00:00.000Z");
    expect(zonedToUtc("2026-12-01", "09:00", "America/Los_Angeles").toISOString()).toBe("2026-12-01T17:00:00.000Z");
    // 02:30 does not exist on 8 March 2026 in Los Angeles: it becomes 03:30 PDT.
    expect(zonedToUtc("2026-03-08", "02:30", "America/Los_Angeles").toISOString()).toBe("2026-03-08T10:30:00.000Z");
    // 01:30 happens twice on 1 November 2026: the first (PDT) is used.
    expect(zonedToUtc("2026-11-01", "01:30", "America/Los_Angeles").toISOString()).toBe("2026-11-01T08:30:00.000Z");
    expect(zonedToUtc("2026-06-15", "23:45", "Asia/Kolkata").toISOString()).toBe("2026-06-15T18:15:00.000Z");
    // East of UTC too: 01:59 happens twice in London on 26 October 2025, and the first is 01:59 BST (00:59Z).
    expect(zonedToUtc("2025-10-26", "01:59", "Europe/London").toISOString()).toBe("2025-10-26T00:59:00.000Z");
    expect(zonedToUtc("2026-10-25", "02:30", "Europe/Madrid").toISOString()).toBe("2026-10-25T00:30:00.000Z");
    // And the gaps there: 01:30 on 29 March 2026 in London becomes 02:30 BST.
    expect(zonedToUtc("2026-03-29", "01:30", "Europe/London").toISOString()).toBe("2026-03-29T01:30:00.000Z");
  });

  it("adds calendar days", () => {
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
  });
});

describe("a wall-clock time the clocks show twice", () => {
  const wall = (ms: number, zone: string) => {
    const p = localParts(new Date(ms), zone);
    return `${p.day} ${p.hour}:${p.minute}`;
  };
  /** Whether another instant within 3 hours shows the same local day, hour and minute. */
  const twiceByLooking = (ms: number, zone: string) => {
    const minute = Math.floor(ms / 60_000) * 60_000;
    for (let k = 1; k <= 180; k++)
      if (
        wall(minute + k * 60_000, zone) === wall(minute, zone) ||
        wall(minute - k * 60_000, zone) === wall(minute, zone)
      )
        return true;
    return false;
  };

  it("is exactly the instants whose local time another instant shows too, in any zone, near its changes", () => {
    fc.assert(
      fc.property(
        anyZone.chain((zone) => fc.tuple(fc.constant(zone), instantNear(zone))),
        ([zone, ms]) => shownTwice(ms, zone) === twiceByLooking(ms, zone),
      ),
      { numRuns: 100 },
    );
  });

  it("carries the zone's name then, so a booking over the change reads from one to the other", () => {
    // New York, 1 November 2026: a 60-minute booking at the first 1:30 AM ends at the second.
    expect(clockTimeLocal("2026-11-01T05:30:00.000Z", "America/New_York")).toBe("1:30 AM EDT");
    expect(clockTimeLocal("2026-11-01T06:30:00.000Z", "America/New_York")).toBe("1:30 AM EST");
    expect(clockTimeLocal("2026-11-01T07:00:00.000Z", "America/New_York")).toBe("2:00 AM");
    expect(clockTimeLocal("2026-11-01T04:59:00.000Z", "America/New_York")).toBe("12:59 AM");
    // Lord Howe goes back 30 minutes: 1:30–1:59 twice, 1:29 and 2:00 once.
    expect(clockTimeLocal("2026-04-04T14:45:00.000Z", "Australia/Lord_Howe")).toBe("1:45 AM GMT+11");
    expect(clockTimeLocal("2026-04-04T15:15:00.000Z", "Australia/Lord_Howe")).toBe("1:45 AM GMT+10:30");
    expect(clockTimeLocal("2026-04-04T14:29:00.000Z", "Australia/Lord_Howe")).toBe("1:29 AM");
    expect(clockTimeLocal("2026-04-04T15:30:00.000Z", "Australia/Lord_Howe")).toBe("2:00 AM");
    // The spring-forward night has no time twice; any ordinary day is written as always.
    expect(clockTimeLocal("2026-03-08T07:30:00.000Z", "America/New_York")).toBe("3:30 AM");
    expect(clockTimeLocal("2026-11-25T15:30:00.000Z", "America/New_York")).toBe("10:30 AM");
  });
});
