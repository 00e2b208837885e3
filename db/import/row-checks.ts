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
import type { BookedAddon } from "../desk/booked-addons";
import type { VisitSlot } from "../desk/visit-changes";
import { getSettings } from "../settings";
import { addMinutes } from "../time";
import { cellReader } from "./column-mapping";
import type { Issues } from "./issues";
import { lookup, type Lookup } from "./match";
import { bookingLength, spaTimeConverter } from "./times";
import { addonFinder } from "./addon-names";
import { cleanNote, lengthInName, parseMinutes, parseStart, parseStatus, readPhone } from "./values";

export interface ParsedRow {
  line: number;
  /** The file's rows this booking stands for: 1, or its visit's rows (./visits.ts). */
  rows: number;
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
  /** The add-ons booked ahead with it (./visits.ts): stored as the visit's, replacing what an earlier file gave. */
  addons: BookedAddon[];
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

/**
 * A row as the file gives it, checked against the catalog and the clock; rows sharing a booking ID are joined into one
 * visit (./visits.ts) before it is checked against what is stored (./stored.ts). `service.addon`: the row's service is
 * one of the spa's add-ons (a face or scalp massage), which joins a massage and is never a booking of its own.
 */
export interface FileRow {
  line: number;
  externalId: string;
  guestName: string;
  phone: string;
  /** The file has a Phone column and this row's cell is empty. */
  noPhone: boolean;
  service: { id: number; name: string; addon: boolean };
  /** The Service cell as the file writes it ("Scalp Massage 15 min"). */
  serviceText: string;
  therapist: { id: number; name: string };
  room: { id: number; name: string } | null;
  startsAt: string;
  endsAt: string;
  status: "booked" | "cancelled" | "no_show";
  note: string | null;
  /** The services of the other rows of its visit (./visits.ts), as the file names them; not its add-ons. */
  joined: string[];
  /** The spa's add-ons the other rows of its visit book ahead, with their minutes as booked (./visits.ts). */
  addons: BookedAddon[];
  /** The file's rows it stands for: 1, or its visit's rows. */
  rows: number;
}

/**
 * Checks the file's rows one by one against the catalog and the spa's clock (`read`); each visit is then checked
 * against what is already stored (./stored.ts). `read` reports each problem to `errors` / `warnings` and returns the
 * row when it can be imported; `unknownNames` lists the catalog names no entry matched, with how many rows use each.
 */
export function rowChecker(
  m: Model,
  mapping: ImportMapping,
  columns: string[],
  order: DateOrder,
  errors: Issues,
  warnings: Issues,
): {
  read(record: string[], line: number): FileRow | null;
  unknownNames(): ImportUnknownName[];
} {
  const cell = cellReader(mapping);
  const columnName = (index: number) => `The "${columns[index] || `column ${index + 1}`}" cell`;
  const finders: Record<ImportCatalogKind, Lookup> = {
    service: lookup(m.db, "service"),
    therapist: lookup(m.db, "therapist"),
    room: lookup(m.db, "room"),
  };
  const unknown = new Map<string, ImportUnknownName>();
  const tz = getSettings(m.db).timeZone;
  const spaTime = spaTimeConverter(tz);
  const serviceMinutes = new Map(
    (stmt(m.db, "SELECT id, minutes FROM services").all() as { id: number; minutes: number }[]).map((s) => [
      s.id,
      s.minutes,
    ]),
  );
  const addonNamed = addonFinder(m.db);

  function read(record: string[], line: number): FileRow | null {
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
    // A service not in the catalog that is one of the spa's add-ons ("Scalp Massage 15 min"): it joins a massage.
    const serviceText = cell(record, "service");
    const addon = "problem" in finders.service(serviceText) ? addonNamed(serviceText) : null;
    const service = addon ? { id: addon.id, name: addon.name, addon: true } : found("service");
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
      startsAt = converted.at;
      if (converted.warning) warnings.add(line, "time", converted.warning);
    }

    let minutes: number | undefined = addon ? addon.minutes : service ? serviceMinutes.get(service.id) : undefined;
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
    return {
      line,
      externalId,
      guestName,
      phone: phone.digits,
      noPhone,
      service: { id: service.id, name: service.name, addon: addon !== null },
      serviceText,
      therapist,
      room,
      startsAt,
      endsAt: addMinutes(startsAt, minutes),
      status,
      note,
      joined: [],
      addons: [],
      rows: 1,
    };
  }

  return { read, unknownNames: () => [...unknown.values()] };
}
