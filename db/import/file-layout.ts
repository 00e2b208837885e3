/**
 * Where a booking export's bookings are. Real exports are not one header and rows: a report title above the column
 * names ("Appointments Report", "Printed 25/11/2026"), the column names again at each page of a paged export, blank
 * lines, and a summary at the end ("Total: 42 appointments"). None of those is a booking: each is left out and said
 * so, instead of being read as a booking with six problems that the booking system can't fix.
 */

/** Lines above the column names that are looked at for them. */
const HEADER_SEARCH_LINES = 10;

const filled = (record: readonly string[]): number => record.filter((c) => c.trim() !== "").length;
export const isBlank = (record: readonly string[]): boolean => filled(record) === 0;

/**
 * The record holding the column names: the first of the first lines with as many filled cells as the most any of
 * them has (a title line has one or two; the column names have every column). 0 for an ordinary file.
 */
export function headerIndex(records: readonly (readonly string[])[]): number {
  const head = records.slice(0, HEADER_SEARCH_LINES);
  const most = Math.max(0, ...head.map(filled));
  // A title above one-column data would look the same: only lines with fewer than 2 cells give way.
  if (most < 2) return 0;
  const at = head.findIndex((r) => filled(r) === most);
  return at > 0 && head.slice(0, at).every((r) => filled(r) < most / 2) ? at : 0;
}

/** The same column names again (a page break of a paged export). */
const repeatsHeader = (record: readonly string[], header: readonly string[]): boolean =>
  filled(header) > 0 && header.every((h, i) => h.trim().toLowerCase() === (record[i] ?? "").trim().toLowerCase());

/**
 * "Total: 42 appointments", "Grand total", "Subtotal", "42 appointments", "Appointments: 42", "Count: 42", "Summary",
 * "Showing 1-42 of 42", "Report generated 11/27/2026 8:02 AM", "Printed by Riley", "End of report".
 */
const SUMMARY =
  /^((grand|sub)\s*)?totals?\b|^summary\b|^\d[\d,.\s]*\s+(appointments?|bookings?|records?)\b|^(appointments?|bookings?|records?|count)\s*:\s*\d|^showing\s+\d|^(report\s+)?(generated|printed|created|exported|run)\s+(on|at|by|\d)|^end\s+of\s+(the\s+)?report\b/i;
/** A group's heading or total in a report grouped by therapist: "Staff: Ana Ruiz", "Ana Ruiz (2 appointments)". */
const GROUP = /^[^:]{1,40}:\s*\S|\(\d+\s+(appointments?|bookings?|services?|visits?)\)$/i;
/** "Page 2 of 3", "Page 2". */
const PAGE = /^page\s+\d+(\s+(of|\/)\s+\d+)?$/i;

/**
 * Why a line of the export is no booking (the column names again, a summary, a page marker), as the import says it;
 * null for a line to read as a booking. A summary or page line has few cells filled: a booking whose guest is named
 * "Total" still has its other columns.
 */
export function notABooking(record: readonly string[], header: readonly string[]): string | null {
  if (repeatsHeader(record, header)) return "The column names again (a page break in the export): left out.";
  const first = (record.find((c) => c.trim() !== "") ?? "").trim();
  if (filled(record) > Math.max(2, Math.floor(filled(header) / 3))) return null;
  if (SUMMARY.test(first)) return `“${first.slice(0, 60)}” is the export's summary, not a booking: left out.`;
  if (PAGE.test(first)) return `“${first.slice(0, 60)}” marks a page of the export, not a booking: left out.`;
  // A line of one cell: a booking has its ID, service, therapist and time at least.
  if (filled(record) === 1 && GROUP.test(first))
    return `“${first.slice(0, 60)}” heads or sums up a group of the export, not a booking: left out.`;
  return null;
}

/** The separator of the column names: the one found most often on any of the first lines (a title has none). */
export function detectDelimiter(content: string): string {
  const lines = content.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/, HEADER_SEARCH_LINES);
  let best = { d: ",", n: 0 };
  for (const line of lines) {
    const outside = line.replace(/"[^"]*"/g, "");
    for (const d of [",", ";", "\t"]) {
      const n = outside.split(d).length - 1;
      if (n > best.n) best = { d, n };
    }
  }
  return best.d;
}
