import type { Model } from "../model";
import { stmt } from "../stmt";
import {
  IMPORT_MAX_ROWS,
  importFields,
  type DateOrder,
  type ImportCatalogKind,
  type ImportField,
  type ImportIssue,
  type ImportMapping,
  type ImportPreview,
  type ImportUnknownName,
  IMPORT_FIELD_LABELS,
} from "../../contract/desk";
import { APPOINTMENT_NOTE_MAX, foldText, GUEST_NAME_MAX, unsafeCell } from "../../contract/common";
import { getSettings, spaToday } from "../settings";
import { addMinutes, localParts, zonedToUtc } from "../time";
import { recognisePreset } from "./presets";
import {
  checkText,
  detectDelimiter,
  fileProblem,
  headerKeyOf,
  pacer,
  parseRecords,
  rememberedMapping,
  suggestMapping,
} from "./parse";
import {
  cleanNote,
  datePartOf,
  decideDateOrder,
  ISO_WITH_OFFSET,
  parseMinutes,
  parseStart,
  parseStatus,
  readPhone,
  SLASH_DATE,
} from "./values";
import { lookup, type Lookup } from "./match";

const LABEL = IMPORT_FIELD_LABELS;
/** Fields every file needs; the guest's name is checked apart (one column, or first + last). */
const REQUIRED: readonly ImportField[] = ["externalId", "phone", "service", "therapist", "room", "time"];

const MAX_LISTED_ISSUES = 500;

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
  startsAt: string;
  endsAt: string;
  status: "booked" | "cancelled" | "no_show";
  note: string | null;
  existingId: number | null;
  /** The file cancels a booking that was not cancelled. */
  cancels: boolean;
  /** ...and its guest already checked in. */
  cancelsCheckedIn: boolean;
  action: "create" | "update" | "unchanged";
}

export interface Analysis {
  delimiter: string;
  columns: string[];
  headerKey: string;
  mapping: ImportMapping;
  mappingRemembered: boolean;
  preset: ImportPreview["preset"];
  dateOrder: ImportPreview["dateOrder"];
  rows: ParsedRow[];
  errors: ImportIssue[];
  errorCount: number;
  warnings: ImportIssue[];
  unknownNames: ImportUnknownName[];
  totalRows: number;
  /** A required field has no column, or the date order is still to be chosen: no row can be read. */
  mappingProblem: boolean;
}

export interface Options {
  mapping?: ImportMapping;
  dateOrder?: DateOrder;
}

export async function analyze(m: Model, content: string, options: Options): Promise<Analysis> {
  checkText(content);
  const pause = pacer();
  const delimiter = detectDelimiter(content);
  const { records, ends } = await parseRecords(content, delimiter, pause);
  const header = records[0];
  if (!header || header.every((c) => c.trim() === ""))
    return fileProblem("The first line should name the columns, but it is empty.");
  if (records.length > IMPORT_MAX_ROWS + 1) {
    fileProblem(
      `This file has more than ${IMPORT_MAX_ROWS.toLocaleString("en-US")} appointments; import at most ${IMPORT_MAX_ROWS.toLocaleString("en-US")} at a time (for example one week per file).`,
    );
  }
  const columns = header.map((c) => c.trim());
  const badHeader = unsafeCell(header, (index) => `Column ${index + 1}'s title`);
  if (badHeader) fileProblem(badHeader.message);
  const columnName = (index: number) => `The "${columns[index] || `column ${index + 1}`}" cell`;
  const headerKey = headerKeyOf(columns);
  const remembered = options.mapping ? null : rememberedMapping(m.db, headerKey);
  const recognised = recognisePreset(columns);
  const mapping = options.mapping ?? remembered ?? recognised?.mapping ?? suggestMapping(columns);
  const preset = recognised
    ? {
        name: recognised.preset.name,
        note: `These columns look like a ${recognised.preset.name} export: the columns below are proposed from its column names. Check each one before importing.`,
      }
    : null;
  const columnOf = (field: ImportField | null): string | null => {
    if (field === null) return null;
    const index = mapping[field];
    return index === undefined ? LABEL[field] : (columns[index] ?? LABEL[field]) || `Column ${index + 1}`;
  };

  const errors: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  let errorCount = 0;
  let warningCount = 0;
  const addError = (line: number, field: ImportField | null, message: string) => {
    errorCount++;
    if (errors.length < MAX_LISTED_ISSUES) errors.push({ line, field, column: columnOf(field), message });
  };
  const warn = (line: number, field: ImportField | null, message: string) => {
    warningCount++;
    if (warnings.length < MAX_LISTED_ISSUES) warnings.push({ line, field, column: columnOf(field), message });
  };
  for (const field of REQUIRED) {
    const index = mapping[field];
    if (index === undefined) addError(1, field, `Choose the column that holds "${LABEL[field]}" above.`);
    else if (index >= columns.length)
      addError(1, field, `"${LABEL[field]}" points at a column this file doesn't have: choose another above.`);
  }
  if (mapping.guestName === undefined && mapping.firstName === undefined && mapping.lastName === undefined) {
    addError(
      1,
      "guestName",
      'Choose the column that holds "Guest name" above, or the "First name" and "Last name" columns.',
    );
  }
  for (const field of importFields) {
    const index = mapping[field];
    if (!REQUIRED.includes(field) && index !== undefined && index >= columns.length)
      addError(1, field, `"${LABEL[field]}" points at a column this file doesn't have: choose another above.`);
  }
  const dataRecords: { record: string[]; line: number }[] = [];
  for (let r = 1; r < records.length; r++) {
    await pause();
    const record = records[r] ?? [];
    if (record.every((c) => c.trim() === "")) continue;
    dataRecords.push({ record, line: (ends[r - 1] ?? 0) + 1 });
  }
  const totalRows = dataRecords.length;
  const cell = (record: string[], field: ImportField): string => {
    const index = mapping[field];
    return index === undefined ? "" : (record[index] ?? "").trim();
  };

  // Day-first or month-first, from every date of the file.
  const dateCells: string[] = [];
  for (const { record } of dataRecords) {
    await pause();
    dateCells.push(mapping.date !== undefined ? cell(record, "date") : datePartOf(cell(record, "time")));
  }
  const fileOrder = decideDateOrder(dateCells);
  let dateOrder: ImportPreview["dateOrder"];
  if (fileOrder === "mixed") {
    addError(
      1,
      mapping.date !== undefined ? "date" : "time",
      "This file mixes day-first dates (25/11/2026) and month-first dates (11/25/2026), so no date can be trusted. Export it again with one date format.",
    );
    dateOrder = { order: null, from: "file" };
  } else if (fileOrder !== null) {
    dateOrder = {
      order: options.dateOrder ?? fileOrder,
      from: options.dateOrder && options.dateOrder !== fileOrder ? "chosen" : "file",
    };
  } else if (dateCells.some((d) => SLASH_DATE.test(d.trim()))) {
    dateOrder = options.dateOrder ? { order: options.dateOrder, from: "chosen" } : { order: null, from: "ask" };
    if (!options.dateOrder) {
      addError(
        1,
        mapping.date !== undefined ? "date" : "time",
        `No date in this file tells whether ${dateCells.find((d) => SLASH_DATE.test(d.trim())) ?? "03/12/2026"} is day-first or month-first. Choose the date order above.`,
      );
    }
  } else dateOrder = { order: null, from: "not-needed" };

  if (errorCount > 0) {
    return {
      delimiter,
      columns,
      headerKey,
      mapping,
      mappingRemembered: remembered !== null,
      preset,
      dateOrder,
      rows: [],
      errors,
      errorCount,
      warnings,
      unknownNames: [],
      totalRows,
      mappingProblem: true,
    };
  }
  const order: DateOrder = dateOrder.order ?? "month-first";

  const finders: Record<ImportCatalogKind, Lookup> = {
    service: lookup(m.db, "service"),
    therapist: lookup(m.db, "therapist"),
    room: lookup(m.db, "room"),
  };
  const unknown = new Map<string, ImportUnknownName>();
  const tz = getSettings(m.db).timeZone;
  const today = spaToday(m);
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
  /** Bookings share a few hundred start times: each is converted from spa time once. */
  const instants = new Map<string, { at: string; problem?: string; doubled?: boolean }>();
  const rows: ParsedRow[] = [];

  for (const { record, line } of dataRecords) {
    await pause();
    let bad = false;
    const problem = (field: ImportField, message: string) => {
      bad = true;
      addError(line, field, message);
    };
    // Every cell, mapped or not: no control or text-direction character is stored or shown.
    const unsafe = unsafeCell(record, columnName);
    if (unsafe) {
      bad = true;
      addError(
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
    else if (externalId.length > 64)
      problem(
        "externalId",
        "The booking's ID is longer than 64 characters: check that the right column is chosen above.",
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
    const room = found("room");

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
      const when = `${start.day} ${start.time}`;
      let converted = instants.get(when);
      if (converted === undefined) {
        const at = zonedToUtc(start.day, start.time, tz).toISOString();
        const back = localParts(at, tz);
        const shown = `${start.time} on ${start.day}`;
        if (
          back.day !== start.day ||
          `${String(back.hour).padStart(2, "0")}:${String(back.minute).padStart(2, "0")}` !== start.time
        ) {
          converted = {
            at,
            problem: `${shown} does not exist in ${tz}: the clocks jump forward an hour that night. Check the booking's real time in the booking system and correct it.`,
          };
        } else {
          const later = localParts(addMinutes(at, 60), tz);
          converted = {
            at,
            doubled: later.day === back.day && later.hour === back.hour && later.minute === back.minute,
          };
        }
        instants.set(when, converted);
      }
      if (converted.problem) problem("time", converted.problem);
      else {
        startsAt = converted.at;
        if (converted.doubled) {
          warn(
            line,
            "time",
            `${start.time} on ${start.day} happens twice in ${tz} (the clocks go back an hour that night). It is imported as the first one; if the booking is the second, change its time at the desk.`,
          );
        }
      }
    }

    let minutes: number | undefined = service ? serviceMinutes.get(service.id) : undefined;
    if (startsAt !== undefined && mapping.duration !== undefined && cell(record, "duration") !== "") {
      const text = cell(record, "duration");
      const given = parseMinutes(text);
      if (given === null || given < 5 || given > 600)
        problem(
          "duration",
          `"${text.slice(0, 40)}" is not a length this import reads (5 to 600 minutes, like 90, 90 min, 1h 30m or 1:30). Correct it in the booking system and export again.`,
        );
      else minutes = given;
    } else if (startsAt !== undefined && mapping.endTime !== undefined && cell(record, "endTime") !== "") {
      const text = cell(record, "endTime");
      const end = ISO_WITH_OFFSET.test(text)
        ? { instant: new Date(Date.parse(text)).toISOString() }
        : parseStart(undefined, /\d{4}|\//.test(text) ? text : `${localParts(startsAt, tz).day} ${text}`, order);
      const endsAt =
        "instant" in end ? end.instant : "day" in end ? zonedToUtc(end.day, end.time, tz).toISOString() : null;
      const length = endsAt === null ? null : Math.round((Date.parse(endsAt) - Date.parse(startsAt)) / 60_000);
      if (length === null || length < 5 || length > 600)
        problem(
          "endTime",
          `"${text.slice(0, 40)}" is not an end time 5 to 600 minutes after the start. Correct it in the booking system and export again.`,
        );
      else minutes = length;
    }

    const noteText = cell(record, "notes");
    const { note, cut } = cleanNote(noteText);

    if (
      bad ||
      "problem" in phone ||
      !service ||
      !therapist ||
      !room ||
      startsAt === undefined ||
      minutes === undefined ||
      status === undefined
    )
      continue;
    if (cut)
      warn(
        line,
        "notes",
        `The note is longer than ${APPOINTMENT_NOTE_MAX} characters: the desk and the ticket show its first ${APPOINTMENT_NOTE_MAX - 1}. Shorten it in the booking system if the end matters.`,
      );
    const localDay = localParts(startsAt, tz).day;
    if (localDay < today && status === "booked")
      warn(
        line,
        mapping.date !== undefined ? "date" : "time",
        `This booking was on ${localDay}, in the past. It is imported for the records; the kiosk won't offer it.`,
      );
    const endsAt = addMinutes(startsAt, minutes);
    const before = existing.get(externalId) as
      | {
          id: number;
          guest_name: string;
          phone: string;
          service_id: number;
          therapist_id: number;
          room_id: number;
          starts_at: string;
          ends_at: string;
          status: string;
          note: string | null;
          came: number;
        }
      | undefined;
    // Without a Status column, a re-import keeps what the desk set (a cancellation, a no-show).
    const newStatus = mapping.status === undefined && before ? (before.status as ParsedRow["status"]) : status;
    const same =
      before &&
      before.guest_name === guestName &&
      before.phone === phone.digits &&
      before.service_id === service.id &&
      before.therapist_id === therapist.id &&
      before.room_id === room.id &&
      before.starts_at === startsAt &&
      before.ends_at === endsAt &&
      before.status === newStatus &&
      (mapping.notes === undefined || before.note === note);
    const cancels = Boolean(before && before.status !== "cancelled" && newStatus === "cancelled");
    const cancelsCheckedIn = cancels && before?.came === 1;
    if (cancelsCheckedIn) {
      warn(
        line,
        "status",
        `${guestName} already checked in, and the booking system now says the booking is cancelled. The import cancels it: tell the desk and the therapist.`,
      );
    }
    rows.push({
      line,
      externalId,
      guestName,
      phone: phone.digits,
      serviceId: service.id,
      serviceName: service.name,
      therapistId: therapist.id,
      therapistName: therapist.name,
      roomId: room.id,
      roomName: room.name,
      startsAt,
      endsAt,
      status: newStatus,
      note: mapping.notes === undefined && before ? before.note : note,
      existingId: before?.id ?? null,
      cancels,
      cancelsCheckedIn,
      action: !before ? "create" : same ? "unchanged" : "update",
    });
  }
  if (warningCount > warnings.length)
    warnings.push({
      line: 0,
      field: null,
      column: null,
      message: `…and ${warningCount - warnings.length} more warnings.`,
    });
  return {
    delimiter,
    columns,
    headerKey,
    mapping,
    mappingRemembered: remembered !== null,
    preset,
    dateOrder,
    rows,
    errors,
    errorCount,
    warnings,
    unknownNames: [...unknown.values()],
    totalRows,
    mappingProblem: false,
  };
}
