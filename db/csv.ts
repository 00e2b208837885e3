import { stringify } from "csv-stringify/sync";

/**
 * Spreadsheet formula injection (OWASP): a cell that a spreadsheet would read as a formula gets
 * a leading apostrophe. Covers = + - @ tab CR LF and their full-width forms, after leading
 * spaces, and on every line of a multi-line cell.
 */
const DANGEROUS = /^[\s\u3000]*[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/u;
export function neutralizeCell(value: string): string {
  if (!/[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/u.test(value)) return value;
  return value
    .split(/(\r\n|\r|\n)/)
    .map((part) => (DANGEROUS.test(part) && !/^(\r\n|\r|\n)$/.test(part) ? `'${part}` : part))
    .join("");
}

export type Cell = string | number | null;

/** UTF-8 byte order mark: Excel reads a CSV as UTF-8 (accents intact) only when it starts with one. */
export const CSV_BOM = "\uFEFF";

const options = { record_delimiter: "\r\n", quoted_match: /[",\r\n]/ } as const;
const safeRow = (r: readonly Cell[]) => r.map((c) => (typeof c === "string" ? neutralizeCell(c) : (c ?? "")));

/**
 * RFC 4180 records (CRLF, quotes doubled, fields with , " CR LF quoted) of some rows, every
 * text cell neutralized, numbers left as numbers. Used for streamed exports chunk by chunk.
 */
export function csvRecords(rows: readonly (readonly Cell[])[]): string {
  return rows.length === 0 ? "" : stringify(rows.map(safeRow), options);
}

/** A whole CSV file: BOM, header row, rows. */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return `${CSV_BOM}${csvRecords([header, ...rows])}`;
}
