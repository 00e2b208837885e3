import { describe, expect, it } from "vitest";
import {
  blockedShortcut,
  chooseKioskDisplay,
  isOwnUrl,
  kioskWindowOptions,
  lockDownContents,
  planWindows,
  printWindowOptions,
  rememberKioskDisplay,
  replanActions,
  staffWindowOptions,
  startupWindowMove,
  onStaffDisplayAfter,
  type LockableContents,
} from "./windows";

const screen = { x: 0, y: 0, width: 1080, height: 1920 };

describe("window options", () => {
  it("both windows are sandboxed, isolated, without Node, devtools or webviews", () => {
    for (const opts of [kioskWindowOptions(screen, "/p.js"), staffWindowOptions(screen, "/p.js", true)]) {
      expect(opts.webPreferences).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        webviewTag: false,
        devTools: false,
        navigateOnDragDrop: false,
      });
    }
  });

  it("a ticket prints from a window that is never shown, as locked down, without preload or JavaScript", () => {
    const opts = printWindowOptions();
    expect(opts).toMatchObject({ show: false, paintWhenInitiallyHidden: true, skipTaskbar: true, focusable: false });
    expect(opts.webPreferences).toEqual({
      ...staffWindowOptions(screen, "/p.js", true).webPreferences,
      preload: undefined,
      javascript: false,
      backgroundThrottling: false,
    });
  });

  it("the kiosk is a fullscreen kiosk window that cannot be moved or resized, and is closable for Electron (the shell refuses a user's close)", () => {
    expect(kioskWindowOptions(screen, "/p.js")).toMatchObject({
      kiosk: true,
      fullscreen: true,
      frame: false,
      closable: true,
      resizable: false,
      movable: false,
    });
  });

  it("the staff window over the kiosk floats above it, except on macOS, where it is the kiosk window's child", () => {
    expect(staffWindowOptions(screen, "/p.js", false, "linux")).toMatchObject({
      alwaysOnTop: true,
      childOfKiosk: false,
    });
    expect(staffWindowOptions(screen, "/p.js", false, "win32")).toMatchObject({
      alwaysOnTop: true,
      childOfKiosk: false,
    });
    expect(staffWindowOptions(screen, "/p.js", false, "darwin")).toMatchObject({
      alwaysOnTop: false,
      childOfKiosk: true,
    });
    expect(staffWindowOptions(screen, "/p.js", true, "darwin")).toMatchObject({
      alwaysOnTop: false,
      childOfKiosk: false,
      fullscreen: true,
    });
  });
});

describe("the IPC sender check: our scheme and host, not the (opaque) origin", () => {
  it("accepts app://happyhead pages only", () => {
    expect(isOwnUrl("app://happyhead/kiosk.html")).toBe(true);
    expect(isOwnUrl("app://happyhead/staff.html?x=1#y")).toBe(true);
  });

  it("refuses every other opaque-origin URL, look-alike hosts and credentials tricks", () => {
    for (const url of [
      "data:text/html,<script>1</script>",
      "file:///etc/passwd",
      "about:blank",
      "chrome-extension://abc/page.html",
      "app://evil/kiosk.html",
      "app://happyhead.evil/kiosk.html",
      "app://happyhead@evil/kiosk.html",
      "app://user:pw@happyhead/kiosk.html",
      "app://happyhead:8080/kiosk.html",
      "https://happyhead/kiosk.html",
      "blob:app://happyhead/uuid",
      "",
      "not a url",
    ]) {
      expect(isOwnUrl(url), url).toBe(false);
      // The old check compared origins, which are all "null" for these schemes.
      if (URL.canParse(url) && !url.startsWith("https:") && !url.startsWith("blob:"))
        expect(new URL(url).origin).toBe("null");
    }
  });
});

describe("which windows open where", () => {
  const portrait = { id: 7, bounds: { x: 0, y: 0, width: 1080, height: 1920 } };
  const landscape = { id: 3, bounds: { x: 1080, y: 0, width: 1920, height: 1080 } };

  it("two displays: kiosk on the guest-facing (portrait) screen, staff fullscreen on the other, both at start", () => {
    const plan = planWindows([landscape, portrait]);
    expect(plan.kioskDisplayId).toBe(7);
    expect(plan.kiosk).toEqual(portrait.bounds);
    expect(plan.staffAtStart).toEqual({ bounds: landscape.bounds, ownDisplay: true });
    expect(plan.staffOnDemand).toEqual(plan.staffAtStart);
    expect(staffWindowOptions(landscape.bounds, "/p.js", true)).toMatchObject({ fullscreen: true, alwaysOnTop: false });
  });

  it("two landscape displays: the kiosk goes on the external one, staff on the built-in screen", () => {
    const laptop = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, internal: true };
    const external = { id: 2, bounds: { x: 1920, y: 0, width: 1920, height: 1080 }, internal: false };
    expect(planWindows([laptop, external])).toMatchObject({
      kiosk: external.bounds,
      staffAtStart: { bounds: laptop.bounds },
    });
  });

  it("the plan does not depend on the order the OS lists the displays in", () => {
    const a = { id: 10, bounds: { x: 0, y: 0, width: 1920, height: 1080 } };
    const b = { id: 11, bounds: { x: 1920, y: 0, width: 1920, height: 1080 } };
    expect(planWindows([a, b])).toEqual(planWindows([b, a]));
    expect(planWindows([a, b]).kioskDisplayId).toBe(10);
  });

  it("the remembered kiosk display wins over the heuristics while it is connected", () => {
    expect(chooseKioskDisplay([landscape, portrait], 3).id).toBe(3);
    expect(planWindows([landscape, portrait], 3)).toMatchObject({
      kiosk: landscape.bounds,
      staffAtStart: { bounds: portrait.bounds },
    });
    expect(chooseKioskDisplay([landscape, portrait], 99).id).toBe(7);
  });

  it("a guest monitor in standby at boot, then back: the kiosk goes back to it and staff returns to its own screen", () => {
    // First start with both: the kiosk's display is remembered.
    let remembered: number | null = null;
    const both = planWindows([landscape, portrait], remembered);
    remembered = rememberKioskDisplay(remembered, [landscape, portrait], both);
    expect(remembered).toBe(7);
    // The guest monitor sleeps: one display left, the kiosk on it, the open staff window moves over it.
    const alone = planWindows([landscape], remembered);
    expect(alone).toMatchObject({ kioskDisplayId: 3, kiosk: landscape.bounds, staffAtStart: null });
    expect(replanActions(alone, true)).toEqual({
      kiosk: landscape.bounds,
      staff: { action: "move", placement: alone.staffOnDemand },
    });
    remembered = rememberKioskDisplay(remembered, [landscape], alone);
    expect(remembered).toBe(7); // still the guest's monitor
    // It wakes up: the kiosk goes back there, staff back to its own display.
    const again = planWindows([portrait, landscape], remembered);
    expect(again).toEqual(both);
    expect(replanActions(again, true)).toEqual({
      kiosk: portrait.bounds,
      staff: { action: "move", placement: { bounds: landscape.bounds, ownDisplay: true } },
    });
  });

  it("a second display plugged in late: the staff window opens there; without one, nothing opens", () => {
    const plan = planWindows([landscape, portrait], 3);
    expect(replanActions(plan, false)).toEqual({
      kiosk: landscape.bounds,
      staff: { action: "open", placement: { bounds: portrait.bounds, ownDisplay: true } },
    });
    expect(replanActions(planWindows([landscape], 3), false)).toEqual({ kiosk: landscape.bounds, staff: null });
  });

  it("the recovery screen shown on the staff display stays off the guest's screen when a display wakes or changes", () => {
    // Two displays at start: the startup window (unlocked recovery, should it come to that) is on the staff display.
    const both = planWindows([portrait, landscape], 7);
    expect(startupWindowMove(both, true)).toEqual({
      as: "staff",
      placement: { bounds: landscape.bounds, ownDisplay: true },
    });
    // The staff monitor is rearranged (display-metrics-changed): it follows the staff display to its new place.
    const moved = { ...landscape, bounds: { x: -1920, y: 0, width: 1920, height: 1080 } };
    expect(startupWindowMove(planWindows([portrait, moved], 7), true)).toEqual({
      as: "staff",
      placement: { bounds: moved.bounds, ownDisplay: true },
    });
    // The staff monitor is gone: there is nowhere off the guest's screen to put it, so it is not made the kiosk.
    expect(startupWindowMove(planWindows([portrait], 7), true)).toBeNull();
    // Opened on the kiosk's display (one display at start, recovery locked behind a PIN): it follows the kiosk.
    expect(startupWindowMove(both, false)).toEqual({ as: "kiosk", bounds: portrait.bounds });
    expect(startupWindowMove(planWindows([landscape], 7), false)).toEqual({ as: "kiosk", bounds: landscape.bounds });
  });

  it("the recovery screen is on the staff's own display only while one is there to follow: else it asks for a PIN", () => {
    const onStaff = (displays: (typeof portrait)[], openedOnStaffDisplay: boolean) =>
      onStaffDisplayAfter(startupWindowMove(planWindows(displays, 7), openedOnStaffDisplay));
    expect(onStaff([portrait, landscape], true)).toBe(true);
    // The staff monitor unplugged or asleep: the OS moves the window onto the guest's display.
    expect(onStaff([portrait], true)).toBe(false);
    // The guest's monitor unplugged instead: the one left is the kiosk's now, nothing keeps it off the guests'.
    expect(onStaff([landscape], true)).toBe(false);
    // Opened on the kiosk's display (one display at start): it stays with the kiosk, a second display or not.
    expect(onStaff([portrait, landscape], false)).toBe(false);
  });

  it("one display: only the kiosk at start; staff opens on demand as a window over it", () => {
    const plan = planWindows([landscape]);
    expect(plan.kiosk).toEqual(landscape.bounds);
    expect(plan.staffAtStart).toBeNull();
    expect(plan.staffOnDemand).toEqual({
      bounds: { x: 1080 + 320, y: 140, width: 1280, height: 800 },
      ownDisplay: false,
    });
    expect(staffWindowOptions(plan.staffOnDemand.bounds, "/p.js", false, "linux")).toMatchObject({
      fullscreen: false,
      alwaysOnTop: true,
    });
  });

  it("one small display: the on-demand staff window fits inside it", () => {
    const small = { id: 1, bounds: { x: 0, y: 0, width: 1024, height: 600 } };
    expect(planWindows([small]).staffOnDemand.bounds).toEqual({ x: 0, y: 0, width: 1024, height: 600 });
  });

  it("no display at all is an error the shell never plans for", () => {
    expect(() => planWindows([])).toThrow("No display");
  });
});

describe("kiosk lockdown: shortcuts, context menu, zoom, devtools", () => {
  const key = (k: string, mods: Partial<{ control: boolean; meta: boolean; alt: boolean; shift: boolean }> = {}) => ({
    type: "keyDown" as const,
    key: k,
    code: k,
    control: false,
    meta: false,
    alt: false,
    shift: false,
    ...mods,
  });
  const blocked: [string, ReturnType<typeof key>][] = [
    ["reload F5", key("F5")],
    ["reload Ctrl+R", key("r", { control: true })],
    ["hard reload Ctrl+Shift+R", key("R", { control: true, shift: true })],
    ["reload Cmd+R", key("r", { meta: true })],
    ["devtools F12", key("F12")],
    ["devtools Ctrl+Shift+I", key("I", { control: true, shift: true })],
    ["devtools Ctrl+Shift+J", key("J", { control: true, shift: true })],
    ["inspect Ctrl+Shift+C", key("C", { control: true, shift: true })],
    ["close Ctrl+W", key("w", { control: true })],
    ["close Alt+F4", key("F4", { alt: true })],
    ["close Ctrl+F4", key("F4", { control: true })],
    ["quit Ctrl+Q", key("q", { control: true })],
    ["quit Cmd+Q", key("q", { meta: true })],
    ["print Ctrl+P", key("p", { control: true })],
    ["new window Ctrl+N", key("n", { control: true })],
    ["new tab Ctrl+T", key("t", { control: true })],
    ["open file Ctrl+O", key("o", { control: true })],
    ["save Ctrl+S", key("s", { control: true })],
    ["view source Ctrl+U", key("u", { control: true })],
    ["find Ctrl+F", key("f", { control: true })],
    ["fullscreen F11", key("F11")],
    ["back Alt+Left", key("ArrowLeft", { alt: true })],
    ["back key", key("BrowserBack")],
    ["zoom in Ctrl+=", key("=", { control: true })],
    ["zoom in Ctrl++", key("+", { control: true, shift: true })],
    ["zoom out Ctrl+-", key("-", { control: true })],
    ["zoom reset Ctrl+0", key("0", { control: true })],
    ["menu Alt", key("Alt", { alt: true })],
  ];
  it.each(blocked)("the kiosk swallows %s", (_name, input) => {
    expect(blockedShortcut("kiosk", input)).toBe(true);
  });

  it("typing, Tab, Enter, Space, arrows, Backspace and Escape still work", () => {
    for (const k of ["a", "Z", "5", " ", "Tab", "Enter", "ArrowLeft", "ArrowDown", "Backspace", "Escape", "@"]) {
      expect(blockedShortcut("kiosk", key(k)), k).toBe(false);
      expect(blockedShortcut("kiosk", key(k, { shift: true })), `Shift+${k}`).toBe(false);
    }
    expect(blockedShortcut("kiosk", { ...key("F5"), type: "keyUp" })).toBe(false);
  });

  it("the staff window keeps zoom but not reload, devtools, close or new windows", () => {
    expect(blockedShortcut("staff", key("=", { control: true }))).toBe(false);
    expect(blockedShortcut("staff", key("0", { control: true }))).toBe(false);
    for (const [, input] of blocked.filter(([n]) => !n.startsWith("zoom") && n !== "menu Alt"))
      expect(blockedShortcut("staff", input)).toBe(true);
  });

  it("wires the handlers: shortcuts and the context menu prevented, devtools closed", () => {
    const listeners = new Map<string, (...args: unknown[]) => void>();
    const calls: string[] = [];
    const contents: LockableContents = {
      on: (event: string, listener: (...args: never[]) => void) =>
        listeners.set(event, listener as (...args: unknown[]) => void),
      closeDevTools: () => void calls.push("close devtools"),
    };
    lockDownContents(contents, "kiosk");
    const prevented = (event: string, ...args: unknown[]) => {
      let p = false;
      listeners.get(event)?.({ preventDefault: () => (p = true) }, ...args);
      return p;
    };
    expect(prevented("before-input-event", key("r", { control: true }))).toBe(true);
    expect(prevented("before-input-event", key("7"))).toBe(false);
    expect(prevented("context-menu")).toBe(true);
    listeners.get("devtools-opened")?.();
    expect(calls).toEqual(["close devtools"]);
  });
});
