// Builds better-sqlite3 for Electron's ABI into .native/electron-<version>-<os>-<arch>/, leaving
// node_modules' own build (Node's ABI, used by the tests) untouched. electron/config.ts points the
// app's database at this file through better-sqlite3's `nativeBinding` option, so `npm start` and
// `npm test` never break each other; electron-builder ships it from the same folder (its `${os}`
// and `${arch}` macros: linux|mac|win, x64|arm64|…). It needs Electron's headers (or a prebuilt
// binary) from the network on the first run; afterwards it is a no-op.
//
//   node scripts/electron-native.mjs                      this machine
//   node scripts/electron-native.mjs --os=win --arch=x64  another target (prebuilt binary only)
//
// The tools run as `node <their .js>` (scripts/node-tool.mjs), so this works on Windows too.
import { execFileSync } from "node:child_process";
import { copyFileSync, cpSync, existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { toolCommand } from "./node-tool.mjs";

const require = createRequire(import.meta.url);
const electronVersion = require("electron/package.json").version;
const root = path.resolve(import.meta.dirname, "..");
/** electron-builder's `${os}` for a Node platform, and back. */
const OS_OF_PLATFORM = { linux: "linux", darwin: "mac", win32: "win" };
const PLATFORM_OF_OS = { linux: "linux", mac: "darwin", win: "win32" };
const flag = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const os = flag("os") ?? OS_OF_PLATFORM[process.platform];
const arch = flag("arch") ?? process.arch;
const platform = PLATFORM_OF_OS[os];
if (!platform) {
  console.error(`electron-native: unknown --os=${os} (linux, mac or win).`);
  process.exit(1);
}
const host = platform === process.platform && arch === process.arch;
const target = path.join(root, ".native", `electron-${electronVersion}-${os}-${arch}`);
const out = path.join(target, "better_sqlite3.node");

if (existsSync(out)) process.exit(0);

const source = path.dirname(require.resolve("better-sqlite3/package.json"));
const work = path.join(root, ".native", `build-better-sqlite3-${os}-${arch}`);
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
for (const part of ["package.json", "binding.gyp", "src", "deps", "lib"])
  cpSync(path.join(source, part), path.join(work, part), { recursive: true });

const attempts = [
  [
    "prebuild-install",
    toolCommand("prebuild-install", "prebuild-install", [
      "--runtime=electron",
      `--target=${electronVersion}`,
      `--arch=${arch}`,
      `--platform=${platform}`,
    ]),
  ],
  // Compiling needs this machine's compiler: only for this machine's own platform and architecture.
  ...(host
    ? [
        [
          "node-gyp",
          toolCommand("node-gyp", "node-gyp", [
            "rebuild",
            "--release",
            "--runtime=electron",
            `--target=${electronVersion}`,
            `--arch=${arch}`,
            "--dist-url=https://electronjs.org/headers",
          ]),
        ],
      ]
    : []),
];
for (const [tool, [cmd, args]] of attempts) {
  try {
    execFileSync(cmd, args, { cwd: work, stdio: "inherit" });
    // Copied under a temporary name and renamed: .native/…/better_sqlite3.node exists only when whole.
    mkdirSync(target, { recursive: true });
    copyFileSync(path.join(work, "build", "Release", "better_sqlite3.node"), `${out}.partial`);
    renameSync(`${out}.partial`, out);
    rmSync(work, { recursive: true, force: true });
    console.log(`better-sqlite3 for Electron ${electronVersion} (${os}-${arch}): ${path.relative(root, out)}`);
    process.exit(0);
  } catch {
    console.warn(
      `${tool} could not produce an Electron build of better-sqlite3 for ${os}-${arch}; trying the next way.`,
    );
  }
}
rmSync(work, { recursive: true, force: true });
console.error(
  `Could not build better-sqlite3 for Electron ${electronVersion} (${os}-${arch}): ${host ? "neither a prebuilt binary nor Electron's headers" : "no prebuilt binary"} could be downloaded.\n` +
    "On a machine without that network access, use `npm run preview` (the same app in Chromium).",
);
process.exit(1);
