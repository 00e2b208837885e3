import { useEffect, useState } from "react";

/** Rows in the first frame: more than the tallest desk screen shows (1080 px holds about 15, 1920 px about 30). */
export const FIRST_FRAME_ROWS = 60;
/** Rows added in each later frame: small enough that a tap between two frames is answered at once. */
export const ROWS_PER_FRAME = 50;

/**
 * How many of `total` rows to render now. A day's 300 rows laid out in one go keep the receptionist
 * looking at a blank desk for a second on a slow till; instead the first screenful (and `atLeast`,
 * the row the desk scrolls to) renders at once, then a chunk more in each animation frame until
 * every row is in the page. A list that grows later (an import, a walk-in) is filled in the same way.
 */
export function useRowsInFrames(total: number, atLeast = 0): number {
  const [rendered, setRendered] = useState(FIRST_FRAME_ROWS);
  const limit = Math.max(rendered, atLeast);
  const behind = limit < total;
  useEffect(() => {
    if (!behind) return;
    const frame = requestAnimationFrame(() => setRendered(Math.min(total, limit + ROWS_PER_FRAME)));
    return () => cancelAnimationFrame(frame);
  }, [behind, limit, total]);
  return Math.min(limit, total);
}
