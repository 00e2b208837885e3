import type { WebContentsPrintOptions } from "electron";
import { describe, expect, it } from "vitest";
import { sampleTicket } from "../../test-support/fixtures";
import { renderTicketHtml } from "../html";
import { TICKET_LIMITS as L, ticketSchema, type Ticket } from "../../../contract/ticket";
import {
  CHROMIUM_URL_MAX,
  ElectronPrintDriver,
  electronPrintOptions,
  electronPrintOutcome,
  pageSizeMicrons,
  type ElectronPrintHost,
  type ElectronPrintResult,
  ticketPageUrl,
} from "./electron-print";

describe("Electron print options", () => {
  it("gives the page in microns", () => {
    expect(pageSizeMicrons({ widthMm: 80, heightMm: 97 })).toEqual({ width: 80_000, height: 97_000 });
    expect(pageSizeMicrons({ widthMm: 58, heightMm: 101 })).toEqual({ width: 58_000, height: 101_000 });
  });

  it("prints silently to the named printer, edge to edge, banners in black, on the ticket's own page", () => {
    expect(electronPrintOptions("EPSON TM-T20III Receipt", { widthMm: 58, heightMm: 101 })).toEqual({
      silent: true,
      deviceName: "EPSON TM-T20III Receipt",
      printBackground: true,
      margins: { marginType: "none" },
      pageSize: { width: 58_000, height: 101_000 },
    });
  });
});

describe("the ticket page's URL", () => {
  /** Text of `max` UTF-16 units, all emoji: the longest a field takes, the most a page grows by it. */
  const emoji = (max: number) => "👨‍👩‍👧".repeat(Math.floor(max / 8)) + "🥜".repeat((max % 8) >> 1);

  it("is one Chromium loads for the longest slip at the contract's limits, every field of it in emoji", () => {
    const ticket: Ticket = ticketSchema.parse(
      sampleTicket({
        kind: "changed",
        spaName: emoji(L.spaName),
        changes: Array.from({ length: L.changes }, () => emoji(L.change)),
        voidReason: emoji(L.voidReason),
        guestLabel: emoji(L.guestLabel),
        guestLanguage: emoji(L.guestLanguage),
        serviceName: emoji(L.serviceName),
        therapistName: emoji(L.therapistName),
        roomName: emoji(L.roomName),
        note: emoji(L.note),
        addons: Array.from({ length: L.addons }, (_, i) => ({
          code: `a${i}`,
          title: emoji(L.addonTitle),
          extraMinutes: L.extraMinutes,
        })),
        alerts: {
          allergies: Array.from({ length: L.allergies }, () => emoji(L.allergy)),
          avoid: Array.from({ length: L.avoid }, () => emoji(L.area)),
          checks: Array.from({ length: L.checks }, (_, i) => ({ addon: `a${i}`, reason: emoji(L.checkReason) })),
        },
        confirmedBy: emoji(L.confirmedBy),
      }),
    );
    for (const paper of ["80mm", "58mm"] as const) {
      const { html } = renderTicketHtml(ticket, paper);
      const url = ticketPageUrl(html);
      expect(decodeURIComponent(url.slice(url.indexOf(",") + 1))).toBe(html);
      expect(url.length).toBeLessThan(CHROMIUM_URL_MAX);
    }
  });
});

describe("electronPrintOutcome", () => {
  const outcome = (failureReason: string, success = false) =>
    electronPrintOutcome({ success, failureReason }, "TM-T20", 20_000);

  it("is printed when the spooler took the job", () => {
    expect(outcome("", true)).toEqual({ ok: true });
  });

  it("names a printer Electron cannot find; nothing was sent, so retrying does not help", () => {
    expect(outcome("Invalid deviceName provided")).toEqual({
      ok: false,
      transient: false,
      reason: "Printer not found: TM-T20",
    });
    expect(outcome("webContents.print(): Invalid deviceName provided.")).toMatchObject({
      reason: "Printer not found: TM-T20",
    });
  });

  it("names settings the printer refused before anything was spooled", () => {
    expect(outcome("Invalid printer settings")).toEqual({
      ok: false,
      transient: false,
      reason: "Printer TM-T20 refused the ticket's paper size; check its paper settings",
    });
  });

  it("leaves a cancelled job to the desk (Retry or Reprint), never sending it again by itself", () => {
    expect(outcome("Print job canceled")).toEqual({
      ok: false,
      transient: false,
      reason: "The print job was cancelled on printer TM-T20",
    });
  });

  it("treats a failed job and a spooler that does not answer as possibly printed: REPRINT, never the same ticket again", () => {
    expect(outcome("Print job failed")).toEqual({
      ok: false,
      transient: true,
      uncertain: true,
      reason: "Printing failed on printer TM-T20: Print job failed",
    });
    expect(outcome("")).toEqual({
      ok: false,
      transient: true,
      uncertain: true,
      reason: "Printing failed on printer TM-T20",
    });
    expect(electronPrintOutcome("timeout", "TM-T20", 20_000)).toEqual({
      ok: false,
      transient: true,
      uncertain: true,
      reason: "The print spooler did not answer within 20 s (printer TM-T20)",
    });
  });
});

/**
 * The driver's own flow against a stand-in for electron/printing/electron-host.ts (the part that
 * calls Electron): what it hands over, and what it makes of each answer. Electron's real
 * printing is exercised by e2e/electron-printing.spec.ts where Electron runs.
 */
function recordingHost(
  answer: (signal: AbortSignal) => Promise<ElectronPrintResult>,
  printers: () => Promise<string[]> = () => Promise.resolve([]),
) {
  const calls: { html: string; options: WebContentsPrintOptions; signal: AbortSignal }[] = [];
  const host: ElectronPrintHost = {
    listPrinters: printers,
    print: (html, options, signal) => {
      calls.push({ html, options, signal });
      return answer(signal);
    },
  };
  return { host, calls };
}

describe("ElectronPrintDriver", () => {
  const job = { jobId: 1007, ticket: sampleTicket() };

  it("hands the ticket's HTML and its page size to Electron's printing", async () => {
    const { host, calls } = recordingHost(() => Promise.resolve({ success: true, failureReason: "" }));
    const driver = new ElectronPrintDriver(host, "TM-T20", "58mm", { spooler: "the Windows print spooler" });
    expect(await driver.print(job)).toEqual({ ok: true });
    const page = renderTicketHtml(job.ticket, "58mm");
    expect(calls).toHaveLength(1);
    expect(calls[0]?.html).toBe(page.html);
    expect(calls[0]?.options).toEqual(electronPrintOptions("TM-T20", page));
    expect(calls[0]?.signal.aborted).toBe(false);
  });

  it("gives up on a spooler that does not answer, closes the print window and marks the ticket uncertain", async () => {
    const { host, calls } = recordingHost(() => new Promise(() => {}));
    const driver = new ElectronPrintDriver(host, "TM-T20", "80mm", {
      spooler: "the Windows print spooler",
      timeoutMs: 50,
    });
    expect(await driver.print(job)).toEqual({
      ok: false,
      transient: true,
      uncertain: true,
      reason: "The print spooler did not answer within 0.1 s (printer TM-T20)",
    });
    expect(calls[0]?.signal.aborted).toBe(true);
  });

  it("reports a ticket page that could not be loaded as not sent", async () => {
    const { host } = recordingHost(() => Promise.reject(new Error("ERR_ABORTED")));
    const driver = new ElectronPrintDriver(host, "TM-T20", "80mm", { spooler: "the Windows print spooler" });
    expect(await driver.print(job)).toEqual({
      ok: false,
      transient: true,
      reason: "Could not prepare the ticket for printing",
    });
  });

  it("reports the printer ready while the spooler lists it, not found when it does not", async () => {
    const { host } = recordingHost(
      () => Promise.resolve({ success: true, failureReason: "" }),
      () => Promise.resolve(["TM-T20", "Microsoft Print to PDF"]),
    );
    const spooler = { spooler: "the Windows print spooler" };
    expect(await new ElectronPrintDriver(host, "TM-T20", "80mm", spooler).status()).toEqual({
      state: "ready",
      message: "Printer TM-T20 is installed",
    });
    expect(await new ElectronPrintDriver(host, "TM-T88", "80mm", spooler).status()).toEqual({
      state: "offline",
      message: "Printer not found: TM-T88",
    });
    const { host: broken } = recordingHost(
      () => Promise.resolve({ success: true, failureReason: "" }),
      () => Promise.reject(new Error("RPC failed")),
    );
    expect(await new ElectronPrintDriver(broken, "TM-T20", "80mm", spooler).status()).toEqual({
      state: "unknown",
      message: "The list of printers could not be read from the Windows print spooler",
    });
  });
});
