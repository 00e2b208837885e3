/**
 * A kiosk step the main process has not answered yet (a hung process, a crash mid-call, a write waiting out a lock):
 * how long the guest waits before the screen says so, and before the kiosk stops waiting and lets them go.
 */
import type { Screen } from "./screen";

/**
 * After this long busy, the waiting screen says it is taking longer than usual and points to the front desk. Every
 * kiosk step answers in well under a second on the spa's own machine (a check-in's transaction takes 0.3 ms); 5 s
 * is past anything normal, and about as long as a person waits before wondering whether their tap counted.
 */
export const SLOW_SECONDS = 5;
/**
 * After this long busy, the kiosk stops waiting. The longest a call answers in the end is a write waiting out
 * another program's lock (SQLite's 5 s busy timeout, after up to 2 s for a worker's slice), then refused with a
 * message; 20 s is well past that, and before the shortest idle reset a spa can set (15 s, then a 15 s countdown).
 */
export const GIVE_UP_SECONDS = 20;

/** Where a wait stands: answered ("idle"), waiting as usual, waiting too long (the notice), or given up on. */
export type Wait = "idle" | "working" | "slow" | "stuck";
export function waitStage(working: boolean, busyForMs: number): Wait {
  if (!working) return "idle";
  if (busyForMs >= GIVE_UP_SECONDS * 1000) return "stuck";
  return busyForMs >= SLOW_SECONDS * 1000 ? "slow" : "working";
}

/**
 * The screen the kiosk shows when it stops waiting; the answer, if it comes after this, is dropped (useFlow). A search
 * changed nothing: the field stays as typed, to try again or go to the desk. Every other step writes (a check-in, a
 * choice, a walk-in, preferences) and may still land: the guest is sent to the desk, who sees whether it did, and
 * nothing is sent a second time by itself. A check-in tried again at the kiosk is idempotent (db/kiosk/check-in.ts).
 */
export const gaveUp = (s: Screen): Screen =>
  s.name === "find" ? { ...s, busy: false, error: "waiting.tooLong" } : { name: "gone", message: "waiting.gaveUp" };
