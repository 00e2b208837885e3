import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "..");
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "node_modules" ? [] : files(full);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith(".test.ts") ? [full] : [];
  });
}
const runtimeImport = (source: string, module: string) => new RegExp(`^import (?!type )[^;]*from "${module}"`, "m").test(source);

describe("the tree keeps its architecture", () => {
  it("only the shell's entry files import Electron at run time; the rest runs under Node", () => {
    const importers = [...files(path.join(root, "electron")), ...files(path.join(root, "db")), ...files(path.join(root, "contract"))]
      .filter((f) => runtimeImport(readFileSync(f, "utf8"), "electron"))
      .map((f) => path.relative(root, f))
      .sort();
    expect(importers).toEqual(["electron/main.ts", "electron/preload.ts", "electron/printing/electron-host.ts", "electron/security.ts"]);
  });

  it("db/ and contract/ never import the shell or the view", () => {
    for (const f of [...files(path.join(root, "db")), ...files(path.join(root, "contract"))]) {
      expect(readFileSync(f, "utf8"), f).not.toMatch(/from "\.\.\/(electron|renderer)\//);
    }
  });

  it("the renderer only reaches the main process through the contract's bridge", () => {
    for (const f of files(path.join(root, "renderer")).filter((f) => !f.endsWith("vite.config.ts"))) {
      const src = readFileSync(f, "utf8");
      expect(src, f).not.toMatch(/from "\.\.\/\.\.\/(db|electron)\//);
      expect(src, f).not.toMatch(/from "(electron|node:|better-sqlite3)/);
    }
  });

  it("the Electron glue feeds every event the lifecycle decides on (checked in its source; it can't run here)", () => {
    const main = readFileSync(path.join(root, "electron", "main.ts"), "utf8");
    for (const wiring of [
      'on("close"',
      'on("render-process-gone"',
      'on("unresponsive"',
      'on("responsive"',
      'on("second-instance"',
      'on("display-added"',
      'on("display-removed"',
      'on("display-metrics-changed"',
      'on("before-quit"',
      'on("will-quit"',
      'on("session-end"',
      'process.on("uncaughtException"',
      "powerSaveBlocker.start(",
      "powerSaveBlocker.stop(",
      "app.requestSingleInstanceLock()",
      'app.setPath("sessionData"',
      "useNativeBinding(",
      "logToFolder(",
    ]) {
      expect(main, wiring).toContain(wiring);
    }
    expect(main).not.toMatch(/closable:\s*false/);
  });
});

