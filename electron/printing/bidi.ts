import bidiFactory from "bidi-js";
import type { Script } from "./scripts";
import { columnsOf, glyphs, textColumns } from "./text";

/**
 * A printed line in visual order (the Unicode Bidirectional Algorithm, paragraph left to right as the slip is laid
 * out), cut into runs a page renderer draws one at a time: each at the columns its glyphs take in the layout (one
 * per glyph), in the page's monospaced font or in a script's font.
 */
export type DrawRun = {
  /** The first column from the left, and how many columns the run takes (two for an emoji: text.ts columnsOf). */
  column: number;
  columns: number;
  /**
   * The text to give the font. The page's font: as it reads left to right. A script's font, whose shaper joins the
   * letters and lays them out right to left: the run's glyphs from right to left, which for a right-to-left run is
   * its logical order (a script's digits inside a left-to-right stretch, which never join, come out left to right).
   */
  text: string;
  /** null: the page's monospaced font. */
  script: Script | null;
};

const bidi = bidiFactory();

/** Code points that can be, or can make neighbours, right to left; a line without them is one run. */
const MAYBE_RTL =
  /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\u{10800}-\u{10fff}\u{1e800}-\u{1efff}\u200f\u202b\u202e\u2067]/u;

type Glyph = { text: string; level: number; script: Script | null; index: number };

/** Reverses every stretch at `level` or higher, from the highest level down to the lowest odd one (UAX #9 L2). */
function visualOrder(line: Glyph[]): Glyph[] {
  const order = [...line];
  const highest = Math.max(0, ...line.map((g) => g.level));
  const lowestOdd = Math.min(...line.map((g) => g.level + ((g.level + 1) % 2)));
  for (let level = highest; level >= lowestOdd; level--) {
    for (let i = 0; i < order.length;) {
      if ((order[i]?.level ?? 0) < level) {
        i++;
        continue;
      }
      let end = i;
      while (end < order.length && (order[end]?.level ?? 0) >= level) end++;
      order.splice(i, end - i, ...order.slice(i, end).reverse());
      i = end;
    }
  }
  return order;
}

/**
 * The line's runs, left to right. A script's words at one level are one run with the spaces between them (so the
 * font spaces them). Brackets in a right-to-left stretch are mirrored.
 */
export function drawRuns(line: string, scriptOf: (glyph: string) => Script | null): DrawRun[] {
  const texts = glyphs(line);
  if (!MAYBE_RTL.test(line)) return [{ column: 0, columns: textColumns(line), text: line, script: null }];
  const { levels } = bidi.getEmbeddingLevels(line, "ltr");
  let offset = 0;
  const logical: Glyph[] = texts.map((text, index) => {
    const level = levels[offset] ?? 0;
    offset += text.length;
    const mirrored = level % 2 === 1 ? bidi.getMirroredCharacter(text) : null;
    return { text: mirrored ?? text, level, script: scriptOf(text), index };
  });
  // A space between two words of one script at one level joins them into one run.
  logical.forEach((g, i) => {
    const before = logical[i - 1];
    const after = logical.slice(i + 1).find((n) => n.text !== " ");
    const sameLevel = before?.level === g.level && after?.level === g.level;
    if (g.text === " " && before?.script && before.script === after?.script && sameLevel) {
      g.script = before.script;
    }
  });
  const runs: (DrawRun & { level: number; last: number })[] = [];
  let column = 0;
  visualOrder(logical).forEach((g) => {
    const width = columnsOf(g.text);
    const run = runs.at(-1);
    const joins =
      run !== undefined &&
      run.script === g.script &&
      (g.script === null || (run.level === g.level && Math.abs(run.last - g.index) === 1));
    if (joins) {
      run.columns += width;
      run.text = g.script === null ? run.text + g.text : g.text + run.text;
      run.last = g.index;
    } else {
      runs.push({ column, columns: width, text: g.text, script: g.script, level: g.level, last: g.index });
    }
    column += width;
  });
  return runs.map(({ column, columns, text, script }) => ({ column, columns, text, script }));
}
