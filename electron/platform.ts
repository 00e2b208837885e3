import path from "node:path";
import type { MenuItemConstructorOptions } from "electron";

/**
 * What the shell decides about the machine it runs on, before any window: the display server on
 * Linux, where Chromium keeps its profile, and the application menu. Pure, tested under Node.
 */

/**
 * Linux under Wayland: since Electron 38 the app runs as a native Wayland client there, and a
 * Wayland client can't place its windows — the kiosk and staff windows land wherever the
 * compositor puts them. Where XWayland is there (DISPLAY is set, as under GNOME and under cage
 * built with XWayland), the app restarts itself once with `--ozone-platform=x11` before any window
 * (Chromium picks its platform before the app's code runs, so a switch appended from JavaScript is
 * too late). An explicit `--ozone-platform=…` is respected (`--ozone-platform=wayland` keeps
 * Wayland). Wayland without XWayland: the kiosk still runs fullscreen, but two displays can't be
 * arranged; that is logged.
 */
export type OzoneDecision =
  { action: "keep" } | { action: "relaunch-x11"; args: string[] } | { action: "wayland-only" };

export function ozoneDecision(
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
  argv: readonly string[],
): OzoneDecision {
  if (platform !== "linux") return { action: "keep" };
  if (argv.some((a) => a.startsWith("--ozone-platform=") || a === "--ozone-platform")) return { action: "keep" };
  const wayland = Boolean(env.WAYLAND_DISPLAY) || env.XDG_SESSION_TYPE === "wayland";
  if (!wayland) return { action: "keep" };
  if (!env.DISPLAY) return { action: "wayland-only" };
  return { action: "relaunch-x11", args: [...argv.slice(1), "--ozone-platform=x11"] };
}

/**
 * Where Chromium's profile (cookies, caches, GPU cache, crash dumps) goes: outside the data folder,
 * which is for the database, tickets, backups and logs (and is Electron's userData by default, the
 * same folder Chromium would use). A per-user cache folder: Linux `$XDG_CACHE_HOME` or `~/.cache`,
 * Windows `%LOCALAPPDATA%` (not the roaming profile), macOS `~/Library/Caches`.
 */
export function chromiumProfileDir(
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
  home: string,
  appName: string,
): string {
  const p = platform === "win32" ? path.win32 : path.posix;
  if (platform === "win32") return p.join(env.LOCALAPPDATA || p.join(home, "AppData", "Local"), appName, "Chromium");
  if (platform === "darwin") return p.join(home, "Library", "Caches", appName, "Chromium");
  return p.join(env.XDG_CACHE_HOME || p.join(home, ".cache"), appName, "Chromium");
}

/**
 * The application menu. None on Windows and Linux (Electron's default one carries reload, devtools,
 * zoom and close accelerators). On macOS the Edit menu is what gives text fields Cmd+C, Cmd+V,
 * Cmd+X, Cmd+A and undo, so staff can copy a booking code; it has nothing else (no reload, no
 * devtools, no quit — the kiosk's shortcut filter swallows Cmd+Q before any menu sees it).
 */
export function applicationMenu(platform: NodeJS.Platform, appName: string): MenuItemConstructorOptions[] | null {
  if (platform !== "darwin") return null;
  return [
    { label: appName, submenu: [{ role: "about" }] },
    {
      label: "Edit",
      submenu: [
        { role: "undo" },
        { role: "redo" },
        { type: "separator" },
        { role: "cut" },
        { role: "copy" },
        { role: "paste" },
        { role: "selectAll" },
      ],
    },
  ];
}
