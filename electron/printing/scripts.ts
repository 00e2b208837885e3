import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import * as fontkit from "fontkit";
import { printableText } from "./text";

/**
 * The right-to-left scripts the PDF and system-printer slips draw as written. The PDF embeds a Noto font for each
 * (SIL Open Font License, from npm: @embedpdf/fonts-arabic is Noto Naskh Arabic, @embedpdf/fonts-hebrew Noto Sans
 * Hebrew; regular and bold), shaped by pdfkit through fontkit (Arabic letters join); the system-printer page leaves
 * the font and shaping to Chromium. bidi.ts puts them in visual order for both.
 */
export type Script = "arabic" | "hebrew";

const FILES: Readonly<Record<Script, { pkg: string; regular: string; bold: string }>> = {
  arabic: { pkg: "@embedpdf/fonts-arabic", regular: "NotoNaskhArabic-Regular.ttf", bold: "NotoNaskhArabic-Bold.ttf" },
  hebrew: { pkg: "@embedpdf/fonts-hebrew", regular: "NotoSansHebrew-Regular.ttf", bold: "NotoSansHebrew-Bold.ttf" },
};

const SCRIPTS = Object.keys(FILES) as Script[];

/** The packages' main files sit in dist/, their fonts in fonts/ (read from app.asar in the installed app). */
const resolve = createRequire(__filename).resolve;
const fontFile = (script: Script, weight: "regular" | "bold"): string =>
  path.join(path.dirname(resolve(FILES[script].pkg)), "..", "fonts", FILES[script][weight]);

type Loaded = { regular: Buffer; bold: Buffer; codePoints: ReadonlySet<number> };
const loaded = new Map<Script, Loaded>();

function load(script: Script): Loaded {
  let font = loaded.get(script);
  if (font === undefined) {
    const regular = readFileSync(fontFile(script, "regular"));
    font = {
      regular,
      bold: readFileSync(fontFile(script, "bold")),
      codePoints: new Set(fontkit.create(regular).characterSet),
    };
    loaded.set(script, font);
  }
  return font;
}

/** The font file's bytes for pdfkit's registerFont. */
export function scriptFont(script: Script, bold: boolean): Buffer {
  const font = load(script);
  return bold ? font.bold : font.regular;
}

/** A script's own characters (letters, marks, digits, punctuation such as "،"), not the Latin ones its font has. */
const SCRIPT_LETTER: Readonly<Record<Script, RegExp>> = { arabic: /\p{scx=Arabic}/u, hebrew: /\p{scx=Hebrew}/u };

/**
 * The script whose font draws this glyph (a letter with its marks, a ligature, a digit of the script), or null.
 * Every code point of the glyph must be in the font, so a glyph is never drawn in part as an empty box.
 */
export function scriptOf(glyph: string): Script | null {
  for (const script of SCRIPTS) {
    if (!SCRIPT_LETTER[script].test(glyph)) continue;
    const { codePoints } = load(script);
    return Array.from(glyph).every((c) => codePoints.has(c.codePointAt(0) ?? -1)) ? script : null;
  }
  return null;
}

/**
 * Arabic presentation forms (letters in one positional form, ligatures such as "ﷺ" two em wide) and Hebrew ones
 * ("שּ"), which legacy encodings produce: as their letters, which the font's shaper joins again.
 */
const PRESENTATION_FORMS = /[\ufb1d-\ufdff\ufe70-\ufefc]/gu;

/**
 * Text as a page renderer draws it: the glyphs its own font has (`inFont`), Arabic and Hebrew as written; other
 * letters transliterated and the rest "?" (printableText).
 */
export const scriptText = (text: string, inFont: (glyph: string) => boolean): string =>
  printableText(
    text.replace(PRESENTATION_FORMS, (form) => form.normalize("NFKC")),
    (g) => inFont(g) || scriptOf(g) !== null,
  );
