import { parse, CsvError, type Parser } from "csv-parse";
import { setImmediate as yieldToOthers } from "node:timers/promises";
import { stmt } from "../stmt";
import {
  IMPORT_MAX_ROWS,
  IMPORT_HOLD_MS,
  importFields,
  importMappingSchema,
  type ImportField,
  type ImportMapping,
} from "../../contract/desk";
import { CONTROL_CHARACTER } from "../../contract/common";
import { DomainError } from "../errors";
import { isBlank } from "./file-layout";
import type { DB } from "../open";

/** Lines an export may hold besides its bookings (titles, page headers, totals) and still be read whole. */
const NOT_BOOKINGS_MAX = 1_000;

/**
 * Appointment import from a booking system's / POS's CSV export. The file is only ever read as
 * text: a cell like `=HYPERLINK(...)` is a guest name like any other, stored as typed and never
 * evaluated (exports through contract/csv.ts neutralize it on the way out).
 */

/** Header words that usually mean a field, for the first mapping suggestion when no preset fits. */
const SYNONYMS: Record<ImportField, RegExp> = {
  externalId:
    /^(external|appointment|appt|booking|reservation|ticket|order|ref)?[\s_-]*(id|ref|reference|number|no|#)$|^id$/i,
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

export const fileProblem = (message: string): never => {
  throw new DomainError("INVALID_INPUT", message, "content");
};

/** Refuses what is not a text CSV before parsing: binary files and text that was not UTF-8. */
export function checkText(content: string): void {
  if (content.trim().length === 0) fileProblem("This file is empty.");
  const sample = content.slice(0, 64_000);
  // Control characters other than tab/CR/LF: an image, a spreadsheet (.xlsx) or another binary file.
  if (CONTROL_CHARACTER.test(sample))
    fileProblem(
      "This doesn't look like a CSV text file (it contains binary data). Export the appointments as CSV and choose that file.",
    );
  if (content.includes("\uFFFD")) {
    fileProblem(
      'This file isn\'t UTF-8 text (it was probably saved as Windows-1252 or Latin-1), so names with accents would be garbled. Save it as "CSV UTF-8" and try again.',
    );
  }
}

export const headerKeyOf = (columns: readonly string[]): string =>
  columns.map((c) => c.trim().toLowerCase()).join("\u001f");

export function suggestMapping(columns: readonly string[]): ImportMapping {
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

export function rememberedMapping(db: DB, headerKey: string): ImportMapping | null {
  const row = stmt(db, "SELECT mapping FROM import_mappings WHERE header_key = ?").get(headerKey) as
    { mapping: string } | undefined;
  if (!row) return null;
  const parsed = importMappingSchema.safeParse(JSON.parse(row.mapping));
  return parsed.success ? parsed.data : null;
}

/**
 * Lets other work (a kiosk check-in) run once this many milliseconds of import work have passed
 * since the last pause: reading, checking and writing a 10,000-row file never holds the main
 * process for longer than IMPORT_HOLD_MS at a time.
 */
export function pacer(): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < IMPORT_HOLD_MS) return;
    await yieldToOthers();
    since = performance.now();
  };
}

/**
 * Characters of the file parsed between two looks at the pacer: a few ms on a loaded machine, so a pause comes close to
 * IMPORT_HOLD_MS.
 */
const PARSE_CHUNK = 2_000;

/** The file's records and the line each ends on, parsed a chunk at a time with pauses between chunks. */
export async function parseRecords(
  content: string,
  delimiter: string,
  pause: () => Promise<void>,
): Promise<{ records: string[][]; ends: number[]; complete: boolean }> {
  const ends: number[] = [];
  const records: string[][] = [];
  // Blank lines are no bookings: only the others count towards the most a file may have.
  let kept = 0;
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
      if (!isBlank(record)) kept++;
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
  // Past the most rows an import takes (with room for lines that are no bookings: titles, page headers, totals), the
  // rest is not read: the file is refused anyway (`complete` false).
  let at = 0;
  for (
    ;
    at < content.length && failure === null && !ended && kept <= IMPORT_MAX_ROWS + NOT_BOOKINGS_MAX;
    at += PARSE_CHUNK
  ) {
    parser.write(content.slice(at, at + PARSE_CHUNK));
    await pause();
  }
  const complete = at >= content.length;
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
    return fileProblem(
      `This file can't be read as CSV${line ? ` near line ${line}` : ""}: ${what}. Check the file in a spreadsheet and export it again.`,
    );
  }
  if (failed !== null) throw failed;
  return { records, ends, complete };
}
