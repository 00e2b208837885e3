import { useEffect, useRef } from "react";
import { call, PERSON_INPUT as ACTIVITY } from "../common/api";
import { sinceStartMs } from "../common/clock";
/** How often, at most, activity is reported to the main process. */
const TOUCH_EVERY_MS = 20_000;

/**
 * Locks the staff window after `seconds` without a tap, key, wheel or touch: it signs out in the
 * main process and returns to the PIN pad. Activity without calls (reading, scrolling) is
 * reported now and then, so the main process's own idle lock (the real one) doesn't fire
 * while someone is working. Event-driven: there is no polling loop.
 */
export function useStaffIdle(active: boolean, seconds: number, onLock: () => void): void {
  const lastTouch = useRef(-Infinity);
  useEffect(() => {
    if (!active) return;
    let timer = window.setTimeout(lock, seconds * 1000);
    function lock() {
      void call("staff.logout", {}).finally(onLock);
    }
    const onActivity = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(lock, seconds * 1000);
      // Monotonic: the machine's clock set back an hour must not silence the reports for that hour.
      const now = sinceStartMs();
      if (now - lastTouch.current > TOUCH_EVERY_MS) {
        lastTouch.current = now;
        call("staff.touch", {}).catch(() => undefined);
      }
    };
    for (const e of ACTIVITY) window.addEventListener(e, onActivity, { passive: true, capture: true });
    return () => {
      window.clearTimeout(timer);
      for (const e of ACTIVITY) window.removeEventListener(e, onActivity, { capture: true });
    };
  }, [active, seconds, onLock]);
}
