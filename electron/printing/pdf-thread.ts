import path from "node:path";
import type { Worker } from "node:worker_threads";
import type { Paper, Ticket } from "../../contract/ticket";
import { startThread } from "../background/client";
import { log } from "../log";
import { pdfResponseSchema, type PdfRequest } from "./pdf-protocol";

/** A slip's PDF as the drivers send it: the bytes, and the page size `lp` is told. */
export type RenderedPdf = { pdf: Buffer; widthMm: number; heightMm: number };

/**
 * The PDF thread stopped before it drew a slip: it crashed, or the app is closing. The print queue fails the attempt
 * like any failed render; the next slip starts a new thread.
 */
export class PdfThreadStopped extends Error {
  constructor(ticketNumber: number, reason: "crashed" | "closing", code: number) {
    super(
      reason === "closing"
        ? `Happy Head is closing: ticket ${ticketNumber} was not drawn.`
        : `The thread that draws slips stopped (exit code ${code}) before it finished ticket ${ticketNumber}; the next slip starts it again.`,
    );
    this.name = "PdfThreadStopped";
  }
}

export interface PdfThread {
  /** The slip as ./pdf.ts renderPdf draws it, drawn on the PDF thread; rejects with its error, never hangs. */
  render(ticket: Ticket, paper: Paper): Promise<RenderedPdf>;
  /**
   * Starts the thread now if it is not running, so the first slip of the day pays no thread start and pdfkit load
   * (about 0.6 s): the app core calls it once its after-start upkeep is done.
   */
  warm(): void;
  /** Ends the thread (the app's close): a slip in flight is rejected with PdfThreadStopped; the next starts anew. */
  close(): Promise<void>;
}

type Call = { ticketNumber: number; resolve: (r: RenderedPdf) => void; reject: (e: Error) => void };

/** The PDF thread: its bundled pdf-worker.js beside main.js, or ./pdf-worker.ts from source (client.ts startThread). */
export const startPdfWorker = (): Worker =>
  startThread("pdf-worker.js", path.join(__dirname, "pdf-worker.ts"), undefined);

/**
 * One long-lived thread (./pdf-worker.ts) for every slip: started on the first, kept for the next so a confirmation
 * pays neither a thread start nor pdfkit's load. Every answer is parsed; when the thread exits, each slip in flight is
 * rejected with PdfThreadStopped and the next slip starts a new thread. An idle thread does not keep the process alive.
 * `startWorker` starts it (tests keep the Worker to kill it mid-slip).
 */
export function createPdfThread(startWorker: () => Worker = startPdfWorker): PdfThread {
  let worker: Worker | null = null;
  let nextId = 1;
  const closing = new WeakSet<Worker>();
  const pending = new Map<number, Call>();

  const start = (): Worker => {
    const w = startWorker();
    w.unref();
    w.on("message", (raw: unknown) => {
      const r = pdfResponseSchema.safeParse(raw);
      const call = r.success ? pending.get(r.data.id) : undefined;
      if (!r.success || !call) return;
      pending.delete(r.data.id);
      if (pending.size === 0) w.unref();
      const m = r.data;
      if (m.ok) {
        const pdf = Buffer.from(m.pdf.buffer, m.pdf.byteOffset, m.pdf.byteLength);
        call.resolve({ pdf, widthMm: m.widthMm, heightMm: m.heightMm });
      } else call.reject(Object.assign(new Error(m.message), { name: m.name }));
    });
    // An uncaught error in the thread is reported here, then `exit` rejects what is in flight.
    w.on("error", (error) => log.error("printing", { event: "pdf-thread-error", error }));
    w.on("exit", (code) => {
      if (worker === w) worker = null;
      const reason = closing.has(w) ? "closing" : "crashed";
      for (const [id, call] of pending) {
        pending.delete(id);
        call.reject(new PdfThreadStopped(call.ticketNumber, reason, code));
      }
    });
    return w;
  };

  return {
    render: (ticket, paper) =>
      new Promise<RenderedPdf>((resolve, reject) => {
        const w = (worker ??= start());
        const id = nextId++;
        // A slip in flight keeps the process alive (the idle thread does not).
        if (pending.size === 0) w.ref();
        pending.set(id, { ticketNumber: ticket.ticketNumber, resolve, reject });
        const request: PdfRequest = { id, ticket, paper };
        w.postMessage(request);
      }),
    warm: () => {
      worker ??= start();
    },
    close: async () => {
      const w = worker;
      worker = null;
      if (!w) return;
      closing.add(w);
      await w.terminate();
    },
  };
}

/** The app's PDF thread: the PDF-folder and CUPS drivers draw every slip on it; the app core closes it. */
export const pdfThread: PdfThread = createPdfThread();
