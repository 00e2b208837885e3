import { describe, expect, it } from "vitest";
import { chooseLayout, kioskWindowOptions, staffWindowOptions } from "./windows";

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
