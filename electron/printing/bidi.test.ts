import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { drawRuns } from "./bidi";
import { scriptOf } from "./scripts";
import { glyphs } from "./text";

const runs = (line: string) => drawRuns(line, scriptOf);

describe("drawRuns: a printed line in reading order, cut into runs per font", () => {
  it("keeps a Latin line as one run in the page's font", () => {
    expect(runs("Guest: María G.")).toEqual([{ column: 0, columns: 15, text: "Guest: María G.", script: null }]);
  });

  it("puts an Arabic name after its label as one run, in the order its letters are written, spaces and all", () => {
    expect(runs("Guest: مريم عبد الله")).toEqual([
      { column: 0, columns: 7, text: "Guest: ", script: null },
      { column: 7, columns: 13, text: "مريم عبد الله", script: "arabic" },
    ]);
  });

  it("places the right-to-left part of a mixed name to the right of its Latin part and mirrors brackets in it", () => {
    // "Maryam" reads first, then عبد الله; the bracket inside the Hebrew stretch is turned round.
    expect(runs("Maryam عبد الله")).toEqual([
      { column: 0, columns: 7, text: "Maryam ", script: null },
      { column: 7, columns: 8, text: "عبد الله", script: "arabic" },
    ]);
    expect(runs("שרה (כהן)")).toEqual([
      { column: 0, columns: 1, text: "(", script: null },
      { column: 1, columns: 3, text: "כהן", script: "hebrew" },
      { column: 4, columns: 2, text: ") ", script: null },
      { column: 6, columns: 3, text: "שרה", script: "hebrew" },
    ]);
  });

  it("prints a number inside a right-to-left name left to right, at the reading place UAX #9 gives it", () => {
    // חדר 12 reads "room 12" from the right: 12 stands to the left of חדר.
    expect(runs("Room: חדר 12")).toEqual([
      { column: 0, columns: 9, text: "Room: 12 ", script: null },
      { column: 9, columns: 3, text: "חדר", script: "hebrew" },
    ]);
    // Arabic-Indic digits are drawn in the Arabic font as one run; its text is right to left for the shaper.
    expect(runs("غرفة ١٢")).toEqual([
      { column: 0, columns: 2, text: "٢١", script: "arabic" },
      { column: 2, columns: 1, text: " ", script: null },
      { column: 3, columns: 4, text: "غرفة", script: "arabic" },
    ]);
  });

  it("covers every column of the line exactly once and loses no glyph (property)", () => {
    const piece = fc.constantFrom("a", "Z", "é", " ", "1", "(", ")", "-", ",", "م", "ر", "بِ", "لا", "١", "ש", "שׁ", "ן");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const line = pieces.join("");
        const drawn = runs(line);
        let column = 0;
        for (const run of drawn) {
          expect(run.column).toBe(column);
          expect(glyphs(run.text)).toHaveLength(run.columns);
          column += run.columns;
        }
        expect(column).toBe(glyphs(line).length);
        const sorted = (gs: string[]) => gs.map((g) => ({ "(": ")", ")": ")" })[g] ?? g).sort();
        expect(sorted(drawn.flatMap((r) => glyphs(r.text)))).toEqual(sorted(glyphs(line)));
      }),
    );
  });
});
