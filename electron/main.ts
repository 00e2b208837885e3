import { app, protocol } from "electron";
import path from "node:path";
import { launchConfig } from "./config";
import { afterUncaught } from "./lifecycle";
import { log, logToFolder } from "./log";
import { chromiumProfileDir, ozoneDecision, type OzoneDecision } from "./platform";
import { hardenApp } from "./security";
import { createShell } from "./shell";

/**
 * The Electron glue. Every decision — who may close, what a crash or a hang leads to, where the windows go when
 * displays change, which window a second launch focuses, when the screen may sleep, what an uncaught exception does —
 * is a plain function in lifecycle.ts, windows.ts and platform.ts; this file (the entry point: start-up, the process's
 * and app's events) and shell.ts (the windows and their IPC), window-watch.ts and display-moves.ts feed them Electron's
 * events and apply their answers.
 */

function boot(ozone: OzoneDecision): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: "app", privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
  app.enableSandbox();
  const profileDir = chromiumProfileDir(process.platform, process.env, app.getPath("home"), app.getName());
  app.setPath("sessionData", profileDir);
  app.setPath("crashDumps", path.join(profileDir, "Crashpad"));
  const config = launchConfig(process.argv, process.env, app.getPath("userData"), app.isPackaged);
  logToFolder(path.join(config.dataDir, "logs"));
  if (ozone.action === "wayland-only")
    log.error("displays", { event: "wayland-without-xwayland", effect: "windows-cannot-be-placed" });
  hardenApp();

  let uncaught: number[] = [];
  // Listening replaces Electron's modal error dialog, which would sit over the kiosk.
  process.on("uncaughtException", (error) => {
    // Monotonic: a clock corrected back an hour must not keep old exceptions counting as recent.
    const next = afterUncaught(uncaught, performance.now());
    uncaught = next.recent;
    log.error("app", { event: "uncaught-exception", action: next.action, error });
    if (next.action === "relaunch") {
      app.relaunch();
      app.quit();
    }
  });
  // A promise nobody awaited failed: nothing is left half-done by it, so it is only logged.
  process.on("unhandledRejection", (reason) => log.error("app", { event: "unhandled-rejection", error: reason }));
  // Chromium's other processes (GPU, network, audio, printing's utility processes) come back by themselves, and after
  // repeated GPU crashes it draws in software: a kiosk that went slow or blank for a moment leaves this line behind.
  app.on("child-process-gone", (_event, gone) =>
    log.error("app", {
      event: "child-process-gone",
      type: gone.type,
      reason: gone.reason,
      exitCode: gone.exitCode,
      service: gone.serviceName ?? gone.name,
    }),
  );

  const shell = createShell(config);
  app.on("before-quit", () => shell.quitting());
  // The core closes in order (work in flight stopped, then the database): the quit waits for it, then goes on.
  let coreClosed = false;
  app.on("will-quit", (event) => {
    if (coreClosed) return;
    event.preventDefault();
    void shell.closeCore().finally(() => {
      coreClosed = true;
      app.quit();
    });
  });
  // Every window refuses a user's close until the app quits, so this is a quit already under way.
  app.on("window-all-closed", () => app.quit());
  shell.start().catch((error: unknown) => {
    // Only reachable before the startup window exists (protocol failure): nothing to show.
    log.error("app", { event: "start-failed", error });
    app.exit(1);
  });
}

// Last, once every constant above exists.
const ozone = ozoneDecision(process.platform, process.env, process.argv);
if (ozone.action === "relaunch-x11") {
  // Chromium chose its display platform before this code ran: start again on XWayland.
  app.relaunch({ args: ozone.args });
  app.exit(0);
} else if (!app.requestSingleInstanceLock()) {
  // Another copy runs; it brings its window forward (second-instance in createShell, electron/shell.ts). Start nothing.
  app.exit(0);
} else {
  boot(ozone);
}
