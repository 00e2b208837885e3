import { spawn, spawnSync } from "node:child_process";
import { readFile, readdir, stat } from "node:fs/promises";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { hasPdftotext } from "./pdftotext";

/**
 * Test helper (not shipped): the cups-pdf queue the printing tests print to for real (create it
 * with `sudo bash electron/printing/setup-cups.sh`). cups-pdf saves jobs in the submitting
 * user's ~/PDF on Debian (/root/PDF for root), unless HAPPYHEAD_CUPS_PDF_DIR says otherwise.
 */
export const CUPS_PDF_QUEUE = process.env.HAPPYHEAD_CUPS_PRINTER ?? "HappyHeadPDF";
export const CUPS_PDF_DIR = process.env.HAPPYHEAD_CUPS_PDF_DIR ?? join(homedir(), "PDF");

function lpstat(...args: string[]): { ok: boolean; stdout: string } {
  const result = spawnSync("lpstat", args, { encoding: "utf8", env: { ...process.env, LC_ALL: "C" }, timeout: 5_000 });
  return { ok: result.error === undefined && result.status === 0, stdout: result.stdout ?? "" };
}

/** Why the cups-pdf queue cannot be printed to and read back here, or null when it can. */
export function whyCupsPdfCannotPrint(): string | null {
  if (spawnSync("lpstat", ["-r"]).error !== undefined) return "lpstat is not installed (apt-get install cups-bsd cups)";
  if (!lpstat("-r").stdout.includes("scheduler is running"))
    return "cupsd is not running (run electron/printing/setup-cups.sh)";
  if (!lpstat("-v", CUPS_PDF_QUEUE).stdout.includes("cups-pdf:/"))
    return `no cups-pdf queue named ${CUPS_PDF_QUEUE} (run electron/printing/setup-cups.sh)`;
  if (!hasPdftotext) return "pdftotext is not installed (apt-get install poppler-utils)";
  return null;
}

/** The PDF cups-pdf wrote for a job whose title gives a file name containing `nameContains`. */
async function endsWithTrailer(file: string): Promise<boolean> {
  const bytes = await readFile(file).catch(() => Buffer.alloc(0));
  return bytes.subarray(-1024).includes("%%EOF");
}

export async function waitForPdf(
  nameContains: string,
  after: number,
  timeoutMs: number,
  dir = CUPS_PDF_DIR,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.includes(nameContains) && n.endsWith(".pdf"))) {
      const file = join(dir, name);
      const info = await stat(file);
      // cups-pdf writes the file in place: it is complete once it ends with the PDF trailer.
      if (info.mtimeMs >= after - 1_000 && info.size > 0 && (await endsWithTrailer(file))) return file;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no PDF containing "${nameContains}" appeared in ${dir} within ${timeoutMs} ms`);
}

/**
 * A lock between test files on the real spooler (Vitest runs two files at once): a file that prints takes it shared,
 * the one that stops cupsd takes it exclusive, so no file prints while CUPS is down. flock(1) holds it in a child
 * process until released, or until this process ends (its stdin closes). Without flock, nothing is held.
 */
export async function holdCupsLock(mode: "shared" | "exclusive"): Promise<() => void> {
  const child = spawn(
    "flock",
    [mode === "shared" ? "-s" : "-x", join(tmpdir(), "happyhead-cups-spooler.lock"), "sh", "-c", "echo held; exec cat"],
    { stdio: ["pipe", "pipe", "ignore"] },
  );
  const held = await new Promise<boolean>((resolve, reject) => {
    child.stdout.once("data", () => resolve(true));
    child.once("error", (error: NodeJS.ErrnoException) => (error.code === "ENOENT" ? resolve(false) : reject(error)));
    child.once("exit", (code) => reject(new Error(`flock ended (${code}) before holding the CUPS lock`)));
  });
  return () => {
    if (held) child.stdin.end();
  };
}
