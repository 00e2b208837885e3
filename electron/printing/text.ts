/**
 * Text primitives shared by the ticket layout and its renderers. A "glyph" is one
 * user-perceived character (grapheme cluster) after NFC normalisation; a glyph takes one
 * printer column, an emoji drawn as a picture two (columnsOf).
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

/**
 * A pictographic emoji: a pictograph with its selectors, skin tone and joined parts, a flag, a keycap. Letters and
 * signs a device draws as text ("©", "™") are only emoji when it has no text form of them.
 */
export const isEmoji = (glyph: string): boolean =>
  /[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\u20e3]/u.test(glyph);

/** An emoji shown as a picture (Unicode's emoji presentation, as terminals count it): two columns wide. */
const PICTURE = /[\p{Emoji_Presentation}\p{Emoji_Modifier}\p{Regional_Indicator}\ufe0f\u20e3]/u;

/** The printer columns a glyph takes: two for an emoji shown as a picture ("🌸", "❤️", "👨‍👩‍👧"), else one. */
export const columnsOf = (glyph: string): number => (isEmoji(glyph) && PICTURE.test(glyph) ? 2 : 1);

/** The printer columns a text takes (columnsOf each glyph). */
export const textColumns = (text: string): number =>
  SIMPLE_LATIN.test(text) ? text.length : glyphs(text).reduce((sum, g) => sum + columnsOf(g), 0);

const columnsOfAll = (line: readonly string[]): number => line.reduce((sum, g) => sum + columnsOf(g), 0);

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
 * Word-wraps cleaned text to lines of at most `width` columns (textColumns). Words longer than a line are
 * hard-broken between glyphs (a glyph wider than a whole line, which no slip has, stands alone on its own).
 * Continuation lines are prefixed with `indent` spaces (and hold `indent` columns less). NBSPs never break and
 * come out as plain spaces. Always returns at least one line ("" for empty text).
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
    const needed = current.length === 0 ? columnsOfAll(rest) : columnsOfAll(current) + 1 + columnsOfAll(rest);
    if (needed <= limit()) {
      current = current.length === 0 ? rest : [...current, " ", ...rest];
      continue;
    }
    if (current.length > 0) flush();
    while (columnsOfAll(rest) > limit()) {
      let take = 1;
      while (columnsOfAll(rest.slice(0, take + 1)) <= limit()) take++;
      current = rest.slice(0, take);
      rest = rest.slice(take);
      flush();
    }
    current = rest;
  }
  if (current.length > 0 || lines.length === 0) flush();
  const pad = " ".repeat(indent);
  return lines.map((line, i) => (i === 0 ? "" : pad) + line.join("").replaceAll(NBSP, " "));
}

export type Align = "left" | "center" | "right";

/** Leading spaces that place `text` (at most `width` columns) at the given alignment. */
export function alignText(text: string, width: number, align: Align): string {
  const free = Math.max(0, width - textColumns(text));
  const lead = align === "left" ? 0 : align === "right" ? free : Math.floor(free / 2);
  return " ".repeat(lead) + text;
}

/** Letters any-ascii leaves empty, as a reader of a transliterated name expects them: the Arabic alef. */
const QUIET_LETTERS: Readonly<Record<string, string>> = { "\u0627": "a" };

/**
 * Rewrites text for a device that can only draw some characters: every glyph `canPrint` accepts
 * stays (or its text form without an emoji selector: "©️" as "©"); a letter or digit it lacks is transliterated
 * to ASCII (李 → "Li", Мария → "Mariya", Đặng → "Dang", محمد → "mhmd", a keycap "1️⃣" → "1"), so a name stays
 * readable; an emoji it can't draw is left out whole, with its joiners, selectors and skin tone (a space takes
 * its place, which wrapText folds into the space beside it: "Ana 🌸" → "Ana"); any other glyph (symbols) becomes
 * "?". Formatting marks that draw nothing (the right-to-left mark a booking system puts before an Arabic or
 * Hebrew name, a byte-order mark) are left out: they printed as "?".
 */
export function printableText(text: string, canPrint: (glyph: string) => boolean): string {
  return glyphs(text.normalize("NFC"))
    .map((g) => {
      if (/^\p{Cf}+$/u.test(g)) return "";
      if (canPrint(g) || /^[\s\p{Cc}]$/u.test(g)) return g;
      const bare = g.replace(/[\ufe0e\ufe0f]/gu, "");
      if (bare !== g && bare !== "" && canPrint(bare)) return bare;
      if (!/[\p{L}\p{N}]/u.test(g)) return isEmoji(g) ? " " : "?";
      const latin = anyAscii(g).replace(/[^\x20-\x7e]/g, "") || QUIET_LETTERS[g.normalize("NFC")[0] ?? ""] || "";
      return latin === "" ? "?" : latin;
    })
    .join("");
}

/** How many emoji a text that is only emoji names in words before "+N more". */
const NAMED_EMOJI = 3;

/**
 * A text's emoji in words, for a slip that can't draw them where they are all the text says (a guest named "🌸"):
 * each one's short name (any-ascii's, as chat apps write them: "🌸" → "cherry blossom", "👨‍👩‍👧" → "man woman
 * girl", a flag by its region: "🇯🇵" → "flag JP"), each once, the first three, in brackets: "(emoji: cherry blossom)".
 */
export function emojiWords(text: string): string {
  const each = glyphs(cleanText(text))
    .filter(isEmoji)
    .map((g) => {
      const ascii = anyAscii(g);
      const codes = Array.from(ascii.matchAll(/:([a-z0-9_+-]+):/g), (m) => (m[1] ?? "").replaceAll("_", " "));
      if (codes.length > 0) return codes.join(" ");
      return /\p{Regional_Indicator}/u.test(g) ? `flag ${ascii}` : "emoji";
    });
  const names = [...new Set(each)];
  const more = names.length > NAMED_EMOJI ? [`+${names.length - NAMED_EMOJI} more`] : [];
  return `(emoji: ${[...names.slice(0, NAMED_EMOJI), ...more].join(", ")})`;
}
