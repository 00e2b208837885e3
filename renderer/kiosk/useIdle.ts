import { useEffect } from "react";
import { useElapsed } from "./useElapsed";

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
  // Becoming active starts a fresh count before any effect runs, so a guest arriving after an
  // idle reset is never sent back by the previous guest's stale idle time.
  const { elapsedMs, restart } = useElapsed(active);

  useEffect(() => {
    if (!active) return;
    const kinds = ["pointerdown", "keydown", "touchstart"] as const;
    for (const k of kinds) window.addEventListener(k, restart, { passive: true, capture: true });
    restart();
    return () => {
      for (const k of kinds) window.removeEventListener(k, restart, { capture: true });
    };
  }, [active, restart]);

  const idle = elapsedMs / 1000;
  const left = Math.ceil(idleSeconds + warnSeconds - idle);
  const warning = active && idle >= idleSeconds;

  useEffect(() => {
    if (active && left <= 0) onTimeout();
  }, [active, left, onTimeout]);

  return { warningLeft: warning ? Math.max(left, 0) : null, stay: restart };
}
