/**
 * Time: instants are stored as UTC ISO strings; people see them in the spa's time zone.
 * Intl does the zone arithmetic (it carries the tz database), so no hand-kept offsets.
 */

import { clockTimeOptions } from "../contract/clock-time";

/** A day of 24 hours in milliseconds: elapsed time, not a calendar day (a spa-local day can be 23 or 25 hours). */
export const DAY_MS = 86_400_000;

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

export interface LocalParts {
  /** 'YYYY-MM-DD' in the zone. */
  day: string;
  hour: number;
  minute: number;
  /** 0 = Sunday. */
  weekday: number;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();
const partsFormatter = (timeZone: string): Intl.DateTimeFormat => {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      weekday: "short",
    });
    partsFormatters.set(timeZone, f);
  }
  return f;
};

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/**
 * Minutes converted, per zone. Every UTC offset in use since 1972 is a whole number of minutes, so all instants of
 * one UTC minute share their local day, hour and minute: a burst of calls within a minute (a check-in asks three
 * times) formats once, and so does a file of 10,000 bookings that start at a few hundred times (an import's preview
 * spent a quarter of its time formatting them again). At most MINUTES_KEPT a zone, then forgotten all at once.
 */
const minutesOf = new Map<string, Map<number, LocalParts>>();
const MINUTES_KEPT = 4_096;

export function localParts(instant: Date | string, timeZone: string): LocalParts {
  const ms = typeof instant === "string" ? Date.parse(instant) : instant.getTime();
  const minute = Math.floor(ms / 60_000);
  let known = minutesOf.get(timeZone);
  if (!known) minutesOf.set(timeZone, (known = new Map<number, LocalParts>()));
  const hit = known.get(minute);
  if (hit) return { ...hit };
  const parts: Record<string, string> = {};
  for (const p of partsFormatter(timeZone).formatToParts(ms)) parts[p.type] = p.value;
  const local: LocalParts = {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ""),
  };
  if (known.size >= MINUTES_KEPT) known.clear();
  known.set(minute, local);
  return { ...local };
}

/** Offset of the zone from UTC at an instant, in minutes (e.g. -420 for PDT). */
export function offsetMinutes(utcMs: number, timeZone: string): number {
  const p = localParts(new Date(utcMs), timeZone);
  const [y, m, d] = p.day.split("-").map(Number) as [number, number, number];
  const asUtc = Date.UTC(y, m - 1, d, p.hour, p.minute);
  return Math.round((asUtc - Math.floor(utcMs / 60_000) * 60_000) / 60_000);
}

/**
 * The instant at which a zone's wall clock shows `wall` (the wall time's fields read as UTC, in ms), given the zone's
 * offset in minutes at any instant. A zone changes its offset at most once in a day, so the offsets 12 hours before
 * and after are the only two it can have then: of the instants they give, the earliest that shows that time (in a
 * fall-back overlap, the first one, whichever side of UTC the zone is); in a spring-forward gap, where neither shows
 * it, the later offset's (02:30 becomes 03:30). One rule for `zonedToUtc` and db/zone-converter.ts.
 */
export function wallClockInstant(wall: number, offsetAt: (ms: number) => number): number {
  const candidates = [wall - offsetAt(wall - 12 * 3_600_000) * 60_000, wall - offsetAt(wall + 12 * 3_600_000) * 60_000];
  const shows = candidates.filter((at) => at + offsetAt(at) * 60_000 === wall);
  return shows.length > 0 ? Math.min(...shows) : Math.max(...candidates);
}

/** The instant at which the wall clock in `timeZone` shows `day` `hh:mm` (`wallClockInstant`: gaps and overlaps). */
export function zonedToUtc(day: string, time: string, timeZone: string): Date {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  return new Date(wallClockInstant(Date.UTC(y, m - 1, d, hh, mm), (ms) => offsetMinutes(ms, timeZone)));
}

export const addMinutes = (iso: string, minutes: number): string =>
  new Date(new Date(iso).getTime() + minutes * 60_000).toISOString();

/** Adds whole days to a 'YYYY-MM-DD' calendar day. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * Formatters by locale, zone and options: building an Intl.DateTimeFormat costs ~60 µs, formatting
 * with one ~2 µs, and an export formats two times per row (a year of check-ins: seconds).
 */
const localFormatters = new Map<string, Intl.DateTimeFormat>();

export function formatLocal(
  instant: string,
  timeZone: string,
  options: Intl.DateTimeFormatOptions,
  locale = "en-US",
): string {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let f = localFormatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone, ...options });
    localFormatters.set(key, f);
  }
  return f.format(new Date(instant));
}

/**
 * An instant as a wall-clock time in the spa's zone, as staff messages and tickets write it: "10:30 AM"; a time the
 * clocks show twice that night with the zone's name, "1:30 AM EDT" (`clockTimeOptions`).
 */
export const clockTimeLocal = (instant: string, timeZone: string): string =>
  formatLocal(instant, timeZone, clockTimeOptions(Date.parse(instant), timeZone));
