import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { builtinModules, createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The main-process bundle as `npm run build` makes it (scripts/build-electron.mjs, into a temp
 * folder): what it loads at run time must be in app.asar, and loaded with require().
 */
const require = createRequire(__filename);
const root = path.resolve(__dirname, "..");
const pkg = require("../package.json") as { dependencies: Record<string, string> };
let out = "";
/** The main process's files: main.js and the threads it starts, each found beside it at run time. */
const MAIN_FILES = ["main.js", "background-worker.js", "export-worker.js", "probe-worker.js", "pdf-worker.js"] as const;
let mainFiles: Record<string, string> = {};
let preload = "";

beforeAll(() => {
  out = mkdtempSync(path.join(tmpdir(), "happyhead-bundle-"));
  const r = spawnSync(process.execPath, ["scripts/build-electron.mjs", `--outdir=${out}`], {
    cwd: root,
    encoding: "utf8",
  });
  expect(r.status, r.stderr).toBe(0);
  mainFiles = Object.fromEntries(MAIN_FILES.map((f) => [f, readFileSync(path.join(out, f), "utf8")]));
  preload = readFileSync(path.join(out, "preload.js"), "utf8");
}, 180_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

const required = (code: string) => [...new Set([...code.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]!))];
/** "csv-parse/sync" → "csv-parse", "@point-of-sale/x/y" → "@point-of-sale/x". */
const packageOf = (spec: string) =>
  spec
    .split("/")
    .slice(0, spec.startsWith("@") ? 2 : 1)
    .join("/");

describe("the Electron main bundle", () => {
  it("has no dynamic import() left: exceljs and every other dependency load with require(), not Node's ESM loader inside app.asar", () => {
    for (const [file, code] of Object.entries(mainFiles)) expect(code, file).not.toMatch(/\bimport\(/);
    // The Excel export runs in an export's own thread (electron/background/export-thread.ts).
    expect(mainFiles["export-worker.js"]).toMatch(/require\("exceljs"\)/);
  });

  it("requires only Node's built-ins, electron, and production dependencies (which electron-builder packs into app.asar)", () => {
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    for (const [file, code] of Object.entries(mainFiles)) {
      const outside = required(code).filter(
        (spec) => !builtins.has(spec) && spec !== "electron" && !Object.hasOwn(pkg.dependencies, packageOf(spec)),
      );
      expect(outside, file).toEqual([]);
      // And every production dependency it requires resolves from the project (what gets packed).
      for (const spec of required(code).filter((s) => Object.hasOwn(pkg.dependencies, packageOf(s))))
        expect(() => require.resolve(spec), `${file}: ${spec}`).not.toThrow();
    }
  });

  it("draws slips on their own thread: pdf-worker.js loads pdfkit and fontkit with require() and finds the Arabic and Hebrew fonts' packages at run time; main.js never loads pdfkit", () => {
    const worker = mainFiles["pdf-worker.js"]!;
    expect(required(worker)).toEqual(expect.arrayContaining(["pdfkit", "fontkit"]));
    // electron/printing/scripts.ts resolves each font package by name beside the bundle (in app.asar).
    for (const font of ["@embedpdf/fonts-arabic", "@embedpdf/fonts-hebrew"]) {
      expect(worker).toContain(`"${font}"`);
      expect(Object.hasOwn(pkg.dependencies, font), font).toBe(true);
      expect(() => require.resolve(font), font).not.toThrow();
    }
    expect(required(mainFiles["main.js"]!)).not.toContain("pdfkit");
  });

  it("the sandboxed preload is one file that requires nothing but electron", () => {
    expect(required(preload)).toEqual(["electron"]);
    expect(preload).not.toMatch(/\bimport\(/);
  });
});
