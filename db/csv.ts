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

/** RFC 4180 CSV with a UTF-8 BOM (so Excel reads accents), CRLF rows, numbers left as numbers. */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const safe = rows.map((r) => r.map((c) => (typeof c === "string" ? neutralizeCell(c) : c ?? "")));
  return `\uFEFF${stringify([header.map(neutralizeCell), ...safe], { record_delimiter: "\r\n", quoted_match: /[",\r\n]/ })}`;
}
