import { SESSION_MINUTES } from "../../contract/common";
import type { DateOrder } from "../../contract/desk";
import { addMinutes, localParts, zonedToUtc } from "../time";
import { ISO_WITH_OFFSET, parseMinutes, parseStart, parseTime } from "./values";
import { readTimeFraction } from "./serials";

interface Converted {
  /** The instant, UTC ISO. */
  at: string;
  /** The time does not exist in the spa's zone (the clocks jump forward over it). */
  problem?: string;
  /** The time happens twice in the spa's zone (the clocks go back over it): the first is taken. */
  warning?: string;
}

/**
 * Turns a booking's start in spa time into an instant. Bookings share a few hundred start times:
 * each is converted from spa time once.
 */
export function spaTimeConverter(tz: string): (day: string, time: string) => Converted {
  const instants = new Map<string, Converted>();
  return (day, time) => {
    const when = `${day} ${time}`;
    const known = instants.get(when);
    if (known) return known;
    const at = zonedToUtc(day, time, tz).toISOString();
    const back = localParts(at, tz);
    const shown = `${time} on ${day}`;
    let converted: Converted;
    if (back.day !== day || `${String(back.hour).padStart(2, "0")}:${String(back.minute).padStart(2, "0")}` !== time) {
      converted = {
        at,
        problem: `${shown} does not exist in ${tz}: the clocks jump forward an hour that night. Check the booking's real time in the booking system and correct it.`,
      };
    } else {
      const later = localParts(addMinutes(at, 60), tz);
      const doubled = later.day === back.day && later.hour === back.hour && later.minute === back.minute;
      converted = {
        at,
        ...(doubled && {
          warning: `${shown} happens twice in ${tz} (the clocks go back an hour that night). It is imported as the first one; if the booking is the second, change its time at the desk.`,
        }),
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
  const end = ISO_WITH_OFFSET.test(endText)
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
