// `npm start`: `--preflight` before the build (a display? Electron's binary?), then, after the
// build, runs the Electron app (arguments pass through, e.g. `--empty`).
// On the demo spa (`--demo`, unless `--empty` is given): the packaged app never seeds demo data.
// Electron's npm package fetches its binary from Electron's own host on first use; where that
// host can't be reached, this says so in two lines and points to `npm run preview`, instead of
// the package's stack trace.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const pkg = path.dirname(require.resolve("electron/package.json"));
const version = require("electron/package.json").version;
const root = path.resolve(import.meta.dirname, "..");

function fail(problem) {
  console.error(`npm start: ${problem}`);
  console.error(
    "Use `npm run preview` for the same app in Chromium, over the same handlers and a demo database (README, Two commands).",
  );
  process.exit(1);
}

/** The binary's path as Electron's package records it, fetching the binary first if it has none. */
function electronBinary() {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const recorded = () => {
    const file = path.join(pkg, "path.txt");
    return existsSync(file) ? readFileSync(file, "utf8").trim() : null;
  };
  if (override) return path.join(override, recorded() ?? "electron");
  let name = recorded();
  if (name === null || !existsSync(path.join(pkg, "dist", name))) {
    console.log(`Fetching Electron ${version}'s binary (once)…`);
    const install = spawnSync(process.execPath, [path.join(pkg, "install.js")], { encoding: "utf8" });
    name = recorded();
    if (install.status !== 0 || name === null) {
      const reason =
        `${install.stderr ?? ""}`
          .split("\n")
          .find((l) => /error/i.test(l))
          ?.trim() ?? `exit code ${install.status}`;
      fail(`Electron ${version}'s binary is not installed and could not be downloaded (${reason}).`);
    }
  }
  return path.join(pkg, "dist", name);
}

// Electron on Linux needs an X server or a Wayland compositor; without one it dies with a
// platform-initialization error. Say so first: there is nothing to start without a screen.
if (process.platform === "linux" && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  fail(
    "there is no display here (neither DISPLAY nor WAYLAND_DISPLAY is set): the app needs a desktop session, or a kiosk session such as cage, to show its windows.",
  );
}
const binary = electronBinary();
// `npm start` asks first (`--preflight`), so a machine without a display or a binary hears it
// before the build, not after.
if (process.argv.includes("--preflight")) process.exit(0);
const args = process.argv.slice(2);
const child = spawn(binary, [root, ...(args.includes("--empty") ? [] : ["--demo"]), ...args], { stdio: "inherit" });
child.on("error", (error) => fail(`Electron could not be started from ${binary} (${error.code ?? error.message}).`));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
