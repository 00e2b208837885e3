import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { demoModel } from "../test/helpers";
import { commitImport } from "./commit";
import { previewImport } from "./preview";
import { bookingLength } from "./times";
import { parseStart, parseTime } from "./values";
import { readDateSerial, SERIAL_YEARS } from "./serials";

/** Dates and times a spreadsheet saved as numbers, and 24-hour times typed without their colon. */
const riley = { kind: "staff", staffId: 2, name: "Riley Chen" } as const;
const file = (header: string, rows: string[]) => `${header}\r\n${rows.join("\r\n")}\r\n`;
const minutesOf = (r: { startsAt: string; endsAt: string } | undefined) =>
  r ? (Date.parse(r.endsAt) - Date.parse(r.startsAt)) / 60_000 : null;

describe("a Date or Start cell a spreadsheet saved as a number", () => {
  it("46353 is 27 November 2026; 46353.4375 is that day at 10:30; 0.4375 in a Start cell is 10:30", () => {
    expect(parseStart("46353", "10:30 AM", "month-first")).toEqual({ day: "2026-11-27", time: "10:30" });
    expect(parseStart("46353", "1030", "month-first")).toEqual({ day: "2026-11-27", time: "10:30" });
    expect(parseStart("46353", "0.4375", "month-first")).toEqual({ day: "2026-11-27", time: "10:30" });
    expect(parseStart("46353.4375", "", "month-first")).toEqual({ day: "2026-11-27", time: "10:30" });
    // One "Date/time" column, mapped as the start: day and time from the one number.
    expect(parseStart(undefined, "46353.4375", "month-first")).toEqual({ day: "2026-11-27", time: "10:30" });
    // Excel's float a second short of 10:30 is 10:30; a time cell beside the date serial wins over its fraction.
    expect(parseStart(undefined, "46353.437499999", "month-first")).toEqual({ day: "2026-11-27", time: "10:30" });
    expect(parseStart("46353.0", "14:00", "month-first")).toEqual({ day: "2026-11-27", time: "14:00" });
  });

  it("a number outside 2000–2100, or a date without its time, is refused saying what it would be", () => {
    expect(parseStart("2026", "10:00", "month-first")).toEqual({
      field: "date",
      problem:
        "\"2026\" is a bare number, not a date, as a spreadsheet's date number, 1905-07-18: a booking's date number falls in 2000–2100. Format the column as a date (2026-11-25) in the booking system or spreadsheet and export again.",
    });
    expect(parseStart("4635300", "10:00", "month-first")).toMatchObject({
      field: "date",
      problem: expect.stringMatching(/^"4635300" is a bare number, not a date: a booking's date number falls in/),
    });
    expect(parseStart(undefined, "46353", "month-first")).toEqual({
      field: "time",
      problem:
        '"46353" is a date (2026-11-27) without its time. Choose the start time\'s column above, or export the time with the date.',
    });
  });

  it("every serial of 2000–2100 reads as its own day, and the days either side are refused", () => {
    const first = Date.UTC(SERIAL_YEARS.min, 0, 1);
    const last = Date.UTC(SERIAL_YEARS.max, 11, 31);
    const serialOf = (ms: number) => (ms - Date.UTC(1899, 11, 30)) / 86_400_000;
    fc.assert(
      fc.property(fc.integer({ min: serialOf(first), max: serialOf(last) }), fc.nat(1439), (serial, minute) => {
        const text = `${serial}.${String(minute / 1440).slice(2) || "0"}`;
        const read = readDateSerial(text);
        expect(read).toEqual({
          day: new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 10),
          time: `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`,
        });
      }),
    );
    expect(readDateSerial(String(serialOf(first) - 1))).toHaveProperty("problem");
    expect(readDateSerial(String(serialOf(last) + 1))).toHaveProperty("problem");
  });
});

describe("a 24-hour time without its colon", () => {
  it("1030, 930, 0930 and 930 am are read; 2400, 1275 and a bare 9 say why not", () => {
    expect(["1030", "930", "0930", "930 am", "1230pm", "0000", "2359"].map(parseTime)).toEqual([
      "10:30",
      "09:30",
      "09:30",
      "09:30",
      "12:30",
      "00:00",
      "23:59",
    ]);
    expect(parseStart("2026-11-27", "2400", "month-first")).toEqual({
      field: "time",
      problem:
        '"2400" is a bare number, not a time: as a 24-hour time without its colon it would be 24:00, which no clock shows. Correct it in the booking system (14:30 or 2:30 PM) and export again.',
    });
    expect(parseStart("2026-11-27", "1275", "month-first")).toMatchObject({
      problem: expect.stringContaining("it would be 12:75, which no clock shows"),
    });
    expect(parseStart("2026-11-27", "9", "month-first")).toEqual({
      field: "time",
      problem:
        '"9" is a bare number: it could be 9 in the morning or the evening, or minutes. Write the time with its minutes (9:00 or 9:00 PM) in the booking system and export again.',
    });
  });

  it("an End time 1130 or a serial ends the booking where it says", () => {
    const start = "2026-11-27T18:00:00.000Z"; // 10:00 in Los Angeles
    const la = "America/Los_Angeles";
    expect(bookingLength(start, "", "1130", la, "month-first")).toEqual({ minutes: 90 });
    expect(bookingLength(start, "", "46353.46875", la, "month-first")).toEqual({ minutes: 75 });
    expect(bookingLength(start, "", "0.4375", la, "month-first")).toEqual({ minutes: 30 });
  });
});

describe("an export a spreadsheet saved with numbers for dates", () => {
  it("imports each booking on its day and time, and refuses a row whose date can't be one", async () => {
    const m = await demoModel();
    const content = file("Booking ID,Client,Phone,Service,Therapist,Room,Date,Time,End", [
      "X-1,Ada Lovelace,555-201-0001,Swedish massage,Ana Ruiz,Lotus,46353,930,1030",
      "X-2,Grace Hopper,555-201-0002,Swedish massage,Ana Ruiz,Lotus,46353.4375,,",
      "X-3,Alan Turing,555-201-0003,Swedish massage,Ben Carter,Cedar,46353,0930,",
      "X-4,Joan Clarke,555-201-0004,Swedish massage,Ben Carter,Cedar,1030,10:30,",
    ]);
    const preview = await previewImport(m, content);
    expect(preview.errors.map((e) => [e.line, e.column, e.message])).toEqual([
      [
        5,
        "Date",
        "\"1030\" is a bare number, not a date, as a spreadsheet's date number, 1902-10-26: a booking's date number falls in 2000–2100. Format the column as a date (2026-11-25) in the booking system or spreadsheet and export again.",
      ],
    ]);
    expect(preview.rows.map((r) => [r.externalId, r.startsAt, minutesOf(r)])).toEqual([
      ["X-1", "2026-11-27T17:30:00.000Z", 60],
      ["X-2", "2026-11-27T18:30:00.000Z", 60],
      ["X-3", "2026-11-27T17:30:00.000Z", 60],
    ]);
    const result = await commitImport(m, riley, content, { mapping: preview.mapping, skipBadRows: true });
    expect(result).toMatchObject({ created: 3, skipped: 1 });
  });
});
