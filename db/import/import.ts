import type { Model } from "../model";
import { parse, CsvError, type Parser } from "csv-parse";
import { setImmediate as yieldToOthers } from "node:timers/promises";
import { stmt } from "../stmt";
import {
  IMPORT_MAX_ROWS,
  IMPORT_HOLD_MS,
  IMPORT_SLICE_ROWS,
  importFields,
  importMappingSchema,
  type DateOrder,
  type ImportCatalogKind,
  type ImportField,
  type ImportIssue,
  type ImportMapping,
  type ImportPreview,
  type ImportResult,
  type ImportUnknownName,
  IMPORT_FIELD_LABELS,
} from "../../contract/desk";
import { APPOINTMENT_NOTE_MAX, CONTROL_CHARACTER, foldText, GUEST_NAME_MAX, unsafeCell } from "../../contract/common";
import { insertAppointment } from "../desk/appointments";
import { CATALOG_NOUN, type CatalogTable } from "../admin/catalog";
import { appendAudit, type Actor } from "../audit";
import { DomainError } from "../errors";
import type { DB } from "../open";
import { phoneKey } from "../people";
import { getSettings, spaToday } from "../settings";
import { addMinutes, localParts, zonedToUtc } from "../time";
import { recognisePreset } from "./presets";

/**
 * Appointment import from a booking system's / POS's CSV export. The file is only ever read as
 * text: a cell like `=HYPERLINK(...)` is a guest name like any other, stored as typed and never
 * evaluated (exports through db/csv.ts neutralize it on the way out).
 */

const LABEL = IMPORT_FIELD_LABELS;
/** Fields every file needs; the guest's name is checked apart (one column, or first + last). */
const REQUIRED: readonly ImportField[] = ["externalId", "phone", "service", "therapist", "room", "time"];

/** Header words that usually mean a field, for the first mapping suggestion when no preset fits. */
const SYNONYMS: Record<ImportField, RegExp> = {
  externalId: /^(external|appointment|appt|booking|reservation|ticket|order|ref)?[\s_-]*(id|ref|reference|number|no|#)$|^id$/i,
  guestName: /^(guest|client|customer)?[\s_-]*(full[\s_-]*)?name$|^(guest|client|customer)$/i,
  firstName: /^(guest|client|customer)?[\s_-]*(first|given)[\s_-]*name$|^nombre$/i,
  lastName: /^(guest|client|customer)?[\s_-]*(last|family|sur)[\s_-]*name$|^surname$|^apellidos?$/i,
  phone: /phone|mobile|cell|tel/i,
  service: /service|treatment|massage/i,
  therapist: /therapist|staff|provider|practitioner|employee|team member/i,
  room: /room|suite|station|resource/i,
  date: /^(appointment[\s_-]*|scheduled[\s_-]*)?date$|^day$/i,
  time: /^(start|begin)|^time$|when|appointment$/i,
  duration: /duration|length|minutes/i,
  endTime: /^(end|finish)/i,
  status: /status|state/i,
  notes: /note|comment|remark/i,
};

const PREVIEW_ROWS = 200;
const MAX_LISTED_ISSUES = 500;
/** Catalog kind of each catalog field. */
const TABLE_OF: Record<ImportCatalogKind, CatalogTable> = { service: "services", therapist: "therapists", room: "rooms" };

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

interface Analysis {
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
  if (mapping.guestName !== undefined) {
    delete mapping.firstName;
    delete mapping.lastName;
  }
  return mapping;
}

function rememberedMapping(db: DB, headerKey: string): ImportMapping | null {
  const row = stmt(db, "SELECT mapping FROM import_mappings WHERE header_key = ?").get(headerKey) as { mapping: string } | undefined;
  if (!row) return null;
  const parsed = importMappingSchema.safeParse(JSON.parse(row.mapping));
  return parsed.success ? parsed.data : null;
}

// ---- dates and times ---------------------------------------------------------------------

const pad = (n: number) => String(n).padStart(2, "0");

/** A slash or dash date whose first two numbers could be day or month: '03/12/2026', '3-12-26'. */
const SLASH_DATE = /^(\d{1,2})[/-](\d{1,2})[/-](\d{2}|\d{4})$/;

/**
 * How the file writes its slash dates, from every date in it: one date whose first number is over
 * 12 (25/11/2026) makes the file day-first, one whose second is makes it month-first; both is a
 * file that can't be read; neither is a file that can't tell (null: ask).
 */
export function decideDateOrder(dates: Iterable<string>): DateOrder | "mixed" | null {
  let dayFirst = false;
  let monthFirst = false;
  for (const raw of dates) {
    const match = SLASH_DATE.exec(raw.trim());
    if (!match) continue;
    if (Number(match[1]) > 12) dayFirst = true;
    if (Number(match[2]) > 12) monthFirst = true;
  }
  if (dayFirst && monthFirst) return "mixed";
  return dayFirst ? "day-first" : monthFirst ? "month-first" : null;
}

/** 'YYYY-MM-DD', a slash date in the file's order (month first unless told) or 'D.M.YYYY' → 'YYYY-MM-DD'; null when unreadable. */
export function parseDay(raw: string, order: DateOrder = "month-first"): string | null {
  const s = raw.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = SLASH_DATE.exec(s))) {
    const [a, b] = [Number(match[1]), Number(match[2])];
    [d, m] = order === "day-first" ? [a, b] : [b, a];
    y = Number(match[3]);
  } else if ((match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s))) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
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

/** An ISO 8601 instant with its offset or Z ('2026-11-25T14:30:00Z', '2026-11-25T14:30+01:00'): the exact instant. */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** A date and clock time in spa time, or an exact instant the file gave with its offset. */
type Start = { day: string; time: string } | { instant: string };

/** The date part of a cell holding date and time ('2026-11-25 2:30 PM', '25/11/2026 14:30'), for the date-order scan. */
const datePartOf = (cell: string): string => /^(\S+)[T\s]+.+$/.exec(cell.trim())?.[1] ?? cell.trim();

/** A start from a date cell and a time cell, or from one cell holding both; a message for staff when unreadable. */
function parseStart(dateCell: string | undefined, timeCell: string, order: DateOrder): Start | { problem: string; field: "date" | "time" } {
  let dayText = dateCell?.trim() ?? "";
  let timeText = timeCell.trim();
  if (ISO_WITH_OFFSET.test(timeText)) {
    const ms = Date.parse(timeText);
    if (Number.isFinite(ms)) return { instant: new Date(ms).toISOString() };
  }
  const combined = /^(\S+)[T\s]+(.+)$/.exec(timeText);
  if (combined && parseDay(combined[1] ?? "", order) !== null) {
    dayText = combined[1] ?? "";
    timeText = combined[2] ?? "";
  }
  if (!dayText) return { problem: "No date. Map the Date column above, or a start column that holds date and time.", field: "time" };
  const day = parseDay(dayText, order);
  if (!day) return { problem: `"${dayText.slice(0, 40)}" is not a date this import reads. Correct it in the booking system (2026-11-25 or ${order === "day-first" ? "25/11/2026" : "11/25/2026"}) and export again.`, field: dateCell ? "date" : "time" };
  const time = parseTime(timeText);
  if (!time) return { problem: `"${timeText.slice(0, 40)}" is not a time this import reads. Correct it in the booking system (14:30 or 2:30 PM) and export again.`, field: "time" };
  return { day, time };
}

/** Minutes from a Duration cell: '90', '90 min', '1h 30m', '1:30', '1.5 h', '2 hours'. */
export function parseMinutes(raw: string): number | null {
  const s = raw.trim().toLowerCase();
  let match = /^(\d{1,3})\s*(m|min|mins|minutes?)?$/.exec(s);
  if (match) return Number(match[1]);
  match = /^(\d{1,2}):(\d{2})$/.exec(s);
  if (match) return Number(match[1]) * 60 + Number(match[2]);
  match = /^(\d{1,2}(?:[.,]\d+)?)\s*(h|hr|hrs|hours?)\s*(?:(\d{1,2})\s*(m|min|mins|minutes?)?)?$/.exec(s);
  if (match) return Math.round(Number((match[1] ?? "").replace(",", ".")) * 60) + Number(match[3] ?? 0);
  return null;
}

/** A booking system's status, in English and Spanish wording: what the kiosk and desk make of it; undefined when unknown. */
export function parseStatus(raw: string): "booked" | "cancelled" | "no_show" | undefined {
  const s = foldText(raw).replace(/[-_]/g, " ");
  if (s === "") return "booked";
  if (/^(cancel+ed|cancel+ation|late cancel+(ed)?|cancel+ed by (client|customer|guest|staff|business|seller)|deleted|removed|void(ed)?|cancelad[oa]|anulad[oa]|eliminad[oa]|borrad[oa])$/.test(s)) return "cancelled";
  if (/^(no ?show|did not show|missed|no presentad[oa]|no se presento|no asistio|ausente|inasistencia)$/.test(s)) return "no_show";
  if (/^(booked|confirmed|unconfirmed|accepted|pending|requested|scheduled|new|open|closed|arrived|checked in|checked out|in progress|completed|done|reservad[oa]|confirmad[oa]|pendiente|programad[oa]|llego|completad[oa])$/.test(s)) return "booked";
  return undefined;
}

/**
 * A booking's note as the desk and the ticket carry it: control and direction-override characters
 * and line breaks become spaces, spaces fold, and it is cut at the contract's limit.
 */
export function cleanNote(raw: string): { note: string | null; cut: boolean } {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const flat = raw.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, " ").replace(/\s+/g, " ").trim();
  if (flat === "") return { note: null, cut: false };
  if (flat.length <= APPOINTMENT_NOTE_MAX) return { note: flat, cut: false };
  return { note: `${flat.slice(0, APPOINTMENT_NOTE_MAX - 1)}…`, cut: true };
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

type Lookup = (name: string) => { id: number; name: string } | { problem: string; unknown: boolean };
/**
 * Finds a catalog entry by the name the booking system wrote, in any case, with or without
 * accents and with spaces folded (`foldText`): "Chloe Martin" is Chloé Martin; or by a match staff
 * made once in an earlier preview ("Room 1" is Lotus). Anything else is never guessed, since a near
 * name may be someone new; the problem says what would fix it.
 */
const lookup = (db: DB, kind: ImportCatalogKind): Lookup => {
  const table = TABLE_OF[kind];
  const rows = stmt(db, `SELECT id, name, active FROM ${table} ORDER BY name`).all() as { id: number; name: string; active: number }[];
  const byName = new Map(rows.map((r) => [foldText(r.name), r]));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const matched = new Map(
    (stmt(db, "SELECT name_key, target_id FROM import_name_matches WHERE kind = ?").all(kind) as { name_key: string; target_id: number }[]).map((r) => [r.name_key, r.target_id]),
  );
  const active = rows.filter((r) => r.active === 1).map((r) => ({ ...r, folded: foldText(r.name) }));
  const noun = CATALOG_NOUN[table];
  const quote = (name: string) => `"${name}"`;
  return (text) => {
    const key = foldText(text);
    const found = byName.get(key) ?? byId.get(matched.get(key) ?? 0);
    if (found?.active === 1) return { id: found.id, name: found.name };
    if (!key) return { problem: `The ${noun} is empty. Fill it in in the booking system and export again.`, unknown: false };
    if (found) return { problem: `The ${noun} ${quote(found.name)} is inactive. A manager can reactivate it in Back office → Catalog.`, unknown: false };
    const unknown = `${quote(text.slice(0, 60))} is not a ${noun} in the catalog. Match it to one under "Names not in the catalog" (it is remembered for later imports), or a manager adds it there.`;
    const near = active.filter((r) => startsWords(r.folded, key));
    if (near.length > 0 && near.length <= 3) return { problem: `${unknown} Perhaps ${near.map((r) => quote(r.name)).join(" or ")}?`, unknown: true };
    if (active.length === 0) return { problem: `${unknown} The catalog has no active ${table} yet.`, unknown: true };
    const more = active.length > LISTED_NAMES ? ` and ${active.length - LISTED_NAMES} more` : "";
    return { problem: `${unknown} The catalog's ${table}: ${active.slice(0, LISTED_NAMES).map((r) => r.name).join(", ")}${more}.`, unknown: true };
  };
};

/**
 * Lets other work (a kiosk check-in) run once this many milliseconds of import work have passed
 * since the last pause: reading, checking and writing a 10,000-row file never holds the main
 * process for longer than IMPORT_HOLD_MS at a time.
 */
function pacer(): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < IMPORT_HOLD_MS) return;
    await yieldToOthers();
    since = performance.now();
  };
}

/** Characters of the file parsed between pauses. */
const PARSE_CHUNK = 8_000;

/** The file's records and the line each ends on, parsed a chunk at a time with pauses between chunks. */
async function parseRecords(content: string, delimiter: string, pause: () => Promise<void>): Promise<{ records: string[][]; ends: number[] }> {
  const ends: number[] = [];
  const records: string[][] = [];
  let failure: Error | null = null;
  let ended = false;
  const parser: Parser = parse({
    bom: true,
    delimiter,
    record_delimiter: ["\r\n", "\n", "\r"],
    relax_column_count: true,
    relax_quotes: true,
    max_record_size: 64_000,
    // Records are kept here as they are parsed, in the same turn as the chunk that holds them; none
    // is left to the stream's buffer, which would hold the parsing back until the end.
    on_record: (record: string[], context: { lines: number }) => {
      ends.push(context.lines);
      records.push(record);
      return null;
    },
  });
  parser.on("error", (error: Error) => (failure = error));
  parser.resume(); // nothing to read, but 'end' comes only to a flowing stream
  const done = new Promise<void>((resolve) => {
    parser.on("end", () => {
      ended = true;
      resolve();
    });
    parser.on("error", () => resolve());
  });
  // Past the most rows an import takes, the rest is not read: the file is refused anyway.
  for (let at = 0; at < content.length && failure === null && !ended && records.length <= IMPORT_MAX_ROWS + 1; at += PARSE_CHUNK) {
    parser.write(content.slice(at, at + PARSE_CHUNK));
    await pause();
  }
  if (failure === null && !ended) parser.end();
  await done;
  // Set by the parser's error event, which TypeScript can't see from here.
  const failed = failure as Error | null;
  if (failed instanceof CsvError) {
    const line = typeof failed.lines === "number" ? failed.lines : null;
    const what =
      failed.code === "CSV_QUOTE_NOT_CLOSED"
        ? "a quoted cell is never closed"
        : failed.code === "CSV_MAX_RECORD_SIZE"
          ? "a row is far too long"
          : "a quote is misplaced";
    return fileProblem(`This file can't be read as CSV${line ? ` near line ${line}` : ""}: ${what}. Check the file in a spreadsheet and export it again.`);
  }
  if (failed !== null) throw failed;
  return { records, ends };
}

/** A phone cell as staff fix it: the digits, or what is wrong with it. */
function readPhone(text: string): { digits: string } | { problem: string } {
  const shown = `"${text.slice(0, 40)}"`;
  if (text === "") return { problem: "The phone number is empty. Add the guest's phone in the booking system and export again: the kiosk finds guests by it." };
  if (text.length > 40 || !/^[\d\s()+./-]*(?:\s*(?:x|ext\.?)\s*\d+)?$/i.test(text)) {
    return { problem: `${shown} is not a phone number (use digits, spaces, + ( ) - .). Correct it in the booking system and export again.` };
  }
  const digits = text.replace(/\s*(?:x|ext\.?)\s*\d+$/i, "").replace(/\D/g, "");
  if (digits.length < 7) return { problem: `${shown} has ${digits.length} digits: a phone number has at least 7. Correct it in the booking system and export again.` };
  if (digits.length > 15) return { problem: `${shown} has ${digits.length} digits: a phone number has at most 15. Correct it in the booking system and export again.` };
  return { digits };
}

interface Options {
  mapping?: ImportMapping;
  dateOrder?: DateOrder;
}

async function analyze(m: Model, content: string, options: Options): Promise<Analysis> {
  checkText(content);
  const pause = pacer();
  const delimiter = detectDelimiter(content);
  const { records, ends } = await parseRecords(content, delimiter, pause);
  const header = records[0];
  if (!header || header.every((c) => c.trim() === "")) return fileProblem("The first line should name the columns, but it is empty.");
  if (records.length > IMPORT_MAX_ROWS + 1) {
    fileProblem(`This file has more than ${IMPORT_MAX_ROWS.toLocaleString("en-US")} appointments; import at most ${IMPORT_MAX_ROWS.toLocaleString("en-US")} at a time (for example one week per file).`);
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
    ? { name: recognised.preset.name, note: `These columns look like a ${recognised.preset.name} export: the columns below are proposed from its column names. Check each one before importing.` }
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
    else if (index >= columns.length) addError(1, field, `"${LABEL[field]}" points at a column this file doesn't have: choose another above.`);
  }
  if (mapping.guestName === undefined && mapping.firstName === undefined && mapping.lastName === undefined) {
    addError(1, "guestName", 'Choose the column that holds "Guest name" above, or the "First name" and "Last name" columns.');
  }
  for (const field of importFields) {
    const index = mapping[field];
    if (!REQUIRED.includes(field) && index !== undefined && index >= columns.length) addError(1, field, `"${LABEL[field]}" points at a column this file doesn't have: choose another above.`);
  }
  const dataRecords: { record: string[]; line: number }[] = [];
  for (let r = 1; r < records.length; r++) {
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
  const dateCells = dataRecords.map(({ record }) => (mapping.date !== undefined ? cell(record, "date") : datePartOf(cell(record, "time"))));
  const fileOrder = decideDateOrder(dateCells);
  let dateOrder: ImportPreview["dateOrder"];
  if (fileOrder === "mixed") {
    addError(1, mapping.date !== undefined ? "date" : "time", "This file mixes day-first dates (25/11/2026) and month-first dates (11/25/2026), so no date can be trusted. Export it again with one date format.");
    dateOrder = { order: null, from: "file" };
  } else if (fileOrder !== null) {
    dateOrder = { order: options.dateOrder ?? fileOrder, from: options.dateOrder && options.dateOrder !== fileOrder ? "chosen" : "file" };
  } else if (dateCells.some((d) => SLASH_DATE.test(d.trim()))) {
    dateOrder = options.dateOrder ? { order: options.dateOrder, from: "chosen" } : { order: null, from: "ask" };
    if (!options.dateOrder) {
      addError(1, mapping.date !== undefined ? "date" : "time", `No date in this file tells whether ${dateCells.find((d) => SLASH_DATE.test(d.trim())) ?? "03/12/2026"} is day-first or month-first. Choose the date order above.`);
    }
  } else dateOrder = { order: null, from: "not-needed" };

  if (errorCount > 0) {
    return { delimiter, columns, headerKey, mapping, mappingRemembered: remembered !== null, preset, dateOrder, rows: [], errors, errorCount, warnings, unknownNames: [], totalRows, mappingProblem: true };
  }
  const order: DateOrder = dateOrder.order ?? "month-first";

  const finders: Record<ImportCatalogKind, Lookup> = { service: lookup(m.db, "service"), therapist: lookup(m.db, "therapist"), room: lookup(m.db, "room") };
  const unknown = new Map<string, ImportUnknownName>();
  const tz = getSettings(m.db).timeZone;
  const today = spaToday(m);
  const existing = stmt(m.db,
    `SELECT a.id, a.guest_name, a.phone, a.service_id, a.therapist_id, a.room_id, a.starts_at, a.ends_at, a.status, a.note,
            c.appointment_id IS NOT NULL AS came
     FROM appointments a LEFT JOIN check_ins c ON c.appointment_id = a.id WHERE a.external_id = ?`,
  );
  const serviceMinutes = new Map((stmt(m.db, "SELECT id, minutes FROM services").all() as { id: number; minutes: number }[]).map((s) => [s.id, s.minutes]));
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
      addError(line, importFields.find((f) => mapping[f] === unsafe.index) ?? null, `${unsafe.message.replace(/; retype it\.$/, "")}: remove it in the booking system and export again.`);
    }

    const externalId = cell(record, "externalId");
    if (!externalId) problem("externalId", "The booking's ID is empty. Every booking needs the booking system's ID so a re-import updates it: export again with the ID column.");
    else if (externalId.length > 64) problem("externalId", "The booking's ID is longer than 64 characters: check that the right column is chosen above.");
    else if (seen.has(externalId)) problem("externalId", `The booking ID "${externalId}" is also on line ${seen.get(externalId)}. Remove the duplicate row in the booking system's export.`);
    else seen.set(externalId, line);

    const nameField: ImportField = mapping.guestName !== undefined ? "guestName" : "firstName";
    const guestName = (mapping.guestName !== undefined ? cell(record, "guestName") : `${cell(record, "firstName")} ${cell(record, "lastName")}`).replace(/\s+/g, " ").trim();
    if (guestName.length < 2) problem(nameField, "The guest's name is empty. Add it in the booking system and export again.");
    else if (guestName.length > GUEST_NAME_MAX) problem(nameField, `The guest's name is longer than ${GUEST_NAME_MAX} characters: check that the right column is chosen above.`);

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
        else unknown.set(key, { kind: field, name: text.slice(0, 120), rows: 1, firstLine: line, minutes: parseMinutes(cell(record, "duration")) });
      }
      return undefined;
    };
    const service = found("service");
    const therapist = found("therapist");
    const room = found("room");

    const statusText = cell(record, "status");
    const status = parseStatus(statusText);
    if (status === undefined) problem("status", `"${statusText.slice(0, 40)}" is not a status this import knows. Booked, confirmed, cancelled, deleted, no-show (or cancelada, no presentado) are read; correct it or clear the Status column choice above.`);

    const start = parseStart(mapping.date === undefined ? undefined : cell(record, "date"), cell(record, "time"), order);
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
        if (back.day !== start.day || `${String(back.hour).padStart(2, "0")}:${String(back.minute).padStart(2, "0")}` !== start.time) {
          converted = { at, problem: `${shown} does not exist in ${tz}: the clocks jump forward an hour that night. Check the booking's real time in the booking system and correct it.` };
        } else {
          const later = localParts(addMinutes(at, 60), tz);
          converted = { at, doubled: later.day === back.day && later.hour === back.hour && later.minute === back.minute };
        }
        instants.set(when, converted);
      }
      if (converted.problem) problem("time", converted.problem);
      else {
        startsAt = converted.at;
        if (converted.doubled) {
          warn(line, "time", `${start.time} on ${start.day} happens twice in ${tz} (the clocks go back an hour that night). It is imported as the first one; if the booking is the second, change its time at the desk.`);
        }
      }
    }

    let minutes: number | undefined = service ? serviceMinutes.get(service.id) : undefined;
    if (startsAt !== undefined && mapping.duration !== undefined && cell(record, "duration") !== "") {
      const text = cell(record, "duration");
      const given = parseMinutes(text);
      if (given === null || given < 5 || given > 600) problem("duration", `"${text.slice(0, 40)}" is not a length this import reads (5 to 600 minutes, like 90, 90 min, 1h 30m or 1:30). Correct it in the booking system and export again.`);
      else minutes = given;
    } else if (startsAt !== undefined && mapping.endTime !== undefined && cell(record, "endTime") !== "") {
      const text = cell(record, "endTime");
      const end = ISO_WITH_OFFSET.test(text) ? { instant: new Date(Date.parse(text)).toISOString() } : parseStart(undefined, /\d{4}|\//.test(text) ? text : `${localParts(startsAt, tz).day} ${text}`, order);
      const endsAt = "instant" in end ? end.instant : "day" in end ? zonedToUtc(end.day, end.time, tz).toISOString() : null;
      const length = endsAt === null ? null : Math.round((Date.parse(endsAt) - Date.parse(startsAt)) / 60_000);
      if (length === null || length < 5 || length > 600) problem("endTime", `"${text.slice(0, 40)}" is not an end time 5 to 600 minutes after the start. Correct it in the booking system and export again.`);
      else minutes = length;
    }

    const noteText = cell(record, "notes");
    const { note, cut } = cleanNote(noteText);

    if (bad || "problem" in phone || !service || !therapist || !room || startsAt === undefined || minutes === undefined || status === undefined) continue;
    if (cut) warn(line, "notes", `The note is longer than ${APPOINTMENT_NOTE_MAX} characters: the desk and the ticket show its first ${APPOINTMENT_NOTE_MAX - 1}. Shorten it in the booking system if the end matters.`);
    const localDay = localParts(startsAt, tz).day;
    if (localDay < today && status === "booked") warn(line, mapping.date !== undefined ? "date" : "time", `This booking was on ${localDay}, in the past. It is imported for the records; the kiosk won't offer it.`);
    const endsAt = addMinutes(startsAt, minutes);
    const before = existing.get(externalId) as
      | { id: number; guest_name: string; phone: string; service_id: number; therapist_id: number; room_id: number; starts_at: string; ends_at: string; status: string; note: string | null; came: number }
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
      warn(line, "status", `${guestName} already checked in, and the booking system now says the booking is cancelled. The import cancels it: tell the desk and the therapist.`);
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
  if (warningCount > warnings.length) warnings.push({ line: 0, field: null, column: null, message: `…and ${warningCount - warnings.length} more warnings.` });
  return {
    delimiter, columns, headerKey, mapping, mappingRemembered: remembered !== null, preset, dateOrder, rows, errors, errorCount, warnings,
    unknownNames: [...unknown.values()], totalRows, mappingProblem: false,
  };
}

const activeEntries = (db: DB, kind: ImportCatalogKind) =>
  stmt(db, `SELECT id, name FROM ${TABLE_OF[kind]} WHERE active = 1 ORDER BY name`).all() as { id: number; name: string }[];

/** Reads the file and shows what an import would do, without changing anything. */
export async function previewImport(m: Model, content: string, options: Options & { canAddToCatalog?: boolean } = {}): Promise<ImportPreview> {
  const a = await analyze(m, content, options);
  if (a.errorCount > a.errors.length) {
    a.errors.push({ line: 0, field: null, column: null, message: `…and ${a.errorCount - a.errors.length} more rows with problems.` });
  }
  return {
    delimiter: a.delimiter === "\t" ? "tab" : a.delimiter,
    columns: a.columns,
    mapping: a.mapping,
    mappingRemembered: a.mappingRemembered,
    preset: a.preset,
    dateOrder: a.dateOrder,
    rows: a.rows.slice(0, PREVIEW_ROWS).map((r) => ({
      line: r.line,
      externalId: r.externalId,
      guestName: r.guestName,
      startsAt: r.startsAt,
      endsAt: r.endsAt,
      serviceName: r.serviceName,
      therapistName: r.therapistName,
      roomName: r.roomName,
      status: r.status,
      note: r.note,
      action: r.action,
    })),
    errors: a.errors,
    warnings: a.warnings,
    unknownNames: a.unknownNames,
    catalog: { service: activeEntries(m.db, "service"), therapist: activeEntries(m.db, "therapist"), room: activeEntries(m.db, "room") },
    canAddToCatalog: options.canAddToCatalog ?? false,
    totalRows: a.totalRows,
    validRows: a.rows.length,
  };
}

/**
 * Remembers that a booking system's name is a catalog entry ("Room 1" is Lotus): this preview and
 * every later import read it so. Any staff member may match; only a manager adds to the catalog.
 */
export function matchImportName(m: Model, actor: Extract<Actor, { kind: "staff" }>, kind: ImportCatalogKind, name: string, targetId: number): { kind: ImportCatalogKind; name: string; targetName: string } {
  const { db, clock } = m;
  return db.transaction(() => {
    const target = stmt(db, `SELECT id, name, active FROM ${TABLE_OF[kind]} WHERE id = ?`).get(targetId) as { id: number; name: string; active: number } | undefined;
    if (!target || target.active !== 1) throw new DomainError("NOT_FOUND", `That ${CATALOG_NOUN[TABLE_OF[kind]]} is no longer in the catalog. Preview the file again.`, "targetId");
    const key = foldText(name);
    if (!key) throw new DomainError("INVALID_INPUT", "Which name should be matched?", "name");
    stmt(db, "INSERT INTO import_name_matches (kind, name_key, target_id, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (kind, name_key) DO UPDATE SET target_id = excluded.target_id, created_at = excluded.created_at").run(
      kind, key, target.id, clock.now().toISOString(),
    );
    appendAudit(db, clock, actor, { action: "import.match_name", entity: kind, entityId: target.id, after: { name: name.slice(0, 120), targetId: target.id } });
    return { kind, name, targetName: target.name };
  }).immediate();
}

type Counts = Omit<ImportResult, "cancelledAfterCheckIn">;

/** Writes one row; returns what it did. Inside a slice's transaction. */
function writeRow(m: Model, actor: Extract<Actor, { kind: "staff" }>, tz: string, r: ParsedRow): "created" | "updated" | "unchanged" {
  const { db, clock } = m;
  // Another window may have written this booking since the preview: read it again.
  const current = stmt(db, "SELECT id, service_id, therapist_id, room_id, starts_at, ends_at, status, note FROM appointments WHERE external_id = ?").get(r.externalId) as
    | { id: number; service_id: number; therapist_id: number; room_id: number; starts_at: string; ends_at: string; status: string; note: string | null }
    | undefined;
  if (r.action === "unchanged" && current) return "unchanged";
  if (!current) {
    const id = insertAppointment(m, tz, {
      guestName: r.guestName,
      phone: r.phone,
      serviceId: r.serviceId,
      therapistId: r.therapistId,
      roomId: r.roomId,
      startsAt: r.startsAt,
      endsAt: r.endsAt,
      status: r.status,
      note: r.note,
      source: "import",
      externalId: r.externalId,
    });
    appendAudit(db, clock, actor, {
      action: "appointment.import",
      entity: "appointment",
      entityId: id,
      after: { externalId: r.externalId, serviceId: r.serviceId, therapistId: r.therapistId, roomId: r.roomId, startsAt: r.startsAt, endsAt: r.endsAt, status: r.status },
    });
    return "created";
  }
  stmt(db,
    `UPDATE appointments SET guest_name = ?, phone = ?, phone_key = ?, service_id = ?, therapist_id = ?, room_id = ?,
            starts_at = ?, ends_at = ?, local_day = ?, status = ?, note = ? WHERE id = ?`,
  ).run(r.guestName, r.phone, phoneKey(r.phone), r.serviceId, r.therapistId, r.roomId, r.startsAt, r.endsAt, localParts(r.startsAt, tz).day, r.status, r.note, current.id);
  appendAudit(db, clock, actor, {
    action: r.status === "cancelled" && current.status !== "cancelled" ? "appointment.import_cancel" : "appointment.import_update",
    entity: "appointment",
    entityId: current.id,
    before: { serviceId: current.service_id, therapistId: current.therapist_id, roomId: current.room_id, startsAt: current.starts_at, endsAt: current.ends_at, status: current.status },
    after: { serviceId: r.serviceId, therapistId: r.therapistId, roomId: r.roomId, startsAt: r.startsAt, endsAt: r.endsAt, status: r.status },
  });
  return "updated";
}

/**
 * Imports the file: new external ids are created, known ones updated (so importing the same file
 * again changes nothing and duplicates nothing), a booking the file cancels is cancelled. The rows
 * are written in slices of at most IMPORT_SLICE_ROWS rows and IMPORT_HOLD_MS, one transaction
 * each, yielding to the event loop between slices (and while reading the file), so a kiosk
 * check-in never waits for the whole file. Should a slice fail, the
 * slices before it stay imported and importing the file again finishes the rest (by external ID).
 * A file with row errors imports nothing unless the user chose to skip the bad rows; missing
 * column mappings always refuse. The mapping is remembered for the next file with the same columns.
 */
export async function commitImport(
  m: Model,
  actor: Extract<Actor, { kind: "staff" }>,
  content: string,
  options: { mapping: ImportMapping; dateOrder?: DateOrder; skipBadRows: boolean },
): Promise<ImportResult & { firstId: number | null }> {
  const { db, clock } = m;
  const a = await analyze(m, content, options);
  if (a.mappingProblem) throw new DomainError("INVALID_INPUT", a.errors[0]?.message ?? "Choose a column for every field.", "mapping");
  if (a.errorCount > 0 && !options.skipBadRows) {
    throw new DomainError(
      "CONFLICT",
      `${a.errorCount} row${a.errorCount === 1 ? " has" : "s have"} problems, so nothing was imported. Fix the file, or choose "Skip bad rows" to import the other ${a.rows.length}.`,
    );
  }
  if (a.rows.length === 0) throw new DomainError("INVALID_INPUT", "There are no appointments to import in this file.", "content");
  const tz = getSettings(db).timeZone;
  const counts: Counts = { created: 0, updated: 0, unchanged: 0, skipped: a.errorCount, cancelled: 0 };
  const cancelledAfterCheckIn: ImportResult["cancelledAfterCheckIn"] = [];
  let firstId: number | null = null;
  let from = 0;
  while (from < a.rows.length) {
    if (from > 0) await yieldToOthers();
    const sliceStart = performance.now();
    db.transaction(() => {
      const until = Math.min(a.rows.length, from + IMPORT_SLICE_ROWS);
      // A slice ends at IMPORT_SLICE_ROWS rows or IMPORT_HOLD_MS, whichever comes first (a busy or slow disk).
      for (let n = 0; from < until; from++, n++) {
        if (n > 0 && performance.now() - sliceStart >= IMPORT_HOLD_MS) break;
        const r = a.rows[from];
        if (!r) break;
        const done = writeRow(m, actor, tz, r);
        counts[done]++;
        if (done !== "unchanged") {
          firstId ??= (stmt(db, "SELECT id FROM appointments WHERE external_id = ?").get(r.externalId) as { id: number }).id;
          if (r.cancels) counts.cancelled++;
          if (r.cancelsCheckedIn) cancelledAfterCheckIn.push({ line: r.line, externalId: r.externalId, guestName: r.guestName });
        }
      }
    }).immediate();
  }
  db.transaction(() => {
    stmt(db, "INSERT INTO import_mappings (header_key, mapping, updated_at) VALUES (?, ?, ?) ON CONFLICT (header_key) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at").run(
      a.headerKey,
      JSON.stringify(options.mapping),
      clock.now().toISOString(),
    );
    appendAudit(db, clock, actor, { action: "import.commit", entity: "import", entityId: null, after: counts });
  }).immediate();
  return { ...counts, cancelledAfterCheckIn, firstId };
}
