import path from "node:path";
import { describe, expect, it } from "vitest";
import { launchConfig, nativeBindingPath, nativeFolder } from "./config";

describe("launchConfig", () => {
  const userData = path.resolve("/home/kiosk/.config/Happy Head Kiosk");

  it("defaults to the userData folder, no demo data and each platform's own way to system printers", () => {
    expect(launchConfig(["electron", "."], {}, userData, false)).toEqual({
      dataDir: userData,
      seed: "empty",
      systemPrintEverywhere: false,
    });
  });

  it("seeds the demo spa only when asked, and never in the packaged app", () => {
    expect(launchConfig(["electron", ".", "--demo"], {}, userData, false).seed).toBe("demo");
    expect(launchConfig(["electron", "."], { HAPPYHEAD_DEMO: "1" }, userData, false).seed).toBe("demo");
    expect(launchConfig(["electron", ".", "--demo", "--empty"], {}, userData, false).seed).toBe("empty");
    expect(launchConfig(["electron", ".", "--demo"], { HAPPYHEAD_DEMO: "1" }, userData, true).seed).toBe("empty");
  });

  it("prints to system printers through Electron everywhere when asked by flag or environment", () => {
    expect(launchConfig(["electron", ".", "--system-print=electron"], {}, userData, false).systemPrintEverywhere).toBe(
      true,
    );
    expect(
      launchConfig(["electron", "."], { HAPPYHEAD_SYSTEM_PRINT: "electron" }, userData, false).systemPrintEverywhere,
    ).toBe(true);
    expect(
      launchConfig(["electron", ".", "--system-print=lp"], { HAPPYHEAD_SYSTEM_PRINT: "cups" }, userData, false)
        .systemPrintEverywhere,
    ).toBe(false);
  });

  it("takes the data folder from the flag before the environment", () => {
    expect(
      launchConfig(["--data-dir=/srv/a", "--empty"], { HAPPYHEAD_DATA_DIR: "/srv/b" }, userData, false),
    ).toMatchObject({
      dataDir: path.resolve("/srv/a"),
      seed: "empty",
    });
    expect(launchConfig([], { HAPPYHEAD_DATA_DIR: "/srv/b" }, userData, false).dataDir).toBe(path.resolve("/srv/b"));
  });
});

describe("where better-sqlite3's Electron build is loaded from", () => {
  it("packaged: resources/native; in development: .native/, named like electron-builder's ${os}-${arch}", () => {
    expect(
      nativeBindingPath({
        packaged: true,
        resourcesPath: "/opt/Happy Head Kiosk/resources",
        appPath: "/x",
        electronVersion: "45.4.1",
      }),
    ).toBe(path.join("/opt/Happy Head Kiosk/resources", "native", "better_sqlite3.node"));
    expect(
      nativeBindingPath({ packaged: false, resourcesPath: "", appPath: "/src/hh", electronVersion: "45.4.1" }),
    ).toBe(path.join("/src/hh", ".native", nativeFolder("45.4.1"), "better_sqlite3.node"));
    expect(nativeFolder("45.4.1", "linux", "x64")).toBe("electron-45.4.1-linux-x64");
    expect(nativeFolder("45.4.1", "darwin", "arm64")).toBe("electron-45.4.1-mac-arm64");
    expect(nativeFolder("45.4.1", "win32", "x64")).toBe("electron-45.4.1-win-x64");
  });
});
