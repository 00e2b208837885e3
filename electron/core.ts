import { modelOf, type Model } from "../db/model";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { eventAudience, type EventName, type EventPayload } from "../contract/channels";
import { nativeBindingInUse, openDatabase } from "../db/open";
import { demoClock } from "../db/demo/clock";
import { seedDemo } from "../db/demo/seed-demo";
import { getSettings } from "../db/settings";
import { activeStaffMember } from "../db/staff/staff";
import { recoverInterruptedJobs } from "../db/printing/jobs";
import { bookJoinedNotesOnce } from "../db/import/joined-notes";
import { systemClock, type Clock } from "../db/time";
import { createDispatcher, type Dispatch } from "./ipc/dispatch";
import { createHandlers } from "./ipc/handlers";
import { newSession, type CallerSession, type PinPad, type WindowRole } from "./ipc/session";
import { createPrintQueue, type PrintQueue } from "./printing/queue";
import { createPrintingService, type PrintingService } from "./printing/service";
import { pdfThread } from "./printing/pdf-thread";
import { chooseSystemPrinting, createDriver, listSystemPrinters, type ElectronPrinting } from "./printing/drivers";
import type { PrinterDriver } from "./printing/driver";
import { log } from "./log";
import { needsBackgroundRefresh } from "../db/reports/cache";
import { exportOffThread } from "./background/export-thread";
import { createReportExports, folderExportHost, type ExportHost, type ReportExports } from "./report-exports";
import { createMaintenance, type Maintenance } from "./maintenance";
import { cleanClose } from "./startup/records";
import { callsInTurn, gateWrites, newWriteGate, writesInTurn } from "./background/gate";
import { verifyBeforeCommit } from "../db/file-identity";
import { createBackgroundWork, logBackgroundFailure, type BackgroundWork } from "./background/client";
import { createCheckpoints, type Checkpoints } from "./checkpoints";
import { startWal } from "../db/maintenance/checkpoint";
import { SyncWorker } from "../db/sync/worker";
import { createWriteGate } from "./write-gate";
import { createPinPads } from "../db/staff/pin-pads";
import { startHeartbeat } from "./heartbeat";

export interface AppCoreOptions {
  dataDir: string;
  /** 'demo' seeds a believable spa into an empty database; 'empty' leaves it empty. */
  seed: "demo" | "empty";
  clock?: Clock;
  /** Tests may swap the printer driver (e.g. a fault-injecting one). */
  driverFor?: (setting: Parameters<typeof createDriver>[0]) => PrinterDriver;
  /** Print-retry backoff (tests shorten it); default 2 s, 4 s, 8 s … up to 5 minutes. */
  printBackoffMs?: (attempt: number) => number;
  /** Where report exports go: Electron's save dialog + printToPDF; default `<dataDir>/exports/`. */
  exportHost?: ExportHost;
  /** Electron's printing (electron/printing/electron-host.ts): how the system printer is reached on Windows. */
  electronPrinting?: ElectronPrinting;
  /** Monotonic milliseconds for idle sessions and PIN delays; default performance.now (tests pass a fake). */
  monotonicMs?: () => number;
  /** The OS the system printer setting is for; default this one's (tests take Windows' path under Node). */
  platform?: NodeJS.Platform;
  /** How often the staff windows get "app.heartbeat"; default HEARTBEAT_EVERY_MS (contract/channels.ts). */
  heartbeatMs?: number;
}

export type EventListener = (audience: "staff" | "all", event: EventName, payload: unknown) => void;

export interface AppCore {
  model: Model;
  dispatch: Dispatch;
  newSession(window: WindowRole, pad?: PinPad): CallerSession;
  onEvent(listener: EventListener): () => void;
  /**
   * How the shell opens a staff window when the kiosk asks (one display): electron/shell.ts
   * opens a BrowserWindow, the browser wiring a page. Only ever opens a window; the new window
   * gets its own staff session at the PIN pad.
   */
  setStaffWindowOpener(open: () => void): void;
  printQueue: PrintQueue;
  printing: PrintingService;
  reportExports: ReportExports;
  maintenance: Maintenance;
  /**
   * The background worker: the model's heavy work (report cache, backups, retention, integrity check) off the main
   * thread.
   */
  background: BackgroundWork;
  /** Moves the WAL back into the file from the worker (electron/checkpoints.ts). */
  checkpoints: Checkpoints;
  paths: { dataDir: string; database: string; tickets: string };
  /**
   * Closes in order (calls refused with "Happy Head is closing", upkeep and worker tasks stopped,
   * the workers ended, the calls under way answered, then the database); resolves when closed.
   * A second call gets the same promise.
   */
  close(): Promise<void>;
}

/**
 * Everything the app is except Electron: the database, the handler table, the dispatcher, push
 * events, the print worker and the head-office sync worker. electron/shell.ts wraps it in windows and IPC; the e2e and
 * preview wiring wrap it in Chromium pages. Same code, only the transport differs.
 */
export async function createAppCore(options: AppCoreOptions): Promise<AppCore> {
  const monotonicMs = options.monotonicMs ?? (() => performance.now());
  const pinPads = createPinPads(monotonicMs);
  mkdirSync(options.dataDir, { recursive: true });
  const database = path.join(options.dataDir, "happyhead.sqlite3");
  const tickets = path.join(options.dataDir, "tickets");
  mkdirSync(tickets, { recursive: true });
  const fresh = !existsSync(database);
  const gate = newWriteGate();
  // The main thread's connection never checkpoints inside a commit: `checkpoints` below has the worker do it.
  // Its writes take turns with the workers' (gateWrites), never committed into a lost file (verifyBeforeCommit).
  // Its first commit, which flushes the data folder too (and the WAL's header when the WAL starts over), is made as it
  // opens (startWal), not in a guest's check-in.
  const open = () => {
    const db = gateWrites(verifyBeforeCommit(openDatabase(database, { checkpoints: "background" })), gate);
    startWal(db);
    return db;
  };
  const db = open();
  // The demo spa keeps its day going in the evening and at night (db/demo/clock.ts).
  const clock = options.clock ?? (options.seed === "demo" ? demoClock(getSettings(db).timeZone) : systemClock);
  const model: Model = modelOf(db, clock);
  if (fresh && options.seed === "demo") await seedDemo(model);
  recoverInterruptedJobs(model);
  // Bookings an import noted "Also booked: Scalp Massage 15 min" before migration 0033: booked ahead now.
  bookJoinedNotesOnce(model);

  const listeners = new Set<EventListener>();
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>) => {
    for (const l of listeners) l(eventAudience[event], event, payload);
  };
  const platform = options.platform ?? process.platform;
  const system = chooseSystemPrinting(platform, options.electronPrinting ?? null);
  // Test prints of the PDF-folder driver go to their own folder, never over a real ticket's file.
  const driverFor = (setting: Parameters<typeof createDriver>[0], purpose: "tickets" | "test" = "tickets") =>
    options.driverFor?.(setting) ??
    createDriver(setting, {
      pdfDir: purpose === "test" ? path.join(tickets, "test-prints") : tickets,
      platform,
      system,
    });
  // What writes on the main thread outside a call (printing, the head-office sync) takes its turn like a call does, and
  // waits out a hold (a time-zone change) where a call is refused (electron/background/gate.ts).
  const writeInTurn = writesInTurn(gate, "wait");
  let printing: PrintingService | null = null;
  const printQueue = createPrintQueue(
    model,
    driverFor,
    {
      onJobChanged: (appointmentId) => {
        emit("queue.changed", { appointmentId, reason: "print" });
        printing?.recount();
      },
      onIdle: () => void printing?.refresh(),
    },
    {
      ...(options.printBackoffMs ? { backoffMs: options.printBackoffMs } : {}),
      onError: (what, error) => log.error("printing", { what, error }),
      writeInTurn,
    },
  );
  printing = createPrintingService({
    model,
    queue: printQueue,
    driverFor,
    publish: (status) => emit("printer.status", status),
    listPrinters: () => listSystemPrinters(platform, system),
  });
  const binding = nativeBindingInUse();
  const background = createBackgroundWork({ database, gate, ...(binding ? { nativeBinding: binding } : {}) });
  const checkpoints = createCheckpoints({ database, background, now: monotonicMs });
  const maintenance = createMaintenance({
    model,
    background,
    database,
    open,
    stopWrites: () => fileGate.stop("restoring"),
    resumeWrites: () => fileGate.resume(),
    pausePrinting: () => printQueue.pause(),
    resumePrinting: () => printQueue.resume(),
    onRestored: () => emit("settings.changed", {}),
    onLeftOut: () => emit("restoreGaps.changed", {}),
    writeInTurn,
  });
  const reportExports = createReportExports({
    model,
    host: options.exportHost ?? folderExportHost(options.dataDir),
    exportRows: (job, signal, onProgress) =>
      exportOffThread({ database, ...(binding ? { nativeBinding: binding } : {}) }, job, signal, onProgress),
    prepareReport: async (from, to) => {
      if (needsBackgroundRefresh(model, from, to)) await background.run("refreshReports", { from, to });
    },
    emit,
  });
  let staffWindowOpener: () => void = () => undefined;
  // Head-office sync: sends the outbox once the location is paired (until then it only looks every few seconds).
  const headOffice = new SyncWorker({ model, writeInTurn });
  const handlers = createHandlers({
    model,
    background,
    emit,
    printQueued: () => printQueue.kick(),
    printing,
    openStaffWindow: () => staffWindowOpener(),
    reportExports,
    maintenance,
    headOffice,
    demo: options.seed === "demo",
    pinPads,
    monotonicMs,
  });
  const dispatcher = createDispatcher(handlers, {
    now: monotonicMs,
    staffIdleMs: () => getSettings(model.db).staffIdleSeconds * 1000,
    currentStaff: (staffId) => activeStaffMember(model, staffId),
    logError: (channel, code, error) => log.error("ipc", { channel, code, error }),
    dataDir: options.dataDir,
  });
  // A call that writes waits for a worker's write slice without holding up the main thread (callsInTurn).
  const inTurn = callsInTurn(gate);
  const fileGate = createWriteGate(
    model,
    (session, channel, payload, origin) => inTurn(String(channel), () => dispatcher(session, channel, payload, origin)),
    { onFileLost: (change) => void maintenance.rescue(change), exempt: new Set(["maintenance.restore"]) },
  );
  const dispatch = fileGate.dispatch;
  printQueue.kick();
  maintenance.start();
  checkpoints.start();
  headOffice.start();
  const stopHeartbeat = startHeartbeat(() => emit("app.heartbeat", {}), options.heartbeatMs);

  // Once the after-start upkeep is done, the workers fill the report cache, newest day first, so a
  // manager's first report after an upgrade or import does not compute years at once. Not beside
  // the upkeep: the cache passes' read snapshots kept retention's WAL from starting over, and it grew
  // to 535 MB, whose truncation at the end held the kiosk's writes 130-170 ms.
  let warmUp = true;
  void maintenance.settled().then(() => {
    // The slips' thread too: the first confirmation prints without its start (electron/printing/pdf-thread.ts).
    if (warmUp) pdfThread.warm();
    if (!warmUp || model.db.prepare("SELECT 1 FROM report_stale LIMIT 1").get() === undefined) return;
    background
      .run("warmReports", {})
      .catch((error: unknown) => logBackgroundFailure("reports", "cache-warm-failed", error));
  });

  let closing: Promise<void> | null = null;
  return {
    model,
    dispatch,
    newSession,
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setStaffWindowOpener: (open) => {
      staffWindowOpener = open;
    },
    printQueue,
    printing,
    reportExports,
    maintenance,
    background,
    checkpoints,
    paths: { dataDir: options.dataDir, database, tickets },
    close: () =>
      (closing ??= (async () => {
        // In order: no new work (each call answered "closing"), the upkeep and every task in the
        // worker stopped (a half-done slice rolled back; a call waiting for one answered
        // "closing"), the workers gone with their connections, then the calls under way answered,
        // and only then the main connection closed: as the last one, it checkpoints the WAL away. The slips' PDF thread
        // ends too (a slip it was drawing is printed at the next start).
        warmUp = false;
        stopHeartbeat();
        const answered = fileGate.stop("closing");
        const upkeepEnded = maintenance.stop();
        const checkpointEnded = checkpoints.stop();
        printQueue.stop();
        printing?.stop();
        await Promise.all([background.close(), reportExports.close(), pdfThread.close()]);
        await Promise.all([upkeepEnded, checkpointEnded, answered, headOffice.stop()]);
        listeners.clear();
        model.db.close();
        cleanClose.record(database);
      })()),
  };
}
