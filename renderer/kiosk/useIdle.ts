import { useCallback, useEffect, useState } from "react";
import { sinceStartMs } from "../common/clock";

/**
 * Counts idle seconds since the last touch, key or pointer event while `active`. Returns the
 * seconds left in the "Still there?" warning (null while not warning); calls `onTimeout` at 0.
 * Measured on the monotonic clock (`sinceStartMs`): the machine's clock set back an hour leaves no guest's details on
 * screen for that hour, and set forward never sends a guest back mid-tap. Tests drive it with a fake clock.
 */
export function useIdle(
  active: boolean,
  idleSeconds: number,
  warnSeconds: number,
  onTimeout: () => void,
): { warningLeft: number | null; stay: () => void } {
  const [lastActivity, setLastActivity] = useState(() => sinceStartMs());
  const [now, setNow] = useState(() => sinceStartMs());
  // Becoming active starts a fresh count before any effect runs, so a guest arriving after an
  // idle reset is never sent back by the previous guest's stale idle time.
  const [wasActive, setWasActive] = useState(active);
  if (active !== wasActive) {
    const t = sinceStartMs();
    setWasActive(active);
    setLastActivity(t);
    setNow(t);
  }

  useEffect(() => {
    if (!active) return;
    const bump = () => {
      const t = sinceStartMs();
      setLastActivity(t);
      setNow(t);
    };
    const kinds = ["pointerdown", "keydown", "touchstart"] as const;
    for (const k of kinds) window.addEventListener(k, bump, { passive: true, capture: true });
    const tick = window.setInterval(() => setNow(sinceStartMs()), 250);
    bump();
    return () => {
      for (const k of kinds) window.removeEventListener(k, bump, { capture: true });
      window.clearInterval(tick);
    };
  }, [active]);

  const idle = (now - lastActivity) / 1000;
  const left = Math.ceil(idleSeconds + warnSeconds - idle);
  const warning = active && idle >= idleSeconds;

  useEffect(() => {
    if (active && left <= 0) onTimeout();
  }, [active, left, onTimeout]);

  const stay = useCallback(() => {
    const t = sinceStartMs();
    setLastActivity(t);
    setNow(t);
  }, []);
  return { warningLeft: warning ? Math.max(left, 0) : null, stay };
}
