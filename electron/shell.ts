import { app, BrowserWindow, dialog, ipcMain, powerSaveBlocker, protocol, screen } from "electron";
import path from "node:path";
import { isPersonOrigin, RPC_CHANNEL } from "../contract/bridge";
import { fail } from "../contract/result";
import { useNativeBinding } from "../db/open";
import { systemClock } from "../db/time";
import { nativeBindingPath, type launchConfig } from "./config";
import { createAppCore, type AppCore } from "./core";
import { readKioskDisplay, saveKioskDisplay } from "./display-memory";
import { electronPrintHost } from "./printing/electron-host";
import type { CallerSession, PinPad } from "./ipc/session";
import { powerSaveBlock, secondInstanceTarget, type ShellWindow } from "./lifecycle";
import { guardClose, watchRenderer } from "./window-watch";
import { moveKioskWindow, onDisplaysSettled, placeStaff } from "./display-moves";
import { log } from "./log";
import { dialogExportHost, SUMMARY_PDF } from "./report-exports";
import { recoveryWindows } from "./recovery-windows";
import { createStartupController, type StartupController } from "./startup/controller";
import { recoveryWindowsAfterStart } from "./startup/decide";
import { serveStatic } from "./static";
import {
  fromOwnTopFrame,
  kioskWindowOptions,
  load,
  loaded,
  lockDownContents,
  planWindows,
  rememberKioskDisplay,
  replanActions,
  send,
  staffWindowOptions,
  type StaffPlacement,
  type WindowPlan,
} from "./windows";

/**
 * The app's windows and their IPC, fed by Electron's events: the startup, kiosk and staff windows, their sessions,
 * crashes and hangs, display changes and the report-export dialogs. electron/main.ts hands over to createShell.
 */

const rendererRoot = path.join(__dirname, "..", "renderer");
const preload = path.join(__dirname, "preload.js");

export function createShell(config: ReturnType<typeof launchConfig>) {
  let quitting = false;
  let core: AppCore | null = null;
  let blocker: number | null = null;
  /** What each window is for (the staff window's can change with the displays). */
  const roles = new Map<BrowserWindow, ShellWindow>();
  /** Sessions by webContents id: the only source of a caller's role. */
  const sessions = new Map<number, CallerSession>();
  let startupWindow: BrowserWindow | null = null;
  let kioskWindow: BrowserWindow | null = null;
  let staffWindow: BrowserWindow | null = null;
  let controller: StartupController<AppCore> | null = null;
  /** The windows showing the recovery screen, closed once the app opens (again); off the staff display, PIN-locked. */
  const recovery = recoveryWindows(preload, (onStaffDisplay) => controller?.placed(onStaffDisplay));
  const alive = (w: BrowserWindow | null): w is BrowserWindow => w !== null && !w.isDestroyed();
  const displayFile = path.join(path.dirname(app.getPath("sessionData")), "kiosk-display.json");
  let rememberedDisplay = readKioskDisplay(displayFile);

  /** The plan for the displays connected now, remembering the kiosk's display. */
  const currentPlan = (): WindowPlan => {
    const displays = screen.getAllDisplays();
    const plan = planWindows(displays, rememberedDisplay);
    rememberedDisplay = rememberKioskDisplay(rememberedDisplay, displays, plan);
    saveKioskDisplay(displayFile, rememberedDisplay);
    return plan;
  };

  const watched = (win: BrowserWindow) => ({ role: () => roles.get(win) ?? "kiosk", quitting: () => quitting });
  /** Every window: a user's close refused until quitting, a crash or a hang watched (window-watch.ts). */
  function watch(win: BrowserWindow, reload: () => void): void {
    guardClose(win, watched(win), () => {
      quitting = true;
      app.quit();
    });
    win.on("closed", () => roles.delete(win));
    watchRenderer(win, watched(win), reload);
  }

  /** A staff window on the kiosk's display is a PIN pad a guest can reach: its wrong-PIN delays are its own. */
  const padOf = (shellRole: ShellWindow): PinPad =>
    shellRole === "staff-on-demand" ? "kiosk-display" : "staff-display";

  function appWindow(
    opened: AppCore,
    role: "kiosk" | "staff",
    shellRole: ShellWindow,
    options: Electron.BrowserWindowConstructorOptions,
    onShown?: () => void,
  ): BrowserWindow {
    const win = new BrowserWindow(options);
    roles.set(win, shellRole);
    const id = win.webContents.id;
    sessions.set(id, opened.newSession(role, padOf(shellRole)));
    win.on("closed", () => sessions.delete(id));
    win.removeMenu();
    lockDownContents(win.webContents, role);
    // A reloaded page starts over: a new session (a staff window is back at its PIN pad).
    watch(win, () => {
      if (recovery.has(win)) return load(win, "recovery");
      sessions.set(id, opened.newSession(role, padOf(shellRole)));
      load(win, role);
    });
    win.once("ready-to-show", () => {
      win.show();
      onShown?.();
    });
    load(win, role);
    return win;
  }

  /** One staff window at a time: asking again brings the open one forward. */
  function openStaff(opened: AppCore, placement: StaffPlacement): void {
    if (alive(staffWindow)) {
      staffWindow.show();
      staffWindow.focus();
      return;
    }
    const { childOfKiosk, ...options } = staffWindowOptions(placement.bounds, preload, placement.ownDisplay);
    const win = appWindow(opened, "staff", placement.ownDisplay ? "staff" : "staff-on-demand", {
      ...options,
      ...(childOfKiosk && alive(kioskWindow) ? { parent: kioskWindow } : {}),
    });
    win.on("closed", () => {
      if (staffWindow === win) staffWindow = null;
    });
    staffWindow = win;
  }

  /** Every display event: plan again and move the windows to the new plan. */
  function replan(): void {
    if (screen.getAllDisplays().length === 0) return; // everything in standby: leave the windows be
    const plan = currentPlan();
    const acts = replanActions(plan, alive(staffWindow));
    log.info("displays", {
      event: "replanned",
      displays: screen.getAllDisplays().length,
      kioskDisplay: plan.kioskDisplayId,
      staff: acts.staff?.action ?? "none",
    });
    if (alive(kioskWindow)) moveKioskWindow(kioskWindow, acts.kiosk);
    recovery.follow(plan);
    if (!acts.staff || !core) return;
    if (acts.staff.action === "move" && alive(staffWindow)) {
      roles.set(staffWindow, acts.staff.placement.ownDisplay ? "staff" : "staff-on-demand");
      placeStaff(staffWindow, acts.staff.placement, alive(kioskWindow) ? kioskWindow : null, preload);
    } else if (acts.staff.action === "open" && alive(kioskWindow)) openStaff(core, acts.staff.placement);
  }

  /** Opens the kiosk (and the staff window where planned); resolves once the kiosk is on screen. */
  function openAppWindows(opened: AppCore, plan: WindowPlan): Promise<void> {
    opened.onEvent((audience, name, payload) => {
      for (const wc of BrowserWindow.getAllWindows().map((w) => w.webContents)) {
        const session = sessions.get(wc.id);
        if (session && (audience === "all" || session.window === "staff")) send(wc, name, payload);
      }
    });
    opened.setStaffWindowOpener(() => openStaff(opened, currentPlan().staffOnDemand));
    // The startup window stays until the kiosk is on screen over it: no desktop in between.
    return new Promise((onScreen) => {
      kioskWindow = appWindow(opened, "kiosk", "kiosk", kioskWindowOptions(plan.kiosk, preload), () => {
        recovery.closeAll(); // the startup window with them
        if (plan.staffAtStart) openStaff(opened, plan.staffAtStart);
        onScreen();
      });
    });
  }

  /**
   * Report exports in the desktop app: the MAIN process asks where to save with the system dialog over the manager's
   * window (the renderer never names a path) and prints the summary with printToPDF; the rest is report-exports.ts.
   */
  const windowOf = (session: CallerSession) =>
    BrowserWindow.getAllWindows().find((w) => sessions.get(w.webContents.id) === session) ?? null;
  const exportHost = dialogExportHost({
    documentsDir: () => app.getPath("documents"),
    ask: (session, question) => {
      const win = windowOf(session);
      return win ? dialog.showSaveDialog(win, question) : dialog.showSaveDialog(question);
    },
    renderPdf: (session) => {
      const win = windowOf(session);
      return win
        ? win.webContents.printToPDF(SUMMARY_PDF)
        : Promise.reject(new Error("The window closed before its summary was printed."));
    },
  });

  /**
   * Damage found by the quick check with the app open: the controller has closed the core; the kiosk and staff windows
   * show the recovery screen instead. With the staff window on its own display now, it has the real screen and the
   * kiosk only shows it; otherwise the kiosk is the screen (locked until a manager's PIN) and a staff window closes.
   */
  function showRecoveryInAppWindows(): void {
    core = null;
    const staffOnOwnDisplay = alive(staffWindow) && roles.get(staffWindow) === "staff";
    const where = recoveryWindowsAfterStart(staffOnOwnDisplay);
    if (where.staff === "close" && alive(staffWindow)) staffWindow.destroy();
    const windows: [BrowserWindow | null, "screen" | "guest", boolean][] = [
      [kioskWindow, where.kiosk === "recovery" ? "screen" : "guest", false],
      [where.staff === "recovery" ? staffWindow : null, "screen", true],
    ];
    for (const [win, view, onStaffDisplay] of windows) {
      if (!alive(win)) continue;
      sessions.delete(win.webContents.id);
      recovery.add(win, view, onStaffDisplay);
      load(win, "recovery");
    }
    log.info("startup", { event: "recovery-in-app-windows", staffDisplay: staffOnOwnDisplay });
  }

  /**
   * Startup: a progress window while the database is checked, backed up and migrated; the app's windows when it opens;
   * the recovery screen (restore, another folder, quit) when it can't — never a blank window, never a crash loop.
   */
  async function start(): Promise<void> {
    await app.whenReady();
    // Before anything opens a database: every connection (db/open.ts, connect) loads this build.
    useNativeBinding(
      nativeBindingPath({
        packaged: app.isPackaged,
        resourcesPath: process.resourcesPath,
        appPath: app.getAppPath(),
        electronVersion: process.versions.electron,
      }),
    );
    protocol.handle("app", async (request) => {
      const res = await serveStatic(rendererRoot, new URL(request.url).pathname);
      return new Response(res.body, { status: res.status, headers: res.headers });
    });

    const block = powerSaveBlock(quitting);
    if (block) {
      blocker = powerSaveBlocker.start(block);
      log.info("power", { event: "sleep-blocked", type: block, blocker });
    }

    const plan = currentPlan();
    // With a staff display, startup (and recovery, if it comes to that) is shown there, out of the
    // guests' reach; on one display it is the guest's, and recovery asks for a manager's PIN first.
    const staffDisplay = plan.staffAtStart?.ownDisplay ? plan.staffAtStart : null;
    const startup = new BrowserWindow({
      ...(staffDisplay
        ? staffWindowOptions(staffDisplay.bounds, preload, true)
        : kioskWindowOptions(plan.kiosk, preload)),
      title: "Happy Head — Starting",
    });
    startupWindow = startup;
    recovery.add(startup, "screen", staffDisplay !== null);
    roles.set(startup, "startup");
    startup.removeMenu();
    lockDownContents(startup.webContents, "kiosk");
    watch(startup, () => load(startup, "recovery"));
    startup.once("ready-to-show", () => startup.show());

    const startupController = createStartupController<AppCore>({
      dataDir: config.dataDir,
      onStaffDisplay: staffDisplay !== null,
      clock: systemClock,
      openCore: () =>
        createAppCore({
          dataDir: config.dataDir,
          seed: config.seed,
          exportHost,
          electronPrinting: { host: electronPrintHost, everywhere: config.systemPrintEverywhere },
        }),
      onState: (state) => {
        if (state.phase === "problem" && core && !quitting) showRecoveryInAppWindows();
        // As the controller has it now: showRecoveryInAppWindows may have locked it (placed).
        recovery.push((window) => startupController.view(window));
      },
      onReady: (opened) => {
        core = opened;
        log.info("app", { event: "started", seed: config.seed });
        return openAppWindows(opened, currentPlan());
      },
      chooseFolder: () => {
        dialog
          .showOpenDialog(startup, {
            title: "Choose the Happy Head data folder",
            properties: ["openDirectory", "createDirectory"],
          })
          .then((r) => {
            const dir = r.filePaths[0];
            if (r.canceled || !dir) return;
            app.relaunch({
              args: [...process.argv.slice(1).filter((a) => !a.startsWith("--data-dir=")), `--data-dir=${dir}`],
            });
            app.quit();
          })
          .catch((error: unknown) => log.error("startup", { event: "choose-folder-failed", error }));
      },
      quit: () => app.quit(),
    });
    controller = startupController;

    ipcMain.handle(RPC_CHANNEL, (event, channel: unknown, payload: unknown, origin: unknown) => {
      if (!fromOwnTopFrame(event)) return fail("FORBIDDEN", "Calls are only accepted from the app's own windows.");
      const view = recovery.viewOf(event.sender);
      if (view === "screen") return startupController.dispatch(channel, payload);
      if (view === "guest") return startupController.dispatchFromGuest(channel, payload);
      const session = sessions.get(event.sender.id);
      if (!session || !core) return fail("FORBIDDEN", "Calls are only accepted from the app's own windows.");
      return core.dispatch(session, channel, payload, isPersonOrigin(origin) ? "person" : "app");
    });

    app.on("second-instance", () => {
      const target = secondInstanceTarget({ startup: alive(startupWindow), kiosk: alive(kioskWindow) });
      const win = target === "startup" ? startupWindow : target === "kiosk" ? kioskWindow : null;
      log.info("app", { event: "second-instance", focused: target ?? "none" });
      if (!alive(win)) return;
      if (win.isMinimized()) win.restore();
      win.show();
      win.focus();
    });

    // A display removed locks the recovery screen at once; the settled plan says where it is.
    onDisplaysSettled(screen, replan, () => controller?.placed(false));

    await loaded(startup, "recovery"); // failed or not: the page asks for the state when it loads (recovery.state)
    await startupController.run();
  }

  return {
    start,
    quitting: () => {
      quitting = true;
      if (blocker !== null && powerSaveBlock(quitting) === null) {
        powerSaveBlocker.stop(blocker);
        log.info("power", { event: "sleep-allowed", blocker });
        blocker = null;
      }
    },
    /** Resolves once the core has closed in order (electron/core.ts); nothing to close resolves at once. */
    closeCore: async () => {
      const closing = core;
      core = null;
      await closing?.close();
    },
  };
}
