import { app, BrowserWindow, dialog, ipcMain, protocol, screen, type IpcMainInvokeEvent, type WebContents } from "electron";
import path from "node:path";
import { EVENT_CHANNEL, RPC_CHANNEL } from "../contract/bridge";
import { STARTUP_EVENT } from "../contract/recovery";
import { fail } from "../contract/result";
import { systemClock } from "../db/time";
import { launchConfig, nativeBindingPath } from "./config";
import { createAppCore, type AppCore } from "./core";
import { electronPrintHost } from "./printing/electron-host";
import type { CallerSession } from "./ipc/session";
import { log } from "./log";
import { dialogExportHost, SUMMARY_PDF } from "./report-exports";
import { hardenApp, isOwnUrl } from "./security";
import { createStartupController } from "./startup";
import { serveStatic } from "./static";
import { kioskWindowOptions, lockDownContents, pageUrl, planWindows, staffWindowOptions, type StaffPlacement, type WindowPlan } from "./windows";

protocol.registerSchemesAsPrivileged([
  { scheme: "app", privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
app.enableSandbox();
hardenApp();

if (!app.requestSingleInstanceLock()) app.quit();

const rendererRoot = path.join(__dirname, "..", "renderer");
const preload = path.join(__dirname, "preload.js");
/** Sessions by webContents id: the only source of a caller's role. */
const sessions = new Map<number, CallerSession>();

function openWindow(core: AppCore, role: "kiosk" | "staff", options: Electron.BrowserWindowConstructorOptions): BrowserWindow {
  const win = new BrowserWindow(options);
  const id = win.webContents.id;
  sessions.set(id, core.newSession(role));
  win.on("closed", () => sessions.delete(id));
  win.removeMenu();
  lockDownContents(win.webContents, role);
  win.once("ready-to-show", () => win.show());
  void win.loadURL(pageUrl(role));
  return win;
}

/** The calling frame must be the window's own top frame, at our origin. */
const fromOwnTopFrame = (event: IpcMainInvokeEvent): boolean => {
  const frame = event.senderFrame;
  return Boolean(frame && frame === event.sender.mainFrame && isOwnUrl(frame.url));
};

/** The window a session belongs to (sessions are keyed by webContents id). */
function windowOf(session: CallerSession): BrowserWindow | null {
  return BrowserWindow.getAllWindows().find((w) => sessions.get(w.webContents.id) === session) ?? null;
}

/**
 * Report exports in the desktop app: the MAIN process asks where to save with the system
 * dialog over the manager's window (the renderer never names a path) and prints the summary
 * with printToPDF; the rest of the host is electron/report-exports.ts.
 */
const electronExportHost = dialogExportHost({
  documentsDir: () => app.getPath("documents"),
  ask: (session, question) => {
    const win = windowOf(session);
    return win ? dialog.showSaveDialog(win, question) : dialog.showSaveDialog(question);
  },
  renderPdf: (session) => {
    const win = windowOf(session);
    return win ? win.webContents.printToPDF(SUMMARY_PDF) : Promise.reject(new Error("The window closed before its summary was printed."));
  },
});

function openAppWindows(core: AppCore, plan: WindowPlan): void {
  core.onEvent((audience, name, payload) => {
    for (const wc of BrowserWindow.getAllWindows().map((w) => w.webContents)) {
      const session = sessions.get(wc.id);
      if (session && (audience === "all" || session.window === "staff")) send(wc, name, payload);
    }
  });

  let staffWindow: BrowserWindow | null = null;
  /** One staff window at a time: asking again brings the open one forward. */
  const openStaff = (placement: StaffPlacement) => {
    if (staffWindow && !staffWindow.isDestroyed()) {
      staffWindow.show();
      staffWindow.focus();
      return;
    }
    const win = openWindow(core, "staff", staffWindowOptions(placement.bounds, preload, placement.ownDisplay));
    win.on("closed", () => {
      if (staffWindow === win) staffWindow = null;
    });
    staffWindow = win;
  };
  core.setStaffWindowOpener(() => openStaff(planWindows(screen.getAllDisplays()).staffOnDemand));
  openWindow(core, "kiosk", kioskWindowOptions(plan.kiosk, preload));
  if (plan.staffAtStart) openStaff(plan.staffAtStart);
}

/**
 * Startup: a progress window on the kiosk screen while the database is checked, backed up and
 * migrated; the app's windows when it opens; the recovery screen (restore, another folder, quit)
 * when it can't — never a blank window, never a crash loop.
 */
async function start(): Promise<void> {
  await app.whenReady();
  const config = launchConfig(process.argv, process.env, app.getPath("userData"));
  const nativeBinding = nativeBindingPath({
    packaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    appPath: app.getAppPath(),
    electronVersion: process.versions.electron,
  });

  protocol.handle("app", async (request) => {
    const res = await serveStatic(rendererRoot, new URL(request.url).pathname);
    return new Response(res.body, { status: res.status, headers: res.headers });
  });

  const plan = planWindows(screen.getAllDisplays());
  const startupWindow = new BrowserWindow({ ...kioskWindowOptions(plan.kiosk, preload), title: "Happy Head — Starting" });
  startupWindow.removeMenu();
  lockDownContents(startupWindow.webContents, "kiosk");
  startupWindow.once("ready-to-show", () => startupWindow.show());
  let core: AppCore | null = null;

  const controller = createStartupController<AppCore>({
    dataDir: config.dataDir,
    clock: systemClock,
    nativeBinding,
    openCore: () =>
      createAppCore({
        dataDir: config.dataDir,
        seed: config.seed,
        exportHost: electronExportHost,
        electronPrinting: { host: electronPrintHost, everywhere: config.systemPrintEverywhere },
        nativeBinding,
      }),
    onState: (state) => send(startupWindow.webContents, STARTUP_EVENT, state),
    onReady: (opened) => {
      core = opened;
      log.info("app", { event: "started", seed: config.seed });
      openAppWindows(opened, plan);
      startupWindow.destroy();
    },
    chooseFolder: () => {
      void dialog
        .showOpenDialog(startupWindow, { title: "Choose the Happy Head data folder", properties: ["openDirectory", "createDirectory"] })
        .then((r) => {
          const dir = r.filePaths[0];
          if (r.canceled || !dir) return;
          app.relaunch({ args: [...process.argv.slice(1).filter((a) => !a.startsWith("--data-dir=")), `--data-dir=${dir}`] });
          app.exit(0);
        });
    },
    quit: () => app.quit(),
  });

  ipcMain.handle(RPC_CHANNEL, (event, channel: unknown, payload: unknown) => {
    if (!fromOwnTopFrame(event)) return fail("FORBIDDEN", "Calls are only accepted from the app's own windows.");
    if (!startupWindow.isDestroyed() && event.sender === startupWindow.webContents) return controller.dispatch(channel, payload);
    const session = sessions.get(event.sender.id);
    if (!session || !core) return fail("FORBIDDEN", "Calls are only accepted from the app's own windows.");
    return core.dispatch(session, channel, payload);
  });

  app.on("before-quit", () => core?.close());
  await startupWindow.loadURL(pageUrl("recovery"));
  await controller.run();
}

function send(wc: WebContents, name: string, payload: unknown): void {
  if (!wc.isDestroyed()) wc.send(EVENT_CHANNEL, name, payload);
}

// The kiosk window can't be closed, so this is a real quit, not the staff window closing.
app.on("window-all-closed", () => app.quit());
start().catch((error: unknown) => {
  // Only reachable before the startup window exists (no display, protocol failure): nothing to show.
  log.error("app", { event: "start-failed", error });
  app.exit(1);
});
