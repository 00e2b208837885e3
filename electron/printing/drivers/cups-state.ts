/**
 * What the CUPS tools say about a queue and a job, read back in words a receptionist can act on (pure). The
 * commands run in the C locale (cups.ts), so their English wording is what is matched here.
 */

/** A queue as `lpstat -p<queue> -a<queue>` describes it. */
export interface QueueState {
  /** False once the queue is stopped (cupsdisable, or CUPS itself after the printer failed). */
  enabled: boolean;
  /** False once the queue refuses new jobs (cupsreject). */
  accepting: boolean;
  /** Why it was stopped or set to refuse jobs, as CUPS recorded it ("Paper jam", "Unable to connect…"); null: none. */
  reason: string | null;
}

/** CUPS's own words for "no reason given", never shown as one. */
const NO_REASON = /^(Paused|Rejecting Jobs|reason unknown|Accepting Jobs)$/i;

/** Reads `lpstat -p<queue> -a<queue>`'s answer; null when it says nothing about the queue. */
export function parseQueueState(stdout: string, queue: string): QueueState | null {
  const lines = stdout.split("\n");
  const printerLine = lines.findIndex((line) => line.startsWith(`printer ${queue} `));
  const acceptLine = lines.findIndex((line) => line.startsWith(`${queue} `) && / accepting requests /.test(line));
  if (printerLine < 0) return null;
  const enabled = !/ disabled since /.test(lines[printerLine] ?? "");
  const accepting = acceptLine < 0 || !/ not accepting requests /.test(lines[acceptLine] ?? "");
  // The reason is the indented line under a stopped or refusing queue's line.
  const reasonUnder = (index: number) => {
    const text = index >= 0 ? (lines[index + 1] ?? "") : "";
    return /^\s/.test(text) && !NO_REASON.test(text.trim()) && text.trim() !== "" ? text.trim() : null;
  };
  const reason = (!enabled ? reasonUnder(printerLine) : null) ?? (!accepting ? reasonUnder(acceptLine) : null);
  return { enabled, accepting, reason };
}

/** A job still in the spooler, as `lpstat -l -o<queue>` lists it. */
export interface PendingJob {
  /** Held: set aside until someone releases it (lp -H hold, a queue's job-hold-until default); never started. */
  held: boolean;
  /** Being printed now (lpstat's alert job-printing): it is coming out. */
  printing: boolean;
}

/** The job number of lp's request id ("Recepción☕-12" → 12): unique across the spooler's queues. */
export function jobNumber(requestId: string): number | null {
  const digits = /-(\d+)$/.exec(requestId)?.[1];
  return digits === undefined ? null : Number(digits);
}

/**
 * The job `number` in `lpstat -l -o`'s list of every queue's unfinished jobs; null once it has left the spooler. Found
 * by number: lpstat lists a queue whose name is not ASCII percent-encoded ("Recepci%C3%B3n-12"), and finds no job at
 * all when asked about that queue by its name.
 */
export function findPendingJob(stdout: string, number: number): PendingJob | null {
  const lines = stdout.split("\n");
  const at = lines.findIndex((line) => !/^\s/.test(line) && jobNumber(line.split(/\s+/)[0] ?? "") === number);
  if (at < 0) return null;
  const details: string[] = [];
  for (const line of lines.slice(at + 1)) {
    if (!/^\s/.test(line)) break;
    details.push(line);
  }
  const alert = (name: string) => details.some((line) => new RegExp(`Alerts:.*\\b${name}\\b`).test(line));
  return { held: alert("job-hold-until-specified"), printing: alert("job-printing") };
}

/**
 * How a job that left the spooler ended, from `cancel`'s refusal ("Job #24 is already completed - can't cancel."):
 * "gone" when CUPS keeps no history of it; null when cancel failed for another reason (CUPS not answering).
 */
export function jobEnding(stderr: string): "completed" | "canceled" | "aborted" | "gone" | null {
  const ended = /is already (completed|canceled|aborted)/.exec(stderr)?.[1];
  if (ended === "completed" || ended === "canceled" || ended === "aborted") return ended;
  return /does not exist/.test(stderr) ? "gone" : null;
}

/** The printer's page in the CUPS web interface, where Resume Printer and Accept Jobs are. */
const cupsPage = (queue: string): string => `http://localhost:631/printers/${encodeURIComponent(queue)}`;

/** The receptionist's words for each spooler state; each says what to do about it. */
export const CUPS_WORDS = {
  notRunning:
    "The print service (CUPS) is not running. Restart the computer, or ask whoever looks after it to start the cups service",
  notFound: (queue: string, installed: readonly string[]) =>
    `Printer not found: ${queue}. Check that the printer is switched on and plugged in, or choose it again in Back office → Printer` +
    (installed.length > 0 ? ` (installed: ${installed.join(", ")})` : " (this computer lists no printers)"),
  stopped: (queue: string, reason: string | null) =>
    `Printer ${queue} is stopped${reason ? ` (${reason})` : ""}. Fix the printer, then open ${cupsPage(queue)} and choose Maintenance → Resume Printer`,
  rejecting: (queue: string, reason: string | null) =>
    `Printer ${queue} is set to refuse print jobs${reason ? ` (${reason})` : ""}. Open ${cupsPage(queue)} and choose Administration → Accept Jobs`,
  held: (queue: string) =>
    `Printer ${queue} holds every ticket until someone releases it, so the ticket was taken back. Ask whoever set up the printer to stop it holding jobs (job-hold-until-default=no-hold)`,
  cancelled: (queue: string) =>
    `The ticket was cancelled in printer ${queue}'s print queue before it printed. If the printer shows an error, fix it first`,
  notPrinted: (queue: string, wait: string) =>
    `Printer ${queue} had not printed the ticket after ${wait}, so it was taken back from the print queue. Check that the printer is switched on, plugged in and has paper`,
} as const;
