import { describe, expect, it } from "vitest";
import { chooseLayout, kioskWindowOptions, planWindows, staffWindowOptions } from "./windows";

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

  it("the kiosk is a fullscreen kiosk window that cannot be closed, moved or resized", () => {
    expect(kioskWindowOptions(screen, "/p.js")).toMatchObject({ kiosk: true, fullscreen: true, frame: false, closable: false, resizable: false, movable: false });
  });

  it("puts the kiosk on the portrait screen and staff on the other; one screen gets the kiosk only", () => {
    const landscape = { bounds: { x: 1080, y: 0, width: 1920, height: 1080 } };
    const portrait = { bounds: screen };
    expect(chooseLayout([landscape, portrait])).toEqual({ kiosk: screen, staff: landscape.bounds });
    expect(chooseLayout([landscape])).toEqual({ kiosk: landscape.bounds, staff: null });
  });
});

describe("which windows open where", () => {
  const portrait = { bounds: { x: 0, y: 0, width: 1080, height: 1920 } };
  const landscape = { bounds: { x: 1080, y: 0, width: 1920, height: 1080 } };

  it("two displays: kiosk on the guest-facing (portrait) screen, staff fullscreen on the other, both at start", () => {
    const plan = planWindows([landscape, portrait]);
    expect(plan.kiosk).toEqual(portrait.bounds);
    expect(plan.staffAtStart).toEqual({ bounds: landscape.bounds, ownDisplay: true });
    expect(plan.staffOnDemand).toEqual(plan.staffAtStart);
    expect(staffWindowOptions(landscape.bounds, "/p.js", true)).toMatchObject({ fullscreen: true, alwaysOnTop: false });
  });

  it("two landscape displays: the kiosk goes on the external one, staff on the built-in screen", () => {
    const laptop = { bounds: { x: 0, y: 0, width: 1920, height: 1080 }, internal: true };
    const external = { bounds: { x: 1920, y: 0, width: 1920, height: 1080 }, internal: false };
    expect(planWindows([laptop, external])).toMatchObject({ kiosk: external.bounds, staffAtStart: { bounds: laptop.bounds } });
  });

  it("one display: only the kiosk at start; staff opens on demand as a window over it", () => {
    const plan = planWindows([landscape]);
    expect(plan.kiosk).toEqual(landscape.bounds);
    expect(plan.staffAtStart).toBeNull();
    expect(plan.staffOnDemand).toEqual({ bounds: { x: 1080 + 320, y: 140, width: 1280, height: 800 }, ownDisplay: false });
    expect(staffWindowOptions(plan.staffOnDemand.bounds, "/p.js", false)).toMatchObject({ fullscreen: false, alwaysOnTop: true });
  });

  it("one small display: the on-demand staff window fits inside it", () => {
    const small = { bounds: { x: 0, y: 0, width: 1024, height: 600 } };
    expect(planWindows([small]).staffOnDemand.bounds).toEqual({ x: 0, y: 0, width: 1024, height: 600 });
  });
});
