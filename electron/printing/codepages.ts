import CodepageEncoder, { type Codepage } from "@point-of-sale/codepage-encoder";
import { glyphs, printableText } from "./text";

/**
 * Code pages a ticket may switch between (ESC t n), in order of preference. All are in
 * Epson's legacy table, so practically every ESC/POS printer and clone has them. Hebrew
 * (cp862) and Arabic (cp864) are not: their ESC t numbers differ from maker to maker (Epson
 * 36 and 37, the POS-5890 clones 8 and 28, Bixolon 21 and 22; some have only one), so a wrong
 * guess prints box-drawing signs instead of a name; and cp864 holds only isolated letter
 * forms, so Arabic would print unjoined. Both stay transliterated on thermal slips (the PDF
 * and system-printer slips draw them as written).
 */
const CODE_PAGES: readonly Codepage[] = ["cp437", "cp858", "cp860", "cp863", "cp865", "cp852", "cp866", "windows1252"];

/** A run of text that prints entirely in one code page. */
export type CodepageRun = { codepage: Codepage; text: string };

/**
 * For each code page, the characters it can print. A character only counts if the first
 * byte that has it is printable (>= 0x20 and not 0x7F): the encoder looks characters up
 * by first match, and the OEM pages also put symbols such as • and § at control-code
 * positions, which the printer would execute as commands (BEL, NAK) instead of printing.
 */
const PRINTABLE: ReadonlyMap<Codepage, ReadonlySet<string>> = new Map(
  CODE_PAGES.map((codepage) => {
    const codepoints = CodepageEncoder.getEncoding(codepage).codepoints;
    const chars = new Set<string>();
    codepoints.forEach((codepoint, byte) => {
      if (byte < 0x20 || byte === 0x7f || codepoint === 0xfffd) return;
      if (codepoints.indexOf(codepoint) === byte) chars.add(String.fromCodePoint(codepoint));
    });
    return [codepage, chars];
  }),
);

function printableIn(codepage: Codepage, char: string): boolean {
  return PRINTABLE.get(codepage)?.has(char) ?? false;
}

/** Whether some candidate code page prints this glyph as one byte. */
export const inSomeCodepage = (glyph: string): boolean => CODE_PAGES.some((cp) => printableIn(cp, glyph));

/**
 * Text as ESC/POS can print it: code-page characters kept, other letters transliterated, emoji left out (a thermal
 * printer has no picture for them), the rest "?".
 */
export const codepageText = (text: string): string => printableText(text, inSomeCodepage);

/**
 * Splits a line into runs of code pages the printer can print, one byte per glyph. Glyphs
 * that no candidate page has become "?" (the layout has already transliterated letters with
 * codepageText, so only what has no readable form is left). A line
 * that one page covers entirely stays in one run.
 */
export function splitIntoCodepageRuns(line: string): CodepageRun[] {
  const chars = glyphs(line).map((g) => (inSomeCodepage(g) ? g : "?"));
  const whole = CODE_PAGES.find((cp) => chars.every((c) => printableIn(cp, c)));
  if (whole !== undefined) return [{ codepage: whole, text: chars.join("") }];

  const runs: CodepageRun[] = [];
  for (const char of chars) {
    const last = runs.at(-1);
    if (last !== undefined && printableIn(last.codepage, char)) {
      last.text += char;
    } else {
      const codepage = CODE_PAGES.find((cp) => printableIn(cp, char)) ?? "cp437";
      runs.push({ codepage, text: char });
    }
  }
  return runs;
}
