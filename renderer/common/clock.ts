/**
 * The app's time in a window: the machine's clock moved by the offset `app.info` gives (0 except on
 * the demo spa's clock, db/demo/clock.ts, where a desk telling the time by the machine read every
 * guest of the demo's day as late in the evening). A moment (today's date, how late a guest is) is read on it;
 * a duration (idle timers, countdowns, how long a guest has been on the offer) on `sinceStartMs`.
 */
let offsetMs = 0;

/** Called with each `app.info` answer. */
export function followAppClock(clockOffsetMs: number): void {
  offsetMs = clockOffsetMs;
}

/** Milliseconds since the epoch by the app's clock. */
export const appNow = (): number => Date.now() + offsetMs;

/**
 * Milliseconds on the page's monotonic clock: it never steps when the machine's wall clock is corrected (NTP, a
 * person setting the time), so a duration measured on it is the time that really passed.
 */
export const sinceStartMs = (): number => performance.now();
