import path from "node:path";
import { describe, expect, it } from "vitest";
import { launchConfig } from "./config";

describe("launchConfig", () => {
  const userData = path.resolve("/home/kiosk/.config/Happy Head Kiosk");

  it("defaults to the userData folder, the demo spa and each platform's own way to system printers", () => {
    expect(launchConfig(["electron", "."], {}, userData)).toEqual({ dataDir: userData, seed: "demo", systemPrintEverywhere: false });
  });

  it("prints to system printers through Electron everywhere when asked by flag or environment", () => {
    expect(launchConfig(["electron", ".", "--system-print=electron"], {}, userData).systemPrintEverywhere).toBe(true);
    expect(launchConfig(["electron", "."], { HAPPYHEAD_SYSTEM_PRINT: "electron" }, userData).systemPrintEverywhere).toBe(true);
    expect(launchConfig(["electron", ".", "--system-print=lp"], { HAPPYHEAD_SYSTEM_PRINT: "cups" }, userData).systemPrintEverywhere).toBe(false);
  });

  it("takes the data folder from the flag before the environment", () => {
    expect(launchConfig(["--data-dir=/srv/a", "--empty"], { HAPPYHEAD_DATA_DIR: "/srv/b" }, userData)).toMatchObject({ dataDir: path.resolve("/srv/a"), seed: "empty" });
    expect(launchConfig([], { HAPPYHEAD_DATA_DIR: "/srv/b" }, userData).dataDir).toBe(path.resolve("/srv/b"));
  });
});
