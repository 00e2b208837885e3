import { app, Menu, session, type WebContents } from "electron";
import { log } from "./log";
import { applicationMenu } from "./platform";

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
      // No application menu (Electron's default one carries reload, devtools, zoom and close
      // accelerators), except macOS's Edit menu, without which text fields lose Cmd+C/V/X/A.
      const menu = applicationMenu(process.platform, app.getName());
      Menu.setApplicationMenu(menu ? Menu.buildFromTemplate(menu) : null);
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
