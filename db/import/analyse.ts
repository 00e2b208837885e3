import type { Model } from "../model";
import {
  IMPORT_MAX_ROWS,
  type DateOrder,
  type ImportIssue,
  type ImportMapping,
  type ImportMissing,
  type ImportPreview,
  type ImportUnknownName,
} from "../../contract/desk";
import { unsafeCell } from "../../contract/common";
import { recognisePreset } from "./presets";
import { checkText, fileProblem, headerKeyOf, pacer, parseRecords, rememberedMapping, suggestMapping } from "./parse";
import { detectDelimiter, headerIndex, isBlank, notABooking } from "./file-layout";
import { cellReader, columnTitleOf, dateField, mappingProblems } from "./column-mapping";
import { fileDateOrder } from "./date-order";
import { issueList, sayHowManyMore } from "./issues";
import { rowChecker, type CheckedRow, type FileRow, type ParsedRow } from "./row-checks";
import { joinVisits } from "./visits";
import { visitSettler } from "./stored";
import { getSettings } from "../settings";
import { placeInRooms } from "./rooms";
import { missingBookings, warnCheckedInMissing } from "./missing";
import { warnMovedAfterCheckIn } from "./checked-in";
import { datePartOf } from "./values";
import { repairGarbledAccents } from "./garbled";

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
  /** Bookings imported before that the file no longer holds (./missing.ts), and those of them the import cancels. */
  missing: ImportMissing[];
  cancelling: number[];
  totalRows: number;
  /** A required field has no column, or the date order is still to be chosen: no row can be read. */
  mappingProblem: boolean;
}

export interface Options {
  mapping?: ImportMapping;
  dateOrder?: DateOrder;
  /** The bookings not in the file the receptionist chose to cancel: their rooms are free for the file's. */
  cancelMissing?: number[];
}

/**
 * Reads a booking export: its columns and their fields, the order of its dates, then every row
 * (`rowChecker`). Nothing is written; preview and commit both start here.
 */
export async function analyze(m: Model, file: string, options: Options): Promise<Analysis> {
  const garbled = repairGarbledAccents(file);
  if (garbled.repaired === "impossible")
    fileProblem(
      `The accents in this file are garbled (“${garbled.example}”): it was opened in a spreadsheet and saved again. Export it again from the booking system and import that file without opening it first.`,
    );
  const content = garbled.repaired === true ? garbled.text : file;
  checkText(content);
  const pause = pacer();
  const delimiter = detectDelimiter(content);
  const { records, ends, complete } = await parseRecords(content, delimiter, pause);
  const lineOf = (r: number) => (r === 0 ? 1 : (ends[r - 1] ?? 0) + 1);
  const top = headerIndex(records);
  const header = records[top];
  if (!header || header.every((c) => c.trim() === ""))
    return fileProblem("The first line should name the columns, but it is empty.");
  const tooMany = () =>
    fileProblem(
      `This file has more than ${IMPORT_MAX_ROWS.toLocaleString("en-US")} appointments; import at most ${IMPORT_MAX_ROWS.toLocaleString("en-US")} at a time (for example one week per file).`,
    );
  if (!complete) tooMany();
  const columns = header.map((c) => c.trim());
  const badHeader = unsafeCell(header, (index) => `Column ${index + 1}'s title`);
  if (badHeader) fileProblem(badHeader.message);
  const headerKey = headerKeyOf(columns);
  const remembered = options.mapping ? null : rememberedMapping(m.db, headerKey);
  const recognised = recognisePreset(columns);
  const mapping = options.mapping ?? remembered ?? recognised?.mapping ?? suggestMapping(columns);
  const preset = recognised
    ? {
        name: recognised.preset.name,
        note: `These columns look like ${/^[AEIOU]/.test(recognised.preset.name) ? "an" : "a"} ${recognised.preset.name} export: the columns below are proposed from its column names. Check each one before importing.`,
      }
    : null;
  const columnOf = columnTitleOf(mapping, columns);
  const errors = issueList(columnOf);
  const warnings = issueList(columnOf);
  if (garbled.repaired === true && garbled.example)
    warnings.add(
      1,
      null,
      `The accents in this file were garbled (“${garbled.example.garbled}”): it had been opened in a spreadsheet and saved again. They are read as meant (“${garbled.example.meant}”): check the names below.`,
    );
  for (const { field, message } of mappingProblems(mapping, columns.length)) errors.add(lineOf(top), field, message);

  // Lines that are no bookings are left out, and said so: a title above the column names, the column names again
  // (a paged export), a total at the end (./file-layout.ts). Blank lines go without a word.
  if (top > 0) {
    const title =
      records
        .slice(0, top)
        .flat()
        .find((c) => c.trim() !== "")
        ?.trim() ?? "";
    const last = lineOf(top) - 1;
    warnings.add(
      1,
      null,
      `Line${last > 1 ? `s 1–${last}` : " 1"} (“${title.slice(0, 60)}”) above the column names left out: not a booking.`,
    );
  }
  const dataRecords: { record: string[]; line: number }[] = [];
  for (let r = top + 1; r < records.length; r++) {
    await pause();
    const record = records[r] ?? [];
    if (isBlank(record)) continue;
    const line = lineOf(r);
    const leftOut = notABooking(record, header);
    if (leftOut) warnings.add(line, null, leftOut);
    else dataRecords.push({ record, line });
  }
  if (dataRecords.length > IMPORT_MAX_ROWS) tooMany();

  // Day-first or month-first, from every date of the file.
  const cell = cellReader(mapping);
  const dateCells: string[] = [];
  for (const { record } of dataRecords) {
    await pause();
    dateCells.push(mapping.date !== undefined ? cell(record, "date") : datePartOf(cell(record, "time")));
  }
  const { dateOrder, problem } = fileDateOrder(dateCells, options.dateOrder);
  if (problem) errors.add(lineOf(top), dateField(mapping), problem);

  const analysis = (
    rows: ParsedRow[],
    unknownNames: ImportUnknownName[],
    mappingProblem: boolean,
    missing: ImportMissing[] = [],
    cancelling: number[] = [],
  ): Analysis => ({
    delimiter,
    columns,
    headerKey,
    mapping,
    mappingRemembered: remembered !== null,
    preset,
    dateOrder,
    rows,
    // By line: a duplicate booking ID is found only once every row is read.
    errors: errors.listed.sort((x, y) => x.line - y.line),
    errorCount: errors.count,
    warnings: warnings.listed,
    unknownNames,
    missing,
    cancelling,
    totalRows: dataRecords.length,
    mappingProblem,
  });
  if (errors.count > 0) return analysis([], [], true);

  const checker = rowChecker(m, mapping, columns, dateOrder.order ?? "month-first", errors, warnings);
  const read: FileRow[] = [];
  const inFile = new Set<string>();
  /** The first line of each booking ID with a problem: its other rows wait for it (./visits.ts). */
  const badIds = new Map<string, number>();
  for (const { record, line } of dataRecords) {
    await pause();
    const id = cell(record, "externalId");
    inFile.add(id);
    const row = checker.read(record, line);
    if (row) read.push(row);
    else if (id !== "" && !badIds.has(id)) badIds.set(id, line);
  }
  // Rows sharing a booking ID, guest and day are one visit; then each visit against what is stored.
  const checked: CheckedRow[] = [];
  const settle = visitSettler(m, mapping, warnings);
  for (const visit of joinVisits(read, getSettings(m.db).timeZone, badIds, errors, warnings)) {
    await pause();
    checked.push(settle(visit));
  }
  // Bookings imported before that this file leaves out: listed; cancelled (their rooms freed) only where chosen.
  const missing = missingBookings(m, checked, inFile);
  const chosen = new Set(options.cancelMissing ?? []);
  const cancelling = missing.filter((b) => !b.checkedIn && chosen.has(b.appointmentId)).map((b) => b.appointmentId);
  warnCheckedInMissing(m, missing, warnings);
  const rows = await placeInRooms(m, checked, errors, pause, new Set(cancelling));
  warnMovedAfterCheckIn(m, rows, warnings);
  if (mapping.phone === undefined && rows.length > 0)
    warnings.add(
      lineOf(top),
      "phone",
      "This file has no phone numbers: the kiosk finds guests by phone, so it won't find these bookings. Check the guests in at the desk, or choose the phone column above.",
    );
  if (mapping.room === undefined && rows.length > 0)
    warnings.add(
      lineOf(top),
      "room",
      "This file names no rooms: each booking goes to a free room, shown as “chosen” below. The desk can move any of them.",
    );
  sayHowManyMore(warnings.listed, warnings.count, "warnings");
  return analysis(rows, checker.unknownNames(), false, missing, cancelling);
}
