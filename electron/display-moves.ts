import type { BrowserWindow, Rectangle, Screen } from "electron";
import { log } from "./log";
import { staffWindowOptions, type startupWindowMove, type StaffPlacement } from "./windows";

/**
 * Moving the windows when the displays change; where they go is decided in windows.ts
 * (planWindows, replanActions). electron/shell.ts wires these to its windows.
 */

/** Moves a fullscreen kiosk-mode window to other bounds (kiosk mode pins it where it is). */
export function moveKioskWindow(win: BrowserWindow, bounds: Rectangle): void {
  const b = win.getBounds();
  if (b.x === bounds.x && b.y === bounds.y && b.width === bounds.width && b.height === bounds.height) return;
  win.setKiosk(false);
  win.setBounds(bounds);
  win.setKiosk(true);
}

/** Puts the open staff window where the new plan wants it: on its own display, or over the kiosk's. */
export function placeStaff(
  win: BrowserWindow,
  placement: StaffPlacement,
  kiosk: BrowserWindow | null,
  preload: string,
): void {
  const opts = staffWindowOptions(placement.bounds, preload, placement.ownDisplay);
  win.setFullScreen(false);
  win.setParentWindow(opts.childOfKiosk ? kiosk : null);
  win.setAlwaysOnTop(opts.alwaysOnTop ?? false);
  win.setBounds(placement.bounds);
  if (placement.ownDisplay) win.setFullScreen(true);
}

/** Moves the startup (or recovery) window where windows.ts's startupWindowMove says. */
export function moveStartupWindow(
  win: BrowserWindow,
  move: ReturnType<typeof startupWindowMove>,
  preload: string,
): void {
  if (move?.as === "kiosk") moveKioskWindow(win, move.bounds);
  else if (move) placeStaff(win, move.placement, null, preload);
  else log.info("displays", { event: "startup-display-gone", effect: "left-where-the-os-puts-it, locked" });
}

/**
 * Displays come and go in bursts (a monitor waking reports several changes): `replan` runs once they settle.
 * `removed` runs at once on a removal: the OS may already have moved a window off the display that went.
 */
export function onDisplaysSettled(screen: Screen, replan: () => void, removed: () => void): void {
  let pending: NodeJS.Timeout | undefined;
  const displaysChanged = (event: string) => () => {
    log.info("displays", { event });
    clearTimeout(pending);
    pending = setTimeout(replan, 500);
  };
  screen.on("display-added", displaysChanged("display-added"));
  screen.on("display-removed", () => {
    removed();
    displaysChanged("display-removed")();
  });
  screen.on("display-metrics-changed", displaysChanged("display-metrics-changed"));
}
