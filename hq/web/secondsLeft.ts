import { useEffect, useState } from "react";

/**
 * The seconds left of a wait head office measured (by PostgreSQL's clock), counted down from when the page got it by
 * the page's own monotonic clock: neither the browser's wall clock nor the service's decides when a code expires.
 */
export function useSecondsLeft(fromHeadOffice: number): number {
  const [left, setLeft] = useState(fromHeadOffice);
  useEffect(() => {
    const start = performance.now();
    const tick = () => setLeft(Math.max(0, Math.ceil(fromHeadOffice - (performance.now() - start) / 1000)));
    tick();
    const timer = window.setInterval(tick, 1000);
    return () => window.clearInterval(timer);
  }, [fromHeadOffice]);
  return left;
}

/** A wait as the owner reads it: "14 minutes", "1 minute", "45 seconds". */
export function waitText(seconds: number): string {
  if (seconds >= 60) {
    const m = Math.ceil(seconds / 60);
    return m === 1 ? "1 minute" : `${m} minutes`;
  }
  return seconds === 1 ? "1 second" : `${seconds} seconds`;
}
