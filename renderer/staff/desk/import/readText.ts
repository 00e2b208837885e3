import { IMPORT_MAX_CHARS } from "../../../../contract/desk";

const SAVE_AS_CSV = 'In the spreadsheet, choose File › Save As › "CSV UTF-8 (Comma delimited)" and import that file.';

/** A file's first bytes, as a spreadsheet program leaves them. */
const startsWith = (bytes: Uint8Array, ...start: number[]) => start.every((b, i) => bytes[i] === b);

/**
 * Reads a booking export as text here, then lets the main process preview and import it. UTF-8 (with or without a
 * byte-order mark) and UTF-16 with its mark (Excel's "Unicode Text") are read; a workbook or text in another
 * encoding is refused, saying what the file is and how to save it as CSV.
 */
export async function readText(file: File): Promise<string> {
  if (file.size > IMPORT_MAX_CHARS) {
    throw new Error(
      `This file is larger than ${IMPORT_MAX_CHARS / 1_000_000} MB. Split it into smaller files (a day or a week each) and import them one by one.`,
    );
  }
  return decodeExport(new Uint8Array(await file.arrayBuffer()));
}

/** The text of an export's bytes, or an error saying what the file is and how to make it one this import reads. */
export function decodeExport(bytes: Uint8Array): string {
  if (startsWith(bytes, 0x50, 0x4b, 0x03, 0x04))
    throw new Error(`This is an Excel workbook (.xlsx), not a CSV file. ${SAVE_AS_CSV}`);
  if (startsWith(bytes, 0xd0, 0xcf, 0x11, 0xe0))
    throw new Error(`This is an Excel 97–2003 workbook (.xls), not a CSV file. ${SAVE_AS_CSV}`);
  const utf16 = startsWith(bytes, 0xff, 0xfe) ? "utf-16le" : startsWith(bytes, 0xfe, 0xff) ? "utf-16be" : null;
  try {
    // The decoder drops the byte-order mark.
    return new TextDecoder(utf16 ?? "utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new Error(
      utf16
        ? `This file's Unicode text is damaged (it ends part-way through a character). Export it again. ${SAVE_AS_CSV}`
        : 'This file isn\'t UTF-8 text (it was probably saved as Windows-1252 or Latin-1), so names with accents would be garbled. Save it as "CSV UTF-8" and try again.',
    );
  }
}
