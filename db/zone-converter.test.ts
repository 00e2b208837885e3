import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { localParts, zonedToUtc } from "./time";
import { zoneConverter } from "./zone-converter";
import { anyZone, instantNear, transitions } from "./test/zones";

/** A zone and up to 40 instants near its offset changes. */
const zoneAndInstants = anyZone.chain((zone) =>
  fc.tuple(fc.constant(zone), fc.array(instantNear(zone), { minLength: 1, maxLength: 40 })),
);

describe("zoneConverter (a time-zone change's localParts and zonedToUtc)", () => {
  it("reads every instant as localParts does, on any zone, across its offset changes", () => {
    fc.assert(
      fc.property(zoneAndInstants, ([zone, instants]) => {
        const c = zoneConverter(zone);
        for (const ms of instants) expect(c.parts(ms)).toEqual(localParts(new Date(ms), zone));
      }),
      { numRuns: 200 },
    );
  });

  it("turns a wall-clock time into the instant zonedToUtc gives, gaps and repeated hours included", () => {
    fc.assert(
      fc.property(zoneAndInstants, ([zone, instants]) => {
        const c = zoneConverter(zone);
        for (const ms of instants) {
          // The wall clock an hour either side of the instant: times in a gap and in a repeated hour come up.
          for (const shift of [-60, -30, 0, 30, 60]) {
            const p = localParts(new Date(ms + shift * 60_000), zone);
            const time = `${String(p.hour).padStart(2, "0")}:${String(p.minute).padStart(2, "0")}`;
            expect(c.toUtc(p.day, p.hour, p.minute)).toBe(zonedToUtc(p.day, time, zone).getTime());
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it("finds the known changes: Los Angeles' two in 2026, Lord Howe's half hours", () => {
    expect(transitions("America/Los_Angeles").filter((t) => new Date(t).getUTCFullYear() === 2026)).toEqual([
      Date.parse("2026-03-08T10:00:00Z"),
      Date.parse("2026-11-01T09:00:00Z"),
    ]);
    const c = zoneConverter("America/Los_Angeles");
    // 02:30 on the spring-forward day does not exist: 03:30 PDT, as zonedToUtc reads it.
    expect(new Date(c.toUtc("2026-03-08", 2, 30)).toISOString()).toBe("2026-03-08T10:30:00.000Z");
    // 01:30 on the fall-back day happens twice: the first one.
    expect(new Date(c.toUtc("2026-11-01", 1, 30)).toISOString()).toBe("2026-11-01T08:30:00.000Z");
    expect(transitions("Australia/Lord_Howe").length).toBeGreaterThanOrEqual(6);
  });
});
