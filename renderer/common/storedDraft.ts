import { useState } from "react";

/**
 * A form field's draft of a value another window, the kiosk or the printer may move meanwhile (the add-ons ticked
 * for Change, the therapist, the room). When the stored value moves, a draft nobody has touched follows it; a draft
 * the user has edited stays as they left it, whatever else about the record changed (a guest's preferences
 * arriving, another window's Confirm). `base` is the stored value the draft was made from, as its key.
 */
export function followStored<T>(state: { base: string; draft: T }, stored: T): { base: string; draft: T } {
  const key = JSON.stringify(stored);
  if (key === state.base) return state;
  return { base: key, draft: JSON.stringify(state.draft) === state.base ? stored : state.draft };
}

/** The draft of `stored` (followStored), and its setter. */
export function useStoredDraft<T>(stored: T): [T, (draft: T) => void] {
  const [state, setState] = useState(() => ({ base: JSON.stringify(stored), draft: stored }));
  const next = followStored(state, stored);
  // Adjusting state while rendering, as React's docs do for a value derived from a prop that changed.
  if (next !== state) setState(next);
  return [next.draft, (draft: T) => setState((s) => ({ ...s, draft }))];
}
