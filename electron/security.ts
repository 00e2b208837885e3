import { app, session, type WebContents } from "electron";
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
    contents.on("will-navigate", (event) => event.preventDefault());
    contents.on("will-redirect", (event) => event.preventDefault());
    contents.on("will-attach-webview", (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: "deny" }));
  });
  app.whenReady().then(() => {
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
    session.defaultSession.setDevicePermissionHandler(() => false);
  });
}
