import { useEffect, useState } from "react";
import { QUEUE_FIRST_MAX } from "../../../contract/desk";

/** A queue row's least height in CSS pixels (desk-layout.css: 5rem of content, 1rem of padding, its 1px line). */
const ROW_MIN_PX = 97;
/**
 * Rows in the first frame: as many as the whole window could show at the rows' least height, more than the list's box
 * below the desk's header holds (about 8 rows at 1080 px, 14 at 1920 px). In CSS pixels, so a zoomed-out window asks
 * for more, up to what desk.queue takes.
 */
export const firstScreenRows = (): number => Math.min(QUEUE_FIRST_MAX, Math.ceil(window.innerHeight / ROW_MIN_PX));
/** Rows added in each later frame: small enough that a tap between two frames is answered at once. */
export const ROWS_PER_FRAME = 50;

/**
 * How many of `total` rows to render now. A day's 300 rows laid out in one go keep the receptionist
 * looking at a blank desk for a second on a slow till; instead the first screenful (and `atLeast`,
 * the row the desk scrolls to) renders at once, then a chunk more in each animation frame until
 * every row is in the page. A list that grows later (an import, a walk-in) is filled in the same way.
 */
export function useRowsInFrames(total: number, atLeast = 0): number {
  const [rendered, setRendered] = useState(firstScreenRows);
  // Never fewer than once drawn: the rows down to the one the list opened at stay when `atLeast` falls back.
  if (atLeast > rendered) setRendered(atLeast);
  const limit = Math.max(rendered, atLeast);
  const behind = limit < total;
  useEffect(() => {
    if (!behind) return;
    const frame = requestAnimationFrame(() => setRendered(Math.min(total, limit + ROWS_PER_FRAME)));
    return () => cancelAnimationFrame(frame);
  }, [behind, limit, total]);
  return Math.min(limit, total);
}
