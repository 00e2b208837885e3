import type { WebContentsPrintOptions } from "electron";
import type { Paper } from "../../../contract/ticket";
import { seconds, type PrinterDriver, type PrintJob, type PrintOutcome, type PrinterStatus } from "../driver";
import { renderTicketHtml } from "../html";

/**
 * The system printer through Electron's own printing (webContents.print): how tickets reach the
 * Windows print spooler, which has no `lp`. Everything here runs under plain Node; the Electron
 * calls themselves live in electron/printing/electron-host.ts and come in as an ElectronPrintHost.
 */

/** What webContents.print's callback said. */
export type ElectronPrintResult = { success: boolean; failureReason: string };

export interface ElectronPrintHost {
  /** The OS's names of the installed printers (webContents.getPrintersAsync()). */
  listPrinters(): Promise<string[]>;
  /**
   * Loads `html` into a hidden, sandboxed window without Node or scripts, prints it with
   * `options` and resolves with the print callback's arguments; the window is closed after the
   * callback or when `signal` aborts. Rejects only when the page could not be loaded, i.e.
   * before anything was handed to the spooler.
   */
  print(html: string, options: WebContentsPrintOptions, signal: AbortSignal): Promise<ElectronPrintResult>;
}

/** Chromium takes no URL longer than this (url::kMaxURLChars, 2 MiB): a longer one loads nothing. */
export const CHROMIUM_URL_MAX = 2 * 1024 * 1024;

/**
 * The ticket page as the URL the print window loads: a data: URL of the page, which loads nothing else. A slip with
 * an emoji carries its font inline (about 1.2 MB of it here); the longest slip at the contract's limits stays under
 * CHROMIUM_URL_MAX (electron-print.test.ts).
 */
export const ticketPageUrl = (html: string): string => `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;

/** A page size in millimetres as Electron wants it: microns. */
export function pageSizeMicrons(page: { widthMm: number; heightMm: number }): { width: number; height: number } {
  return { width: Math.round(page.widthMm * 1000), height: Math.round(page.heightMm * 1000) };
}

/** Silent, to the named printer, edge to edge on a page exactly the ticket's size, banners in black. */
export function electronPrintOptions(
  deviceName: string,
  page: { widthMm: number; heightMm: number },
): WebContentsPrintOptions {
  return {
    silent: true,
    deviceName,
    printBackground: true,
    margins: { marginType: "none" },
    pageSize: pageSizeMicrons(page),
  };
}

/**
 * What a print attempt means for the queue. Electron names a printer it cannot find ("Invalid
 * deviceName provided") and settings the driver refuses before anything is spooled: certain
 * failures, nothing printed. A job cancelled in the spooler or by the driver did not finish
 * spooling: failed, for the desk to Retry or Reprint (never resent by itself, so a person who
 * cancelled it is not overruled). A failed job or no answer in time may have reached the
 * printer: uncertain, so the queue prints a REPRINT copy instead of the same ticket again.
 */
export function electronPrintOutcome(
  result: ElectronPrintResult | "timeout",
  printer: string,
  timeoutMs: number,
): PrintOutcome {
  if (result === "timeout") {
    return {
      ok: false,
      transient: true,
      uncertain: true,
      reason: `The print spooler did not answer within ${seconds(timeoutMs)} (printer ${printer})`,
    };
  }
  if (result.success) return { ok: true };
  const reason = result.failureReason.trim();
  if (/invalid device ?name/i.test(reason))
    return { ok: false, transient: false, reason: `Printer not found: ${printer}` };
  if (/invalid printer settings|printer settings empty/i.test(reason)) {
    return {
      ok: false,
      transient: false,
      reason: `Printer ${printer} refused the ticket's paper size; check its paper settings`,
    };
  }
  if (/cancel/i.test(reason))
    return { ok: false, transient: false, reason: `The print job was cancelled on printer ${printer}` };
  return {
    ok: false,
    transient: true,
    uncertain: true,
    reason:
      reason === "" ? `Printing failed on printer ${printer}` : `Printing failed on printer ${printer}: ${reason}`,
  };
}

export type ElectronPrintDriverOptions = {
  /** Shown to people: "the Windows print spooler", "CUPS". */
  spooler: string;
  /** How long the spooler may take to take the job. Default 20 s. */
  timeoutMs?: number;
};

export class ElectronPrintDriver implements PrinterDriver {
  private readonly timeoutMs: number;
  private readonly spooler: string;

  constructor(
    private readonly host: ElectronPrintHost,
    private readonly printer: string,
    private readonly paper: Paper,
    options: ElectronPrintDriverOptions,
  ) {
    this.spooler = options.spooler;
    this.timeoutMs = options.timeoutMs ?? 20_000;
  }

  describe(): string {
    return `System printer "${this.printer}" through ${this.spooler} (${this.paper} paper)`;
  }

  async print(job: PrintJob): Promise<PrintOutcome> {
    const { html, widthMm, heightMm } = renderTicketHtml(job.ticket, this.paper);
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), this.timeoutMs);
    });
    try {
      const result = await Promise.race([
        this.host.print(html, electronPrintOptions(this.printer, { widthMm, heightMm }), abort.signal),
        timeout,
      ]);
      if (result === "timeout") abort.abort();
      return electronPrintOutcome(result, this.printer, this.timeoutMs);
    } catch {
      return { ok: false, transient: true, reason: "Could not prepare the ticket for printing" };
    } finally {
      clearTimeout(timer);
    }
  }

  /** The spooler tells Electron which printers exist, not whether they have paper. */
  async status(): Promise<PrinterStatus> {
    let printers: string[];
    try {
      printers = await this.host.listPrinters();
    } catch {
      return { state: "unknown", message: `The list of printers could not be read from ${this.spooler}` };
    }
    return printers.includes(this.printer)
      ? { state: "ready", message: `Printer ${this.printer} is installed` }
      : { state: "offline", message: `Printer not found: ${this.printer}` };
  }
}
