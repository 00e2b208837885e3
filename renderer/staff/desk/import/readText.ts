import { IMPORT_MAX_CHARS } from "../../../../contract/desk";

/**
 * Reads a CSV file as UTF-8 text here, refusing other encodings with a message (TextDecoder in
 * fatal mode), then lets the main process preview and import it.
 */
export async function readText(file: File): Promise<string> {
  if (file.size > IMPORT_MAX_CHARS) {
    throw new Error(
      `This file is larger than ${IMPORT_MAX_CHARS / 1_000_000} MB. Split it into smaller files (a day or a week each) and import them one by one.`,
    );
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    throw new Error(
      'This file isn\'t UTF-8 text (it was probably saved as Windows-1252 or Latin-1), so names with accents would be garbled. Save it as "CSV UTF-8" and try again.',
    );
  }
}
