import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { isAbsolute, join } from "node:path";
import type { Paper } from "../../../contract/ticket";
import { seconds, type PrinterDriver, type PrintJob, type PrintOutcome, type PrinterStatus } from "../driver";
import { pdfThread, type RenderedPdf } from "../pdf-thread";
import {
  CUPS_WORDS,
  findPendingJob,
  jobEnding,
  jobNumber,
  parseQueueState,
  type PendingJob,
  type QueueState,
} from "./cups-state";

/**
 * Prints through the system's CUPS queues with `lp` (Linux, macOS). Commands run without a
 * shell, with a timeout, the C locale so their messages can be recognised, and none of the
 * AppImage's own folders (systemToolEnv).
 */

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * The search paths the AppImage's launcher puts its own folders in front of (electron-builder's AppRun,
 * app-builder-lib 26.17 out/targets/appimage/appImageUtil.js generateAppRunScript), and LD_PRELOAD, which
 * ld.so also obeys in every program; with what separates their entries (ld.so(8): LD_LIBRARY_PATH colons
 * or semicolons, LD_PRELOAD colons or spaces).
 */
const SEARCH_PATHS: Record<string, RegExp> = {
  LD_LIBRARY_PATH: /[:;]/,
  LD_PRELOAD: /[:\s]/,
  PATH: /:/,
  XDG_DATA_DIRS: /:/,
  GSETTINGS_SCHEMA_DIR: /:/,
};

/**
 * The environment for the system's own tools (lp, lpstat), from the app's (pure). Run from an AppImage,
 * the app's environment has the AppImage's folder (`appDir`, the runtime's APPDIR) first in LD_LIBRARY_PATH
 * and PATH: lp would load the libraries bundled for Electron instead of the system's libcups and gnutls, and
 * could run a program of the bundle. Entries in or under `appDir` are dropped from the search paths, and so
 * are empty ones (the current folder, for ld.so and PATH); a search path left with nothing is left out.
 * Everything else (LANG, CUPS_SERVER, the rest of PATH) is kept as it is.
 */
export function systemToolEnv(env: NodeJS.ProcessEnv, appDir: string | undefined = env.APPDIR): NodeJS.ProcessEnv {
  const root = appDir?.replace(/\/+$/, "") ?? "";
  // Without an absolute folder (no AppImage, or an APPDIR of "/"), nothing is the bundle's.
  const bundled = (entry: string) =>
    root !== "" && isAbsolute(root) && (entry === root || entry.startsWith(`${root}/`));
  const clean: NodeJS.ProcessEnv = { ...env };
  for (const [name, separator] of Object.entries(SEARCH_PATHS)) {
    const value = env[name];
    if (value === undefined) continue;
    const kept = value.split(separator).filter((entry) => entry !== "" && !bundled(entry));
    if (kept.length > 0) clean[name] = kept.join(":");
    else delete clean[name];
  }
  return clean;
}

type CommandResult = { ok: true; stdout: string } | { ok: false; failure: CommandFailure };
type CommandFailure = { kind: "missing" | "timeout" | "failed"; stderr: string };

function run(command: string, args: readonly string[], timeoutMs: number): Promise<CommandResult> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { timeout: timeoutMs, env: { ...systemToolEnv(process.env), LC_ALL: "C", LANG: "C" }, windowsHide: true },
      (error, stdout, stderr) => {
        if (error === null) return resolve({ ok: true, stdout });
        const kind = error.code === "ENOENT" ? "missing" : error.killed ? "timeout" : "failed";
        resolve({ ok: false, failure: { kind, stderr: stderr.trim() } });
      },
    );
  });
}

/** Names of the installed CUPS queues; empty when CUPS is missing or not running. */
export async function listCupsPrinters(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<string[]> {
  const result = await run("lpstat", ["-e"], timeoutMs);
  if (!result.ok) return [];
  return result.stdout
    .split("\n")
    .map((name) => name.trim())
    .filter((name) => name !== "");
}

/** Whether the CUPS scheduler answers (`lpstat -r`). */
export async function cupsIsRunning(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<boolean> {
  const result = await run("lpstat", ["-r"], timeoutMs);
  return result.ok && /scheduler is running/.test(result.stdout);
}

/** Parses `lp`'s "request id is Queue-12 (1 file(s))". */
export function parseRequestId(stdout: string): string | null {
  return /request id is (\S+)/.exec(stdout)?.[1] ?? null;
}

/**
 * A value that would read as an option: a printer named "-hserver:631" given to `lpstat -p`
 * would send the query to another server. The contract refuses such a name; a stored one is
 * refused here again, before any command runs.
 */
const looksLikeOption = (value: string): boolean => value.startsWith("-");
const OPTION_LIKE_NAME =
  "The printer's name starts with a dash (-), which the print commands would read as an option; rename the printer in the system's print settings and choose it again in Back office → Printer";

/** How long a job CUPS took may stay in its queue before it is taken back (as long as Windows' spooler gets). */
const DEFAULT_SETTLE_MS = 20_000;
/** How many times settleMs a job CUPS is printing now may take. */
const PRINTING_SETTLE_FACTOR = 3;
/** How often the spooler is asked whether the job has left it. */
const SETTLE_POLL_MS = 200;

export class CupsDriver implements PrinterDriver {
  private readonly timeoutMs: number;
  private readonly settleMs: number;

  constructor(
    private readonly printer: string,
    private readonly paper: Paper,
    options: { timeoutMs?: number; settleMs?: number } = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.settleMs = options.settleMs ?? DEFAULT_SETTLE_MS;
  }

  describe(): string {
    return `System printer "${this.printer}" (${this.paper} paper)`;
  }

  /** Explains a failed lp/lpstat run; CUPS reports "does not exist" also when it is down. */
  private async explain(failure: CommandFailure): Promise<{ transient: boolean; reason: string }> {
    if (failure.kind === "missing") {
      return { transient: false, reason: "This computer has no printing system (CUPS is not installed)" };
    }
    if (failure.kind === "timeout") {
      return { transient: true, reason: `The print service did not answer within ${seconds(this.timeoutMs)}` };
    }
    if (!(await cupsIsRunning(this.timeoutMs))) return { transient: true, reason: CUPS_WORDS.notRunning };
    // Transient: a USB printer's queue goes when it is unplugged and comes back with it; tickets wait, in order.
    if (/does not exist|Invalid destination|Unknown destination|not found/i.test(failure.stderr)) {
      return { transient: true, reason: CUPS_WORDS.notFound(this.printer, await listCupsPrinters(this.timeoutMs)) };
    }
    if (/not accepting jobs/i.test(failure.stderr)) {
      return { transient: true, reason: CUPS_WORDS.rejecting(this.printer, null) };
    }
    const detail = failure.stderr.split("\n")[0]?.replace(/^(lp|lpstat):\s*(Error - )?/, "") ?? "";
    return { transient: true, reason: detail === "" ? "Printing failed" : `Printing failed: ${detail}` };
  }

  /** The queue's state, or why it can't be read (CUPS down, no such queue). */
  private async queueState(): Promise<{ ok: true; state: QueueState } | { ok: false; reason: string }> {
    // lpstat takes no "--": the name is attached to its option, so it can never be read as one.
    const result = await run("lpstat", [`-p${this.printer}`, `-a${this.printer}`], this.timeoutMs);
    const state = result.ok ? parseQueueState(result.stdout, this.printer) : null;
    if (state) return { ok: true, state };
    const failure = result.ok ? { kind: "failed" as const, stderr: "not found" } : result.failure;
    return { ok: false, reason: (await this.explain(failure)).reason };
  }

  /** Why a stopped or refusing queue can't take a ticket now; null when it can. */
  private refusal(state: QueueState): string | null {
    if (!state.enabled) return CUPS_WORDS.stopped(this.printer, state.reason);
    if (!state.accepting) return CUPS_WORDS.rejecting(this.printer, state.reason);
    return null;
  }

  /**
   * Waits for a job CUPS took to leave its queue, and asks how it ended: "printed" means the spooler finished it, not
   * only that it was queued. A job cancelled or aborted in the spooler (someone used cancel, the printer's filter
   * failed) is replaced by a REPRINT copy, as it may have started. A job still there after settleMs (the queue was
   * stopped meanwhile, the job is held; one printing now gets three times as long) is cancelled, so it can never come
   * out later beside the copy the print queue sends instead: a held job never started and is simply tried again; any
   * other is replaced by a REPRINT copy.
   */
  private async settle(job: number): Promise<PrintOutcome> {
    const started = performance.now();
    let pending: PendingJob | null = null;
    for (;;) {
      const listed = await run("lpstat", ["-l", "-o"], this.timeoutMs);
      if (listed.ok) pending = findPendingJob(listed.stdout, job);
      // A job being printed is coming out: it gets longer (a long slip, a cold spooler's first job) before it is cut.
      const limit = pending?.printing === true ? PRINTING_SETTLE_FACTOR * this.settleMs : this.settleMs;
      if ((listed.ok && pending === null) || performance.now() - started >= limit) break;
      await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
    }
    // cancel refuses a job that has ended, saying how; one still waiting it takes back.
    const cancelled = await run("cancel", [String(job)], this.timeoutMs);
    const ending = cancelled.ok ? null : jobEnding(cancelled.failure.stderr);
    // CUPS keeps no history of it ("gone"): it took the job and finished with it, which is all it can say.
    if (ending === "completed" || ending === "gone") return { ok: true };
    if (ending !== null)
      return { ok: false, transient: true, uncertain: true, reason: CUPS_WORDS.cancelled(this.printer) };
    if (cancelled.ok && pending?.held === true)
      return { ok: false, transient: true, reason: CUPS_WORDS.held(this.printer) };
    const queue = await this.queueState();
    const why = queue.ok
      ? (this.refusal(queue.state) ?? CUPS_WORDS.notPrinted(this.printer, seconds(this.settleMs)))
      : queue.reason;
    return { ok: false, transient: true, uncertain: true, reason: why };
  }

  async print(job: PrintJob): Promise<PrintOutcome> {
    if (looksLikeOption(this.printer)) return { ok: false, transient: false, reason: OPTION_LIKE_NAME };
    // A stopped queue would take the ticket and keep it: it waits in the app instead, where the desk sees it waiting.
    const before = await this.queueState();
    if (!before.ok) return { ok: false, transient: true, reason: before.reason };
    const refused = this.refusal(before.state);
    if (refused !== null) return { ok: false, transient: true, reason: refused };
    let dir: string;
    let file: string;
    let page: RenderedPdf;
    try {
      page = await pdfThread.render(job.ticket, this.paper);
      dir = await mkdtemp(join(tmpdir(), "happyhead-print-"));
      file = join(dir, `ticket-${job.ticket.ticketNumber}-job-${job.jobId}.pdf`);
      await writeFile(file, page.pdf);
    } catch {
      return {
        ok: false,
        transient: true,
        reason: "Could not prepare the ticket for printing (temporary folder not writable)",
      };
    }
    try {
      const args = [
        // -d always takes the next argument as the destination; the file comes after "--".
        "-d",
        this.printer,
        "-t",
        `Happy Head ticket ${job.ticket.ticketNumber} job ${job.jobId}`,
        "-o",
        `media=Custom.${page.widthMm}x${page.heightMm}mm`,
        "-o",
        "fit-to-page",
        "-o",
        "page-left=0",
        "-o",
        "page-right=0",
        "-o",
        "page-top=0",
        "-o",
        "page-bottom=0",
        "--",
        file,
      ];
      const result = await run("lp", args, this.timeoutMs);
      // An lp that timed out may still have handed the job to the spooler.
      if (!result.ok)
        return {
          ok: false,
          ...(await this.explain(result.failure)),
          ...(result.failure.kind === "timeout" ? { uncertain: true } : {}),
        };
      const requestId = parseRequestId(result.stdout);
      const spooled = requestId === null ? null : jobNumber(requestId);
      if (spooled === null) {
        // The job may have been queued after all: never re-sent as is, only as a REPRINT.
        return { ok: false, transient: false, uncertain: true, reason: "The print service did not confirm the job" };
      }
      return await this.settle(spooled);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  async status(): Promise<PrinterStatus> {
    if (looksLikeOption(this.printer)) return { state: "offline", message: OPTION_LIKE_NAME };
    const queue = await this.queueState();
    if (!queue.ok) return { state: "offline", message: queue.reason };
    const refused = this.refusal(queue.state);
    if (refused !== null) return { state: "offline", message: refused };
    return { state: "ready", message: `Printer ${this.printer} is ready` };
  }
}
