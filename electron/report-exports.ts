import { throttled } from "./throttle";
import type { Model } from "../db/model";
import { existsSync, mkdirSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { randomUUID } from "node:crypto";
import path from "node:path";
import type { EventName, EventPayload } from "../contract/channels";
import type { ExportOptions, ExportStart, ExportStarted } from "../contract/reports";
import { freeBytes } from "../db/disk-space";
import { DomainError, storageFault } from "../db/errors";
import { ExportCancelled, exportFileName } from "../db/reports/export";
import { writeAtomically } from "../db/atomic-file";
import { uptakeReport } from "../db/reports/reports";
import type { ExportJob } from "./background/export-protocol";
import type { CallerSession } from "./ipc/session";
import { log } from "./log";

/**
 * Where export files go. The renderer never names a path: the desktop app asks with the
 * system save dialog (dialogExportHost, wired to Electron in electron/shell.ts); the browser
 * wiring and tests write into `<dataDir>/exports/` (folderExportHost).
 */

/**
 * Why an export's file could not be written, in words that say what to do (nothing is left of it: its file is written
 * whole or not at all). `folder`: where it was going; `otherwise`: the words for any other failure.
 */
export function exportFailure(error: unknown, folder: string, otherwise = EXPORT_FAILED): string {
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
  if (storageFault(error, freeBytes(folder)) === "full")
    return `The disk is full: there is no room for the export in ${folder}. Nothing was saved: make room there, or export to another drive.`;
  if (code === "EACCES" || code === "EPERM" || code === "EROFS")
    return `Happy Head may not write in ${folder}. Nothing was saved: export to another folder.`;
  if (code === "ENOENT" || code === "ENODEV" || code === "EIO")
    return `The folder ${folder} is not there any more (a USB stick taken out?). Nothing was saved: export again.`;
  return otherwise;
}
const EXPORT_FAILED =
  "The export could not be written. Nothing was saved: check the folder and the disk, and try again.";

export interface ExportHost {
  destination: ExportOptions["destination"];
  /** An absolute path to save to, or null when the person closed the dialog. */
  choosePath(session: CallerSession, suggestedName: string): Promise<string | null>;
  /** Saves the caller's window as a PDF (Electron's webContents.printToPDF); absent in the browser wiring. */
  printToPdf?: (session: CallerSession, file: string) => Promise<void>;
}

/** What the desktop app asks the system save dialog (the fields of Electron's SaveDialogOptions it sets). */
export interface SaveQuestion {
  defaultPath: string;
  filters: { name: string; extensions: string[] }[];
  properties: ("createDirectory" | "showOverwriteConfirmation")[];
}
/** The dialog's answer (Electron's SaveDialogReturnValue). */
export interface SaveAnswer {
  canceled: boolean;
  filePath?: string;
}

const EXPORT_FILTERS: Record<string, SaveQuestion["filters"][number]> = {
  ".csv": { name: "CSV (comma-separated)", extensions: ["csv"] },
  ".xlsx": { name: "Excel workbook", extensions: ["xlsx"] },
  ".pdf": { name: "PDF", extensions: ["pdf"] },
};

/** The save dialog for a suggested file name: in the person's Documents folder, showing that format. */
export function saveQuestion(suggestedName: string, documentsDir: string): SaveQuestion {
  const filter = EXPORT_FILTERS[path.extname(suggestedName)];
  return {
    defaultPath: path.join(documentsDir, suggestedName),
    filters: filter ? [filter] : [],
    properties: ["createDirectory", "showOverwriteConfirmation"],
  };
}

/** The file to write: null when the dialog was closed; the format's extension added when the person typed none. */
export function savedPath(answer: SaveAnswer, suggestedName: string): string | null {
  if (answer.canceled || !answer.filePath) return null;
  return path.extname(answer.filePath) ? answer.filePath : `${answer.filePath}${path.extname(suggestedName)}`;
}

/** The summary PDF: the staff window's Reports page as printed (the print style sheet in reports.css). */
export const SUMMARY_PDF = { landscape: true, printBackground: true, pageSize: "A4" } as const;

/**
 * The desktop app's host: the system save dialog says where, and the summary PDF is the calling
 * window printed. electron/shell.ts passes the two Electron calls in (`ask` shows the dialog over
 * the caller's window, `renderPdf` runs its printToPDF); everything else is here, under Node tests.
 */
export function dialogExportHost(deps: {
  documentsDir: () => string;
  ask: (session: CallerSession, question: SaveQuestion) => Promise<SaveAnswer>;
  renderPdf: (session: CallerSession) => Promise<Uint8Array>;
}): ExportHost {
  return {
    destination: "dialog",
    choosePath: async (session, suggestedName) =>
      savedPath(await deps.ask(session, saveQuestion(suggestedName, deps.documentsDir())), suggestedName),
    printToPdf: async (session, file) => {
      const pdf = await deps.renderPdf(session);
      await writeAtomically(file, (tmp) => writeFile(tmp, pdf));
    },
  };
}

/** The browser-wiring host: files go into the data folder's exports/, never overwriting one. */
export function folderExportHost(dataDir: string): ExportHost {
  const dir = path.join(dataDir, "exports");
  return {
    destination: "folder",
    choosePath: (_session, name) => {
      mkdirSync(dir, { recursive: true });
      const ext = path.extname(name);
      let file = path.join(dir, name);
      for (let n = 2; existsSync(file); n++) file = path.join(dir, `${path.basename(name, ext)} (${n})${ext}`);
      return Promise.resolve(file);
    },
  };
}

export interface ReportExports {
  options(): ExportOptions;
  start(input: ExportStart, session: CallerSession): Promise<ExportStarted>;
  cancel(jobId: string): boolean;
  /** Resolves when no export is running (tests, shutdown). */
  idle(): Promise<void>;
  /** For the app's close: cancels every export under way (each removes its partial file) and waits for them. */
  close(): Promise<void>;
}

/**
 * Export jobs: each streams its rows in its own thread, on its own read-only connection
 * (`exportRows`: electron/background/export-thread.ts), pushes "reports.exportProgress" at most
 * every 100 ms, and stops at the next batch on Cancel.
 */
export function createReportExports(deps: {
  model: Model;
  host: ExportHost;
  /** Writes one export's file; resolves with its rows, rejects with ExportCancelled after `signal` aborts. */
  exportRows: (
    job: ExportJob,
    signal: AbortSignal,
    onProgress: (rows: number, total: number) => void,
  ) => Promise<number>;
  /** Builds the report cache of a range off the main thread (the background worker). */
  prepareReport: (from: string, to: string) => Promise<unknown>;
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
}): ReportExports {
  const running = new Map<string, { abort: AbortController; done: Promise<void> }>();

  return {
    options: () => ({ pdf: deps.host.printToPdf !== undefined, destination: deps.host.destination }),

    async start(input, session) {
      if (input.format === "pdf" && !deps.host.printToPdf) {
        throw new DomainError(
          "NOT_AVAILABLE",
          "Saving the summary as PDF needs the desktop app. Export Excel or CSV instead.",
          "format",
        );
      }
      const suggested = exportFileName(input);
      const file = await deps.host.choosePath(session, suggested);
      if (!file) return { started: false };
      const jobId = randomUUID();
      const fileName = path.basename(file);
      const progress = (
        state: "running" | "done" | "cancelled" | "failed",
        rows: number,
        total: number,
        message: string | null,
      ) => deps.emit("reports.exportProgress", { jobId, state, rows, total, fileName, message });

      if (input.format === "pdf") {
        const print = deps.host.printToPdf;
        const done = (async () => {
          try {
            await print?.(session, file);
            progress("done", 1, 1, file);
          } catch (error) {
            log.error("reports", { event: "pdf-failed", error });
            progress(
              "failed",
              0,
              1,
              exportFailure(error, path.dirname(file), "The PDF could not be saved. Check the folder and try again."),
            );
          }
        })();
        running.set(jobId, { abort: new AbortController(), done });
        void done.finally(() => running.delete(jobId));
        return { started: true, jobId, fileName };
      }

      const needsReport = input.format === "xlsx" || input.table !== "checkins";
      if (needsReport) await deps.prepareReport(input.from, input.to);
      const report = needsReport
        ? uptakeReport(deps.model, { from: input.from, to: input.to, grain: input.grain })
        : null;
      const abort = new AbortController();
      const told = throttled(
        100,
        () => performance.now(),
        (r: number, t: number) => progress("running", r, t, null),
      );
      const done = (async () => {
        let rows = 0;
        let total = 0;
        try {
          const job: ExportJob = {
            range: { from: input.from, to: input.to },
            file,
            format: input.format === "xlsx" ? "xlsx" : "csv",
            table: input.format === "xlsx" ? "checkins" : input.table,
            csvStyle: input.csvStyle,
            report,
          };
          rows = await deps.exportRows(job, abort.signal, (r, t) => {
            rows = r;
            total = t;
            told.call(r, t);
          });
          progress("done", rows, Math.max(rows, total), file);
        } catch (error) {
          if (error instanceof ExportCancelled) progress("cancelled", rows, total, null);
          else {
            log.error("reports", { event: "export-failed", error });
            progress("failed", rows, total, exportFailure(error, path.dirname(file)));
          }
        }
      })();
      running.set(jobId, { abort, done });
      void done.finally(() => running.delete(jobId));
      return { started: true, jobId, fileName };
    },

    cancel(jobId) {
      const job = running.get(jobId);
      if (!job) return false;
      job.abort.abort();
      return true;
    },

    async idle() {
      await Promise.all([...running.values()].map((j) => j.done));
    },

    async close() {
      for (const job of running.values()) job.abort.abort();
      await this.idle();
    },
  };
}
