import type {
  BrowserWindow,
  BrowserWindowConstructorOptions,
  Input,
  IpcMainInvokeEvent,
  Rectangle,
  WebContents,
} from "electron";
import { EVENT_CHANNEL } from "../contract/bridge";
import { log } from "./log";

export const APP_ORIGIN = "app://happyhead";
export const pageUrl = (page: "kiosk" | "staff" | "recovery") => `${APP_ORIGIN}/${page}.html`;

/**
 * True when a URL is on our own app://happyhead. Scheme and host are compared: WHATWG `URL` gives
 * every non-special scheme (app:, data:, file:, about:, chrome-extension:) the opaque origin
 * "null", so comparing `origin` would accept any of them.
 */
export function isOwnUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const u = new URL(url);
  return u.protocol === "app:" && u.host === "happyhead" && u.username === "" && u.password === "" && u.port === "";
}

/** Locked-down web preferences shared by every window. */
const LOCKED_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
  devTools: false,
  safeDialogs: true,
} as const satisfies BrowserWindowConstructorOptions["webPreferences"];

/** The app's windows: locked down, with the preload that gives the page `window.kiosk`. */
export const secureWebPreferences = (preload: string) => ({ preload, ...LOCKED_WEB_PREFERENCES });

/**
 * The window a ticket is printed from (electron/printing/electron-host.ts): never shown, focused or
 * on the taskbar, but painted while hidden so it can print; locked down like every window,
 * without a preload (it talks to nobody) and without JavaScript (the ticket page has none).
 */
export function printWindowOptions(): BrowserWindowConstructorOptions {
  return {
    show: false,
    paintWhenInitiallyHidden: true,
    skipTaskbar: true,
    focusable: false,
    title: "Happy Head — Printing a ticket",
    webPreferences: { ...LOCKED_WEB_PREFERENCES, javascript: false, backgroundThrottling: false },
  };
}

/** The guest-facing window: fullscreen kiosk, no menu, no frame, not moved or resized. It is
 * closable for Electron (a non-closable window cancels `app.quit()` on Windows and macOS); the
 * shell refuses a user's close in its `close` event (electron/lifecycle.ts, mayClose). */
export function kioskWindowOptions(bounds: Rectangle, preload: string): BrowserWindowConstructorOptions {
  return {
    ...bounds,
    kiosk: true,
    fullscreen: true,
    frame: false,
    autoHideMenuBar: true,
    resizable: false,
    movable: false,
    minimizable: false,
    closable: true,
    show: false,
    backgroundColor: "#f6f1ea",
    title: "Happy Head — Check in",
    webPreferences: secureWebPreferences(preload),
  };
}

/**
 * The receptionist/manager window: a normal window behind a PIN. On its own display it fills
 * it; opened on demand over the kiosk (one display) it stays above the fullscreen kiosk until
 * closed, and the kiosk is back. On macOS a window can't float over another app window's
 * fullscreen Space, so there it is a child of the kiosk window instead (`childOfKiosk`: the
 * shell sets `parent`).
 */
export function staffWindowOptions(
  bounds: Rectangle,
  preload: string,
  ownDisplay: boolean,
  platform: NodeJS.Platform = process.platform,
): BrowserWindowConstructorOptions & { childOfKiosk: boolean } {
  return {
    ...bounds,
    fullscreen: ownDisplay,
    alwaysOnTop: !ownDisplay && platform !== "darwin",
    childOfKiosk: !ownDisplay && platform === "darwin",
    autoHideMenuBar: true,
    show: false,
    backgroundColor: "#f6f1ea",
    title: "Happy Head — Front desk",
    webPreferences: secureWebPreferences(preload),
  };
}

/** What the planner needs of Electron's `Display`. */
export interface DisplayInfo {
  id: number;
  bounds: Rectangle;
  internal?: boolean;
}

export interface StaffPlacement {
  bounds: Rectangle;
  /** True when the staff window has a display of its own (fullscreen there). */
  ownDisplay: boolean;
}

export interface WindowPlan {
  /** The display the kiosk is on, and its bounds. */
  kioskDisplayId: number;
  kiosk: Rectangle;
  /** Opened at start: two displays. null: one display, the kiosk alone until staff asks. */
  staffAtStart: StaffPlacement | null;
  /** Where the staff window opens when asked for from the kiosk (or reopened after closing). */
  staffOnDemand: StaffPlacement;
}

/** A centered window of at most 1280x800 on a display. */
const centered = (d: Rectangle): Rectangle => {
  const width = Math.min(1280, d.width);
  const height = Math.min(800, d.height);
  return { x: d.x + Math.round((d.width - width) / 2), y: d.y + Math.round((d.height - height) / 2), width, height };
};

/** Left to right, top to bottom: the plan never depends on the order the OS lists displays in. */
const byPosition = (a: DisplayInfo, b: DisplayInfo) =>
  a.bounds.x - b.bounds.x || a.bounds.y - b.bounds.y || a.id - b.id;

/**
 * Which display is the guest's: the remembered one when it is connected; else a portrait one,
 * else an external one, else the leftmost.
 */
export function chooseKioskDisplay(displays: readonly DisplayInfo[], rememberedId: number | null): DisplayInfo {
  const sorted = [...displays].sort(byPosition);
  const first = sorted[0];
  if (!first) throw new Error("No display");
  const remembered = sorted.find((d) => d.id === rememberedId);
  if (remembered) return remembered;
  if (sorted.length === 1) return first;
  return sorted.find((d) => d.bounds.height > d.bounds.width) ?? sorted.find((d) => !d.internal) ?? first;
}

/**
 * What opens where, planned again on every display event. Two displays or more: the kiosk on the
 * guest's display (remembered by id, so a monitor in standby or plugged in late doesn't swap the
 * screens) and the staff window, fullscreen, on the next one, both at start. One display: only the
 * kiosk at start; staff mode opens on demand as a window over it, starting at its PIN pad.
 */
export function planWindows(displays: readonly DisplayInfo[], rememberedKioskId: number | null = null): WindowPlan {
  const kiosk = chooseKioskDisplay(displays, rememberedKioskId);
  const other = [...displays].sort(byPosition).find((d) => d.id !== kiosk.id);
  if (other) {
    const staff = { bounds: other.bounds, ownDisplay: true };
    return { kioskDisplayId: kiosk.id, kiosk: kiosk.bounds, staffAtStart: staff, staffOnDemand: staff };
  }
  return {
    kioskDisplayId: kiosk.id,
    kiosk: kiosk.bounds,
    staffAtStart: null,
    staffOnDemand: { bounds: centered(kiosk.bounds), ownDisplay: false },
  };
}

/** The kiosk display to remember: the first one ever chosen stays until it is chosen no more while connected. */
export function rememberKioskDisplay(
  remembered: number | null,
  displays: readonly DisplayInfo[],
  plan: WindowPlan,
): number {
  return remembered !== null && !displays.some((d) => d.id === remembered) ? remembered : plan.kioskDisplayId;
}

/**
 * How the windows follow a new plan: the kiosk moves to its display; an open staff window moves to
 * its placement (its own display, or over the kiosk when one display is left); with a second
 * display back and no staff window open, staff opens there as at start.
 */
export function replanActions(
  plan: WindowPlan,
  staffOpen: boolean,
): { kiosk: Rectangle; staff: { action: "move" | "open"; placement: StaffPlacement } | null } {
  if (staffOpen) return { kiosk: plan.kiosk, staff: { action: "move", placement: plan.staffOnDemand } };
  return { kiosk: plan.kiosk, staff: plan.staffAtStart ? { action: "open", placement: plan.staffAtStart } : null };
}

/**
 * Where the startup window (which becomes the recovery screen when the database can't be opened)
 * goes when the displays change. Opened on the staff display (two displays at start), it is the
 * recovery screen unlocked (startup/controller.ts, onStaffDisplay): it follows the staff display
 * while there is one and is never made the guest's kiosk. Opened on the kiosk's display, it follows
 * the kiosk. null: the staff display it was on is gone; the OS moves it to a remaining display, and its recovery
 * screen locks (onStaffDisplayAfter).
 */
export function startupWindowMove(
  plan: WindowPlan,
  openedOnStaffDisplay: boolean,
): { as: "kiosk"; bounds: Rectangle } | { as: "staff"; placement: StaffPlacement } | null {
  if (!openedOnStaffDisplay) return { as: "kiosk", bounds: plan.kiosk };
  return plan.staffAtStart?.ownDisplay ? { as: "staff", placement: plan.staffAtStart } : null;
}

/**
 * Whether a window moved so (startupWindowMove) is then on the staff's own display, out of the guests' reach: only
 * there is the recovery screen open without a manager's PIN (startup/decide.ts recoveryLockMoved). Left where the OS
 * puts it, its staff display gone, or following the kiosk, it is not.
 */
export const onStaffDisplayAfter = (move: ReturnType<typeof startupWindowMove>): boolean => move?.as === "staff";

export type LockRole = "kiosk" | "staff";
type KeyInput = Pick<Input, "type" | "key" | "code" | "control" | "meta" | "alt" | "shift">;

const ZOOM_KEYS = new Set(["+", "=", "-", "_", "0", "Add", "Subtract"]);
/**
 * Ctrl/Cmd + letter: reload, close, quit, print, new window/tab, open, save, view source, find, history, address bar,
 * devtools.
 */
const COMMAND_LETTERS = new Set([
  "r",
  "w",
  "q",
  "p",
  "n",
  "t",
  "o",
  "s",
  "u",
  "f",
  "g",
  "h",
  "j",
  "l",
  "d",
  "e",
  "k",
  "m",
]);
/** Function keys with a browser meaning: help, find next, reload, caret browsing, fullscreen, devtools. */
const FUNCTION_KEYS = new Set(["F1", "F3", "F4", "F5", "F6", "F7", "F10", "F11", "F12"]);
const BROWSER_KEYS = new Set([
  "BrowserBack",
  "BrowserForward",
  "BrowserRefresh",
  "BrowserHome",
  "BrowserSearch",
  "BrowserFavorites",
  "BrowserStop",
]);

/**
 * Whether a key press is a browser or window shortcut the guest (kiosk) or staff window must not
 * act on. Typing, Tab, Enter, Space, arrows, Backspace and Escape stay, so both windows remain
 * keyboard-operable. Ctrl/Cmd +/-/0 reach the staff page, not the kiosk's; Electron itself zooms
 * neither (no menu has zoom roles, see lockDownContents).
 */
export function blockedShortcut(role: LockRole, input: KeyInput): boolean {
  if (input.type !== "keyDown" && input.type !== "rawKeyDown") return false;
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
  const command = input.control || input.meta;
  if (FUNCTION_KEYS.has(key) || BROWSER_KEYS.has(key)) return true;
  if (input.alt && (key === "ArrowLeft" || key === "ArrowRight" || key === "Home" || key === "F4")) return true;
  if (input.alt && !command && key === "Alt") return role === "kiosk"; // the menu bar's accelerator
  if (!command) return false;
  if (ZOOM_KEYS.has(key)) return role === "kiosk";
  if (COMMAND_LETTERS.has(key)) return true;
  if (input.shift && (key === "i" || key === "c" || key === "delete" || key === "Delete")) return true;
  if (key === "Tab" || key === "PageUp" || key === "PageDown" || key === "F4") return true;
  return false;
}

/** The part of Electron's WebContents the lockdown uses (so it is testable without Electron). */
export interface LockableContents {
  on(event: "before-input-event", listener: (event: { preventDefault(): void }, input: Input) => void): unknown;
  on(event: "context-menu", listener: (event: { preventDefault(): void }) => void): unknown;
  on(event: "devtools-opened", listener: () => void): unknown;
  closeDevTools(): void;
}

/**
 * Per-window lockdown on top of the window options: browser shortcuts swallowed before the page
 * sees them, no context menu, devtools closed if anything opens them. (Navigation, drag-and-drop
 * navigation and new windows are refused app-wide in security.ts.) Zoom needs nothing here: an
 * Electron page never zooms unless the app zooms it. Pinch zoom is off (electron_browser_client.cc
 * pins default_minimum/maximum_page_scale_factor at 1; api/web-contents.md "Visual zoom is disabled
 * by default"), Ctrl+wheel only emits `zoom-changed` (WebContents::ContentsZoomChange), and Ctrl+/-
 * only work through a menu's zoom roles, which the app has none of (security.ts).
 */
export function lockDownContents(contents: LockableContents, role: LockRole): void {
  contents.on("before-input-event", (event, input) => {
    if (blockedShortcut(role, input)) event.preventDefault();
  });
  contents.on("context-menu", (event) => event.preventDefault());
  contents.on("devtools-opened", () => contents.closeDevTools());
}

export function send(wc: WebContents, name: string, payload: unknown): void {
  if (!wc.isDestroyed()) wc.send(EVENT_CHANNEL, name, payload);
}

/**
 * Loads one of the app's pages; resolves once it has loaded or failed to. loadURL rejects when the
 * load fails, when another load replaces it (ERR_ABORTED) and when loading stops without finishing,
 * as it does when the renderer crashes or is ended mid-load (lib/browser/api/web-contents.ts,
 * _awaitNextLoad): that is logged, and the crash handler (window-watch.ts) brings the page back.
 */
export function loaded(win: BrowserWindow, page: "kiosk" | "staff" | "recovery"): Promise<void> {
  return win
    .loadURL(pageUrl(page))
    .catch((error: unknown) => log.error("renderer", { event: "load-failed", page, error }));
}

/** `loaded`, for a caller that does not wait. */
export function load(win: BrowserWindow, page: "kiosk" | "staff" | "recovery"): void {
  void loaded(win, page);
}

/** The calling frame must be the window's own top frame, on app://happyhead. */
export const fromOwnTopFrame = (event: IpcMainInvokeEvent): boolean => {
  const frame = event.senderFrame;
  return Boolean(frame && frame === event.sender.mainFrame && isOwnUrl(frame.url));
};
