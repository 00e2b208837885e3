import { defaultSettings } from "../contract/settings";
import { localParts, zonedToUtc, type Clock } from "../db/time";

/**
 * The real clock moved to 10:00 today in the spa's (the demo's) time zone. A benchmark's guests
 * booked from 10:30 on are all still to come whatever hour it runs at, since the kiosk turns away
 * a session that has ended; time still passes for timeouts, retries and durations.
 */
export function morningClock(timeZone = defaultSettings.timeZone): Clock {
  const now = Date.now();
  const offset = zonedToUtc(localParts(new Date(now), timeZone).day, "10:00", timeZone).getTime() - now;
  return { now: () => new Date(Date.now() + offset) };
}
