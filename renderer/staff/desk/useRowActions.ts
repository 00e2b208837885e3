import { useCallback, useEffect, useRef, useState } from "react";
import type { QueueItem, ScreeningCheck } from "../../../contract/channels";
import { call, messageOf } from "../../common/api";

export type RowDone = "confirmed" | "checked_in";

/**
 * How long a row just settled says so where its button was, at least: a confirmed row ("Confirmed ✓ — ticket
 * printing") stays that long on the To do list too, so the next guest's row never slides under a second tap.
 */
export const DONE_SHOW_MS: Record<RowDone, number> = { confirmed: 4000, checked_in: 1000 };
/** …and then only once the receptionist has not tapped the list for this long: the list never moves mid-tap. */
export const QUIET_MS = 1200;

/**
 * The queue rows' one-tap actions (Confirm, Check in): a row whose call is on its way is `busy` (its button waits and
 * takes no second tap), and one just settled is `done` for a moment, until DONE_SHOW_MS have passed and the list
 * has been quiet for QUIET_MS (`tapped` counts a tap on it).
 */
export function useRowActions(
  guard: <T>(p: Promise<T>) => Promise<T>,
  replace: (item: QueueItem) => void,
  setError: (message: string | null) => void,
) {
  const [busy, setBusy] = useState<ReadonlySet<number>>(new Set());
  // Read at the tap, before React has rendered the button disabled: a second tap in the same frame does nothing.
  const running = useRef(new Set<number>());
  const [done, setDone] = useState<ReadonlyMap<number, RowDone>>(new Map());
  const shownLongEnough = useRef(new Set<number>());
  const quiet = useRef(true);
  const quietTimer = useRef<number | undefined>(undefined);
  const timers = useRef(new Set<number>());

  const prune = useCallback(() => {
    if (!quiet.current || shownLongEnough.current.size === 0) return;
    const leaving = new Set(shownLongEnough.current);
    shownLongEnough.current.clear();
    setDone((map) => new Map([...map].filter(([id]) => !leaving.has(id))));
  }, []);

  const later = useCallback((ms: number, then: () => void) => {
    const timer = window.setTimeout(() => {
      timers.current.delete(timer);
      then();
    }, ms);
    timers.current.add(timer);
  }, []);
  useEffect(() => {
    const all = timers.current;
    return () => all.forEach((t) => window.clearTimeout(t));
  }, []);

  const tapped = useCallback(() => {
    quiet.current = false;
    if (quietTimer.current !== undefined) timers.current.delete(quietTimer.current);
    window.clearTimeout(quietTimer.current);
    const timer = window.setTimeout(() => {
      timers.current.delete(timer);
      quiet.current = true;
      prune();
    }, QUIET_MS);
    quietTimer.current = timer;
    timers.current.add(timer);
  }, [prune]);

  const run = useCallback(
    async (id: number, what: RowDone, p: () => Promise<QueueItem>) => {
      if (running.current.has(id)) return;
      running.current.add(id);
      setError(null);
      setBusy(new Set(running.current));
      try {
        replace(await guard(p()));
        shownLongEnough.current.delete(id);
        setDone((map) => new Map(map).set(id, what));
        later(DONE_SHOW_MS[what], () => {
          shownLongEnough.current.add(id);
          prune();
        });
      } catch (e) {
        setError(messageOf(e));
      } finally {
        running.current.delete(id);
        setBusy(new Set(running.current));
      }
    },
    [guard, replace, setError, later, prune],
  );

  const onConfirm = useCallback(
    (id: number, checked: readonly ScreeningCheck[] = []) =>
      void run(id, "confirmed", () =>
        call("desk.confirmAddons", { appointmentId: id, acknowledged: checked.length > 0 ? [...checked] : false }),
      ),
    [run],
  );
  const onCheckIn = useCallback(
    (id: number) => void run(id, "checked_in", () => call("desk.checkIn", { appointmentId: id })),
    [run],
  );
  return { busy, done, tapped, onConfirm, onCheckIn };
}
