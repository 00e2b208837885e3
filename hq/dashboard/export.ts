import {
  addonName,
  changePoints,
  channelLabel,
  EXPORT_TABLE_TITLES,
  hourLabel,
  languageKeyLabel,
  type ChainComparison,
  type CompareExportTable,
  type HeadOfficeBookedAhead,
  type LocationExportTable,
  type LocationReport,
} from "../../contract/dashboard";
import { CSV_BOM, csvRecords, neutralizeRow, type Cell, type CsvStyle } from "../../contract/csv";
import {
  BOOKED_AHEAD_HEADER,
  bookedAheadCells,
  BREAKDOWN_HEADER,
  breakdownCells,
  dollars,
  FIGURE_HEADER,
  figureCells,
  funnelTable,
  pct,
  summaryRows,
  weekdayHourTable,
  type ReportTable,
} from "../../contract/report-tables";
import type { DateRange } from "../../contract/reports";

/**
 * The dashboard's exports: the figures a page shows, as the tables a location's own exports use
 * (contract/report-tables.ts: the same columns, the same FIGURES), written as CSV (one table,
 * every text cell neutralised against formula injection by contract/csv.ts) or as an Excel
 * workbook (a Summary sheet and every table). Head office holds no guest's name, phone or note,
 * and nothing here reads an event: only the figures of the dashboard's own answers.
 */

export type ExportFile = { fileName: string; contentType: string; body: Buffer };

/**
 * The comparison's tables: every location's figures and the chain's, add-on uptake, and the trend with each location's
 * last sync.
 */
export function compareTables(now: ChainComparison, before: ChainComparison | null): ReportTable<CompareExportTable>[] {
  return [
    {
      key: "locations",
      title: EXPORT_TABLE_TITLES.locations,
      header: ["Location", ...FIGURE_HEADER],
      rows: [
        ...now.locations.map((l) => [l.name, ...figureCells(l.figures)]),
        ["All locations", ...figureCells(now.totals)],
      ],
    },
    {
      key: "addons",
      title: EXPORT_TABLE_TITLES.addons,
      header: ["Location", "Add-on", "Shown", "Taken", "Take rate (%)", "Revenue (USD)"],
      rows: now.locations.flatMap((l) =>
        now.addons.flatMap((code): Cell[][] => {
          const a = l.byAddon[code];
          return a ? [[l.name, addonName(code), a.shown, a.taken, pct(a.takeRate), dollars(a.revenueCents)]] : [];
        }),
      ),
    },
    {
      key: "bookedAhead",
      title: EXPORT_TABLE_TITLES.bookedAhead,
      header: ["Location", "Add-on", ...BOOKED_AHEAD_HEADER],
      rows: [
        ...now.locations.flatMap((l) => bookedRows(l.bookedAhead).map((row) => [l.name, ...row])),
        ["All locations", "All add-ons", ...bookedAheadCells(now.bookedAhead)],
      ],
    },
    {
      key: "trend",
      title: EXPORT_TABLE_TITLES.trend,
      header: [
        "Location",
        "Take rate (%)",
        `Previous period take rate (%)${before ? ` ${before.range.from} to ${before.range.to}` : ""}`,
        "Change (percentage points)",
        "Last batch received (UTC)",
      ],
      rows: now.locations.map((l) => {
        const then = before?.locations.find((p) => p.locationId === l.locationId)?.figures.takeRate ?? null;
        return [l.name, pct(l.figures.takeRate), pct(then), changePoints(l.figures.takeRate, then), l.lastSyncAt];
      }),
    },
  ];
}

/** A location's add-ons booked ahead (FIGURES bookedAhead…): one row per add-on, then all of them. */
const bookedRows = (b: HeadOfficeBookedAhead): Cell[][] => [
  ...b.byAddon.map((a) => [addonName(a.addon), ...bookedAheadCells(a)]),
  ["All add-ons", ...bookedAheadCells(b.total)],
];

/**
 * One location's tables: its funnel, its add-ons booked ahead and its breakdowns, as its page shows them. Each
 * breakdown's and the weekday × hour grid's rows end with their add-ons booked ahead, in the columns the location's own
 * exports have (BREAKDOWN_HEADER).
 */
export function locationTables(r: LocationReport): ReportTable<LocationExportTable>[] {
  const breakdown = (
    key: LocationExportTable,
    head: string,
    rows: LocationReport["service"],
    label: (key: string) => string,
  ): ReportTable<LocationExportTable> => ({
    key,
    title: EXPORT_TABLE_TITLES[key],
    header: [head, ...BREAKDOWN_HEADER],
    rows: rows.map((row) => [label(row.key), ...breakdownCells(row.figures, row.booked)]),
  });
  return [
    funnelTable(r.funnel),
    {
      key: "bookedAhead",
      title: EXPORT_TABLE_TITLES.bookedAhead,
      header: ["Add-on", ...BOOKED_AHEAD_HEADER],
      rows: bookedRows(r.bookedAhead),
    },
    breakdown("service", "Service", r.service, (k) => k),
    breakdown("channel", "Checked in at", r.channel, channelLabel),
    breakdown("language", "Kiosk language", r.language, languageKeyLabel),
    breakdown("hour", "Hour", r.hour, hourLabel),
    weekdayHourTable(r.weekdayHour, { header: BOOKED_AHEAD_HEADER, cells: (c) => bookedAheadCells(c.booked) }),
  ];
}

/** A file name's subject: the location's name in lower-case ASCII words ("Café Nord" → "cafe-nord"). */
const slug = (name: string) =>
  name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60) || "location";

/** The workbook: Summary first (the range, the totals and their definitions), then one sheet per table. */
async function workbook(summary: Cell[][], tables: ReportTable<string>[]): Promise<Buffer> {
  // Loaded on first use: the service's start and its JSON answers never pay for the Excel library.
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  wb.creator = "Happy Head head office";
  const sheet = wb.addWorksheet("Summary");
  sheet.columns = [{ width: 28 }, { width: 16 }, { width: 100 }];
  for (const row of summary) sheet.addRow(neutralizeRow(row));
  for (const table of tables) {
    const ws = wb.addWorksheet(table.title);
    for (const row of [table.header, ...table.rows]) ws.addRow(neutralizeRow(row));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function file<K extends string>(
  subject: string,
  range: DateRange,
  format: "csv" | "xlsx",
  table: K,
  tables: ReportTable<K>[],
  summary: () => Cell[][],
  csvStyle: CsvStyle,
): Promise<ExportFile> {
  const stem = `happy-head_${slug(subject)}`;
  if (format === "xlsx")
    return {
      fileName: `${stem}_report_${range.from}_${range.to}.xlsx`,
      contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      body: await workbook(summary(), tables),
    };
  const one = tables.find((t) => t.key === table);
  if (!one) throw new Error(`no table ${table}`);
  return {
    fileName: `${stem}_${table}_${range.from}_${range.to}.csv`,
    contentType: "text/csv; charset=utf-8",
    body: Buffer.from(CSV_BOM + csvRecords([one.header, ...one.rows], csvStyle), "utf8"),
  };
}

const CHAIN_ZONE = "each location's own time zone";

export const compareExport = (
  now: ChainComparison,
  before: ChainComparison | null,
  format: "csv" | "xlsx",
  table: CompareExportTable,
  csvStyle: CsvStyle = "comma",
): Promise<ExportFile> =>
  file(
    "all-locations",
    now.range,
    format,
    table,
    compareTables(now, before),
    () => summaryRows(now.range, CHAIN_ZONE, now.totals, null, now.bookedAhead),
    csvStyle,
  );

export const locationExport = (
  r: LocationReport,
  format: "csv" | "xlsx",
  table: LocationExportTable,
  csvStyle: CsvStyle = "comma",
): Promise<ExportFile> =>
  file(
    r.name,
    r.range,
    format,
    table,
    locationTables(r),
    () => summaryRows(r.range, `${r.name}'s own time zone`, r.figures, r.funnel, r.bookedAhead.total),
    csvStyle,
  );
