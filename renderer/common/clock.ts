/**
 * The app's time in a window: the machine's clock moved by the offset `app.info` gives (0 except on
 * the demo spa's clock, db/demo/clock.ts, where a desk telling the time by the machine read every
 * guest of the demo's day as late in the evening). Durations (idle timers, countdowns) keep using
 * the machine's clock: an offset doesn't change them.
 */
let offsetMs = 0;

/** Called with each `app.info` answer. */
export function followAppClock(clockOffsetMs: number): void {
  offsetMs = clockOffsetMs;
}

/** Milliseconds since the epoch by the app's clock. */
export const appNow = (): number => Date.now() + offsetMs;
