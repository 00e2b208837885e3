import type { Ticket } from "../../contract/ticket";

export type PrintJob = { jobId: number; ticket: Ticket };

/**
 * `reason` is plain language for the receptionist ("Printer is out of paper"). `transient`
 * means retrying later may succeed without anyone changing the printer setting. `uncertain`
 * means the ticket may already be on paper (the failure came after bytes started to leave),
 * so the queue never sends it again as is: it prints a REPRINT-bannered copy instead.
 */
export type PrintOutcome = { ok: true } | { ok: false; transient: boolean; reason: string; uncertain?: boolean };

export type PrinterState = "ready" | "offline" | "paper-out" | "cover-open" | "unknown";
export type PrinterStatus = { state: PrinterState; message: string };

export interface PrinterDriver {
  /** Short human description of where tickets go, e.g. "Network printer 10.0.0.7:9100". */
  describe(): string;
  print(job: PrintJob): Promise<PrintOutcome>;
  status(): Promise<PrinterStatus>;
}

/** "5 s", "0.3 s": a timeout as a receptionist would read it. */
export function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}
