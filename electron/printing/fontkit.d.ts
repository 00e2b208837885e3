/** The subset of fontkit (pdfkit's font engine, which ships no types) used by scripts.ts. */
declare module "fontkit" {
  export interface Font {
    /** Every code point the font has a glyph for. */
    characterSet: number[];
  }
  export function create(buffer: Buffer): Font;
}
