import { describe, expect, it } from "vitest";
import { localParts, zonedToUtc, type Clock } from "../time";
import { demoClock, morningClock } from "./clock";

const TZ = "America/Los_Angeles";
/** A real clock standing at `time` on 2026-12-04 in the spa's zone, then ticking as `advance` moves it. */
const at = (time: string) => {
  let ms = zonedToUtc("2026-12-04", time, TZ).getTime();
  const clock: Clock = { now: () => new Date(ms) };
  return { clock, advance: (by: number) => (ms += by) };
};
const spaTime = (c: Clock) => localParts(c.now(), TZ);

describe("the demo spa's clock", () => {
  it("is the real clock during the demo's day, 08:00 to 18:00", () => {
    for (const time of ["08:00", "12:30", "17:59"]) {
      const real = at(time);
      expect(demoClock(TZ, real.clock).now()).toEqual(real.clock.now());
    }
  });

  it("in the evening and at night reads 10:00 of the same day, and time still passes", () => {
    for (const time of ["18:00", "19:40", "23:59", "00:10", "07:59"]) {
      const real = at(time);
      const demo = demoClock(TZ, real.clock);
      expect(spaTime(demo)).toMatchObject({ day: "2026-12-04", hour: 10, minute: 0 });
      real.advance(90_000);
      expect(spaTime(demo)).toMatchObject({ day: "2026-12-04", hour: 10, minute: 1 });
    }
  });

  it("the benchmarks' morning clock reads 10:00 today whatever the hour", () => {
    expect(spaTime(morningClock(TZ, at("21:15").clock))).toMatchObject({ day: "2026-12-04", hour: 10, minute: 0 });
  });
});
