import { useEffect, useRef, useState } from "react";
import { onEvent } from "../../common/api";
import { appNow, sinceStartMs } from "../../common/clock";
import { heard, heardNow, LOOK_EVERY_MS, looked, staleSince } from "./freshness";

/**
 * Whether the desk's list is current, from the main process's heartbeats (freshness.ts): null while it is, else when
 * it stopped being (the app's clock, ms). When heartbeats come again after that, `onCaughtUp` reads the list again.
 */
export function useFreshness(onCaughtUp: () => void): number | null {
  const state = useRef(heardNow(sinceStartMs(), appNow()));
  const [since, setSince] = useState<number | null>(null);
  const caughtUp = useRef(onCaughtUp);
  caughtUp.current = onCaughtUp;

  useEffect(() => {
    const timer = window.setInterval(() => {
      state.current = looked(state.current, sinceStartMs());
      setSince(staleSince(state.current));
    }, LOOK_EVERY_MS);
    const off = onEvent("app.heartbeat", () => {
      const { next, missed } = heard(state.current, sinceStartMs(), appNow());
      state.current = next;
      setSince(null);
      if (missed) caughtUp.current();
    });
    return () => {
      window.clearInterval(timer);
      off();
    };
  }, []);
  return since;
}
