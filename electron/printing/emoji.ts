import * as fontkit from "fontkit";
import { emojiFontBytes } from "./emoji-font";
import { glyphs, isEmoji } from "./text";

/**
 * The PDF slips' emoji: the font of emoji-font.ts, shaped by fontkit, which joins a sequence into the one picture
 * the font has for it: a family "👨‍👩‍👧", a flag "🇯🇵",
 * a keycap "1️⃣", a skin tone onto its hand (drawn without the tone: the font has one colour). Loaded on the PDF
 * thread at the first slip with an emoji, never in the kiosk's renderer.
 */
type Loaded = { font: fontkit.Font; drawn: Map<string, boolean> };
let loaded: Loaded | null = null;

function load(): Loaded {
  loaded ??= { font: fontkit.create(emojiFontBytes()), drawn: new Map() };
  return loaded;
}

/** The font file's bytes for pdfkit's registerFont. */
export const emojiFont = emojiFontBytes;

/** Whether the font draws this emoji as one picture (its shaper gives one glyph, not the empty .notdef). */
export function emojiDrawn(glyph: string): boolean {
  if (!isEmoji(glyph)) return false;
  const { font, drawn } = load();
  let one = drawn.get(glyph);
  if (one === undefined) {
    const shaped = font.layout(glyph).glyphs;
    one = shaped.length === 1 && shaped[0]?.id !== 0;
    drawn.set(glyph, one);
  }
  return one;
}

/**
 * Text with each emoji the font has no one picture for (a sequence newer than the font, one no vendor draws as one:
 * "🐈‍🐕") as the pictures of its parts that it has ("🐈🐕"), each whole; a part it lacks is left out, so a sequence
 * never prints half-joined.
 */
export function emojiParts(text: string): string {
  if (!/[\p{Extended_Pictographic}\p{Regional_Indicator}]/u.test(text)) return text;
  return glyphs(text)
    .map((g) =>
      !isEmoji(g) || emojiDrawn(g)
        ? g
        : g
            .split("\u200d")
            .filter((part) => emojiDrawn(part))
            .join(""),
    )
    .join("");
}

/**
 * Where the font's pictures sit in its em (the middle of its box, above the baseline) and how wide each is (all
 * advance alike), as fractions of the font size: the PDF fits each in the two columns the layout gives it.
 */
export function emojiMetrics(): { middle: number; advance: number } {
  const { font } = load();
  const advance = font.layout("\u{1f338}").advanceWidth / font.unitsPerEm;
  return { middle: (font.bbox.minY + font.bbox.maxY) / 2 / font.unitsPerEm, advance };
}
