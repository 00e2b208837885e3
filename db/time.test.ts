import { describe, expect, it } from "vitest";
import { addDays, localParts, zonedToUtc } from "./time";

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
