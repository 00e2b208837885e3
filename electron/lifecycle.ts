/**
 * The shell's lifecycle as plain decisions: who may close a window, which window a second launch
 * brings forward, when the display must stay awake, what an uncaught exception leads to, and how
 * a crashed or hung renderer comes back. electron/main.ts and electron/shell.ts feed Electron's
 * events in and apply the answers; nothing here imports Electron, so all of it is unit-tested under Node.
 */

/** The shell's windows, by what they are for. */
export type ShellWindow = "startup" | "kiosk" | "staff" | "staff-on-demand";

/**
 * Whether a window may close. Every window is created `closable` (on Windows and macOS a
 * non-closable window cancels `app.quit()`, and Linux ignores the flag anyway), so the refusal
 * happens here, in the window's `close` event: while the app is quitting everything closes; before
 * that, the kiosk, the startup/recovery window and the staff window on its own display refuse
 * (Alt+F4, the window manager, a stray click). The staff window opened over the kiosk on one
 * display is closed by staff to get back to the kiosk.
 */
export function mayClose(window: ShellWindow, quitting: boolean): boolean {
  return quitting || window === "staff-on-demand";
}

/** A second launch of the app quits at once; the running one brings this window forward. */
export function secondInstanceTarget(open: { startup: boolean; kiosk: boolean }): "startup" | "kiosk" | null {
  if (open.startup) return "startup";
  return open.kiosk ? "kiosk" : null;
}

/**
 * The kiosk's screen never sleeps or dims while the app runs, the startup and recovery screens
 * included (whoever is at the desk must see them); only a quitting app lets go.
 */
export function powerSaveBlock(quitting: boolean): "prevent-display-sleep" | null {
  return quitting ? null : "prevent-display-sleep";
}

/** Uncaught exceptions in the main process: logged; this many within the window relaunch the app. */
export const UNCAUGHT_LIMIT = 5;
export const UNCAUGHT_WINDOW_MS = 60_000;

/**
 * What an uncaught exception in the main process leads to (instead of Electron's modal dialog
 * over the kiosk): carry on (the failed handler is gone, the rest of the app is fine), unless they
 * keep coming, then relaunch the app once. `recent` holds the times of earlier ones.
 */
export function afterUncaught(
  recent: readonly number[],
  now: number,
): { recent: number[]; action: "continue" | "relaunch" } {
  const kept = [...recent.filter((t) => now - t < UNCAUGHT_WINDOW_MS), now];
  return { recent: kept, action: kept.length >= UNCAUGHT_LIMIT ? "relaunch" : "continue" };
}

/** A hung renderer gets this long to answer again before its process is ended and reloaded. */
export const HANG_GRACE_MS = 10_000;
/** Crashes are counted over this window for the backoff; a renderer quiet this long starts over. */
export const CRASH_WINDOW_MS = 10 * 60_000;
export const MAX_RELOAD_DELAY_MS = 60_000;

/**
 * The reasons Electron's `render-process-gone` gives (RenderProcessGoneDetails.reason). Only a
 * clean exit while quitting is expected; every other one is a renderer to bring back.
 */
export type GoneReason =
  | "clean-exit"
  | "abnormal-exit"
  | "killed"
  | "crashed"
  | "oom"
  | "launch-failed"
  | "integrity-failure"
  | "memory-eviction";

export type GoneDecision = { action: "ignore" } | { action: "reload"; delayMs: number; attempt: number };

/**
 * A window's renderer went away: reload it after a backoff that doubles with each crash in the
 * last ten minutes (1 s, 2 s, 4 s … at most a minute), and never give up — a kiosk that stays
 * blank until someone restarts the machine is the worst outcome. While quitting, nothing reloads.
 */
export function afterRendererGone(
  recent: readonly number[],
  reason: GoneReason,
  opts: { now: number; quitting: boolean },
): { recent: number[]; decision: GoneDecision } {
  if (opts.quitting) return { recent: [...recent], decision: { action: "ignore" } };
  const kept = [...recent.filter((t) => opts.now - t < CRASH_WINDOW_MS), opts.now];
  const attempt = kept.length;
  return {
    recent: kept,
    decision: { action: "reload", delayMs: Math.min(1000 * 2 ** (attempt - 1), MAX_RELOAD_DELAY_MS), attempt },
  };
}

/** What to do when a window's renderer stops answering, and when its grace period ends. */
export function afterUnresponsive(
  stage: "unresponsive" | "grace-over",
  opts: { quitting: boolean },
): { action: "wait"; ms: number } | { action: "end-renderer" } | { action: "ignore" } {
  if (opts.quitting) return { action: "ignore" };
  return stage === "unresponsive" ? { action: "wait", ms: HANG_GRACE_MS } : { action: "end-renderer" };
}
