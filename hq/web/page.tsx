import { useEffect, useState } from "react";
import { DashboardError } from "./api";
import { RangePicker, type RangeChoice } from "./RangePicker";

/** What every report page of the dashboard is given: the range, today, and where a lost session goes. */
export interface PageProps {
  choice: RangeChoice;
  today: string;
  onChoice: (next: RangeChoice) => void;
  onSignedOut: (e: DashboardError) => void;
}

/**
 * A refused request's words for the page, or null when the session ended (then `onSignedOut` takes the owner back to
 * sign in).
 */
export function failureOf(e: unknown, onSignedOut: (e: DashboardError) => void): string | null {
  if (e instanceof DashboardError && (e.code === "SIGNED_OUT" || e.code === "SESSION_EXPIRED")) {
    onSignedOut(e);
    return null;
  }
  return e instanceof Error ? e.message : String(e);
}

/**
 * A page's answer from the head office: `ask` runs again whenever it changes (make it with
 * useCallback on what it reads); an answer that arrives after a newer ask is dropped. The last
 * answer stays shown while the next one loads.
 */
export function useAnswer<T>(ask: () => Promise<T>, onSignedOut: (e: DashboardError) => void) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setError(null);
    ask().then(
      (answer) => live && setData(answer),
      (e: unknown) => live && setError(failureOf(e, onSignedOut)),
    );
    return () => {
      live = false;
    };
  }, [ask, onSignedOut]);
  return { data, error };
}

/** Under a page's title: its range, and what its answer is doing (refused: said; not here yet: loading). */
export function RangeAndState({
  choice,
  today,
  onChoice,
  error,
  loading,
}: Omit<PageProps, "onSignedOut"> & { error: string | null; loading: boolean }) {
  return (
    <>
      <RangePicker value={choice} today={today} onChange={onChoice} />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {loading && !error && <p role="status">Loading…</p>}
    </>
  );
}
