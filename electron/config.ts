import path from "node:path";

export interface LaunchConfig {
  /** Where the database, tickets and backups live. */
  dataDir: string;
  /** "demo" only when asked for (`npm start` asks) and never in the packaged app. */
  seed: "demo" | "empty";
  /** The system printer goes through Electron's printing on Linux and macOS too, not `lp` (Windows always does). */
  systemPrintEverywhere: boolean;
}

/**
 * Where data lives: `--data-dir=DIR`, else HAPPYHEAD_DATA_DIR, else Electron's userData folder.
 * `--demo` (or HAPPYHEAD_DEMO=1) seeds the demo spa into an empty folder — `npm start` passes it
 * unless given `--empty`; the packaged app never seeds, whatever it is given, so a spa whose
 * database went missing never comes back as the demo spa with the README's manager PIN. `--system-print=electron` (or
 * HAPPYHEAD_SYSTEM_PRINT=electron) prints to system printers through Electron everywhere.
 */
export function launchConfig(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  userData: string,
  packaged: boolean,
): LaunchConfig {
  const flag = argv.find((a) => a.startsWith("--data-dir="))?.slice("--data-dir=".length);
  const dataDir = path.resolve(flag || env.HAPPYHEAD_DATA_DIR || userData);
  const empty = argv.includes("--empty") || env.HAPPYHEAD_EMPTY === "1";
  const demo = !packaged && !empty && (argv.includes("--demo") || env.HAPPYHEAD_DEMO === "1");
  const systemPrintEverywhere = argv.includes("--system-print=electron") || env.HAPPYHEAD_SYSTEM_PRINT === "electron";
  return { dataDir, seed: demo ? "demo" : "empty", systemPrintEverywhere };
}

/** electron-builder's `${os}` macro for a Node platform: what .native/ folders are named by. */
const BUILDER_OS: Partial<Record<NodeJS.Platform, string>> = { linux: "linux", darwin: "mac", win32: "win" };

/**
 * The folder scripts/electron-native.mjs builds better-sqlite3 for Electron into, and that
 * electron-builder ships from (`.native/electron-<version>-${os}-${arch}`).
 */
export function nativeFolder(
  electronVersion: string,
  platform: NodeJS.Platform = process.platform,
  arch: string = process.arch,
): string {
  return `electron-${electronVersion}-${BUILDER_OS[platform] ?? platform}-${arch}`;
}

/**
 * better-sqlite3 for Electron's ABI lives outside node_modules (node_modules keeps Node's build
 * for the tests): packaged, in resources/native; in development, in .native/ (scripts/electron-native.mjs).
 */
export function nativeBindingPath(opts: {
  packaged: boolean;
  resourcesPath: string;
  appPath: string;
  electronVersion: string;
}): string {
  return opts.packaged
    ? path.join(opts.resourcesPath, "native", "better_sqlite3.node")
    : path.join(opts.appPath, ".native", nativeFolder(opts.electronVersion), "better_sqlite3.node");
}
