import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { tempDir } from "../test/helpers";
import { reportSpa } from "../test/report-fixture";
import { addDays, localParts } from "../time";
import { openReader, runExport } from "./export";
import { uptakeReport } from "./reports";

/**
 * Reports on the days the clocks change, with real tz data: a 25-hour day whose repeated hour holds two hours of
 * check-ins, a 23-hour day without the hour it skips, a range ending on the change day, and the exports of them.
 * Southern zones change in April (back) and October (forward); Lord Howe's clocks move 30 minutes.
 */
const ZONES = [
  // zone, the 25-hour day, the repeated stretch's first and second instants (UTC), their clock, the 23-hour day, the
  // instants just before its gap and just after (UTC) with their hours, and the two days' lengths
  {
    tz: "Europe/London",
    longDay: "2026-10-25",
    twice: ["2026-10-25T00:30:00.000Z", "2026-10-25T01:30:00.000Z"],
    clock: "01:30",
    shortDay: "2026-03-29",
    aroundGap: [
      ["2026-03-29T00:59:00.000Z", 0],
      ["2026-03-29T01:00:00.000Z", 2],
    ],
    hours: [23, 25],
  },
  {
    tz: "Australia/Sydney",
    longDay: "2026-04-05",
    twice: ["2026-04-04T15:30:00.000Z", "2026-04-04T16:30:00.000Z"],
    clock: "02:30",
    shortDay: "2026-10-04",
    aroundGap: [
      ["2026-10-03T15:59:00.000Z", 1],
      ["2026-10-03T16:00:00.000Z", 3],
    ],
    hours: [23, 25],
  },
  {
    tz: "Australia/Lord_Howe",
    longDay: "2026-04-05",
    twice: ["2026-04-04T14:45:00.000Z", "2026-04-04T15:15:00.000Z"],
    clock: "01:45",
    shortDay: "2026-10-04",
    aroundGap: [
      ["2026-10-03T15:29:00.000Z", 1],
      ["2026-10-03T15:30:00.000Z", 2],
    ],
    hours: [23.5, 24.5],
  },
] as const;

const dayHours = (day: string, spa: ReturnType<typeof reportSpa>) =>
  (Date.parse(spa.localIso(addDays(day, 1), "00:00")) - Date.parse(spa.localIso(day, "00:00"))) / 3_600_000;

describe("reports on the days the clocks change", () => {
  it.each(ZONES)(
    "$tz: the repeated hour counts both, the skipped hour none, each day its own check-ins, and the exports agree",
    async ({ tz, longDay, twice, clock, shortDay, aroundGap, hours }) => {
      const spa = reportSpa(tz);
      // Real tz data: the days are as long as the clocks make them.
      expect([shortDay, longDay].map((d) => dayHours(d, spa))).toEqual(hours);
      const checkIn = (iso: string, pick: ["face"] | null = ["face"]) => {
        // Booked late that day (a wall time that happens once), so the session hasn't ended at its check-in.
        const id = spa.book(localParts(iso, tz).day, "23:59", "swedish", "ana");
        spa.kiosk(id, iso, pick);
      };
      // The 25-hour day: just after its midnight, the repeated clock time twice, and late at night; the nights around.
      checkIn(spa.localIso(addDays(longDay, -1), "23:50"));
      checkIn(spa.localIso(longDay, "00:05"));
      checkIn(twice[0]);
      checkIn(twice[1], null);
      checkIn(spa.localIso(longDay, "23:55"));
      checkIn(spa.localIso(addDays(longDay, 1), "00:05"));
      // The 23-hour day: the last minute before the gap and the first after it.
      for (const [iso] of aroundGap) checkIn(iso);

      const long = uptakeReport(spa, { from: longDay, to: longDay, grain: "day" });
      expect(long.totals.checkIns).toBe(4);
      const hour = Number(clock.slice(0, 2));
      expect(long.weekdayHour.map((c) => [c.hour, c.figures.checkIns, c.figures.taken])).toEqual([
        [0, 1, 1],
        [hour, 2, 1],
        [23, 1, 1],
      ]);
      // A week ending on the change day: each day its own, the change day last and whole.
      const week = uptakeReport(spa, { from: addDays(longDay, -6), to: longDay, grain: "day" });
      expect(week.overTime.map((p) => [p.period, p.figures.checkIns]).slice(-2)).toEqual([
        [addDays(longDay, -1), 1],
        [longDay, 4],
      ]);
      expect(week.totals.checkIns).toBe(5);

      const short = uptakeReport(spa, { from: shortDay, to: shortDay, grain: "day" });
      expect(short.totals.checkIns).toBe(2);
      expect(short.weekdayHour.map((c) => c.hour)).toEqual(aroundGap.map(([, h]) => h));

      // The check-ins CSV of the change day and the days around: each row its day, clock and hour, in check-in order.
      const dir = tempDir();
      const range = { from: addDays(longDay, -1), to: addDays(longDay, 1) };
      const csvFile = path.join(dir, "checkins.csv");
      const report = uptakeReport(spa, { ...range, grain: "day" });
      const common = { range, report, signal: new AbortController().signal, onProgress: () => undefined };
      await runExport({ ...common, reader: openReader(spa.db.name), file: csvFile, format: "csv", table: "checkins" });
      const [header, ...rows] = readCsv(readFileSync(csvFile, "utf8"));
      const col = (name: string) => found(header?.indexOf(name));
      expect(rows.map((r) => [r[col("Date")], r[col("Check-in time")], r[col("Hour")]])).toEqual([
        [addDays(longDay, -1), "23:50", "23"],
        [longDay, "00:05", "0"],
        [longDay, clock, String(hour)],
        [longDay, clock, String(hour)],
        [longDay, "23:55", "23"],
        [addDays(longDay, 1), "00:05", "0"],
      ]);
      // The repeated clock time's two rows: the one who took the add-on checked in first.
      const repeated = rows.filter((r) => r[col("Check-in time")] === clock);
      expect(repeated.map((r) => r[col("Guest chose")])).toEqual(["face", ""]);

      // The Excel workbook's check-ins sheet: the same days and times.
      const xlsx = path.join(dir, "report.xlsx");
      await runExport({ ...common, reader: openReader(spa.db.name), file: xlsx, format: "xlsx", table: "checkins" });
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(xlsx);
      const sheet = book.worksheets.find((w) => /check-ins/i.test(w.name));
      expect(sheet?.rowCount).toBe(7);
    },
  );
});

/** A CSV file's records, its BOM left out. */
const readCsv = (text: string): string[][] => {
  const records: unknown = parse(text.slice(1), { record_delimiter: "\r\n" });
  return records as string[][];
};

function found(i: number | undefined): number {
  if (i === undefined || i < 0) throw new Error("no such column");
  return i;
}
