import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { ElectronApplication, Page } from "@playwright/test";
import { nativeBindingPath } from "../electron/config";

const require = createRequire(__filename);

/** The installed Electron executable, found without requiring the package (which would try to download it). */
export function electronBinary(): string | null {
  const pkgDir = path.dirname(require.resolve("electron/package.json"));
  const pathFile = path.join(pkgDir, "path.txt");
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, "utf8").trim();
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(pkgDir, "dist");
  const bin = path.join(dist, relative);
  return existsSync(bin) ? bin : null;
}

export const appRoot = path.resolve(__dirname, "..");
const electronVersion = (require("electron/package.json") as { version: string }).version;
/** better-sqlite3 built for this Electron, platform and architecture (a failed build leaves no file). */
export const nativeReady = existsSync(
  nativeBindingPath({ packaged: false, resourcesPath: "", appPath: appRoot, electronVersion }),
);

/** The app's window showing a page (the startup window comes first and goes away). */
export async function windowWithPage(
  app: ElectronApplication,
  page: "kiosk" | "staff" | "recovery",
  timeoutMs = 30_000,
): Promise<Page> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = app.windows().find((w) => w.url().endsWith(`/${page}.html`));
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no ${page} window after ${timeoutMs} ms`);
}

/**
 * The staff window: open from the start on two displays; on one, opened through the kiosk's staff
 * door, as staff do by pressing and holding "Staff" (the kiosk asks the main process for it).
 */
export async function staffWindow(app: ElectronApplication): Promise<Page> {
  const kiosk = await windowWithPage(app, "kiosk");
  const open = app.windows().find((w) => w.url().endsWith("/staff.html"));
  if (open) return open;
  await kiosk.evaluate(() => window.kiosk.invoke("staff.openWindow", {}));
  return windowWithPage(app, "staff");
}

/** The kiosk on screen and the startup window gone (it stays until the kiosk has painted over it). */
export async function kioskShown(app: ElectronApplication, timeoutMs = 30_000): Promise<Page> {
  const kiosk = await windowWithPage(app, "kiosk", timeoutMs);
  const deadline = Date.now() + timeoutMs;
  while (app.windows().some((w) => w.url().endsWith("/recovery.html"))) {
    if (Date.now() > deadline) throw new Error(`the startup window was still open after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return kiosk;
}
