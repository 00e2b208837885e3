// Bundles the Electron main process and the preload with esbuild. The preload runs sandboxed,
// so it must be one CommonJS file with only `electron` left to require. The main bundle keeps
// every runtime dependency (better-sqlite3, pdfkit, exceljs, …) external: they ship in
// node_modules inside app.asar and are loaded with require(). A dynamic `import()` is turned into
// require() too (`dynamic-import: false`): Node's ESM loader inside app.asar has a history of
// breaking (electron#38957, #46614), and build/bundle.test.ts checks none is left.
//
//   node scripts/build-electron.mjs [--outdir=DIR]   (default dist/electron)
import { build } from "esbuild";
import { readFileSync } from "node:fs";
import path from "node:path";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
const outdir = process.argv.find((a) => a.startsWith("--outdir="))?.slice("--outdir=".length) ?? "dist/electron";
const common = {
  bundle: true,
  platform: "node",
  target: "node22",
  format: "cjs",
  sourcemap: true,
  logLevel: "warning",
  supported: { "dynamic-import": false },
};

await build({
  ...common,
  entryPoints: ["electron/main.ts"],
  outfile: path.join(outdir, "main.js"),
  external: ["electron", ...Object.keys(pkg.dependencies ?? {})],
});
// The background worker, an export's thread (electron/background/), the quick check's thread
// after a crash (electron/startup/probe.ts) and the slips' PDF thread (electron/printing/pdf-thread.ts):
// each its own file, found beside main.js at run time.
for (const [entry, name] of [
  ["electron/background/worker.ts", "background-worker.js"],
  ["electron/background/export-worker.ts", "export-worker.js"],
  ["electron/startup/probe-worker.ts", "probe-worker.js"],
  ["electron/printing/pdf-worker.ts", "pdf-worker.js"],
]) {
  await build({
    ...common,
    entryPoints: [entry],
    outfile: path.join(outdir, name),
    external: ["electron", ...Object.keys(pkg.dependencies ?? {})],
  });
}
await build({
  ...common,
  entryPoints: ["electron/preload.ts"],
  outfile: path.join(outdir, "preload.js"),
  external: ["electron"],
});
