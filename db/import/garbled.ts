/**
 * Accents garbled on the way: a UTF-8 export opened in a spreadsheet as Windows "Western" text and saved again as
 * UTF-8. "María" becomes "MarÃ­a", "Chloé" "ChloÃ©", an emoji four such characters. Every character of such a file
 * is one byte of the original, so the original is read back by writing each as that byte (Windows-1252, or Latin-1
 * where a tool read 0x80–0x9F as control characters) and reading the bytes as UTF-8; done only when every character
 * is such a byte and the bytes are UTF-8 throughout.
 */

/** Windows-1252's characters for the bytes 0x80–0x9F (the five it leaves undefined read as the C1 controls). */
const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ";
const BYTE_OF = new Map([...CP1252_HIGH].map((c, i) => [c, 0x80 + i]));
/** A byte that continues a UTF-8 sequence (0x80–0xBF), as Windows-1252 shows it, or Latin-1 (0x80–0x9F as controls). */
const CONTINUATION = `[\\u0080-\\u00BF${CP1252_HIGH}]`;
/** The first byte of a two-to-four-byte UTF-8 sequence shown as Windows-1252, then a continuation: "Ã­", "â€™". */
const GARBLED = new RegExp(`[\\u00C2-\\u00F4]${CONTINUATION}+`, "g");

const byteOf = (c: string): number | undefined => {
  const code = c.charCodeAt(0);
  return code <= 0xff ? code : BYTE_OF.get(c);
};

/** The text each of whose characters is a byte of UTF-8, read as UTF-8; null when it is not. */
function asMeant(text: string): string | null {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const b = byteOf(text[i] ?? "");
    if (b === undefined) return null;
    bytes[i] = b;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

export type Garbled =
  | { repaired: false }
  | { repaired: true; text: string; example: { garbled: string; meant: string } | null }
  | { repaired: "impossible"; example: string };

/** The file as meant when its accents were garbled as above; `impossible` when they look garbled but can't be read. */
export function repairGarbledAccents(content: string): Garbled {
  // The file's byte-order mark, garbled too ("ï»¿") or not, is no text of it.
  const bom = /^(\uFEFF|ï»¿)/.exec(content)?.[0] ?? "";
  const body = content.slice(bom.length);
  const found = GARBLED.exec(body);
  GARBLED.lastIndex = 0;
  if (!found) return bom === "ï»¿" ? { repaired: true, text: body, example: null } : { repaired: false };
  // The word around the first garbled letters, to show staff what was read.
  const start = body.slice(0, found.index).search(/[^\s,;"]*$/);
  const end = found.index + body.slice(found.index).search(/[\s,;"]|$/);
  const garbled = body.slice(start, end).slice(0, 40);
  const text = asMeant(body);
  if (text === null) return { repaired: "impossible", example: garbled };
  return { repaired: true, text, example: { garbled, meant: asMeant(garbled) ?? "" } };
}
