import { offsetMinutes, wallClockInstant, type LocalParts } from "./time";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * `localParts` and `zonedToUtc` of one zone for a whole table at once (a time-zone change recomputes every stored
 * row): Intl formats ~1 µs–10 µs a call and `zonedToUtc` makes three, so a year's 1,000,000 bookings took seconds.
 * This reads the zone's offset once per UTC hour (twice: its first and last minute) and does the rest in arithmetic;
 * an hour whose two offsets differ (a transition in it) is read minute by minute. tzdb never changes a zone's offset
 * twice within an hour, so an hour with equal ends has one offset throughout. Same answers as `localParts` and
 * `zonedToUtc` (db/zone-converter.test.ts compares them on random zones and instants, DST edges included).
 */
export interface ZoneConverter {
  parts(ms: number): LocalParts;
  /** The instant the zone's wall clock shows `day` `hour`:`minute`, as `zonedToUtc` reads it (gaps: later offset). */
  toUtc(day: string, hour: number, minute: number): number;
}

export function zoneConverter(timeZone: string): ZoneConverter {
  /** Per UTC hour: its one offset, or null when a transition falls in it. */
  const hours = new Map<number, number | null>();
  const offsetAt = (ms: number): number => {
    const hour = Math.floor(ms / HOUR);
    let offset = hours.get(hour);
    if (offset === undefined) {
      const first = offsetMinutes(hour * HOUR, timeZone);
      offset = first === offsetMinutes(hour * HOUR + HOUR - MINUTE, timeZone) ? first : null;
      hours.set(hour, offset);
    }
    return offset ?? offsetMinutes(ms, timeZone);
  };
  const parts = (ms: number): LocalParts => {
    const minute = Math.floor(ms / MINUTE) * MINUTE;
    const wall = new Date(minute + offsetAt(minute) * MINUTE);
    return {
      day: wall.toISOString().slice(0, 10),
      hour: wall.getUTCHours(),
      minute: wall.getUTCMinutes(),
      weekday: wall.getUTCDay(),
    };
  };
  const toUtc = (day: string, hour: number, minute: number): number => {
    const [y, m, d] = day.split("-").map(Number) as [number, number, number];
    return wallClockInstant(Date.UTC(y, m - 1, d, hour, minute), offsetAt);
  };
  return { parts, toUtc };
}
