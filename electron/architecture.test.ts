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
const runtimeImport = (source: string, module: string) =>
  new RegExp(`^import (?!type )[^;]*from "${module}"`, "m").test(source);

describe("the tree keeps its architecture", () => {
  it("only the shell's entry files import Electron at run time; the rest runs under Node", () => {
    const importers = [
      ...files(path.join(root, "electron")),
      ...files(path.join(root, "db")),
      ...files(path.join(root, "contract")),
    ]
      .filter((f) => runtimeImport(readFileSync(f, "utf8"), "electron"))
      .map((f) => path.relative(root, f))
      .sort();
    expect(importers).toEqual([
      "electron/main.ts",
      "electron/preload.ts",
      "electron/printing/electron-host.ts",
      "electron/security.ts",
      "electron/shell.ts",
    ]);
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
    const main = ["main.ts", "shell.ts", "window-watch.ts", "display-moves.ts"]
      .map((f) => readFileSync(path.join(root, "electron", f), "utf8"))
      .join("\n");
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

  it("no source file of db/, electron/ or renderer/ runs past 350 lines (released migrations, frozen, aside)", () => {
    const long = ["db", "electron", "renderer"]
      .flatMap((d) => files(path.join(root, d)))
      .filter((f) => !/[/\\]migrations[/\\]\d{4}-/.test(f))
      .map((f) => ({ file: path.relative(root, f), lines: readFileSync(f, "utf8").split("\n").length }))
      .filter(({ lines }) => lines > 350);
    expect(long, "split these by what they hold").toEqual([]);
  });

  it("has no import circle: every module of contract/, db/, electron/ and renderer/ can be read before whatever imports it", () => {
    const all = ["contract", "db", "electron", "renderer"].flatMap((d) => files(path.join(root, d)));
    const known = new Set(all);
    const resolve = (from: string, spec: string): string | undefined =>
      [".ts", ".tsx", "/index.ts"].map((ext) => path.resolve(path.dirname(from), spec) + ext).find((f) => known.has(f));
    const edges = new Map(
      all.map((f) => [
        f,
        [...readFileSync(f, "utf8").matchAll(/^(?:import|export)[^;"]*?(?:from )?"(\.[^"]+)"/gm)].flatMap(
          (m) => resolve(f, m[1] ?? "") ?? [],
        ),
      ]),
    );
    // Depth-first, with the path so far: a module met again on its own path closes a circle.
    const done = new Set<string>();
    const circles: string[] = [];
    const visit = (f: string, trail: string[]): void => {
      const at = trail.indexOf(f);
      if (at >= 0) return void circles.push([...trail.slice(at), f].map((x) => path.relative(root, x)).join(" → "));
      if (done.has(f)) return;
      for (const next of edges.get(f) ?? []) visit(next, [...trail, f]);
      done.add(f);
    };
    for (const f of all) visit(f, []);
    expect(circles).toEqual([]);
  });
});
