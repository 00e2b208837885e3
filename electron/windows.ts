import type { BrowserWindowConstructorOptions, Input, Rectangle } from "electron";

export const APP_ORIGIN = "app://happyhead";
export const pageUrl = (page: "kiosk" | "staff" | "recovery") => `${APP_ORIGIN}/${page}.html`;

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

/** The guest-facing window: fullscreen kiosk, no menu, no frame, nothing to close or resize. */
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
    closable: false,
    show: false,
    backgroundColor: "#f6f1ea",
    title: "Happy Head — Check in",
    webPreferences: secureWebPreferences(preload),
  };
}

/**
 * The receptionist/manager window: a normal window behind a PIN. On its own display it fills
 * it; opened on demand over the kiosk (one display) it stays above the fullscreen kiosk until
 * closed, and the kiosk is back.
 */
export function staffWindowOptions(bounds: Rectangle, preload: string, ownDisplay: boolean): BrowserWindowConstructorOptions {
  return {
    ...bounds,
    fullscreen: ownDisplay,
    alwaysOnTop: !ownDisplay,
    autoHideMenuBar: true,
    show: false,
    backgroundColor: "#f6f1ea",
    title: "Happy Head — Front desk",
    webPreferences: secureWebPreferences(preload),
  };
}

export interface Layout {
  kiosk: Rectangle;
  /** null: one display, the staff window opens on demand over the kiosk. */
  staff: Rectangle | null;
}

/**
 * Two displays: the kiosk on the guest-facing one (portrait if any is), staff on the other.
 * One display: kiosk only; staff mode opens behind the PIN when asked for.
 */
export function chooseLayout(displays: readonly { bounds: Rectangle; internal?: boolean }[]): Layout {
  const first = displays[0];
  if (!first) throw new Error("No display");
  if (displays.length === 1) return { kiosk: first.bounds, staff: null };
  const portrait = displays.find((d) => d.bounds.height > d.bounds.width);
  const kiosk = portrait ?? displays.find((d) => !d.internal) ?? first;
  const staff = displays.find((d) => d !== kiosk) ?? first;
  return { kiosk: kiosk.bounds, staff: staff.bounds };
}

export interface StaffPlacement {
  bounds: Rectangle;
  /** True when the staff window has a display of its own (fullscreen there). */
  ownDisplay: boolean;
}

export interface WindowPlan {
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

/**
 * What opens where. Two displays: the kiosk on the guest-facing one and the staff window,
 * fullscreen, on the other, both at start. One display: only the kiosk at start; staff mode
 * opens on demand as a window over it, starting at its PIN pad.
 */
export function planWindows(displays: readonly { bounds: Rectangle; internal?: boolean }[]): WindowPlan {
  const layout = chooseLayout(displays);
  if (layout.staff) {
    const staff = { bounds: layout.staff, ownDisplay: true };
    return { kiosk: layout.kiosk, staffAtStart: staff, staffOnDemand: staff };
  }
  return { kiosk: layout.kiosk, staffAtStart: null, staffOnDemand: { bounds: centered(layout.kiosk), ownDisplay: false } };
}

export type LockRole = "kiosk" | "staff";
type KeyInput = Pick<Input, "type" | "key" | "code" | "control" | "meta" | "alt" | "shift">;

const ZOOM_KEYS = new Set(["+", "=", "-", "_", "0", "Add", "Subtract"]);
/** Ctrl/Cmd + letter: reload, close, quit, print, new window/tab, open, save, view source, find, history, address bar, devtools. */
const COMMAND_LETTERS = new Set(["r", "w", "q", "p", "n", "t", "o", "s", "u", "f", "g", "h", "j", "l", "d", "e", "k", "m"]);
/** Function keys with a browser meaning: help, find next, reload, caret browsing, fullscreen, devtools. */
const FUNCTION_KEYS = new Set(["F1", "F3", "F4", "F5", "F6", "F7", "F10", "F11", "F12"]);
const BROWSER_KEYS = new Set(["BrowserBack", "BrowserForward", "BrowserRefresh", "BrowserHome", "BrowserSearch", "BrowserFavorites", "BrowserStop"]);

/**
 * Whether a key press is a browser or window shortcut the guest (kiosk) or staff window must not
 * act on. Typing, Tab, Enter, Space, arrows, Backspace and Escape stay, so both windows remain
 * keyboard-operable. Staff keep zoom (their eyes, their screen); the kiosk gets nothing.
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
  on(event: "zoom-changed", listener: () => void): unknown;
  on(event: "devtools-opened", listener: () => void): unknown;
  setVisualZoomLevelLimits(min: number, max: number): Promise<void>;
  setZoomFactor(factor: number): void;
  closeDevTools(): void;
}

/**
 * Per-window lockdown on top of the window options: browser shortcuts swallowed before the page
 * sees them, no context menu, pinch and Ctrl+wheel zoom pinned at 100% in the kiosk, devtools
 * closed if anything opens them. (Navigation, drag-and-drop navigation and new windows are
 * refused app-wide in security.ts.)
 */
export function lockDownContents(contents: LockableContents, role: LockRole): void {
  contents.on("before-input-event", (event, input) => {
    if (blockedShortcut(role, input)) event.preventDefault();
  });
  contents.on("context-menu", (event) => event.preventDefault());
  contents.on("devtools-opened", () => contents.closeDevTools());
  if (role === "kiosk") {
    void contents.setVisualZoomLevelLimits(1, 1);
    contents.on("zoom-changed", () => contents.setZoomFactor(1));
  }
}
