import { access, constants, mkdir, open } from "node:fs/promises";
import { join } from "node:path";
import type { Paper } from "../../../contract/ticket";
import type { PrinterDriver, PrintJob, PrintOutcome, PrinterStatus } from "../driver";
import { pdfThread } from "../pdf-thread";
import { writeAtomically } from "../../../db/atomic-file";

function ticketPdfName(ticketNumber: number, jobId: number): string {
  return `ticket-${ticketNumber}-job-${jobId}.pdf`;
}

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && "code" in error && typeof error.code === "string" ? error.code : undefined;
}

function folderFailure(dir: string, error: unknown): { transient: boolean; reason: string } {
  switch (errorCode(error)) {
    case "ENOSPC":
    case "EDQUOT":
      return { transient: true, reason: `The disk is full; cannot save tickets in ${dir}` };
    case "EACCES":
    case "EPERM":
    case "EROFS":
      return { transient: false, reason: `No permission to save tickets in ${dir}` };
    case "ENOTDIR":
    case "EEXIST":
      return { transient: false, reason: `The ticket folder path is not a folder: ${dir}` };
    default:
      return { transient: true, reason: `Could not save the ticket in ${dir}` };
  }
}

/** Writes `data` to `path`, whole and synced to disk, so readers only ever see the old file or the complete new one. */
function writeFileDurably(path: string, data: Buffer): Promise<void> {
  return writeAtomically(path, async (tmp) => {
    const file = await open(tmp, "w");
    try {
      await file.writeFile(data);
      await file.sync();
    } finally {
      await file.close();
    }
  });
}

/** Saves each ticket as a PDF in a folder; printing the same job again overwrites its file. */
export class PdfFolderDriver implements PrinterDriver {
  constructor(
    private readonly dir: string,
    private readonly paper: Paper,
  ) {}

  describe(): string {
    return `PDF files in ${this.dir} (${this.paper} paper)`;
  }

  async print(job: PrintJob): Promise<PrintOutcome> {
    try {
      const { pdf } = await pdfThread.render(job.ticket, this.paper);
      await mkdir(this.dir, { recursive: true });
      await writeFileDurably(join(this.dir, ticketPdfName(job.ticket.ticketNumber, job.jobId)), pdf);
      await syncDirectory(this.dir);
      return { ok: true };
    } catch (error) {
      return { ok: false, ...folderFailure(this.dir, error) };
    }
  }

  async status(): Promise<PrinterStatus> {
    try {
      await mkdir(this.dir, { recursive: true });
      await access(this.dir, constants.W_OK);
      return { state: "ready", message: "Ready to save tickets as PDF files" };
    } catch (error) {
      return { state: "offline", message: folderFailure(this.dir, error).reason };
    }
  }
}

/** Makes the rename durable across a power cut; some platforms cannot open folders, so best effort. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Windows cannot fsync a directory; the file itself is already synced.
  }
}
