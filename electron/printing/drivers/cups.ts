import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { isAbsolute, join } from "node:path";
import type { Paper } from "../../../contract/ticket";
import { seconds, type PrinterDriver, type PrintJob, type PrintOutcome, type PrinterStatus } from "../driver";
import { pdfPageSizeMm, renderPdf } from "../pdf";

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

const NOT_RUNNING = "The print service (CUPS) is not running";

/**
 * A value that would read as an option: a printer named "-hserver:631" given to `lpstat -p`
 * would send the query to another server. The contract refuses such a name; a stored one is
 * refused here again, before any command runs.
 */
const looksLikeOption = (value: string): boolean => value.startsWith("-");
const OPTION_LIKE_NAME =
  "The printer's name starts with a dash (-), which the print commands would read as an option; rename the printer in the system's print settings and choose it again in Back office → Printer";

export class CupsDriver implements PrinterDriver {
  private readonly timeoutMs: number;

  constructor(
    private readonly printer: string,
    private readonly paper: Paper,
    options: { timeoutMs?: number } = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
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
    if (!(await cupsIsRunning(this.timeoutMs))) return { transient: true, reason: NOT_RUNNING };
    if (/does not exist|Invalid destination|Unknown destination|not found/i.test(failure.stderr)) {
      return { transient: false, reason: `Printer not found: ${this.printer}` };
    }
    if (/not accepting jobs/i.test(failure.stderr)) {
      return {
        transient: true,
        reason: `Printer ${this.printer} is not accepting jobs (it was switched off in the print settings)`,
      };
    }
    const detail = failure.stderr.split("\n")[0]?.replace(/^(lp|lpstat):\s*(Error - )?/, "") ?? "";
    return { transient: true, reason: detail === "" ? "Printing failed" : `Printing failed: ${detail}` };
  }

  async print(job: PrintJob): Promise<PrintOutcome> {
    if (looksLikeOption(this.printer)) return { ok: false, transient: false, reason: OPTION_LIKE_NAME };
    const { widthMm, heightMm } = pdfPageSizeMm(job.ticket, this.paper);
    let dir: string;
    let file: string;
    try {
      const pdf = await renderPdf(job.ticket, this.paper);
      dir = await mkdtemp(join(tmpdir(), "happyhead-print-"));
      file = join(dir, `ticket-${job.ticket.ticketNumber}-job-${job.jobId}.pdf`);
      await writeFile(file, pdf);
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
        `media=Custom.${widthMm}x${heightMm}mm`,
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
      if (parseRequestId(result.stdout) === null) {
        // The job may have been queued after all: never re-sent as is, only as a REPRINT.
        return { ok: false, transient: false, uncertain: true, reason: "The print service did not confirm the job" };
      }
      return { ok: true };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  async status(): Promise<PrinterStatus> {
    if (looksLikeOption(this.printer)) return { state: "offline", message: OPTION_LIKE_NAME };
    // lpstat takes no "--": the name is attached to its option, so it can never be read as one.
    const result = await run("lpstat", [`-p${this.printer}`], this.timeoutMs);
    if (!result.ok) {
      const { reason } = await this.explain(result.failure);
      return { state: "offline", message: reason };
    }
    if (/ disabled since /.test(result.stdout)) {
      return { state: "offline", message: `Printer ${this.printer} is paused in the print settings` };
    }
    if (/ is idle\.| now printing /.test(result.stdout)) {
      return { state: "ready", message: `Printer ${this.printer} is ready` };
    }
    return { state: "unknown", message: `Printer ${this.printer}: status not recognised` };
  }
}
