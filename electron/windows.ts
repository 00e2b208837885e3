import type { BrowserWindowConstructorOptions, Rectangle } from "electron";

export const APP_ORIGIN = "app://happyhead";
export const pageUrl = (page: "kiosk" | "staff") => `${APP_ORIGIN}/${page}.html`;

/** Locked-down web preferences shared by every window. */
export const secureWebPreferences = (preload: string) =>
  ({
    preload,
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
  }) satisfies BrowserWindowConstructorOptions["webPreferences"];

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
