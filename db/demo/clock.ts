import { defaultSettings } from "../../contract/settings";
import { localParts, systemClock, zonedToUtc, type Clock } from "../time";

/**
 * The real clock moved to 10:00 today in the spa's time zone: a day's bookings from 10:30 on are
 * all still to come whatever hour it runs at, since the kiosk turns away a session that has ended;
 * time still passes for timeouts, retries and durations. The benchmarks run on it.
 */
export function morningClock(timeZone = defaultSettings.timeZone, real: Clock = systemClock): Clock {
  const now = real.now().getTime();
  const offset = zonedToUtc(localParts(new Date(now), timeZone).day, "10:00", timeZone).getTime() - now;
  return { now: () => new Date(real.now().getTime() + offset) };
}

/** The part of the day the demo spa's clock is the real one (spa time, from 08:00 to before this hour). */
const DEMO_DAY_ENDS_HOUR = 18;

/**
 * The demo spa's clock (`createAppCore` with `seed: "demo"` and no clock of its own): the real one
 * from 08:00 to 18:00 in the spa's time zone, else `morningClock`. db/demo/seed-demo.ts books the
 * featured guests (María, James, the family) from 11:30 to 18:30 at the latest, so in the evening
 * or at night, on the real clock, their sessions would be over and the kiosk would turn them away:
 * a demo opened at 20:00, and every test of the demo's kiosk run then, met "This session ended".
 */
export function demoClock(timeZone = defaultSettings.timeZone, real: Clock = systemClock): Clock {
  const hour = localParts(real.now(), timeZone).hour;
  return hour >= 8 && hour < DEMO_DAY_ENDS_HOUR ? real : morningClock(timeZone, real);
}
