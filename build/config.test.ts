import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { nativeFolder } from "../electron/config";

const require = createRequire(__filename);
const config = require("./electron-builder.config.cjs") as Record<string, unknown> & {
  files: string[];
  asarUnpack: string[];
  extraResources: { from: string; to: string }[];
  electronFuses: Record<string, boolean>;
  linux: { target: string[] };
  deb: { depends?: string[] };
  win: { target: string[] };
  mac: { target: string[] };
  directories: { buildResources: string };
};
const pkg = require("../package.json") as {
  version: string;
  main: string;
  dependencies: Record<string, string>;
  engines: { node: string };
};
const electronVersion = (require("electron/package.json") as { version: string }).version;
const builderVersion = (require("app-builder-lib/package.json") as { version: string }).version;
/** electron-builder's own code, as installed: what `npm run dist` will run. */
const FpmTarget = (
  require("app-builder-lib/out/targets/FpmTarget.js") as {
    default: { prototype: { getDefaultDepends(target: string): string[] } };
  }
).default;
const { expandMacro } = require("app-builder-lib/out/util/macroExpander.js") as {
  expandMacro: (pattern: string, arch: string | null, appInfo: object, extra: Record<string, string>) => string;
};
const minimatch = require("minimatch") as (file: string, pattern: string, options?: { dot?: boolean }) => boolean;

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
  });

  it("the packaged file list: the bundles, the renderer and package.json go into app.asar; sources, maps and build output don't", () => {
    const packed = (file: string) => {
      const positive = config.files.filter((p) => !p.startsWith("!"));
      const negative = config.files.filter((p) => p.startsWith("!")).map((p) => p.slice(1));
      return (
        positive.some((p) => minimatch(file, p, { dot: true })) &&
        !negative.some((p) => minimatch(file, p, { dot: true }))
      );
    };
    for (const f of [
      pkg.main,
      "dist/electron/preload.js",
      "dist/renderer/kiosk.html",
      "dist/renderer/staff.html",
      "dist/renderer/recovery.html",
      "dist/renderer/assets/kiosk-abc123.js",
      "package.json",
    ]) {
      expect(packed(f), f).toBe(true);
    }
    for (const f of [
      "dist/electron/main.js.map",
      "dist/renderer/assets/kiosk-abc123.js.map",
      "electron/main.ts",
      "db/open.ts",
      ".native/x/better_sqlite3.node",
      ".data/preview/happyhead.sqlite3",
      "release/x.deb",
      "README.md",
      "e2e/electron.spec.ts",
    ]) {
      expect(packed(f), f).toBe(false);
    }
    // Of the emoji font package, the regular TTF the PDF slips read, not the other weights or the previews.
    const excluded = (file: string) =>
      config.files.some((p) => p.startsWith("!") && minimatch(file, p.slice(1), { dot: true }));
    const emoji = "node_modules/@expo-google-fonts/noto-emoji";
    expect(excluded(`${emoji}/400Regular/NotoEmoji_400Regular.ttf`)).toBe(false);
    expect(excluded(`${emoji}/700Bold/NotoEmoji_700Bold.ttf`)).toBe(true);
    expect(excluded(`${emoji}/400Regular/NotoEmoji_400Regular.ttf.png`)).toBe(true);
    // better-sqlite3's .node files stay outside the asar (a native module can't be dlopen'ed from inside it).
    expect(
      minimatch("node_modules/better-sqlite3/build/Release/better_sqlite3.node", config.asarUnpack[0]!, { dot: true }),
    ).toBe(true);
  });

  it("ships the target's own Electron-ABI better-sqlite3: ${os}/${arch} expand to the folder electron-native.mjs builds and the app loads", () => {
    const from = config.extraResources[0]!.from;
    expect(from).toContain("-${os}-${arch}/");
    for (const [os, platform] of [
      ["linux", "linux"],
      ["mac", "darwin"],
      ["win", "win32"],
    ] as const) {
      for (const arch of ["x64", "arm64"]) {
        // As app-builder-lib's PlatformPackager expands extraResources: `os` is the target's buildConfigurationKey.
        expect(expandMacro(from, arch, {}, { os }), `${os}-${arch}`).toBe(
          `.native/${nativeFolder(electronVersion, platform, arch)}/better_sqlite3.node`,
        );
      }
    }
  });

  it("the AppImage's desktop entry keeps Chromium's sandbox on (electron-builder's own AppImage target computes it)", async () => {
    const AppImageTarget = (
      require("app-builder-lib/out/targets/appimage/AppImageTarget.js") as {
        default: new (
          ignored: null,
          packager: object,
          helper: { computeDesktopEntry(options: object, exec: string): Promise<string> },
          outDir: string,
        ) => { desktopEntry: { value: Promise<string> } };
      }
    ).default;
    const execLine = (cfg: Record<string, unknown>) =>
      new AppImageTarget(
        null,
        { platformSpecificBuildOptions: cfg.linux, config: cfg, appInfo: { buildVersion: pkg.version } },
        { computeDesktopEntry: (_options, exec) => Promise.resolve(exec) },
        "release",
      ).desktopEntry.value;
    // Without the option, electron-builder's default starts every launch through the desktop entry unsandboxed.
    expect(await execLine({ ...config, appImage: undefined })).toBe("AppRun --no-sandbox %U");
    expect(await execLine(config)).toBe("AppRun %U");
  });

  it(`the .deb's Depends line: electron-builder ${builderVersion}'s defaults, plus libgbm1, libasound2 and cups-client`, () => {
    const defaults = FpmTarget.prototype.getDefaultDepends("deb");
    expect(defaults.length).toBeGreaterThan(5);
    // FpmTarget passes `depends` when set, its defaults otherwise — a list replaces them, so it must repeat them.
    const depends = config.deb.depends ?? defaults;
    expect(depends).toEqual([...defaults, "libgbm1", "libasound2", "cups-client"]);
    expect(new Set(depends).size).toBe(depends.length);
    expect(depends).toEqual(expect.arrayContaining(["libgtk-3-0", "libnss3", "libxss1", "libxtst6", "libatspi2.0-0"]));
  });

  it("has an icon electron-builder can turn into .ico, .icns and Linux icons (a PNG of at least 512x512)", () => {
    const icon = readFileSync(path.resolve(__dirname, "..", config.directories.buildResources, "icon.png"));
    expect(icon.subarray(1, 4).toString("ascii")).toBe("PNG");
    expect(icon.readUInt32BE(16)).toBeGreaterThanOrEqual(512);
    expect(icon.readUInt32BE(20)).toBeGreaterThanOrEqual(512);
    expect(icon.length).toBeLessThan(64 * 1024);
  });

  it("only lists runtime needs as dependencies (renderer libraries are bundled by Vite)", () => {
    expect(Object.keys(pkg.dependencies)).not.toContain("react");
    expect(Object.keys(pkg.dependencies)).toContain("better-sqlite3");
    expect(existsSync(path.resolve(__dirname, "resources"))).toBe(true);
  });

  it("asks for the Node electron@45 and electron-builder's tools need (22.12+)", () => {
    expect(pkg.engines.node).toBe(">=22.12");
  });
});
