import type { Model } from "../../db/model";
import type { PrinterList, PrinterStatusInfo } from "../../contract/printing";
import type { PrinterSetting, Ticket } from "../../contract/ticket";
import { getSettings } from "../../db/settings";
import { printBacklog } from "../../db/printing/desk-jobs";
import { ticketTimes } from "../../db/printing/tickets";
import { addMinutes } from "../../db/time";
import type { PrintQueue } from "./queue";
import type { PrintOutcome, PrinterDriver, PrinterStatus } from "./driver";

export interface PrintingService {
  /** Asks the printer now (unless a job is being sent) and pushes the result if it changed. */
  refresh(): Promise<PrinterStatusInfo>;
  /** Recounts waiting/failed tickets (after a job changed) and pushes the status if it changed. */
  recount(): void;
  listPrinters(): Promise<PrinterList>;
  testPrint(setting: PrinterSetting, confirmedBy: string): Promise<{ ok: boolean; message: string }>;
  stop(): void;
}

export interface PrintingServiceDeps {
  model: Model;
  queue: PrintQueue;
  driverFor(setting: PrinterSetting, purpose?: "tickets" | "test"): PrinterDriver;
  publish(status: PrinterStatusInfo): void;
  /** The installed system printers (CUPS, or Windows' through Electron), for the Printer tab. */
  listPrinters(): Promise<PrinterList>;
  /** How often the main process asks the printer for its state (never the renderer). */
  pollMs?: number;
}

const same = (a: PrinterStatusInfo | null, b: PrinterStatusInfo): boolean =>
  a !== null &&
  a.state === b.state &&
  a.message === b.message &&
  a.printer === b.printer &&
  a.queued === b.queued &&
  a.failed === b.failed &&
  a.lastError === b.lastError;

/**
 * The printer's state for the desk: the driver's own status (DLE EOT, lpstat, folder check),
 * asked on a timer and whenever the queue goes idle, plus the queue's backlog. Changes are
 * pushed as the "printer.status" event, so no renderer ever polls. A printer found ready again
 * after a problem gets the tickets that waited for it at once.
 */
export function createPrintingService(deps: PrintingServiceDeps): PrintingService {
  const { model, queue } = deps;
  let printer: PrinterStatus & { printer: string; checkedAt: string } = {
    state: "unknown",
    message: "Checking the printer…",
    printer: deps.driverFor(getSettings(model.db).printer).describe(),
    checkedAt: model.clock.now().toISOString(),
  };
  let last: PrinterStatusInfo | null = null;
  let checking: Promise<PrinterStatusInfo> | null = null;
  let stopped = false;

  /** The status without the backlog's recount (the database closed or busy): the last counts known. */
  const withoutRecount = (): PrinterStatusInfo => ({
    ...printer,
    queued: last?.queued ?? 0,
    failed: last?.failed ?? 0,
    lastError: last?.lastError ?? null,
  });

  /** The last known backlog stays on show once the database is closed (shutdown). */
  const compose = (): PrinterStatusInfo => (model.db.open ? { ...printer, ...printBacklog(model) } : withoutRecount());
  const publishIfChanged = (): PrinterStatusInfo => {
    const status = compose();
    if (!same(last, status)) {
      last = status;
      if (!stopped) deps.publish(status);
    }
    return status;
  };

  const check = async (): Promise<PrinterStatusInfo> => {
    if (stopped || !model.db.open) return compose();
    const driver = deps.driverFor(getSettings(model.db).printer);
    // A thermal printer may take one connection at a time: never ask it while a job is going out.
    if (!queue.busy()) {
      let status: PrinterStatus;
      try {
        status = await driver.status();
      } catch {
        status = { state: "unknown", message: "The printer's state could not be read" };
      }
      if (stopped || !model.db.open) return compose();
      const cameBack = printer.state !== "ready" && status.state === "ready";
      printer = { ...status, printer: driver.describe(), checkedAt: model.clock.now().toISOString() };
      // Tickets that waited for it print now, not after a backoff of up to 5 minutes.
      if (cameBack) queue.retryNow();
    }
    return publishIfChanged();
  };

  // Never rejects: the timer and the queue's idle hook call it without waiting for it.
  const refresh = (): Promise<PrinterStatusInfo> => {
    checking ??= check()
      .catch(() => withoutRecount())
      .finally(() => {
        checking = null;
      });
    return checking;
  };

  const timer = setInterval(() => void refresh(), deps.pollMs ?? 30_000);
  timer.unref();

  return {
    refresh,
    recount: () => {
      if (!stopped && model.db.open) publishIfChanged();
    },
    listPrinters: () => deps.listPrinters(),
    testPrint: async (setting, confirmedBy) => {
      const driver = deps.driverFor(setting, "test");
      // A driver that throws answers in words, as the print worker does (queue.ts DRIVER_FAILED).
      const outcome = await driver
        .print({ jobId: 1, ticket: sampleTicketFor(model, confirmedBy) })
        .catch((): PrintOutcome => ({
          ok: false,
          transient: false,
          reason: "the printer driver failed on the test ticket",
        }));
      if (outcome.ok) return { ok: true, message: sentence(`Test ticket sent: ${driver.describe()}`) };
      return { ok: false, message: sentence(`Test print failed: ${outcome.reason}`) };
    },
    stop: () => {
      stopped = true;
      clearInterval(timer);
    },
  };
}

const sentence = (text: string): string => (/[.!?]$/.test(text) ? text : `${text}.`);

/** The test ticket: every field filled, two sample add-ons large and bold, under a TEST PRINT banner. */
function sampleTicketFor(model: Model, confirmedBy: string): Ticket {
  const { spaName, timeZone } = getSettings(model.db);
  const now = model.clock.now().toISOString();
  const times = ticketTimes(timeZone);
  return {
    spaName,
    ticketNumber: 1,
    printJobId: 1,
    kind: "original",
    sample: true,
    changes: [],
    voidReason: null,
    guestLabel: "Test G.",
    dateLocal: times.date(now),
    startLocal: times.clock(now),
    endLocal: times.clock(addMinutes(now, 90)),
    serviceName: "Printer test",
    serviceMinutes: 60,
    therapistName: "Therapist",
    roomName: "Room",
    addons: [
      { code: "face", title: "FACE MASSAGE", extraMinutes: 15 },
      { code: "scalp", title: "SCALP MASSAGE", extraMinutes: 15 },
    ],
    confirmedBy,
    printedAtLocal: times.printedAt(now),
  };
}
