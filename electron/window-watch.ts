import type { BrowserWindow } from "electron";
import { afterRendererGone, afterUnresponsive, mayClose, type ShellWindow } from "./lifecycle";
import { log } from "./log";

/**
 * A window's own events, fed to the decisions in lifecycle.ts: who may close it, what its
 * renderer's crash or hang leads to. electron/shell.ts calls these for every window it opens.
 */

/** What the watchers ask the shell about a window: what it is for now, and whether the app is quitting. */
export interface Watched {
  role: () => ShellWindow;
  quitting: () => boolean;
}

/** Closable for Electron (so quitting works everywhere); a user's close refused until quitting. */
export function guardClose(win: BrowserWindow, { role, quitting }: Watched, sessionEnded: () => void): void {
  win.on("close", (event) => {
    if (mayClose(role(), quitting())) return;
    event.preventDefault();
    log.info("windows", { event: "close-refused", window: role() });
  });
  // Windows: a shutdown or log-off ends the session; every window closes and the database flushes.
  win.on("session-end", sessionEnded);
}

/** A crashed renderer reloads with backoff; a hung one gets a grace period, then is ended and reloaded. */
export function watchRenderer(win: BrowserWindow, { role, quitting }: Watched, reload: () => void): void {
  let crashes: number[] = [];
  let hang: NodeJS.Timeout | undefined;
  win.webContents.on("render-process-gone", (_event, details) => {
    clearTimeout(hang);
    hang = undefined;
    // Monotonic: a clock corrected back an hour must not keep old crashes counting as recent (longer reload waits).
    const next = afterRendererGone(crashes, details.reason, { now: performance.now(), quitting: quitting() });
    crashes = next.recent;
    const d = next.decision;
    log.error("renderer", {
      event: "gone",
      window: role(),
      reason: details.reason,
      exitCode: details.exitCode,
      action: d.action,
      ...(d.action === "reload" ? { attempt: d.attempt, delayMs: d.delayMs } : {}),
    });
    if (d.action === "reload") {
      setTimeout(() => {
        if (win.isDestroyed() || quitting()) return;
        log.info("renderer", { event: "reloading", window: role(), attempt: d.attempt });
        reload();
      }, d.delayMs);
    }
  });
  win.on("unresponsive", () => {
    const first = afterUnresponsive("unresponsive", { quitting: quitting() });
    if (first.action !== "wait" || hang) return; // a grace period already runs
    log.error("renderer", { event: "unresponsive", window: role(), graceMs: first.ms });
    hang = setTimeout(() => {
      hang = undefined;
      if (win.isDestroyed() || afterUnresponsive("grace-over", { quitting: quitting() }).action !== "end-renderer")
        return;
      log.error("renderer", { event: "hung-ending-renderer", window: role() });
      win.webContents.forcefullyCrashRenderer(); // render-process-gone follows, and the reload.
    }, first.ms);
  });
  win.on("responsive", () => {
    if (!hang) return;
    log.info("renderer", { event: "responsive-again", window: role() });
    clearTimeout(hang);
    hang = undefined;
  });
}
