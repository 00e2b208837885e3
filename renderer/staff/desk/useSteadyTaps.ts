import { useEffect, useLayoutEffect, useRef, type RefObject } from "react";
import { aimedElsewhere, sameLayout, type Layout, type RowPlace } from "./steadyLayout";

/** A tap is not taken on a guest's row that came under the finger this recently: it was aimed at another. */
export const MOVED_GUARD_MS = 600;

/**
 * Keeps a tap from landing on another guest than the one aimed at: when the list changed under the finger (a row
 * leaving "To do" or added, one above growing, anything above the list changing height) within MOVED_GUARD_MS and the
 * row now under a pointer tap (not a key) is not the one that was there, the tap is stopped before any button sees it
 * and `onIgnored` says so. Scrolling moves nothing: places are measured in the list's content. A change the
 * receptionist made to what the list shows (`shows`: To do, a search) starts afresh: she looks before she taps.
 */
export function useSteadyTaps(box: RefObject<HTMLElement | null>, shows: string, onIgnored: () => void): void {
  const rebase = useRef(false);
  useLayoutEffect(() => {
    rebase.current = true;
  }, [shows]);

  useEffect(() => {
    const list = box.current;
    if (!list) return;
    let current: RowPlace[] = [];
    /** The layouts the list had until recently, and when each stopped being the one on screen. */
    let before: Layout[] = [];
    const base = () => list.scrollTop + window.scrollY;
    const measure = () => {
      const now = performance.now();
      const offset = base();
      const rows = Array.from(list.querySelectorAll<HTMLElement>("tr[data-appointment]"), (row) => {
        const r = row.getBoundingClientRect();
        return {
          key: row.dataset.appointment ?? "",
          top: Math.round(r.top + offset),
          bottom: Math.round(r.bottom + offset),
        };
      });
      before = before.filter((l) => now - l.until < MOVED_GUARD_MS);
      if (rebase.current) before = [];
      else if (current.length > 0 && !sameLayout(current, rows)) before.push({ rows: current, until: now });
      rebase.current = false;
      current = rows;
    };
    let frame: number | null = null;
    const soon = () => {
      if (frame === null)
        frame = requestAnimationFrame(() => {
          frame = null;
          measure();
        });
    };
    measure();
    const watch = new MutationObserver(soon);
    watch.observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
    window.addEventListener("resize", soon);
    const onClick = (e: MouseEvent) => {
      // A click from the keyboard (Enter, Space) has no finger to be under.
      if (e.detail === 0) return;
      const row = (e.target as Element | null)?.closest<HTMLElement>("tr[data-appointment]");
      if (!row) return;
      measure(); // a change since the last frame counts too
      const y = e.clientY + base();
      const key = row.dataset.appointment ?? "";
      const now = performance.now();
      if (!before.some((l) => now - l.until < MOVED_GUARD_MS && aimedElsewhere(l.rows, y, key))) return;
      e.preventDefault();
      e.stopPropagation();
      onIgnored();
    };
    list.addEventListener("click", onClick, { capture: true });
    return () => {
      watch.disconnect();
      window.removeEventListener("resize", soon);
      list.removeEventListener("click", onClick, { capture: true });
      if (frame !== null) cancelAnimationFrame(frame);
    };
  }, [box, onIgnored]);
}
