import { HEARTBEAT_STALE_MS } from "../../../contract/channels";

/** How often the desk looks whether the main process has gone quiet. */
export const LOOK_EVERY_MS = 1_000;

/**
 * Whether the desk's list is current: what the desk knows of the main process's heartbeats ("app.heartbeat", every
 * HEARTBEAT_EVERY_MS). Durations on the page's monotonic clock (`sinceStartMs`); the wall clock only says when the
 * desk last heard, for "Not up to date since 10:42".
 */
export interface Freshness {
  /** The app's clock (ms since the epoch) when the desk last heard from the main process, or opened. */
  heardAtWall: number;
  /** The monotonic time of the desk's last look: a heartbeat, or its own timer. */
  lookedAt: number;
  /** The silence the desk has watched with its own timers running since it last heard. */
  quietMs: number;
}

/** The desk opens (its list just read), or a heartbeat came: current, as of now. */
export const heardNow = (monotonicMs: number, wallMs: number): Freshness => ({
  heardAtWall: wallMs,
  lookedAt: monotonicMs,
  quietMs: 0,
});

/**
 * The desk's timer fired. The time since its last look counts as silence, but never more than one look's worth: a
 * look that comes later than that means the page itself was not running (the machine asleep with its lid shut, the
 * window's timers throttled, a long render), and a silence the desk did not watch says nothing of the main process,
 * which slept too. So a desk that wakes with the machine counts afresh and hears the next heartbeat first, and a
 * hung main process is told within HEARTBEAT_STALE_MS of the desk watching, plus one look.
 */
export function looked(f: Freshness, monotonicMs: number): Freshness {
  const gap = Math.max(0, monotonicMs - f.lookedAt);
  return { ...f, lookedAt: monotonicMs, quietMs: f.quietMs + Math.min(gap, LOOK_EVERY_MS) };
}

/** When the list stopped being known current (the app's clock, ms), or null while it is. */
export const staleSince = (f: Freshness): number | null => (f.quietMs >= HEARTBEAT_STALE_MS ? f.heardAtWall : null);

/**
 * A heartbeat came: current again. `missed`: the desk had said its list was not up to date, and reads it again (it may
 * have missed changes meanwhile).
 */
export const heard = (f: Freshness, monotonicMs: number, wallMs: number): { next: Freshness; missed: boolean } => ({
  next: heardNow(monotonicMs, wallMs),
  missed: staleSince(f) !== null,
});
