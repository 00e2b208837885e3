import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dateTimeText, timeText } from "./time";

/**
 * Head office's times (hq/web/time.ts) over zones that change their clocks: New York and London (back an hour in the
 * northern autumn), Sydney (back an hour in April) and Lord Howe Island (back 30 minutes). The transitions are found
 * here from Intl's own offsets, not from the rule under test.
 */
const ZONES = ["America/New_York", "Europe/London", "Australia/Sydney", "Australia/Lord_Howe"] as const;
const MINUTE = 60_000;
const YEARS = { from: 2020, to: 2035 };

/** The zone's offset from UTC at an instant, in minutes, read off Intl's wall clock. */
function offset(ms: number, timeZone: string): number {
  const p: Record<string, number> = {};
  for (const part of new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
  }).formatToParts(ms))
    p[part.type] = Number(part.value);
  const wall = Date.UTC(p.year!, p.month! - 1, p.day, p.hour, p.minute);
  return Math.round((wall - Math.floor(ms / MINUTE) * MINUTE) / MINUTE);
}

/** The year's fall-back: the instant the clocks go back (`at`, UTC ms) and by how many minutes (`back`). */
function fallBack(timeZone: string, year: number): { at: number; back: number } {
  const step = 15 * MINUTE;
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += step) {
    const [before, after] = [offset(t, timeZone), offset(t + step, timeZone)];
    if (after >= before) continue;
    let [lo, hi] = [t, t + step]; // lo on the old offset, hi on the new
    while (hi - lo > MINUTE) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
      if (offset(mid, timeZone) === before) lo = mid;
      else hi = mid;
    }
    return { at: hi, back: before - after };
  }
  throw new Error(`${timeZone} does not go back in ${year}`);
}
const nights = ZONES.flatMap((zone) =>
  Array.from({ length: YEARS.to - YEARS.from + 1 }, (_, i) => ({ zone, ...fallBack(zone, YEARS.from + i) })),
);

/** A zone's name at the end of a time: "EDT", "BST", "GMT+11", "GMT+10:30". */
const ZONE_NAME = / (?:[A-Z]{3,4}|GMT[+-]\d{1,2}(?::\d\d)?)$/;
/** How these pages wrote a time before: Intl's own medium date and short time, never a zone's name. */
const before = (ms: number, timeZone: string) =>
  new Date(ms).toLocaleString("en-US", { timeZone, dateStyle: "medium", timeStyle: "short" });
const iso = (ms: number) => new Date(ms).toISOString();

describe("head office's times", () => {
  it("found a fall-back night for every zone and year: an hour back, or 30 minutes on Lord Howe", () => {
    expect(nights).toHaveLength(ZONES.length * (YEARS.to - YEARS.from + 1));
    for (const n of nights) expect([n.zone, n.back]).toEqual([n.zone, n.zone === "Australia/Lord_Howe" ? 30 : 60]);
  });

  it("on the night the clocks go back, the two showings of a wall time read apart, each with its zone's name", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...nights),
        fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        fc.integer({ min: 0, max: 59_999 }),
        ({ zone, at, back }, share, ms) => {
          const k = Math.floor(share * back) * MINUTE + ms;
          const [first, second] = [at - back * MINUTE + k, at + k];
          const [a, b] = [dateTimeText(iso(first), zone), dateTimeText(iso(second), zone)];
          expect(a).toMatch(ZONE_NAME);
          expect(b).toMatch(ZONE_NAME);
          expect(a).not.toBe(b);
          // The same wall clock and day, told apart by the zone's name alone; the time alone says it too.
          expect(a.replace(ZONE_NAME, "")).toBe(b.replace(ZONE_NAME, ""));
          expect(a.replace(ZONE_NAME, "")).toBe(before(first, zone));
          expect(timeText(iso(first), zone)).not.toBe(timeText(iso(second), zone));
          expect(a.endsWith(timeText(iso(first), zone))).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("every other time reads as the pages wrote it before, with no zone's name", () => {
    const repeated = (ms: number, zone: string) =>
      nights.some((n) => n.zone === zone && ms >= n.at - n.back * MINUTE && ms < n.at + n.back * MINUTE);
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: Date.UTC(YEARS.from, 0, 1), max: Date.UTC(YEARS.to, 11, 31) }),
        (zone, ms) => {
          fc.pre(!repeated(ms, zone));
          expect(dateTimeText(iso(ms), zone)).toBe(before(ms, zone));
        },
      ),
      { numRuns: 3000 },
    );
    // The minutes either side of the repeated span: no name.
    for (const { zone, at, back } of nights) {
      for (const ms of [at - back * MINUTE - MINUTE, at + back * MINUTE]) {
        expect(dateTimeText(iso(ms), zone)).toBe(before(ms, zone));
      }
    }
  });

  it("reads the fall-back night in New York as an owner there sees it", () => {
    // Intl writes a narrow no-break space before AM/PM in newer ICU data, a space in older: either is the page's.
    const spaced = (text: string) => text.replace(/\s/g, " ");
    // 1 November 2026: 1:30 AM EDT is 05:30 UTC, and an hour later the clocks show 1:30 AM again, EST.
    expect(spaced(dateTimeText("2026-11-01T05:30:00.000Z", "America/New_York"))).toBe("Nov 1, 2026, 1:30 AM EDT");
    expect(spaced(dateTimeText("2026-11-01T06:30:00.000Z", "America/New_York"))).toBe("Nov 1, 2026, 1:30 AM EST");
    expect(spaced(timeText("2026-11-01T07:30:00.000Z", "America/New_York"))).toBe("2:30 AM");
    // Lord Howe goes back from 2:00 to 1:30 on 5 April 2026: 1:45 shows twice, on +11:00 then +10:30.
    expect(spaced(timeText("2026-04-04T14:45:00.000Z", "Australia/Lord_Howe"))).toBe("1:45 AM GMT+11");
    expect(spaced(timeText("2026-04-04T15:15:00.000Z", "Australia/Lord_Howe"))).toBe("1:45 AM GMT+10:30");
  });
});
