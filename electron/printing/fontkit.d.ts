/** The subset of fontkit (pdfkit's font engine, which ships no types) used by scripts.ts and emoji.ts. */
declare module "fontkit" {
  export interface Font {
    /** Every code point the font has a glyph for. */
    characterSet: number[];
    unitsPerEm: number;
    /** The box every glyph fits in, in font units (y up from the baseline). */
    bbox: { minX: number; minY: number; maxX: number; maxY: number };
    /** The text shaped: the glyphs drawn (id 0 is .notdef, the empty box) and how far they advance. */
    layout(text: string): { glyphs: { id: number }[]; advanceWidth: number };
  }
  export function create(buffer: Buffer): Font;
}
