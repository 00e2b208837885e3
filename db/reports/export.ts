import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import type { DateRange, ExportStart, UptakeReport } from "../../contract/reports";
import { CSV_BOM, csvRecords, neutralizeRow, type Cell, type CsvStyle } from "../../contract/csv";
import { connect, type DB } from "../open";
import { reportTables, summaryRows } from "../../contract/report-tables";
import { writeAtomically } from "../atomic-file";
import { getSettings } from "../settings";
import type { Worksheet } from "exceljs";
import { CHECKIN_EXPORT_PAGE_SQL, CHECKIN_HEADER, checkInCells, localMinutes, type CheckInRow } from "./checkin-rows";

/**
 * Streamed exports. Rows come from SQLite a page at a time, each page its own short read, on a
 * READ-ONLY connection of their own (the kiosk keeps writing on the main connection, and the WAL
 * can be checkpointed between pages), are formatted a batch at a time (at most BATCH rows or
 * BATCH_HOLD_MS) and written to a temporary file next to the target, renamed into place when
 * complete. Between batches the event loop runs, so progress is pushed and Cancel is heard; memory stays
 * bounded by one batch whatever the number of rows.
 */

/** A read-only connection for one export (closed by the export). */
export function openReader(file: string): DB {
  return connect(file, { readonly: true });
}

export class ExportCancelled extends Error {
  constructor() {
    super("Export cancelled.");
  }
}

const BATCH = 2000;
/**
 * The longest one batch takes, in ms: a batch ends at BATCH rows or once this long has passed,
 * whichever comes first, so Cancel is heard and progress pushed within tens of milliseconds even
 * on a slow disk or a loaded machine. (The app runs an export in its own thread,
 * electron/background/export-thread.ts: no batch holds the main process.)
 */
const BATCH_HOLD_MS = 10;
/**
 * Rows per read: ~4 ms on a quiet machine, a short read still. Pages of 100 rows cost about 1.5 µs a
 * row more (each read's start, its seek and subqueries set up again), a tenth of a 1,000,000-row
 * export; pages of 1,000 raised the export's peak memory from 130 to 145 MB.
 */
export const PAGE_ROWS = 500;
/** Excel's sheet limit is 1,048,576 rows including the header; longer exports continue on a next sheet. */
const XLSX_SHEET_ROWS = 1_048_575;

export interface ExportRun {
  reader: DB;
  range: DateRange;
  /** Absolute path of the file to create. */
  file: string;
  format: "csv" | "xlsx";
  table: ExportStart["table"];
  /** A CSV's separator and decimal mark; "comma" when not said. */
  csvStyle?: CsvStyle;
  /** The report the summary tables come from; a CSV of the check-ins alone needs none. */
  report: UptakeReport | null;
  signal: AbortSignal;
  onProgress(rows: number, total: number): void;
}

async function write(stream: WriteStream, chunk: string): Promise<void> {
  if (!stream.write(chunk)) await once(stream, "drain");
}
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The check-ins of the range a batch at a time (at most BATCH rows or BATCH_HOLD_MS), read in
 * pages of PAGE_ROWS rows each in its own read (CHECKIN_EXPORT_PAGE_SQL), yielding to the event loop
 * between batches. Rows are in key order, so a check-in made during the export is written at most
 * once (today's, if today is in the range, appear when their page is reached).
 */
async function* checkInBatches(run: ExportRun): AsyncGenerator<Cell[][]> {
  const total = run.reader
    .prepare("SELECT count(*) FROM check_ins WHERE local_day BETWEEN @from AND @to")
    .pluck()
    .get(run.range) as number;
  const page = run.reader.prepare(CHECKIN_EXPORT_PAGE_SQL);
  const local = localMinutes(getSettings(run.reader).timeZone);
  let after = { day: "", at: "", id: 0 };
  let rows = 0;
  let ended = false;
  run.onProgress(0, total);
  while (!ended) {
    if (run.signal.aborted) throw new ExportCancelled();
    const batch: Cell[][] = [];
    const started = performance.now();
    while (batch.length < BATCH && performance.now() - started < BATCH_HOLD_MS) {
      const got = page.all({ ...run.range, ...after, limit: PAGE_ROWS }) as CheckInRow[];
      for (const r of got) batch.push(checkInCells(r, local));
      const last = got.at(-1);
      if (!last || got.length < PAGE_ROWS) {
        ended = true;
        break;
      }
      after = { day: last.local_day, at: last.checked_in_at, id: last.appointment_id };
    }
    if (batch.length === 0) break;
    rows += batch.length;
    yield batch;
    run.onProgress(rows, Math.max(total, rows));
    await tick();
  }
}

async function writeCsv(run: ExportRun, tmp: string): Promise<number> {
  const stream = createWriteStream(tmp, { encoding: "utf8" });
  const closed = once(stream, "close");
  let rows = 0;
  try {
    if (run.table === "checkins") {
      await write(stream, CSV_BOM + csvRecords([[...CHECKIN_HEADER]], run.csvStyle));
      for await (const batch of checkInBatches(run)) {
        await write(stream, csvRecords(batch, run.csvStyle));
        rows += batch.length;
      }
    } else {
      const table = run.report && reportTables(run.report).find((t) => t.key === run.table);
      if (!table) throw new Error(`unknown table ${run.table}`);
      await write(stream, CSV_BOM + csvRecords([table.header, ...table.rows], run.csvStyle));
      rows = table.rows.length;
      run.onProgress(rows, rows);
    }
  } finally {
    stream.end();
    await closed;
  }
  return rows;
}

/**
 * A check-in row as the workbook types it, so a spreadsheet sorts, sums and filters it without converting: the day,
 * the check-in's clock and the appointment's start as a date, a time and a date-time (the spa's own, as written:
 * a workbook's dates carry no zone), the revenue as dollars, and the check-in's UTC instant as a date-time (sorted,
 * it puts the repeated hour's two 01:30s in true order). The UTC offset stays text ("UTC-04:00"). The CSV keeps
 * them as text and plain numbers.
 */
const XLSX_TYPES: Partial<
  Record<(typeof CHECKIN_HEADER)[number], { numFmt: string; value: (text: Cell) => Cell | Date }>
> = {
  Date: { numFmt: "yyyy-mm-dd", value: (c) => new Date(`${String(c)}T00:00:00Z`) },
  "Check-in time": { numFmt: "hh:mm", value: (c) => clockFraction(String(c)) },
  "Appointment start": { numFmt: "yyyy-mm-dd hh:mm", value: (c) => new Date(`${String(c).replace(" ", "T")}:00Z`) },
  "Add-on revenue (USD)": { numFmt: '"$"#,##0.00', value: (c) => c },
  "Check-in (UTC)": { numFmt: "yyyy-mm-dd hh:mm:ss", value: (c) => new Date(String(c)) },
};
const XLSX_TYPED = CHECKIN_HEADER.map((name) => XLSX_TYPES[name]);
/** "14:30" as the fraction of a day a spreadsheet's time is. */
const clockFraction = (clock: string): number => {
  const [h = 0, m = 0] = clock.split(":").map(Number);
  return (h * 60 + m) / 1440;
};
function addCheckInRow(sheet: Worksheet, cells: Cell[]): void {
  const row = sheet.addRow(neutralizeRow(cells).map((c, i) => XLSX_TYPED[i]?.value(c) ?? c));
  XLSX_TYPED.forEach((typed, i) => {
    if (typed) row.getCell(i + 1).numFmt = typed.numFmt;
  });
  row.commit();
}

async function writeXlsx(run: ExportRun & { report: UptakeReport }, tmp: string): Promise<number> {
  // Loaded on first use: a CSV export (and the app's start) never pays for the Excel library.
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: tmp, useStyles: true, useSharedStrings: false });
  wb.creator = "Happy Head";
  const summary = wb.addWorksheet("Summary");
  summary.columns = [{ width: 28 }, { width: 16 }, { width: 100 }];
  const { timeZone, totals, funnel, bookedAhead } = run.report;
  for (const row of summaryRows(run.range, timeZone, totals, funnel, bookedAhead.total))
    summary.addRow(neutralizeRow(row)).commit();
  summary.commit();
  for (const table of reportTables(run.report)) {
    const sheet = wb.addWorksheet(table.title);
    sheet.addRow(neutralizeRow(table.header)).commit();
    for (const row of table.rows) sheet.addRow(neutralizeRow(row)).commit();
    sheet.commit();
  }
  let rows = 0;
  let sheet = wb.addWorksheet("Check-ins");
  let onSheet = 0;
  sheet.addRow([...CHECKIN_HEADER]).commit();
  for await (const batch of checkInBatches(run)) {
    for (const row of batch) {
      if (onSheet === XLSX_SHEET_ROWS) {
        sheet.commit();
        sheet = wb.addWorksheet(`Check-ins (${Math.floor(rows / XLSX_SHEET_ROWS) + 1})`);
        sheet.addRow([...CHECKIN_HEADER]).commit();
        onSheet = 0;
      }
      addCheckInRow(sheet, row);
      onSheet++;
      rows++;
    }
  }
  sheet.commit();
  await wb.commit();
  return rows;
}

/** Writes one export to `run.file` (whole or not at all, see writeAtomically); a cancelled one leaves nothing. */
export async function runExport(run: ExportRun): Promise<number> {
  try {
    return await writeAtomically(run.file, async (tmp) => {
      const report = run.report;
      const rows =
        run.format === "csv" ? await writeCsv(run, tmp) : report ? await writeXlsx({ ...run, report }, tmp) : 0;
      if (run.signal.aborted) throw new ExportCancelled();
      return rows;
    });
  } finally {
    run.reader.close();
  }
}

export const exportFileName = (input: Pick<ExportStart, "from" | "to" | "format" | "table">): string =>
  `addon-uptake_${input.format === "csv" ? input.table : input.format === "pdf" ? "summary" : "report"}_${input.from}_${input.to}.${input.format}`;
