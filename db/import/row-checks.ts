import type { Model } from "../model";
import { stmt } from "../stmt";
import {
  EXTERNAL_ID_MAX,
  importFields,
  type DateOrder,
  type ImportCatalogKind,
  type ImportField,
  type ImportMapping,
  type ImportUnknownName,
} from "../../contract/desk";
import { APPOINTMENT_NOTE_MAX, foldText, GUEST_NAME_MAX, unsafeCell } from "../../contract/common";
import type { StoredAppointment } from "../desk/appointments";
import type { VisitSlot } from "../desk/visit-changes";
import { hasTicket } from "../printing/tickets";
import { getSettings, spaToday } from "../settings";
import { addMinutes, localParts } from "../time";
import { cellReader, dateField } from "./column-mapping";
import type { Issues } from "./issues";
import { lookup, type Lookup } from "./match";
import { bookingLength, spaTimeConverter } from "./times";
import { statusKeeper } from "./status";
import { deskMoveKeeper } from "./desk-moves";
import { cleanNote, lengthInName, parseMinutes, parseStart, parseStatus, readPhone } from "./values";

export interface ParsedRow {
  line: number;
  externalId: string;
  guestName: string;
  phone: string;
  serviceId: number;
  serviceName: string;
  therapistId: number;
  therapistName: string;
  roomId: number;
  roomName: string;
  /** The file names no room for it: Happy Head chose a free one (./rooms.ts). */
  roomChosen: boolean;
  startsAt: string;
  endsAt: string;
  status: "booked" | "cancelled" | "no_show";
  note: string | null;
  existingId: number | null;
  /** The file cancels a booking that was not cancelled. */
  cancels: boolean;
  /** ...and its guest already checked in. */
  cancelsCheckedIn: boolean;
  /** The stored booking's guest checked in, and what it was booked as before this file (null: a new booking). */
  checkedIn: boolean;
  was: VisitSlot | null;
  action: "create" | "update" | "unchanged";
}

/**
 * A row as checked, before it has its room: the file's, or null when the file names none (./rooms.ts places it).
 * The import's action waits for the room: a booking the file leaves unchanged keeps its room only if still free.
 */
export type CheckedRow = Omit<ParsedRow, "roomId" | "roomName" | "roomChosen" | "action"> & {
  room: { id: number; name: string } | null;
  /** The stored booking's room (null: a new booking), and whether all else is as stored. */
  beforeRoomId: number | null;
  sameApartFromRoom: boolean;
};

/** What is stored for a booking the file names again, and whether its guest checked in. */
type Before = StoredAppointment & { guest_name: string; phone: string; came: number };

/**
 * Checks the file's rows one by one against the catalog, the spa's clock and what is already stored.
 * `check` reports each problem to `errors` / `warnings` and returns the row when it can be imported;
 * `unknownNames` lists the catalog names no entry matched, with how many rows use each.
 */
export function rowChecker(
  m: Model,
  mapping: ImportMapping,
  columns: string[],
  order: DateOrder,
  errors: Issues,
  warnings: Issues,
): { check(record: string[], line: number): CheckedRow | null; unknownNames(): ImportUnknownName[] } {
  const cell = cellReader(mapping);
  const columnName = (index: number) => `The "${columns[index] || `column ${index + 1}`}" cell`;
  const finders: Record<ImportCatalogKind, Lookup> = {
    service: lookup(m.db, "service"),
    therapist: lookup(m.db, "therapist"),
    room: lookup(m.db, "room"),
  };
  const unknown = new Map<string, ImportUnknownName>();
  const tz = getSettings(m.db).timeZone;
  const today = spaToday(m);
  const spaTime = spaTimeConverter(tz);
  const existing = stmt(
    m.db,
    `SELECT a.id, a.guest_name, a.phone, a.service_id, a.therapist_id, a.room_id, a.starts_at, a.ends_at, a.status, a.note,
            c.appointment_id IS NOT NULL AS came
     FROM appointments a LEFT JOIN check_ins c ON c.appointment_id = a.id WHERE a.external_id = ?`,
  );
  const serviceMinutes = new Map(
    (stmt(m.db, "SELECT id, minutes FROM services").all() as { id: number; minutes: number }[]).map((s) => [
      s.id,
      s.minutes,
    ]),
  );
  const seen = new Map<string, number>();
  // The status a booking the file names again gets (./status.ts): the desk's own decision stands.
  const statusOf = statusKeeper(m.db, mapping, warnings);
  // ...and its room and therapist: the desk's move stands over a file that still says what it said (./desk-moves.ts).
  const keepDeskMoves = deskMoveKeeper(m.db, warnings);

  function check(record: string[], line: number): CheckedRow | null {
    let bad = false;
    const problem = (field: ImportField, message: string) => {
      bad = true;
      errors.add(line, field, message);
    };
    // Every cell, mapped or not: no control or text-direction character is stored or shown.
    const unsafe = unsafeCell(record, columnName);
    if (unsafe) {
      bad = true;
      errors.add(
        line,
        importFields.find((f) => mapping[f] === unsafe.index) ?? null,
        `${unsafe.message.replace(/; retype it\.$/, "")}: remove it in the booking system and export again.`,
      );
    }

    const externalId = cell(record, "externalId");
    if (!externalId)
      problem(
        "externalId",
        "The booking's ID is empty. Every booking needs the booking system's ID so a re-import updates it: export again with the ID column.",
      );
    else if (externalId.length > EXTERNAL_ID_MAX)
      problem(
        "externalId",
        `The booking's ID is longer than ${EXTERNAL_ID_MAX} characters: check that the right column is chosen above.`,
      );
    else if (seen.has(externalId))
      problem(
        "externalId",
        `The booking ID "${externalId}" is also on line ${seen.get(externalId)}. Remove the duplicate row in the booking system's export.`,
      );
    else seen.set(externalId, line);

    const nameField: ImportField = mapping.guestName !== undefined ? "guestName" : "firstName";
    const guestName = (
      mapping.guestName !== undefined
        ? cell(record, "guestName")
        : `${cell(record, "firstName")} ${cell(record, "lastName")}`
    )
      .replace(/\s+/g, " ")
      .trim();
    if (guestName.length < 2)
      problem(nameField, "The guest's name is empty. Add it in the booking system and export again.");
    else if (guestName.length > GUEST_NAME_MAX)
      problem(
        nameField,
        `The guest's name is longer than ${GUEST_NAME_MAX} characters: check that the right column is chosen above.`,
      );

    const phone = readPhone(cell(record, "phone"));
    if ("problem" in phone) problem("phone", phone.problem);
    else if (phone.note) warnings.add(line, "phone", phone.note);
    // A booking without a phone is still the spa's booking: the desk and the therapist need it, and the desk checks
    // the guest in. The kiosk finds guests by phone, so the receptionist is told which ones it won't find.
    const noPhone = "digits" in phone && phone.digits === "" && mapping.phone !== undefined;

    const found = (field: ImportCatalogKind) => {
      const text = cell(record, field);
      const entry = finders[field](text);
      if (!("problem" in entry)) return entry;
      problem(field, entry.problem);
      if (entry.unknown) {
        const key = `${field}\u001f${foldText(text)}`;
        const seenName = unknown.get(key);
        if (seenName) seenName.rows++;
        else
          unknown.set(key, {
            kind: field,
            name: text.slice(0, 120),
            rows: 1,
            firstLine: line,
            minutes: parseMinutes(cell(record, "duration")),
          });
      }
      return undefined;
    };
    const service = found("service");
    const therapist = found("therapist");
    // No room column, or an empty cell: a free room is chosen once every row is read.
    const room = cell(record, "room") === "" ? null : found("room");

    const statusText = cell(record, "status");
    const status = parseStatus(statusText);
    if (status === undefined)
      problem(
        "status",
        `"${statusText.slice(0, 40)}" is not a status this import knows. Booked, confirmed, cancelled, deleted, no-show (or cancelada, no presentado) are read; correct it or clear the Status column choice above.`,
      );

    const start = parseStart(
      mapping.date === undefined ? undefined : cell(record, "date"),
      cell(record, "time"),
      order,
    );
    let startsAt: string | undefined;
    if ("problem" in start) problem(start.field, start.problem);
    else if ("instant" in start) startsAt = start.instant;
    else {
      const converted = spaTime(start.day, start.time);
      if (converted.problem) problem("time", converted.problem);
      else {
        startsAt = converted.at;
        if (converted.warning) warnings.add(line, "time", converted.warning);
      }
    }

    let minutes: number | undefined = service ? serviceMinutes.get(service.id) : undefined;
    if (startsAt !== undefined) {
      const length = bookingLength(startsAt, cell(record, "duration"), cell(record, "endTime"), tz, order);
      if (length && "problem" in length) problem(length.field, length.problem);
      else if (length) minutes = length.minutes;
      // No length of its own: a service named with one ("Swedish Massage 90 min", matched to the catalog's Swedish
      // massage of 60) is that long, or the room and therapist look free half an hour too soon.
      else minutes = lengthInName(cell(record, "service")) ?? minutes;
    }

    const { note, cut } = cleanNote(cell(record, "notes"));

    if (
      bad ||
      "problem" in phone ||
      !service ||
      !therapist ||
      room === undefined ||
      startsAt === undefined ||
      minutes === undefined ||
      status === undefined
    )
      return null;
    if (cut)
      warnings.add(
        line,
        "notes",
        `The note is longer than ${APPOINTMENT_NOTE_MAX} characters: the desk and the ticket show its first ${APPOINTMENT_NOTE_MAX - 1}. Shorten it in the booking system if the end matters.`,
      );
    const localDay = localParts(startsAt, tz).day;
    if (noPhone && status === "booked" && localDay >= today)
      warnings.add(
        line,
        "phone",
        `No phone number for ${guestName}: the kiosk won't find this booking. Check them in at the desk, or add the phone in the booking system.`,
      );
    if (localDay < today && status === "booked")
      warnings.add(
        line,
        dateField(mapping),
        `This booking was on ${localDay}, in the past. It is imported for the records; the kiosk won't offer it.`,
      );
    const endsAt = addMinutes(startsAt, minutes);
    const before = existing.get(externalId) as Before | undefined;
    const newStatus = statusOf(before, status, guestName, localDay >= today ? line : null);
    const slot = keepDeskMoves(before, { room, therapist }, guestName, localDay >= today ? line : null);
    const sameApartFromRoom = Boolean(
      before &&
      before.guest_name === guestName &&
      before.phone === phone.digits &&
      before.service_id === service.id &&
      before.therapist_id === slot.therapist.id &&
      before.starts_at === startsAt &&
      before.ends_at === endsAt &&
      before.status === newStatus &&
      (mapping.notes === undefined || before.note === note),
    );
    const cancels = Boolean(before && before.status !== "cancelled" && newStatus === "cancelled");
    const cancelsCheckedIn = cancels && before?.came === 1;
    if (cancelsCheckedIn) {
      warnings.add(
        line,
        "status",
        `${guestName} already checked in, and the booking system now says the booking is cancelled. The import cancels it: tell the desk and the therapist.` +
          (before && hasTicket(m, before.id) ? " A VOID slip prints for the therapist." : ""),
      );
    }
    return {
      line,
      externalId,
      guestName,
      phone: phone.digits,
      serviceId: service.id,
      serviceName: service.name,
      therapistId: slot.therapist.id,
      therapistName: slot.therapist.name,
      room: slot.room,
      startsAt,
      endsAt,
      status: newStatus,
      note: mapping.notes === undefined && before ? before.note : note,
      existingId: before?.id ?? null,
      cancels,
      cancelsCheckedIn,
      checkedIn: before?.came === 1,
      was: before
        ? {
            serviceId: before.service_id,
            therapistId: before.therapist_id,
            roomId: before.room_id,
            startsAt: before.starts_at,
            endsAt: before.ends_at,
          }
        : null,
      beforeRoomId: before?.room_id ?? null,
      sameApartFromRoom,
    };
  }

  return { check, unknownNames: () => [...unknown.values()] };
}
