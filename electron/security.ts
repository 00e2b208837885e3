import { app, Menu, session, type WebContents } from "electron";
import { log } from "./log";
import { APP_ORIGIN } from "./windows";

/** True when a URL belongs to our own app:// origin. */
export const isOwnUrl = (url: string): boolean => {
  try {
    return new URL(url).origin === new URL(APP_ORIGIN).origin || url.startsWith(`${APP_ORIGIN}/`);
  } catch {
    return false;
  }
};

/**
 * App-wide lock-down, after electron/electron's security checklist: no navigation away, no new
 * windows, no <webview>, no permission (camera, notifications, …) ever granted.
 */
export function hardenApp(): void {
  app.on("web-contents-created", (_event, contents: WebContents) => {
    // Also what a file dropped onto a window would do (navigateOnDragDrop is off as well).
    contents.on("will-navigate", (event) => event.preventDefault());
    contents.on("will-redirect", (event) => event.preventDefault());
    contents.on("will-attach-webview", (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: "deny" }));
  });
  app
    .whenReady()
    .then(() => {
      // No application menu at all: Electron's default one carries reload, devtools, zoom and close accelerators.
      Menu.setApplicationMenu(null);
      session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
      session.defaultSession.setPermissionCheckHandler(() => false);
      session.defaultSession.setDevicePermissionHandler(() => false);
    })
    .catch((error: unknown) => {
      // Better no kiosk than one that grants what it was asked: quit before any window opens.
      log.error("security", { event: "lockdown-failed", error });
      app.exit(1);
    });
}
