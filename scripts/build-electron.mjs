// Bundles the Electron main process and the preload with esbuild. The preload runs sandboxed,
// so it must be one CommonJS file with only `electron` left to require. The main bundle keeps
// every runtime dependency (better-sqlite3, pdfkit, …) external: they ship in node_modules.
import { build } from "esbuild";
import { readFileSync } from "node:fs";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
const common = { bundle: true, platform: "node", target: "node22", format: "cjs", sourcemap: true, logLevel: "warning" };

await build({
  ...common,
  entryPoints: ["electron/main.ts"],
  outfile: "dist/electron/main.js",
  external: ["electron", ...Object.keys(pkg.dependencies ?? {})],
});
await build({
  ...common,
  entryPoints: ["electron/preload.ts"],
  outfile: "dist/electron/preload.js",
  external: ["electron"],
});
