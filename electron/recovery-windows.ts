import type { BrowserWindow, WebContents } from "electron";
import { STARTUP_EVENT, type StartupState } from "../contract/recovery";
import { moveStartupWindow } from "./display-moves";
import { onStaffDisplayAfter, send, startupWindowMove, type WindowPlan } from "./windows";

/**
 * The windows showing the recovery screen (startup/controller.ts): the startup window, or the app's windows once damage
 * is found with the app open (startup/decide.ts recoveryWindowsAfterStart). Each shows the real screen, or is the
 * kiosk's beside the staff window's ("guest"). Display changes move the real screen's windows (windows.ts
 * startupWindowMove); whether the real screen is on the staff's own display is told to the controller (`placed`) as it
 * changes: off it, the screen and its calls wait for a manager's PIN. Electron's glue, kept thin.
 */

type View = "screen" | "guest";

export function recoveryWindows(preload: string, placed: (onStaffDisplay: boolean) => void) {
  const shown = new Map<BrowserWindow, { view: View; openedOnStaffDisplay: boolean; onStaffDisplay: boolean }>();
  const open = () => [...shown].filter(([win]) => !win.isDestroyed());
  /** Whether the real screen is on the staff's own display, in every window that shows it (none: nothing to tell). */
  const tell = () => {
    const screens = open().filter(([, shows]) => shows.view === "screen");
    if (screens.length > 0) placed(screens.every(([, shows]) => shows.onStaffDisplay));
  };

  return {
    /** A window showing the recovery screen from now on; `onStaffDisplay`: it is on the staff's own display. */
    add(win: BrowserWindow, view: View, onStaffDisplay: boolean): void {
      shown.set(win, { view, openedOnStaffDisplay: onStaffDisplay, onStaffDisplay });
      tell();
    },
    has: (win: BrowserWindow): boolean => shown.has(win),
    /** Whose calls these are: a window's view of the recovery screen, or null for a window showing none. */
    viewOf: (sender: WebContents): View | null => open().find(([win]) => win.webContents === sender)?.[1].view ?? null,
    /** Sends each window the state as it may see it. */
    push(view: (window: View) => StartupState): void {
      for (const [win, shows] of open()) send(win.webContents, STARTUP_EVENT, view(shows.view));
    },
    /** Moves the real screen's windows to a new plan of the displays (the kiosk's moves with the kiosk). */
    follow(plan: WindowPlan): void {
      for (const [win, shows] of open()) {
        if (shows.view === "guest") continue;
        const move = startupWindowMove(plan, shows.openedOnStaffDisplay);
        moveStartupWindow(win, move, preload);
        shows.onStaffDisplay = onStaffDisplayAfter(move);
      }
      tell();
    },
    /** The app opened: every window that showed the recovery screen goes. */
    closeAll(): void {
      for (const [win] of open()) win.destroy();
      shown.clear();
    },
  };
}
