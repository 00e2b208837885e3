/**
 * Text primitives shared by the ticket layout and its renderers. A "glyph" is one
 * user-perceived character (grapheme cluster) after NFC normalisation; every glyph is
 * counted as one printer column.
 */

import anyAscii from "any-ascii";

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** Printable Latin letters and symbols, none of which joins with its neighbour into one glyph. */
const SIMPLE_LATIN = /^[\u0020-\u007e\u00a0-\u024f]*$/;

/** Splits text into glyphs, so nothing ever breaks inside a character with accents or joiners. */
export function glyphs(text: string): string[] {
  if (SIMPLE_LATIN.test(text)) return text.split("");
  return Array.from(graphemes.segment(text), (s) => s.segment);
}

/** Non-breaking space: joins words that must stay on one line, e.g. "60\u00a0min". */
export const NBSP = "\u00a0";

/**
 * Makes arbitrary text safe to lay out on one printed line: NFC-normalised, control
 * characters (including ESC/POS command bytes and line breaks) turned into spaces, runs of
 * whitespace other than NBSP collapsed, trimmed.
 */
export function cleanText(text: string): string {
  return text
    .normalize("NFC")
    .replace(/[\p{Cc}\p{Zl}\p{Zp}]/gu, " ")
    .replace(/[^\S\u00a0]+/g, " ")
    .trim();
}

/**
 * Word-wraps cleaned text to lines of at most `width` glyphs. Words longer than a line are
 * hard-broken between glyphs. Continuation lines are prefixed with `indent` spaces (and
 * hold `indent` glyphs less). NBSPs never break and come out as plain spaces. Always
 * returns at least one line ("" for empty text).
 */
export function wrapText(text: string, width: number, indent = 0): string[] {
  if (!Number.isInteger(width) || width < 1) throw new RangeError(`width must be a positive integer, got ${width}`);
  if (!Number.isInteger(indent) || indent < 0 || indent >= width)
    throw new RangeError(`indent must be in [0, width), got ${indent}`);
  const words = cleanText(text)
    .split(" ")
    .filter((w) => w !== "");
  const lines: string[][] = [];
  let current: string[] = [];
  const limit = (): number => (lines.length === 0 ? width : width - indent);
  const flush = (): void => {
    lines.push(current);
    current = [];
  };
  for (const word of words) {
    let rest = glyphs(word);
    const needed = current.length === 0 ? rest.length : current.length + 1 + rest.length;
    if (needed <= limit()) {
      current = current.length === 0 ? rest : [...current, " ", ...rest];
      continue;
    }
    if (current.length > 0) flush();
    while (rest.length > limit()) {
      current = rest.slice(0, limit());
      rest = rest.slice(limit());
      flush();
    }
    current = rest;
  }
  if (current.length > 0 || lines.length === 0) flush();
  const pad = " ".repeat(indent);
  return lines.map((line, i) => (i === 0 ? "" : pad) + line.join("").replaceAll(NBSP, " "));
}

export type Align = "left" | "center" | "right";

/** Leading spaces that place `text` (at most `width` glyphs) at the given alignment. */
export function alignText(text: string, width: number, align: Align): string {
  const free = Math.max(0, width - glyphs(text).length);
  const lead = align === "left" ? 0 : align === "right" ? free : Math.floor(free / 2);
  return " ".repeat(lead) + text;
}

/** Letters any-ascii leaves empty, as a reader of a transliterated name expects them: the Arabic alef. */
const QUIET_LETTERS: Readonly<Record<string, string>> = { "\u0627": "a" };

/**
 * Rewrites text for a device that can only draw some characters: every glyph `canPrint` accepts
 * stays; a letter or digit it lacks is transliterated to ASCII (李 → "Li", Мария → "Mariya",
 * Đặng → "Dang", محمد → "mhmd"), so a name stays readable; any other glyph (emoji, symbols) becomes "?".
 * Formatting marks that draw nothing (the right-to-left mark a booking system puts before an Arabic or
 * Hebrew name, a byte-order mark) are left out: they printed as "?".
 */
export function printableText(text: string, canPrint: (glyph: string) => boolean): string {
  return glyphs(text.normalize("NFC"))
    .map((g) => {
      if (/^\p{Cf}+$/u.test(g)) return "";
      if (canPrint(g) || /^[\s\p{Cc}]$/u.test(g)) return g;
      if (!/[\p{L}\p{N}]/u.test(g)) return "?";
      const latin = anyAscii(g).replace(/[^\x20-\x7e]/g, "") || QUIET_LETTERS[g.normalize("NFC")[0] ?? ""] || "";
      return latin === "" ? "?" : latin;
    })
    .join("");
}
