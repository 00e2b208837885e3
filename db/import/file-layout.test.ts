import { describe, expect, it } from "vitest";
import { IMPORT_MAX_ROWS } from "../../contract/desk";
import { demoModel } from "../test/helpers";
import { previewImport } from "./preview";

/** A Mindbody-style export's column names, and its row `i` (a booking the demo spa can take). */
const H = "Appointment ID,Client Name,Mobile Phone,Session Type,Staff,Resource,Date,Start Time,End Time,Status,Notes";
const R = (i: number) =>
  `MB-${i},Jane Doe${i},555 201 ${String(1000 + (i % 9000)).slice(-4)},Swedish massage,Ana Ruiz,Lotus,11/25/2026,3:00 PM,4:00 PM,Confirmed,`;

const preview = async (file: string) => {
  const p = await previewImport(await demoModel(), file);
  return {
    rows: p.rows.map((r) => [r.line, r.externalId]),
    errors: p.errors.map((e) => `${e.line}: ${e.message}`),
    warnings: p.warnings.map((w) => `${w.line}: ${w.message}`),
  };
};

describe("a booking export as booking systems write them: what is not a booking is left out, and said so", () => {
  it("a report title above the column names, with a semicolon file's separator found under it", async () => {
    expect(
      await preview(`Appointments Report\r\nDate range: 11/25/2026 - 11/25/2026\r\n\r\n${H}\r\n${R(1)}\r\n${R(2)}\r\n`),
    ).toEqual({
      rows: [
        [5, "MB-1"],
        [6, "MB-2"],
      ],
      errors: [],
      warnings: ["1: Lines 1–3 (“Appointments Report”) above the column names left out: not a booking."],
    });
    const semicolons = `Termine Export\r\n${H.replaceAll(",", ";")}\r\n${R(1).replaceAll(",", ";")}\r\n`;
    expect(await preview(semicolons)).toMatchObject({ rows: [[3, "MB-1"]], errors: [] });
    // A merged group-title line over the columns is a title too.
    expect(await preview(`Appointment,,,Service,,,When,,,,\r\n${H}\r\n${R(1)}\r\n`)).toMatchObject({
      rows: [[3, "MB-1"]],
      errors: [],
    });
  });

  it("a total at the end, a page marker and the column names again in a paged export; blank lines without a word", async () => {
    const file = `${H}\r\n${R(1)}\r\n\r\n${R(2)}\r\n,,,,,,,,,,\r\nPage 2 of 2\r\n${H}\r\n${R(3)}\r\nTotal: 3 appointments,,,,,,,,,,\r\n`;
    expect(await preview(file)).toEqual({
      rows: [
        [2, "MB-1"],
        [4, "MB-2"],
        [8, "MB-3"],
      ],
      errors: [],
      warnings: [
        "6: “Page 2 of 2” marks a page of the export, not a booking: left out.",
        "7: The column names again (a page break in the export): left out.",
        "9: “Total: 3 appointments” is the export's summary, not a booking: left out.",
      ],
    });
    // A guest named Total is a booking like any other: their other columns are filled.
    expect(await preview(`${H}\r\n${R(1).replace("Jane Doe1", "Total")}\r\n`)).toMatchObject({ rows: [[2, "MB-1"]] });
  });

  it(`${IMPORT_MAX_ROWS.toLocaleString("en-US")} bookings with blank lines and a total are read whole; one more is refused`, async () => {
    const rows = Array.from({ length: IMPORT_MAX_ROWS }, (_, i) => R(i + 1));
    const file = `Report\r\n${H}\r\n${rows.join("\r\n\r\n")}\r\n\r\n\r\nTotal: ${IMPORT_MAX_ROWS} appointments\r\n`;
    const m = await demoModel();
    const p = await previewImport(m, file);
    expect(p.totalRows).toBe(IMPORT_MAX_ROWS);
    expect(p.validRows).toBe(IMPORT_MAX_ROWS);
    await expect(previewImport(m, `${file}${R(IMPORT_MAX_ROWS + 1)}\r\n`)).rejects.toThrow(
      `This file has more than ${IMPORT_MAX_ROWS.toLocaleString("en-US")} appointments`,
    );
  }, 60_000);
});
