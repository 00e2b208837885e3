import { SESSION_MINUTES } from "../../contract/common";
import type { DateOrder } from "../../contract/desk";
import { addMinutes, clockTimeLocal, localParts, offsetMinutes, zonedToUtc } from "../time";
import { ISO_WITH_OFFSET, parseMinutes, parseStart, parseTime } from "./values";
import { readTimeFraction } from "./serials";

interface Converted {
  /** The instant, UTC ISO. */
  at: string;
  /**
   * The time does not exist in the spa's zone (the clocks jump forward over it) and is read as the later offset puts
   * it (02:30 → 03:30), or it happens twice (the clocks go back over it) and the first is taken: the preview says so.
   */
  warning?: string;
}

/** A clock change's size as people say it: "an hour", "30 minutes" (Lord Howe), "2 hours". */
const shiftText = (minutes: number): string =>
  minutes === 60 ? "an hour" : minutes % 60 === 0 ? `${minutes / 60} hours` : `${minutes} minutes`;

const hhmm = (hour: number, minute: number): string =>
  `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;

const HALF_DAY_MS = 12 * 3_600_000;

/**
 * Turns a booking's start in spa time into an instant, as \`zonedToUtc\` reads a wall time (\`wallClockInstant\`). A
 * booking system that exports local times meant a real moment: a time the clocks skip (02:30 on the spring-forward
 * night) is where a clock that missed the change would be, the later offset's (03:30), as Temporal's "compatible",
 * java.time and iCalendar (RFC 5545) read it; a time the clocks show twice (01:30 on the fall-back night) is the
 * first. Both are imported, with a warning in the preview naming the time taken, and the same file read again gives
 * the same instants, so a re-import neither moves nor doubles them. Bookings share a few hundred start times: each is
 * converted from spa time once.
 */
export function spaTimeConverter(tz: string): (day: string, time: string) => Converted {
  const instants = new Map<string, Converted>();
  return (day, time) => {
    const when = `${day} ${time}`;
    const known = instants.get(when);
    if (known) return known;
    const at = zonedToUtc(day, time, tz).toISOString();
    const ms = Date.parse(at);
    // The zone's change that night, in minutes: positive forward (a gap), negative back (an overlap).
    const shift = offsetMinutes(ms + HALF_DAY_MS, tz) - offsetMinutes(ms - HALF_DAY_MS, tz);
    const back = localParts(at, tz);
    const shown = `${time} on ${day}`;
    let converted: Converted = { at };
    if (back.day !== day || hhmm(back.hour, back.minute) !== time) {
      converted = {
        at,
        warning: `${shown} does not exist in ${tz}: the clocks jump forward ${shiftText(shift)} that night. It is imported as ${hhmm(back.hour, back.minute)}, where the booking system's clock puts it; check the booking's real time with the guest or the booking system.`,
      };
    } else if (shift < 0) {
      const later = localParts(addMinutes(at, -shift), tz);
      if (later.day === back.day && later.hour === back.hour && later.minute === back.minute)
        converted = {
          at,
          warning: `${shown} happens twice in ${tz} (the clocks go back ${shiftText(-shift)} that night). It is imported as the first, before the clocks go back: the desk, the kiosk and the slip read ${clockTimeLocal(at, tz)}. If the guest is booked for the second, tell the desk and the therapist.`,
        };
    }
    instants.set(when, converted);
    return converted;
  };
}

/**
 * The booking's length in minutes from its Duration cell, or else its End time cell (SESSION_MINUTES);
 * null when the row has neither (the service's own minutes apply).
 */
export function bookingLength(
  startsAt: string,
  durationText: string,
  endText: string,
  tz: string,
  order: DateOrder,
): { minutes: number } | { field: "duration" | "endTime"; problem: string } | null {
  if (durationText !== "") {
    const given = parseMinutes(durationText);
    if (given === null || given < SESSION_MINUTES.min || given > SESSION_MINUTES.max) {
      return {
        field: "duration",
        problem: `"${durationText.slice(0, 40)}" is not a length this import reads (${SESSION_MINUTES.min} to ${SESSION_MINUTES.max} minutes, like 90, 90 min, 1h 30m or 1:30). Correct it in the booking system and export again.`,
      };
    }
    return { minutes: given };
  }
  if (endText === "") return null;
  // A time alone ('11:30 AM', '1130', '0.479'): on the start's day.
  const clock = parseTime(endText) ?? readTimeFraction(endText);
  const end: ReturnType<typeof parseStart> = ISO_WITH_OFFSET.test(endText)
    ? { instant: new Date(Date.parse(endText)).toISOString() }
    : clock !== null
      ? { day: localParts(startsAt, tz).day, time: clock }
      : parseStart(undefined, endText, order);
  const endsAt = "instant" in end ? end.instant : "day" in end ? zonedToUtc(end.day, end.time, tz).toISOString() : null;
  let length = endsAt === null ? null : Math.round((Date.parse(endsAt) - Date.parse(startsAt)) / 60_000);
  // An end time without its date that comes before the start is the next morning's (11:00 PM to 12:30 AM).
  if (length !== null && length <= 0 && clock !== null) length += 24 * 60;
  if (length === null || length < SESSION_MINUTES.min || length > SESSION_MINUTES.max) {
    return {
      field: "endTime",
      problem: `"${endText.slice(0, 40)}" is not an end time ${SESSION_MINUTES.min} to ${SESSION_MINUTES.max} minutes after the start. Correct it in the booking system and export again.`,
    };
  }
  return { minutes: length };
}
