import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/**
 * The emoji font every slip draws its emoji in: Noto Emoji, Google's monochrome emoji (SIL Open Font License; from
 * npm: @expo-google-fonts/noto-emoji, one static TTF a weight, 866 KB; the regular one is used), black on the white
 * slip like its text. The PDF slips embed it (emoji.ts, on the PDF thread); the system printer's slip page carries
 * it inline (html.ts), so a computer with no emoji font of its own (a Linux without Noto Color Emoji) prints the same
 * pictures, not empty boxes. Read at the first slip with an emoji, not before.
 */
const FILE = "@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf";

let bytes: Buffer | null = null;

/** The font file's bytes (read from app.asar in the installed app, where the package ships it beside its index.js). */
export function emojiFontBytes(): Buffer {
  bytes ??= readFileSync(createRequire(__filename).resolve(FILE));
  return bytes;
}

/** The family name the slip page gives the inline font: its own, so a system's font of the same name can't stand in. */
export const SLIP_EMOJI_FAMILY = "Happy Head Slip Emoji";

let face: { css: string; hash: string } | null = null;

/**
 * The font as a style sheet of one @font-face, its bytes inline (1.15 MB of base64: the slip page loads nothing from
 * anywhere), and the sheet's SHA-256 for the page's Content-Security-Policy. Made once.
 */
export function emojiFontFace(): { css: string; hash: string } {
  if (face === null) {
    const css = `@font-face { font-family: "${SLIP_EMOJI_FAMILY}"; src: url(data:font/ttf;base64,${emojiFontBytes().toString("base64")}) format("truetype"); }`;
    face = { css, hash: createHash("sha256").update(css).digest("base64") };
  }
  return face;
}
