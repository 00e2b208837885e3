import type { Model } from "../model";
import { parse, CsvError } from "csv-parse/sync";
import { stmt } from "../stmt";
import {
  IMPORT_MAX_ROWS,
  importFields,
  type ImportField,
  type ImportIssue,
  type ImportMapping,
  type ImportPreview,
  type ImportResult, IMPORT_FIELD_LABELS } from "../../contract/desk";
import { CONTROL_CHARACTER, foldText, GUEST_NAME_MAX, unsafeCell } from "../../contract/common";
import { phoneInputSchema } from "../../contract/kiosk";
import { insertAppointment } from "../desk/appointments";
import { CATALOG_NOUN, type CatalogTable } from "../admin/catalog";
import { appendAudit, type Actor } from "../audit";
import { DomainError } from "../errors";
import type { DB } from "../open";
import { phoneKey } from "../people";
import { getSettings } from "../settings";
import { addMinutes, localParts, zonedToUtc } from "../time";

/**
 * Appointment import from a booking system's / POS's CSV export. The file is only ever read as
 * text: a cell like `=HYPERLINK(...)` is a guest name like any other, stored as typed and never
 * evaluated (exports through db/csv.ts neutralize it on the way out).
 */

const LABEL = IMPORT_FIELD_LABELS;
const REQUIRED: readonly ImportField[] = ["externalId", "guestName", "phone", "service", "therapist", "room", "time"];

/** Header words that usually mean a field, for the first mapping suggestion. */
const SYNONYMS: Record<ImportField, RegExp> = {
  externalId: /^(external|appointment|booking|reservation|ticket|order)?[\s_-]*(id|ref|reference|number|no|#)$|^id$/i,
  guestName: /^(guest|client|customer)?[\s_-]*(full[\s_-]*)?name$|^(guest|client|customer)$/i,
  phone: /phone|mobile|cell|tel/i,
  service: /service|treatment|massage/i,
  therapist: /therapist|staff|provider|practitioner|employee/i,
  room: /room|suite|station/i,
  date: /^(appointment[\s_-]*)?date$|^day$/i,
  time: /time|start|when|appointment$/i,
};

const PREVIEW_ROWS = 200;
const MAX_LISTED_ERRORS = 500;

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
  existingId: number | null;
  action: "create" | "update" | "unchanged";
}

interface Analysis {
  delimiter: string;
  columns: string[];
  headerKey: string;
  mapping: ImportMapping;
  mappingRemembered: boolean;
  rows: ParsedRow[];
  errors: ImportIssue[];
  errorCount: number;
  totalRows: number;
  /** A required field has no column: no row can be read. */
  mappingProblem: boolean;
}

const fileProblem = (message: string): never => {
  throw new DomainError("INVALID_INPUT", message, "content");
};

/** Refuses what is not a text CSV before parsing: binary files and text that was not UTF-8. */
function checkText(content: string): void {
  if (content.trim().length === 0) fileProblem("This file is empty.");
  const sample = content.slice(0, 64_000);
  // Control characters other than tab/CR/LF: an image, a spreadsheet (.xlsx) or another binary file.
  if (CONTROL_CHARACTER.test(sample)) fileProblem("This doesn't look like a CSV text file (it contains binary data). Export the appointments as CSV and choose that file.");
  if (content.includes("\uFFFD")) {
    fileProblem("This file isn't UTF-8 text (it was probably saved as Windows-1252 or Latin-1), so names with accents would be garbled. Save it as \"CSV UTF-8\" and try again.");
  }
}

/** The separator used by the header line: comma, semicolon (European Excel) or tab. */
function detectDelimiter(content: string): string {
  const firstLine = content.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/, 1)[0] ?? "";
  const outside = firstLine.replace(/"[^"]*"/g, "");
  const counts = [",", ";", "\t"].map((d) => ({ d, n: outside.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0] && counts[0].n > 0 ? counts[0].d : ",";
}

const headerKeyOf = (columns: readonly string[]): string => columns.map((c) => c.trim().toLowerCase()).join("\u001f");

function suggestMapping(columns: readonly string[]): ImportMapping {
  const mapping: ImportMapping = {};
  const taken = new Set<number>();
  for (const field of importFields) {
    const index = columns.findIndex((c, i) => !taken.has(i) && SYNONYMS[field].test(c.trim()));
    if (index >= 0) {
      mapping[field] = index;
      taken.add(index);
    }
  }
  return mapping;
}

function rememberedMapping(db: DB, headerKey: string): ImportMapping | null {
  const row = stmt(db, "SELECT mapping FROM import_mappings WHERE header_key = ?").get(headerKey) as { mapping: string } | undefined;
  return row ? (JSON.parse(row.mapping) as ImportMapping) : null;
}

// ---- dates and times ---------------------------------------------------------------------

const pad = (n: number) => String(n).padStart(2, "0");

/** 'YYYY-MM-DD', 'M/D/YYYY' (US exports) or 'D.M.YYYY' → 'YYYY-MM-DD'; null when unreadable. */
export function parseDay(raw: string): string | null {
  const s = raw.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(s))) [m, d, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s))) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else return null;
  if (y < 100) y += 2000;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** '14:30', '14:30:00', '2:30 PM', '2:30pm', '2 PM' → 'HH:MM' (24-hour); null when unreadable. */
export function parseTime(raw: string): string | null {
  const s = raw.trim().toLowerCase().replace(/\./g, "");
  const match = /^(\d{1,2})(?::(\d{2}))?(?::\d{2})?\s*(am|pm|a|p)?$/.exec(s);
  if (!match) return null;
  let h = Number(match[1]);
  const min = match[2] === undefined ? 0 : Number(match[2]);
  const half = match[3];
  if (match[2] === undefined && !half) return null;
  if (min > 59) return null;
  if (half) {
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (half.startsWith("p") ? 12 : 0);
  } else if (h > 23) return null;
  return `${pad(h)}:${pad(min)}`;
}

/** A start from a date cell and a time cell, or from one cell holding both ('2026-11-25 2:30 PM'). */
function parseStart(dateCell: string | undefined, timeCell: string): { day: string; time: string } | string {
  let dayText = dateCell?.trim() ?? "";
  let timeText = timeCell.trim();
  const combined = /^(\S+)[T\s]+(.+)$/.exec(timeText);
  if (combined && parseDay(combined[1] ?? "") !== null) {
    dayText = combined[1] ?? "";
    timeText = combined[2] ?? "";
  }
  if (!dayText) return "No date: map a Date column, or a start column with date and time.";
  const day = parseDay(dayText);
  if (!day) return `Unreadable date "${dayText.slice(0, 40)}": use 2026-11-25 or 11/25/2026.`;
  const time = parseTime(timeText.replace(/Z$|[+-]\d{2}:?\d{2}$/, ""));
  if (!time) return `Unreadable time "${timeText.slice(0, 40)}": use 14:30 or 2:30 PM.`;
  return { day, time };
}

// ---- analysis ------------------------------------------------------------------------------

/** How many catalog names a problem lists before "and N more". */
const LISTED_NAMES = 10;

/** Whether each typed word starts a word of the name, in order ("ana r." → "ana ruiz", "deep tissue" → "deep tissue massage"). */
function startsWords(name: string, typed: string): boolean {
  const words = name.split(" ");
  let at = 0;
  for (const part of typed.replace(/\./g, " ").split(" ").filter(Boolean)) {
    while (at < words.length && !(words[at] ?? "").startsWith(part)) at++;
    if (at === words.length) return false;
    at++;
  }
  return true;
}

type Lookup = (name: string) => { id: number; name: string } | { problem: string };
/**
 * Finds a catalog entry by the name the booking system wrote, in any case, with or without
 * accents and with spaces folded (`foldText`): "Chloe Martin" is Chloé Martin. Anything else is
 * never guessed, since a near name may be someone new; the problem says what would fix the file:
 * that the entry is inactive, which entries the name could mean ("Ana R.": "Ana Ruiz"), or what
 * the catalog has.
 */
const lookup = (db: DB, table: CatalogTable): Lookup => {
  const rows = stmt(db, `SELECT id, name, active FROM ${table} ORDER BY name`).all() as { id: number; name: string; active: number }[];
  const byName = new Map(rows.map((r) => [foldText(r.name), r]));
  const active = rows.filter((r) => r.active === 1).map((r) => ({ ...r, folded: foldText(r.name) }));
  const noun = CATALOG_NOUN[table];
  const quote = (name: string) => `"${name}"`;
  return (text) => {
    const key = foldText(text);
    const found = byName.get(key);
    if (found?.active === 1) return { id: found.id, name: found.name };
    if (!key) return { problem: `No ${noun}.` };
    if (found) return { problem: `The ${noun} ${quote(found.name)} is inactive. A manager can reactivate it in Back office → Catalog.` };
    const unknown = `Unknown ${noun} ${quote(text.slice(0, 60))}.`;
    const near = active.filter((r) => startsWords(r.folded, key));
    if (near.length > 0 && near.length <= 3) return { problem: `${unknown} Did you mean ${near.map((r) => quote(r.name)).join(" or ")}?` };
    if (active.length === 0) return { problem: `${unknown} The catalog has no active ${table}: a manager adds them in Back office → Catalog.` };
    const more = active.length > LISTED_NAMES ? ` and ${active.length - LISTED_NAMES} more` : "";
    return { problem: `${unknown} The catalog's ${table}: ${active.slice(0, LISTED_NAMES).map((r) => r.name).join(", ")}${more}.` };
  };
};

function analyze(m: Model, content: string, given: ImportMapping | undefined): Analysis {
  checkText(content);
  const delimiter = detectDelimiter(content);
  const ends: number[] = [];
  let records: string[][];
  try {
    records = parse(content, {
      bom: true,
      delimiter,
      record_delimiter: ["\r\n", "\n", "\r"],
      relax_column_count: true,
      relax_quotes: true,
      to: IMPORT_MAX_ROWS + 2,
      max_record_size: 64_000,
      on_record: (record: string[], context: { lines: number }) => {
        ends.push(context.lines);
        return record;
      },
    });
  } catch (error) {
    if (error instanceof CsvError) {
      const line = typeof error.lines === "number" ? error.lines : null;
      const what =
        error.code === "CSV_QUOTE_NOT_CLOSED"
          ? "a quoted cell is never closed"
          : error.code === "CSV_MAX_RECORD_SIZE"
            ? "a row is far too long"
            : "a quote is misplaced";
      return fileProblem(`This file can't be read as CSV${line ? ` near line ${line}` : ""}: ${what}. Check the file in a spreadsheet and export it again.`);
    }
    throw error;
  }
  const header = records[0];
  if (!header || header.every((c) => c.trim() === "")) return fileProblem("The first line should name the columns, but it is empty.");
  if (records.length > IMPORT_MAX_ROWS + 1) {
    fileProblem(`This file has more than ${IMPORT_MAX_ROWS.toLocaleString("en-US")} appointments; import at most ${IMPORT_MAX_ROWS.toLocaleString("en-US")} at a time (for example one week per file).`);
  }
  const columns = header.map((c) => c.trim());
  const columnName = (index: number) => `The "${columns[index] || `column ${index + 1}`}" cell`;
  const badHeader = unsafeCell(header, (index) => `Column ${index + 1}'s title`);
  if (badHeader) fileProblem(badHeader.message);
  const headerKey = headerKeyOf(columns);
  const remembered = given ? null : rememberedMapping(m.db, headerKey);
  const mapping = given ?? remembered ?? suggestMapping(columns);

  const errors: ImportIssue[] = [];
  let errorCount = 0;
  const addError = (issue: ImportIssue) => {
    errorCount++;
    if (errors.length < MAX_LISTED_ERRORS) errors.push(issue);
  };
  for (const field of REQUIRED) {
    const index = mapping[field];
    if (index === undefined) addError({ line: 1, field, message: `Choose the column that holds "${LABEL[field]}".` });
    else if (index >= columns.length) addError({ line: 1, field, message: `"${LABEL[field]}" points at a column this file doesn't have.` });
  }
  if (errorCount > 0) {
    const totalRows = records.slice(1).filter((r) => r.some((c) => c.trim() !== "")).length;
    return { delimiter, columns, headerKey, mapping, mappingRemembered: remembered !== null, rows: [], errors, errorCount, totalRows, mappingProblem: true };
  }

  const services = lookup(m.db, "services");
  const therapists = lookup(m.db, "therapists");
  const rooms = lookup(m.db, "rooms");
  const tz = getSettings(m.db).timeZone;
  const existing = stmt(m.db,
    "SELECT id, guest_name, phone, service_id, therapist_id, room_id, starts_at FROM appointments WHERE external_id = ?",
  );
  const seen = new Map<string, number>();
  /** Bookings share a few hundred start times: each is converted from spa time once. */
  const instants = new Map<string, string>();
  const rows: ParsedRow[] = [];
  let totalRows = 0;
  const cell = (record: string[], field: ImportField): string => {
    const index = mapping[field];
    return index === undefined ? "" : (record[index] ?? "").trim();
  };

  for (let r = 1; r < records.length; r++) {
    const record = records[r] ?? [];
    const line = (ends[r - 1] ?? 0) + 1;
    if (record.every((c) => c.trim() === "")) continue;
    totalRows++;
    const problems: ImportIssue[] = [];
    const problem = (field: ImportField, message: string) => problems.push({ line, field, message });
    // Every cell, mapped or not: no control or text-direction character is stored or shown.
    const unsafe = unsafeCell(record, columnName);
    if (unsafe) problems.push({ line, field: importFields.find((f) => mapping[f] === unsafe.index) ?? null, message: unsafe.message });

    const externalId = cell(record, "externalId");
    if (!externalId) problem("externalId", "No external ID: every appointment needs the booking system's ID, so a re-import updates it.");
    else if (externalId.length > 64) problem("externalId", "The external ID is longer than 64 characters.");
    else if (seen.has(externalId)) problem("externalId", `Duplicate external ID "${externalId}": it is also on line ${seen.get(externalId)}.`);
    else seen.set(externalId, line);

    const guestName = cell(record, "guestName").replace(/\s+/g, " ");
    if (guestName.length < 2) problem("guestName", "No guest name.");
    else if (guestName.length > GUEST_NAME_MAX) problem("guestName", `The guest name is longer than ${GUEST_NAME_MAX} characters.`);

    const phoneText = cell(record, "phone");
    const phone = phoneInputSchema.safeParse(phoneText);
    if (!phone.success) problem("phone", `Bad phone number "${phoneText.slice(0, 40)}": ${phone.error.issues[0]?.message ?? "use digits"}`);

    const found = (field: "service" | "therapist" | "room", find: Lookup) => {
      const entry = find(cell(record, field));
      if (!("problem" in entry)) return entry;
      problem(field, entry.problem);
      return undefined;
    };
    const service = found("service", services);
    const therapist = found("therapist", therapists);
    const room = found("room", rooms);

    const start = parseStart(mapping.date === undefined ? undefined : cell(record, "date"), cell(record, "time"));
    if (typeof start === "string") problem(mapping.date !== undefined && start.startsWith("Unreadable date") ? "date" : "time", start);

    if (problems.length > 0 || !phone.success || !service || !therapist || !room || typeof start === "string") {
      for (const p of problems) addError(p);
      continue;
    }
    const when = `${start.day} ${start.time}`;
    let startsAt = instants.get(when);
    if (startsAt === undefined) {
      startsAt = zonedToUtc(start.day, start.time, tz).toISOString();
      instants.set(when, startsAt);
    }
    const before = existing.get(externalId) as
      | { id: number; guest_name: string; phone: string; service_id: number; therapist_id: number; room_id: number; starts_at: string }
      | undefined;
    const same =
      before &&
      before.guest_name === guestName &&
      before.phone === phone.data &&
      before.service_id === service.id &&
      before.therapist_id === therapist.id &&
      before.room_id === room.id &&
      before.starts_at === startsAt;
    rows.push({
      line,
      externalId,
      guestName,
      phone: phone.data,
      serviceId: service.id,
      serviceName: service.name,
      therapistId: therapist.id,
      therapistName: therapist.name,
      roomId: room.id,
      roomName: room.name,
      startsAt,
      existingId: before?.id ?? null,
      action: !before ? "create" : same ? "unchanged" : "update",
    });
  }
  return { delimiter, columns, headerKey, mapping, mappingRemembered: remembered !== null, rows, errors, errorCount, totalRows, mappingProblem: false };
}

/** Reads the file and shows what an import would do, without changing anything. */
export function previewImport(m: Model, content: string, mapping?: ImportMapping): ImportPreview {
  const a = analyze(m, content, mapping);
  if (a.errorCount > a.errors.length) {
    a.errors.push({ line: 0, field: null, message: `…and ${a.errorCount - a.errors.length} more rows with problems.` });
  }
  return {
    delimiter: a.delimiter === "\t" ? "tab" : a.delimiter,
    columns: a.columns,
    mapping: a.mapping,
    mappingRemembered: a.mappingRemembered,
    rows: a.rows.slice(0, PREVIEW_ROWS).map((r) => ({
      line: r.line,
      externalId: r.externalId,
      guestName: r.guestName,
      startsAt: r.startsAt,
      serviceName: r.serviceName,
      therapistName: r.therapistName,
      roomName: r.roomName,
      action: r.action,
    })),
    errors: a.errors,
    totalRows: a.totalRows,
    validRows: a.rows.length,
  };
}

/**
 * Imports in ONE transaction: new external ids are created, known ones updated (so importing
 * the same file again changes nothing and duplicates nothing). A file with row errors imports
 * nothing unless the user chose to skip the bad rows; missing column mappings always refuse.
 * The mapping is remembered for the next file with the same columns.
 */
export function commitImport(m: Model, actor: Extract<Actor, { kind: "staff" }>, content: string, mapping: ImportMapping, skipBadRows: boolean): ImportResult & { firstId: number | null } {
  const { db, clock } = m;
  return db.transaction(() => {
    const a = analyze(m, content, mapping);
    if (a.mappingProblem) throw new DomainError("INVALID_INPUT", a.errors[0]?.message ?? "Choose a column for every field.", "mapping");
    if (a.errorCount > 0 && !skipBadRows) {
      throw new DomainError(
        "CONFLICT",
        `${a.errorCount} row${a.errorCount === 1 ? " has" : "s have"} problems, so nothing was imported. Fix the file, or choose "Skip bad rows" to import the other ${a.rows.length}.`,
      );
    }
    if (a.rows.length === 0) throw new DomainError("INVALID_INPUT", "There are no appointments to import in this file.", "content");
    const tz = getSettings(db).timeZone;
    let created = 0;
    let updated = 0;
    let unchanged = 0;
    let firstId: number | null = null;
    const update = stmt(db,
      `UPDATE appointments SET guest_name = ?, phone = ?, phone_key = ?, service_id = ?, therapist_id = ?, room_id = ?,
              starts_at = ?, ends_at = ?, local_day = ? WHERE id = ?`,
    );
    const minutesOf = stmt(db, "SELECT minutes FROM services WHERE id = ?");
    for (const r of a.rows) {
      if (r.action === "unchanged") {
        unchanged++;
        continue;
      }
      if (r.existingId === null) {
        const id = insertAppointment(m, tz, {
          guestName: r.guestName,
          phone: r.phone,
          serviceId: r.serviceId,
          therapistId: r.therapistId,
          roomId: r.roomId,
          startsAt: r.startsAt,
          source: "import",
          externalId: r.externalId,
        });
        appendAudit(db, clock, actor, {
          action: "appointment.import",
          entity: "appointment",
          entityId: id,
          after: { externalId: r.externalId, serviceId: r.serviceId, therapistId: r.therapistId, roomId: r.roomId, startsAt: r.startsAt },
        });
        firstId ??= id;
        created++;
      } else {
        const before = stmt(db, "SELECT service_id, therapist_id, room_id, starts_at FROM appointments WHERE id = ?").get(r.existingId) as Record<string, unknown>;
        const { minutes } = minutesOf.get(r.serviceId) as { minutes: number };
        update.run(r.guestName, r.phone, phoneKey(r.phone), r.serviceId, r.therapistId, r.roomId, r.startsAt, addMinutes(r.startsAt, minutes), localParts(r.startsAt, tz).day, r.existingId);
        appendAudit(db, clock, actor, {
          action: "appointment.import_update",
          entity: "appointment",
          entityId: r.existingId,
          before: { serviceId: before.service_id, therapistId: before.therapist_id, roomId: before.room_id, startsAt: before.starts_at },
          after: { serviceId: r.serviceId, therapistId: r.therapistId, roomId: r.roomId, startsAt: r.startsAt },
        });
        firstId ??= r.existingId;
        updated++;
      }
    }
    stmt(db, "INSERT INTO import_mappings (header_key, mapping, updated_at) VALUES (?, ?, ?) ON CONFLICT (header_key) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at").run(
      a.headerKey,
      JSON.stringify(mapping),
      clock.now().toISOString(),
    );
    const result = { created, updated, unchanged, skipped: a.errorCount };
    appendAudit(db, clock, actor, { action: "import.commit", entity: "import", entityId: null, after: result });
    return { ...result, firstId };
  }).immediate();
}
