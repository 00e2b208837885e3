// Builds better-sqlite3 for Electron's ABI into .native/electron-<version>-<platform>-<arch>/,
// leaving node_modules' own build (Node's ABI, used by the tests) untouched. electron/config.ts
// points the app's database at this file through better-sqlite3's `nativeBinding` option, so
// `npm start` and `npm test` never break each other. It needs Electron's headers (or a prebuilt
// binary) from the network on the first run; afterwards it is a no-op.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, rmSync, copyFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const electronVersion = require("electron/package.json").version;
const root = path.resolve(import.meta.dirname, "..");
const target = path.join(root, ".native", `electron-${electronVersion}-${process.platform}-${process.arch}`);
const out = path.join(target, "better_sqlite3.node");

if (existsSync(out)) process.exit(0);

const source = path.dirname(require.resolve("better-sqlite3/package.json"));
const work = path.join(root, ".native", "build-better-sqlite3");
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
for (const part of ["package.json", "binding.gyp", "src", "deps", "lib"]) cpSync(path.join(source, part), path.join(work, part), { recursive: true });

const run = (cmd, args) => execFileSync(cmd, args, { cwd: work, stdio: "inherit" });
const attempts = [
  ["prebuild-install", ["--runtime=electron", `--target=${electronVersion}`, `--arch=${process.arch}`, `--platform=${process.platform}`]],
  ["node-gyp", ["rebuild", "--release", "--runtime=electron", `--target=${electronVersion}`, `--arch=${process.arch}`, "--dist-url=https://electronjs.org/headers"]],
];
for (const [tool, args] of attempts) {
  try {
    const bin = path.join(root, "node_modules", ".bin", tool);
    run(existsSync(bin) ? bin : tool, args);
    mkdirSync(target, { recursive: true });
    copyFileSync(path.join(work, "build", "Release", "better_sqlite3.node"), out);
    rmSync(work, { recursive: true, force: true });
    console.log(`better-sqlite3 for Electron ${electronVersion}: ${path.relative(root, out)}`);
    process.exit(0);
  } catch {
    console.warn(`${tool} could not produce an Electron build of better-sqlite3; trying the next way.`);
  }
}
console.error(
  `Could not build better-sqlite3 for Electron ${electronVersion}: neither a prebuilt binary nor Electron's headers could be downloaded.\n` +
    "On a machine without that network access, use `npm run preview` (the same app in Chromium).",
);
process.exit(1);
