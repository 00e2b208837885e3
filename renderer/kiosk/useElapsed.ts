import { useCallback, useEffect, useState } from "react";
import { sinceStartMs } from "../common/clock";

/**
 * Milliseconds since `running` last became true or `restart()` was called, read every 250 ms while running, on the
 * monotonic clock (`sinceStartMs`): the machine's clock stepped back or forward never stretches or cuts a count. A
 * count starting begins before any effect runs, so the previous count's time never shows for a moment. The kiosk's
 * idle reset (useIdle) and its waits on the main process (useWaiting) count this way.
 */
export function useElapsed(running: boolean): { elapsedMs: number; restart: () => void } {
  const [since, setSince] = useState(() => sinceStartMs());
  const [now, setNow] = useState(() => sinceStartMs());
  const [wasRunning, setWasRunning] = useState(running);
  if (running !== wasRunning) {
    const t = sinceStartMs();
    setWasRunning(running);
    setSince(t);
    setNow(t);
  }

  useEffect(() => {
    if (!running) return;
    const tick = window.setInterval(() => setNow(sinceStartMs()), 250);
    return () => window.clearInterval(tick);
  }, [running]);

  const restart = useCallback(() => {
    const t = sinceStartMs();
    setSince(t);
    setNow(t);
  }, []);
  return { elapsedMs: now - since, restart };
}
