/**
 * A wall-clock time as people read it in the spa's zone, one rule for the desk, the kiosk, the import's preview and
 * the therapist's slip: on the night the clocks go back, the times they show twice carry the zone's name ("1:30 AM
 * EDT", then "1:30 AM EST"), so a booking from the first 1:30 to the second reads "1:30 AM EDT – 1:30 AM EST", not
 * "1:30 AM – 1:30 AM". Every other time is written as before ("10:30 AM").
 */

const MINUTE_MS = 60_000;
const HALF_DAY_MS = 12 * 60 * MINUTE_MS;

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at an instant, in minutes (-240 for EDT), from Intl's tz data. */
function zoneOffset(ms: number, timeZone: string): number {
  let f = offsetFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
    });
    offsetFormatters.set(timeZone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(ms)) p[part.type] = Number(part.value);
  const minute = Math.floor(ms / MINUTE_MS) * MINUTE_MS;
  const wall = Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0);
  return Math.round((wall - minute) / MINUTE_MS);
}

/**
 * Whether the zone's clock shows this instant's time twice that night (01:30 on the fall-back night in New York,
 * 01:45 on Lord Howe's, whose clocks go back 30 minutes). A zone changes its offset at most once in a day, so the
 * offsets 12 hours either side are the two in play.
 */
export function shownTwice(ms: number, timeZone: string): boolean {
  const before = zoneOffset(ms - HALF_DAY_MS, timeZone);
  const after = zoneOffset(ms + HALF_DAY_MS, timeZone);
  if (before <= after) return false;
  const here = zoneOffset(ms, timeZone);
  // The first showing is on the earlier offset: its twin is the change's size later, on the later offset.
  const twin = here === before ? ms + (before - after) * MINUTE_MS : ms - (before - after) * MINUTE_MS;
  return zoneOffset(twin, timeZone) === (here === before ? after : before);
}

/** The Intl options for an instant's wall-clock time: hour and minute, and the zone's name when `shownTwice`. */
export const clockTimeOptions = (ms: number, timeZone: string): Intl.DateTimeFormatOptions =>
  shownTwice(ms, timeZone)
    ? { hour: "numeric", minute: "2-digit", timeZoneName: "short" }
    : { hour: "numeric", minute: "2-digit" };
