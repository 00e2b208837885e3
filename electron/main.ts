import { app, BrowserWindow, ipcMain, protocol, screen, type IpcMainInvokeEvent, type WebContents } from "electron";
import path from "node:path";
import { EVENT_CHANNEL, RPC_CHANNEL } from "../contract/bridge";
import { fail } from "../contract/result";
import { launchConfig, nativeBindingPath } from "./config";
import { createAppCore, type AppCore } from "./core";
import type { CallerSession } from "./ipc/session";
import { log } from "./log";
import { hardenApp, isOwnUrl } from "./security";
import { serveStatic } from "./static";
import { kioskWindowOptions, pageUrl, planWindows, staffWindowOptions, type StaffPlacement } from "./windows";

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
  win.once("ready-to-show", () => win.show());
  void win.loadURL(pageUrl(role));
  return win;
}

/** The sender must be one of our windows, calling from its own top frame at our origin. */
function senderSession(event: IpcMainInvokeEvent): CallerSession | null {
  const frame = event.senderFrame;
  if (!frame || frame !== event.sender.mainFrame || !isOwnUrl(frame.url)) return null;
  return sessions.get(event.sender.id) ?? null;
}

async function start(): Promise<void> {
  await app.whenReady();
  const config = launchConfig(process.argv, process.env, app.getPath("userData"));
  const core = await createAppCore({
    ...config,
    nativeBinding: nativeBindingPath({
      packaged: app.isPackaged,
      resourcesPath: process.resourcesPath,
      appPath: app.getAppPath(),
      electronVersion: process.versions.electron,
    }),
  });
  log.info("app", { event: "started", seed: config.seed });

  protocol.handle("app", async (request) => {
    const res = await serveStatic(rendererRoot, new URL(request.url).pathname);
    return new Response(res.body, { status: res.status, headers: res.headers });
  });

  ipcMain.handle(RPC_CHANNEL, (event, channel: unknown, payload: unknown) => {
    const session = senderSession(event);
    if (!session) return fail("FORBIDDEN", "Calls are only accepted from the app's own windows.");
    return core.dispatch(session, channel, payload);
  });

  core.onEvent((audience, name, payload) => {
    for (const wc of BrowserWindow.getAllWindows().map((w) => w.webContents)) {
      const session = sessions.get(wc.id);
      if (session && (audience === "all" || session.window === "staff")) send(wc, name, payload);
    }
  });

  const plan = planWindows(screen.getAllDisplays());
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

  app.on("before-quit", () => core.close());
}

function send(wc: WebContents, name: string, payload: unknown): void {
  if (!wc.isDestroyed()) wc.send(EVENT_CHANNEL, name, payload);
}

// The kiosk window can't be closed, so this is a real quit, not the staff window closing.
app.on("window-all-closed", () => app.quit());
start().catch((error: unknown) => {
  log.error("app", { event: "start-failed", error });
  app.exit(1);
});
