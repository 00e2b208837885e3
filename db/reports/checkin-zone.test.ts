import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { neutralizeCell, type CsvStyle } from "../../contract/csv";
import { found, tempDir } from "../test/helpers";
import { reportSpa, type ReportSpa } from "../test/report-fixture";
import { addDays, localParts } from "../time";
import { CHECKIN_HEADER, utcOffsetText } from "./checkin-rows";
import { openReader, runExport } from "./export";
import { uptakeReport } from "./reports";

/**
 * The check-ins files on the nights the clocks change, with real tz data: every row's Date, Check-in time and
 * Check-in UTC offset name the one instant the check-in was stored at, the repeated hour's two 01:30s differ, and
 * sorting by "Check-in (UTC)" puts the rows in true order, in the CSV of either style and in the Excel sheet
 * (whose dates and times stay typed).
 */
const HOUR = 3_600_000;
const ZONES = [
  // zone; the instant its clocks go back and the instant they go forward in 2026 (UTC); the back change's size
  { tz: "America/New_York", back: "2026-11-01T06:00:00.000Z", forward: "2026-03-08T07:00:00.000Z", size: 60 },
  { tz: "Europe/London", back: "2026-10-25T01:00:00.000Z", forward: "2026-03-29T01:00:00.000Z", size: 60 },
  { tz: "Australia/Sydney", back: "2026-04-04T16:00:00.000Z", forward: "2026-10-03T16:00:00.000Z", size: 60 },
  { tz: "Australia/Lord_Howe", back: "2026-04-04T15:00:00.000Z", forward: "2026-10-03T15:30:00.000Z", size: 30 },
] as const;
type Zone = (typeof ZONES)[number];

/** The offset as Intl's own tz data names it ("GMT-04:00", "GMT" for zero), written as the file does. */
function intlOffset(iso: string, timeZone: string): string {
  const name = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" })
    .formatToParts(new Date(iso))
    .find((p) => p.type === "timeZoneName")?.value;
  return name === "GMT" ? "UTC+00:00" : String(name).replace("GMT", "UTC");
}

const minuteOf = (iso: string) => Math.floor(Date.parse(iso) / 60_000) * 60_000;
const secondOf = (iso: string) => `${new Date(Math.floor(Date.parse(iso) / 1000) * 1000).toISOString().slice(0, 19)}Z`;

/** Kiosk check-ins at the instants (each its own booking, late that day so its session hasn't ended). */
function checkIns(spa: ReportSpa, tz: string, instants: readonly string[]): void {
  for (const iso of instants) spa.kiosk(spa.book(localParts(iso, tz).day, "23:59", "swedish", "ana"), iso, null);
}

/** The check-ins as stored, by booking code. */
const stored = (spa: ReportSpa): Map<string, string> =>
  new Map(
    (
      spa.db
        .prepare(
          "SELECT a.booking_code, c.checked_in_at FROM check_ins c JOIN appointments a ON a.id = c.appointment_id",
        )
        .all() as { booking_code: string; checked_in_at: string }[]
    ).map((r) => [r.booking_code, r.checked_in_at]),
  );

type Column = (typeof CHECKIN_HEADER)[number];
const col = (name: Column) => CHECKIN_HEADER.indexOf(name);

async function exportFiles(spa: ReportSpa, range: { from: string; to: string }) {
  const dir = tempDir();
  const report = uptakeReport(spa, { ...range, grain: "day" });
  const run = async (file: string, format: "csv" | "xlsx", csvStyle?: CsvStyle) => {
    await runExport({
      reader: openReader(spa.db.name),
      range,
      file: path.join(dir, file),
      format,
      table: "checkins",
      csvStyle,
      report,
      signal: new AbortController().signal,
      onProgress: () => undefined,
    });
    return path.join(dir, file);
  };
  return {
    comma: readFileSync(await run("comma.csv", "csv", "comma"), "utf8"),
    semicolon: readFileSync(await run("semicolon.csv", "csv", "semicolon"), "utf8"),
    xlsx: await run("report.xlsx", "xlsx"),
  };
}

function csvRows(text: string, style: CsvStyle): string[][] {
  const records: unknown = parse(text.slice(1), { record_delimiter: "\r\n", delimiter: style === "comma" ? "," : ";" });
  return records as string[][];
}

/** What one row says of its check-in's time, as text: the CSV's cells, or the workbook's typed ones written out. */
interface RowTime {
  code: string;
  date: string;
  clock: string;
  utc: string;
  offset: string;
}

/**
 * Each row's time against what was stored: local day + clock + offset is the stored instant's minute, the UTC
 * column its second, the offset Intl's; the repeated clock times' rows apart; sorted by the UTC column, true order.
 */
function expectTrueTimes(rows: RowTime[], instants: Map<string, string>, tz: string): void {
  expect(rows).toHaveLength(instants.size);
  for (const r of rows) {
    const at = found(instants.get(r.code), r.code);
    expect(r.offset).toMatch(/^UTC[+-]\d{2}:\d{2}$/);
    expect(Date.parse(`${r.date}T${r.clock}:00${r.offset.slice(3)}`)).toBe(minuteOf(at));
    expect(r.offset).toBe(intlOffset(at, tz));
    expect(r.utc).toBe(secondOf(at));
  }
  // Rows that show the same day and clock are told apart by both added columns.
  const byClock = new Map<string, RowTime[]>();
  for (const r of rows) byClock.set(`${r.date} ${r.clock}`, [...(byClock.get(`${r.date} ${r.clock}`) ?? []), r]);
  for (const same of byClock.values()) {
    const minutes = new Set(same.map((r) => minuteOf(found(instants.get(r.code), r.code))));
    if (minutes.size < 2) continue;
    expect(new Set(same.map((r) => r.offset)).size).toBe(minutes.size);
    expect(new Set(same.map((r) => r.utc.slice(0, 16))).size).toBe(minutes.size);
  }
  // Shuffled, then sorted by the UTC column as text: the order the check-ins happened in.
  const sorted = [...rows].reverse().sort((a, b) => (a.utc < b.utc ? -1 : a.utc > b.utc ? 1 : 0));
  const truth = [...rows].sort(
    (a, b) => Date.parse(found(instants.get(a.code), "")) - Date.parse(found(instants.get(b.code), "")),
  );
  expect(sorted.map((r) => r.utc)).toEqual(truth.map((r) => r.utc));
}

const fromCsv = (rows: string[][]): RowTime[] =>
  rows.map((r) => ({
    code: r[col("Booking code")] ?? "",
    date: r[col("Date")] ?? "",
    clock: r[col("Check-in time")] ?? "",
    utc: r[col("Check-in (UTC)")] ?? "",
    offset: r[col("Check-in UTC offset")] ?? "",
  }));

const two = (n: number) => String(n).padStart(2, "0");

/** The workbook's check-ins as RowTimes, after checking each time cell is typed (a date, a time, a date-time). */
async function fromXlsx(file: string): Promise<RowTime[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const sheet = found(wb.getWorksheet("Check-ins"), "the Check-ins sheet");
  expect(sheet.getRow(1).values).toEqual([undefined, ...CHECKIN_HEADER]);
  const rows: RowTime[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const cell = (name: Column) => row.getCell(col(name) + 1);
    for (const [name, numFmt] of [
      ["Date", "yyyy-mm-dd"],
      ["Check-in time", "hh:mm"],
      ["Check-in (UTC)", "yyyy-mm-dd hh:mm:ss"],
    ] as const) {
      expect(cell(name).type).toBe(ExcelJS.ValueType.Date);
      expect(cell(name).numFmt).toBe(numFmt);
    }
    expect(cell("Check-in UTC offset").type).toBe(ExcelJS.ValueType.String);
    const date = cell("Date").value as Date;
    const time = cell("Check-in time").value as Date;
    // A time cell reads back as Excel's day 0 (30 December 1899) at that clock.
    expect(time.toISOString().slice(0, 10)).toBe("1899-12-30");
    rows.push({
      code: cell("Booking code").text,
      date: date.toISOString().slice(0, 10),
      clock: `${two(time.getUTCHours())}:${two(time.getUTCMinutes())}`,
      utc: `${(cell("Check-in (UTC)").value as Date).toISOString().slice(0, 19)}Z`,
      offset: cell("Check-in UTC offset").text,
    });
  });
  return rows;
}

async function expectFilesTrue(spa: ReportSpa, zone: Zone, range: { from: string; to: string }): Promise<void> {
  const files = await exportFiles(spa, range);
  const instants = stored(spa);
  for (const style of ["comma", "semicolon"] as const) {
    const [header, ...rows] = csvRows(files[style], style);
    expect(header).toEqual([...CHECKIN_HEADER]);
    expectTrueTimes(fromCsv(rows), instants, zone.tz);
  }
  expectTrueTimes(await fromXlsx(files.xlsx), instants, zone.tz);
}

/** The days around both of the year's changes (in the south the clocks go back in April, forward in October). */
const rangeOf = (zone: Zone) => {
  const [first = "", last = ""] = [zone.back, zone.forward].map((iso) => localParts(iso, zone.tz).day).sort();
  return { from: addDays(first, -1), to: addDays(last, 1) };
};

describe("the check-ins files on the nights the clocks change", () => {
  it.each(ZONES)(
    "$tz: the repeated clock time's two check-ins differ by offset and UTC, and sort by UTC in true order",
    async (zone) => {
      const spa = reportSpa(zone.tz);
      const back = Date.parse(zone.back);
      const size = zone.size * 60_000;
      // In the repeated stretch: one at :45 of the first showing, one at :15 of the second (later, but earlier by
      // the clock: sorting by Date and Check-in time puts it first), and the same clock time twice.
      const firstLate = new Date(back - size / 4).toISOString();
      const secondEarly = new Date(back + size / 4 + 12_345).toISOString();
      const twins = [new Date(back - size / 2).toISOString(), new Date(back + size / 2).toISOString()];
      checkIns(spa, zone.tz, [firstLate, secondEarly, ...twins]);
      await expectFilesTrue(spa, zone, rangeOf(zone));

      const [header, ...rows] = csvRows((await exportFiles(spa, rangeOf(zone))).comma, "comma");
      expect(header?.slice(-2)).toEqual(["Check-in (UTC)", "Check-in UTC offset"]);
      const twinRows = rows.filter((r) => r[col("Date")] === localParts(twins[0] ?? "", zone.tz).day);
      const clockOf = (iso: string) => {
        const p = localParts(iso, zone.tz);
        return `${two(p.hour)}:${two(p.minute)}`;
      };
      expect(clockOf(twins[0] ?? "")).toBe(clockOf(twins[1] ?? ""));
      const shown = twinRows.filter((r) => r[col("Check-in time")] === clockOf(twins[0] ?? ""));
      expect(shown.map((r) => r[col("Check-in UTC offset")])).toEqual(twins.map((t) => intlOffset(t, zone.tz)));
      expect(new Set(shown.map((r) => r[col("Check-in UTC offset")])).size).toBe(2);
      // By the spa's clock the later check-in sorts first; by the UTC column, in true order.
      expect(clockOf(secondEarly) < clockOf(firstLate)).toBe(true);
      expect(secondOf(secondEarly) > secondOf(firstLate)).toBe(true);
    },
  );

  it("any check-ins within three hours of either change, at any millisecond, in any of the zones", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ZONES),
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: -3 * HOUR, max: 3 * HOUR })), {
          minLength: 1,
          maxLength: 12,
        }),
        async (zone, picks) => {
          const spa = reportSpa(zone.tz);
          const instants = picks.map(([back, ms]) =>
            new Date(Date.parse(back ? zone.back : zone.forward) + ms).toISOString(),
          );
          checkIns(spa, zone.tz, instants);
          await expectFilesTrue(spa, zone, rangeOf(zone));
        },
      ),
      { numRuns: 12 },
    );
  });
});

describe("the UTC offset cell is text to a spreadsheet, never a formula or a number", () => {
  // Every offset in the tz data (UTC-12:00 to UTC+14:00, in quarter hours: Nepal is +05:45, Chatham +12:45).
  const offsets = Array.from({ length: (26 * 60) / 15 + 1 }, (_, i) => utcOffsetText(-12 * 60 + i * 15));

  it("is written 'UTC-04:00', which the formula guard leaves alone (a bare '-04:00' it would write \"'-04:00\")", () => {
    expect(offsets).toContain("UTC-04:00");
    expect(offsets).toContain("UTC+00:00");
    expect(offsets).toContain("UTC+05:45");
    expect(offsets).toContain("UTC+14:00");
    for (const text of offsets) {
      expect(neutralizeCell(text)).toBe(text);
      // Starts with a letter: no spreadsheet reads it as a formula, a number, a time or a duration.
      expect(text).toMatch(/^UTC[+-](0\d|1[0-4]):[0-5]\d$/);
      expect(Number.isNaN(Number(text))).toBe(true);
    }
    // Why not ISO 8601's bare form: it begins with the formula guard's "-" and reads as a negative time.
    expect(neutralizeCell("-04:00")).toBe("'-04:00");
  });

  it("goes into both CSV styles as its own bare field, unquoted and without an apostrophe", async () => {
    const zone = ZONES[0];
    const spa = reportSpa(zone.tz);
    checkIns(spa, zone.tz, ["2026-11-01T05:30:00.000Z", "2026-11-01T06:30:00.000Z"]);
    const files = await exportFiles(spa, { from: "2026-11-01", to: "2026-11-01" });
    expect(files.comma).toMatch(/,2026-11-01T05:30:00Z,UTC-04:00\r\n/);
    expect(files.comma).toMatch(/,2026-11-01T06:30:00Z,UTC-05:00\r\n/);
    expect(files.semicolon).toMatch(/;2026-11-01T05:30:00Z;UTC-04:00\r\n/);
    expect(files.semicolon).toMatch(/;2026-11-01T06:30:00Z;UTC-05:00\r\n/);
    expect(files.comma).not.toContain("'UTC");
    expect(files.comma).not.toContain("'-");
  });
});
