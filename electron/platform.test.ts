import { describe, expect, it } from "vitest";
import { applicationMenu, chromiumProfileDir, ozoneDecision } from "./platform";

describe("Linux display server", () => {
  const argv = ["/opt/Happy Head Kiosk/happy-head-kiosk", "--data-dir=/srv/hh"];

  it("Wayland with XWayland (GNOME, cage): restart once on X11 so windows can be placed, keeping the arguments", () => {
    expect(ozoneDecision("linux", { WAYLAND_DISPLAY: "wayland-0", DISPLAY: ":0" }, argv)).toEqual({
      action: "relaunch-x11",
      args: ["--data-dir=/srv/hh", "--ozone-platform=x11"],
    });
    expect(ozoneDecision("linux", { XDG_SESSION_TYPE: "wayland", DISPLAY: ":1" }, argv).action).toBe("relaunch-x11");
  });

  it("never loops: an explicit --ozone-platform (x11 after the restart, or wayland by choice) is kept", () => {
    expect(
      ozoneDecision("linux", { WAYLAND_DISPLAY: "wayland-0", DISPLAY: ":0" }, [...argv, "--ozone-platform=x11"]),
    ).toEqual({
      action: "keep",
    });
    expect(
      ozoneDecision("linux", { WAYLAND_DISPLAY: "wayland-0", DISPLAY: ":0" }, [...argv, "--ozone-platform=wayland"]),
    ).toEqual({
      action: "keep",
    });
  });

  it("X11 sessions, Windows and macOS are left as they are; Wayland without XWayland is reported", () => {
    expect(ozoneDecision("linux", { DISPLAY: ":0", XDG_SESSION_TYPE: "x11" }, argv)).toEqual({ action: "keep" });
    expect(ozoneDecision("win32", { WAYLAND_DISPLAY: "x", DISPLAY: ":0" }, argv)).toEqual({ action: "keep" });
    expect(ozoneDecision("darwin", {}, argv)).toEqual({ action: "keep" });
    expect(ozoneDecision("linux", { WAYLAND_DISPLAY: "wayland-1" }, argv)).toEqual({ action: "wayland-only" });
  });
});

describe("Chromium's profile lives outside the data folder", () => {
  it("in the per-user cache folder of each OS", () => {
    expect(chromiumProfileDir("linux", {}, "/home/kiosk", "Happy Head Kiosk")).toBe(
      "/home/kiosk/.cache/Happy Head Kiosk/Chromium",
    );
    expect(chromiumProfileDir("linux", { XDG_CACHE_HOME: "/var/cache/kiosk" }, "/home/kiosk", "Happy Head Kiosk")).toBe(
      "/var/cache/kiosk/Happy Head Kiosk/Chromium",
    );
    expect(chromiumProfileDir("darwin", {}, "/Users/desk", "Happy Head Kiosk")).toBe(
      "/Users/desk/Library/Caches/Happy Head Kiosk/Chromium",
    );
    expect(
      chromiumProfileDir(
        "win32",
        { LOCALAPPDATA: "C:\\Users\\desk\\AppData\\Local" },
        "C:\\Users\\desk",
        "Happy Head Kiosk",
      ),
    ).toBe("C:\\Users\\desk\\AppData\\Local\\Happy Head Kiosk\\Chromium");
    expect(chromiumProfileDir("win32", {}, "C:\\Users\\desk", "Happy Head Kiosk")).toBe(
      "C:\\Users\\desk\\AppData\\Local\\Happy Head Kiosk\\Chromium",
    );
  });

  it("never inside the default data folder (Electron's userData: ~/.config, %APPDATA%, Application Support)", () => {
    expect(chromiumProfileDir("linux", {}, "/home/kiosk", "A")).not.toContain("/.config/");
    expect(chromiumProfileDir("win32", {}, "C:\\Users\\d", "A")).not.toContain("Roaming");
    expect(chromiumProfileDir("darwin", {}, "/Users/d", "A")).not.toContain("Application Support");
  });
});

describe("application menu", () => {
  it("none on Windows and Linux", () => {
    expect(applicationMenu("win32", "Happy Head Kiosk")).toBeNull();
    expect(applicationMenu("linux", "Happy Head Kiosk")).toBeNull();
  });

  it("macOS: an Edit menu for Cmd+C/V/X/A and undo, and nothing that reloads, opens devtools, closes or quits", () => {
    const menu = applicationMenu("darwin", "Happy Head Kiosk") ?? [];
    const roles = menu.flatMap((m) => (Array.isArray(m.submenu) ? m.submenu.map((i) => i.role ?? i.type) : []));
    expect(roles).toEqual(expect.arrayContaining(["copy", "paste", "cut", "selectAll", "undo", "redo"]));
    for (const banned of [
      "reload",
      "forceReload",
      "toggleDevTools",
      "close",
      "quit",
      "zoomIn",
      "togglefullscreen",
      "viewMenu",
      "windowMenu",
      "fileMenu",
    ]) {
      expect(roles).not.toContain(banned);
    }
  });
});
