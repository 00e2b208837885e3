import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";

const require = createRequire(__filename);
const config = require("./electron-builder.config.cjs") as Record<string, unknown> & {
  files: string[];
  asarUnpack: string[];
  extraResources: { from: string; to: string }[];
  electronFuses: Record<string, boolean>;
  linux: { target: string[] };
  win: { target: string[] };
  mac: { target: string[] };
};
const pkg = require("../package.json") as { main: string; dependencies: Record<string, string> };

describe("packaging config (electron-builder cannot run here without the Electron binary)", () => {
  it("targets Linux AppImage+deb, Windows nsis and macOS dmg", () => {
    expect(config.appId).toBe("com.happyhead.kiosk");
    expect(config.linux.target).toEqual(["AppImage", "deb"]);
    expect(config.win.target).toEqual(["nsis"]);
    expect(config.mac.target).toEqual(["dmg"]);
  });

  it("packs an allow-list that includes the entry point and unpacks native modules from asar", () => {
    expect(config.files).toContain("dist/electron/**/*.js");
    expect(config.files).toContain("dist/renderer/**/*");
    expect(pkg.main).toBe("dist/electron/main.js");
    expect(config.asarUnpack).toContain("**/*.node");
    expect(config.npmRebuild).toBe(false);
    expect(config.extraResources[0]?.to).toBe("native/better_sqlite3.node");
    expect(config.extraResources[0]?.from).toMatch(/^\.native\/electron-45\./);
  });

  it("only lists runtime needs as dependencies (renderer libraries are bundled by Vite)", () => {
    expect(Object.keys(pkg.dependencies)).not.toContain("react");
    expect(Object.keys(pkg.dependencies)).toContain("better-sqlite3");
    expect(existsSync(path.resolve(__dirname, "resources"))).toBe(true);
  });
});
