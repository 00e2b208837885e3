/** Where a queue row is in the list's content (scroll added back): its appointment and its top and bottom edges. */
export interface RowPlace {
  key: string;
  top: number;
  bottom: number;
}

/** The rows as they were, and when that stopped being so. */
export interface Layout {
  rows: RowPlace[];
  until: number;
}

/** The row at a point of the list's content, if any. */
export const rowAt = (rows: readonly RowPlace[], y: number): string | null =>
  rows.find((r) => y >= r.top && y < r.bottom)?.key ?? null;

/** Whether two measures of the list put every row in the same place (a pixel's rounding aside). */
export function sameLayout(a: readonly RowPlace[], b: readonly RowPlace[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((r, i) => {
    const o = b[i];
    return o !== undefined && o.key === r.key && Math.abs(o.top - r.top) <= 1 && Math.abs(o.bottom - r.bottom) <= 1;
  });
}

/**
 * Whether a tap at a point of the list's content on the row `key` may have been aimed at another guest: in the
 * layout `rows` the list had a moment ago, another guest's row was there. Where no row was (the list was shorter),
 * no other guest was aimed at.
 */
export function aimedElsewhere(rows: readonly RowPlace[], y: number, key: string): boolean {
  const there = rowAt(rows, y);
  return there !== null && there !== key;
}
