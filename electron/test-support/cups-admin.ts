import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { CUPS_PDF_DIR, whyCupsPdfCannotPrint } from "./cups-pdf";
import type { PrintedTicket } from "./fake-printer";
import { pdfToText } from "./pdftotext";

/**
 * Test helper (not shipped): puts the real CUPS spooler in the states a spa meets (a queue stopped, refusing jobs,
 * deleted; cupsd itself stopped) with the administrator's own commands, and reads back what cups-pdf printed.
 */

const CUPS_PDF_CONF = "/etc/cups/cups-pdf.conf";
const C_LOCALE = { ...process.env, LC_ALL: "C", LANG: "C" };

/** Runs an administration command (cupsdisable, lpadmin, cancel…); throws with its message when it fails. */
export function cupsAdmin(command: string, ...args: string[]): string {
  const result = spawnSync(command, args, { encoding: "utf8", env: C_LOCALE, timeout: 15_000 });
  if (result.error !== undefined || result.status !== 0) {
    throw new Error(`${command} ${args.join(" ")}: ${result.error?.message ?? result.stderr.trim()}`);
  }
  return result.stdout;
}

const schedulerRunning = (): boolean =>
  spawnSync("lpstat", ["-r"], { encoding: "utf8", env: C_LOCALE, timeout: 5_000 }).stdout?.includes(
    "scheduler is running",
  ) ?? false;

/** Why the spooler can't be put in those states here (no cups-pdf queue, not root), or null when it can. */
export function whyCupsCannotBeAdministered(): string | null {
  const cannotPrint = whyCupsPdfCannotPrint();
  if (cannotPrint !== null) return cannotPrint;
  if (process.getuid?.() !== 0) return "stopping and deleting CUPS queues needs root (CI runs as root)";
  // Without it, a slip printed twice overwrites its own file and can't be counted.
  const conf = existsSync(CUPS_PDF_CONF) ? readFileSync(CUPS_PDF_CONF, "utf8") : "";
  if (!/^Label 1$/m.test(conf)) return `${CUPS_PDF_CONF} does not say "Label 1" (run electron/printing/setup-cups.sh)`;
  return null;
}

const cupsPdfModel = (): string => {
  const model = /^(\S*CUPS-PDF_noopt\.ppd)/m.exec(cupsAdmin("lpinfo", "-m"))?.[1];
  if (!model) throw new Error("the cups-pdf PPD is not installed (printer-driver-cups-pdf)");
  return model;
};

/** A cups-pdf queue of this name, enabled, accepting and holding no job, as setup-cups.sh makes HappyHeadPDF. */
export function addPdfQueue(name: string): void {
  cupsAdmin(
    "lpadmin",
    "-p",
    name,
    "-E",
    "-v",
    "cups-pdf:/",
    "-m",
    cupsPdfModel(),
    "-o",
    "job-hold-until-default=no-hold",
  );
  cupsAdmin("cupsenable", name);
  cupsAdmin("cupsaccept", name);
}

/** Deletes the queue and every job left in it; nothing when it is gone already. */
export function removeQueue(name: string): void {
  if (!schedulerRunning()) return;
  spawnSync("cancel", ["-a", name], { env: C_LOCALE, timeout: 15_000 });
  spawnSync("lpadmin", ["-x", name], { env: C_LOCALE, timeout: 15_000 });
}

/** The jobs still waiting or printing in the queue ("Queue-12"). */
export const jobsWaitingIn = (queue: string): string[] =>
  cupsAdmin("lpstat", `-o${queue}`)
    .split("\n")
    .map((line) => line.split(/\s+/)[0] ?? "")
    .filter((id) => id !== "");

/** cupsd under systemd (with its socket, which would start it again at the first lp) or the Debian init script. */
const underSystemd = existsSync("/run/systemd/system");

async function waitFor(what: string, done: () => boolean): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`CUPS did not ${what} within 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Stops the CUPS service, as an update or a crash does; resolves once lpstat finds no scheduler. */
export async function stopCups(): Promise<void> {
  if (underSystemd) cupsAdmin("systemctl", "stop", "cups.socket", "cups.path", "cups.service");
  else cupsAdmin("/etc/init.d/cups", "stop");
  await waitFor("stop", () => !schedulerRunning());
}

/** Starts the CUPS service again (nothing when it runs); resolves once it answers. */
export async function startCups(): Promise<void> {
  if (schedulerRunning()) return;
  if (underSystemd) cupsAdmin("systemctl", "start", "cups.service", "cups.socket", "cups.path");
  // As electron/printing/setup-cups.sh does where the init script is missing.
  else if (existsSync("/etc/init.d/cups")) cupsAdmin("/etc/init.d/cups", "start");
  else cupsAdmin("cupsd");
  await waitFor("start", schedulerRunning);
}

/** A slip cups-pdf wrote: its file and text, and what the ticket ledger needs. */
export type CupsPdfSlip = PrintedTicket & { text: string; file: string };

/**
 * The slips cups-pdf wrote since `after` whose text carries `marker` (a spa name only this test uses, so files of
 * other tests and runs never count), read back with pdftotext: which job each is and whether it says REPRINT.
 */
export async function slipsPrinted(marker: string, after: number): Promise<CupsPdfSlip[]> {
  const slips: CupsPdfSlip[] = [];
  for (const name of await readdir(CUPS_PDF_DIR).catch(() => [] as string[])) {
    const file = join(CUPS_PDF_DIR, name);
    if (!name.endsWith(".pdf") || (await stat(file)).mtimeMs < after - 1_000) continue;
    const text = (() => {
      try {
        return pdfToText(file);
      } catch {
        return ""; // still being written: read at the next look
      }
    })();
    // A long spa name wraps onto two lines of the slip.
    if (!text.replace(/\s+/g, " ").includes(marker)) continue;
    const jobId = /Print job (\d+)/.exec(text)?.[1];
    slips.push({
      jobId: jobId ? Number(jobId) : null,
      reprint: text.includes("REPRINT"),
      bytes: new Uint8Array(),
      text,
      file,
    });
  }
  return slips;
}
