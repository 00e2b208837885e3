import { foldText, SESSION_MINUTES } from "../../contract/common";
import { clockTimeLocal, localParts } from "../time";
import type { Issues } from "./issues";
import type { FileRow } from "./row-checks";
import { cleanNote, LENGTH_IN_NAME } from "./values";

/**
 * One visit, several services: Mindbody, Vagaro, Fresha and Square export a booking of a massage and a scalp massage
 * as two rows under one booking ID. Rows sharing an ID, the same guest and the same day are one visit: one booking from
 * the earliest row's start to the last row's end, rows that overlap laid one after the other (the room and therapist
 * are held for all of it), booked as its main service (the longest, the first of equals; never an add-on). A joined
 * row of one of the spa's add-ons is the visit's add-on booked ahead (`addons`: the kiosk doesn't offer it again, the
 * desk and the slip show it as an add-on); any other joined service is named in its note for the desk and the
 * therapist's slip ("Also booked: Hot Stones 30 min"). Each joined row is said in one line of the preview.
 */

/** What a visit's note starts with when it joined other rows' services (before the booking system's own note). */
export const ALSO_BOOKED = "Also booked: ";
export const NOTE_SEPARATOR = " · ";

/** A note with the services a visit joined first; the rest is the booking system's note. */
export const withJoined = (note: string | null, joined: readonly string[]): string | null =>
  joined.length === 0 ? note : cleanNote(`${ALSO_BOOKED}${joined.join(", ")}${note ? NOTE_SEPARATOR + note : ""}`).note;

/** A stored note without the services an earlier import joined to it: what the booking system's note was. */
export function withoutJoined(note: string | null): string | null {
  if (note === null || !note.startsWith(ALSO_BOOKED)) return note;
  const at = note.indexOf(NOTE_SEPARATOR);
  return at < 0 ? null : note.slice(at + NOTE_SEPARATOR.length);
}

const minutesOf = (r: FileRow) => Math.round((Date.parse(r.endsAt) - Date.parse(r.startsAt)) / 60_000);
/** A joined row's service as the file names it, with its length when the name gives none. */
const labelOf = (r: FileRow) =>
  LENGTH_IN_NAME.test(r.serviceText.trim()) ? r.serviceText.trim() : `${r.serviceText.trim()} ${minutesOf(r)} min`;
const SAID: Record<FileRow["status"], string> = { booked: "booked", cancelled: "cancelled", no_show: "a no-show" };

/**
 * The file's rows, one per visit (see above), in the order of their first line. A row sharing its ID with another
 * guest's, another day's, or more than a visit's length away is a duplicate, an error on its line; so is a row whose
 * ID's other row has a problem (`badIds`: the first such line of each ID), so a visit imports whole or not at all.
 */
export function joinVisits(
  rows: readonly FileRow[],
  tz: string,
  badIds: ReadonlyMap<string, number>,
  errors: Issues,
  warnings: Issues,
): FileRow[] {
  const groups = new Map<string, FileRow[]>();
  for (const r of rows) {
    const bad = badIds.get(r.externalId);
    if (bad !== undefined)
      errors.add(
        r.line,
        "externalId",
        `Booking ${r.externalId} is also on line ${bad}, which has a problem: fix that row and the visit imports whole.`,
      );
    else {
      const group = groups.get(r.externalId);
      if (group) group.push(r);
      else groups.set(r.externalId, [r]);
    }
  }
  const visits: FileRow[] = [];
  for (const [first, ...others] of groups.values()) {
    if (!first) continue;
    const day = localParts(first.startsAt, tz).day;
    const same = [first];
    let [from, to] = [Date.parse(first.startsAt), Date.parse(first.endsAt)];
    for (const r of others) {
      const problem =
        foldText(r.guestName) !== foldText(first.guestName)
          ? `for another guest (${first.guestName})`
          : localParts(r.startsAt, tz).day !== day
            ? `on another day (${day})`
            : Math.max(Date.parse(r.endsAt), to) - Math.min(Date.parse(r.startsAt), from) > SESSION_MINUTES.max * 60_000
              ? `more than ${SESSION_MINUTES.max / 60} hours away, longer than a visit`
              : null;
      if (problem === null) {
        same.push(r);
        [from, to] = [Math.min(from, Date.parse(r.startsAt)), Math.max(to, Date.parse(r.endsAt))];
      } else
        errors.add(
          r.line,
          "externalId",
          `The booking ID "${r.externalId}" is also on line ${first.line}, ${problem}: two bookings can't share an ID. Remove the duplicate row in the booking system's export.`,
        );
    }
    const visit = joined(same, tz, errors, warnings);
    if (visit) visits.push(visit);
  }
  return visits;
}

/** One visit of rows the file gives under one ID for one guest and day; null (an error said) when it has no massage. */
function joined(same: FileRow[], tz: string, errors: Issues, warnings: Issues): FileRow | null {
  const booked = same.filter((r) => r.status === "booked");
  const counted = booked.length > 0 ? booked : same;
  const main = counted
    .filter((r) => !r.service.addon)
    .reduce<FileRow | null>((best, r) => (best === null || minutesOf(r) > minutesOf(best) ? r : best), null);
  if (main === null) {
    for (const r of same)
      errors.add(
        r.line,
        "service",
        `"${r.serviceText.slice(0, 60)}" is one of the spa's add-ons, and booking ${r.externalId} has no massage in the file for it to join. Export the booking with its massage, or book the add-on at the desk when the guest checks in.`,
      );
    return null;
  }
  // One guest has one service at a time: a row that starts before the one before it ends (a booking system that gives
  // each service the visit's start) follows it, the main service first.
  const ordered = [...counted].sort(
    (a, b) => a.startsAt.localeCompare(b.startsAt) || Number(b === main) - Number(a === main) || a.line - b.line,
  );
  const follows = new Set<FileRow>();
  let endMs = -Infinity;
  for (const r of ordered) {
    const start = Date.parse(r.startsAt);
    if (start < endMs) follows.add(r);
    endMs = Math.max(start, endMs) + minutesOf(r) * 60_000;
  }
  const startsAt = ordered[0]?.startsAt ?? main.startsAt;
  const endsAt = new Date(endMs).toISOString();
  const held = `${clockTimeLocal(startsAt, tz)}–${clockTimeLocal(endsAt, tz)}`;
  const joinedNames: string[] = [];
  const addons = new Map<number, number>();
  for (const r of same) {
    if (r === main) continue;
    const said = `Booking ${r.externalId}: ${labelOf(r)} on line ${r.line}`;
    if (!counted.includes(r)) {
      warnings.add(
        r.line,
        "status",
        `${said} is ${SAID[r.status]} in the file: left out of the visit on line ${main.line}.`,
      );
      continue;
    }
    if (r.service.addon) addons.set(r.service.id, (addons.get(r.service.id) ?? 0) + minutesOf(r));
    else joinedNames.push(labelOf(r));
    const other = r.therapist.id === main.therapist.id ? "" : ` (the file gives it to ${r.therapist.name})`;
    const shown = r.service.addon
      ? "the kiosk won't offer it again, and the desk and the slip show it as an add-on booked ahead"
      : "the desk and the slip say it is also booked";
    warnings.add(
      r.line,
      "externalId",
      `${said} joined to the ${minutesOf(main)} min ${main.service.name} on line ${main.line}${other}${follows.has(r) ? " and follows it" : ""}: ${main.therapist.name} and the room are held ${held}, and ${shown}.`,
    );
  }
  const notes = [...new Set(same.map((r) => r.note).filter((n) => n !== null))];
  return {
    ...main,
    startsAt,
    endsAt,
    note: notes.length === 0 ? null : cleanNote(notes.join(NOTE_SEPARATOR)).note,
    joined: joinedNames,
    addons: [...addons].map(([id, minutes]) => ({ id, minutes })),
    rows: same.length,
  };
}
