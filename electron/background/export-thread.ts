import path from "node:path";
import { ExportCancelled } from "../../db/reports/export";
import { startThread } from "./client";
import { exportMessageSchema, type ExportJob, type ExportThreadData } from "./export-protocol";

/** An export's thread stopped (crashed, or was ended) before it answered: the export failed, and said so. */
export class ExportThreadStopped extends Error {
  constructor(code: number) {
    super(`The export's thread stopped (exit code ${code}) before it finished.`);
    this.name = "ExportThreadStopped";
  }
}

/**
 * Runs one export (db/reports/export.ts runExport) in its own thread, ./export-worker.ts. Resolves
 * with the rows written; rejects with ExportCancelled after `signal` aborts (the thread removes
 * its partial file), with the thread's error, or with ExportThreadStopped when it ends without an
 * answer — never left hanging.
 */
export function exportOffThread(
  where: Omit<ExportThreadData, "job">,
  job: ExportJob,
  signal: AbortSignal,
  onProgress: (rows: number, total: number) => void,
): Promise<number> {
  const workerData: ExportThreadData = { ...where, job };
  const worker = startThread("export-worker.js", path.join(__dirname, "export-worker.ts"), workerData);
  const cancel = () => worker.postMessage({ type: "cancel" });
  signal.addEventListener("abort", cancel, { once: true });
  if (signal.aborted) cancel();
  return new Promise<number>((resolve, reject) => {
    let answered = false;
    worker.on("message", (raw: unknown) => {
      const m = exportMessageSchema.safeParse(raw);
      if (!m.success || answered) return;
      const message = m.data;
      if (message.type === "progress") return onProgress(message.rows, message.total);
      answered = true;
      if (message.type === "done") resolve(message.rows);
      else if (message.type === "cancelled") reject(new ExportCancelled());
      else reject(Object.assign(new Error(message.message), { name: message.name, code: message.code }));
    });
    // An uncaught error in the thread: reported by `error`, then `exit` answers.
    worker.on("error", (error) => {
      if (answered) return;
      answered = true;
      reject(error);
    });
    worker.on("exit", (code) => {
      signal.removeEventListener("abort", cancel);
      if (answered) return;
      answered = true;
      reject(new ExportThreadStopped(code));
    });
  });
}
