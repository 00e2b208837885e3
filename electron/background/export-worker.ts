import { parentPort, workerData } from "node:worker_threads";
import { useNativeBinding } from "../../db/open";
import { ExportCancelled, openReader, runExport } from "../../db/reports/export";
import { exportCommandSchema, exportThreadDataSchema, type ExportMessage } from "./export-protocol";
import { lowerThisThread } from "./priority";

/**
 * One export in its own thread (./export-thread.ts): its read-only connection, the formatting of
 * every row and the file writes never hold the main thread, so a 1,000,000-row export cannot
 * stall a kiosk's tap. One export, one answer, then the thread ends.
 */
const port = parentPort;
if (!port) throw new Error("electron/background/export-worker.ts runs as a worker thread");
const { database, nativeBinding, job } = exportThreadDataSchema.parse(workerData);
useNativeBinding(nativeBinding);
lowerThisThread();
const post = (message: ExportMessage) => port.postMessage(message);
const abort = new AbortController();
port.on("message", (message: unknown) => {
  if (exportCommandSchema.safeParse(message).success) abort.abort();
});

// Opening is inside the chain too: a file that can't be opened is answered like any failure.
Promise.resolve()
  .then(() =>
    runExport({
      ...job,
      reader: openReader(database),
      signal: abort.signal,
      onProgress: (rows, total) => post({ type: "progress", rows, total }),
    }),
  )
  .then(
    (rows) => post({ type: "done", rows }),
    (error: unknown) =>
      post(
        error instanceof ExportCancelled
          ? { type: "cancelled" }
          : error instanceof Error
            ? {
                type: "failed",
                name: error.name,
                message: error.message,
                ...("code" in error && typeof error.code === "string" ? { code: error.code } : {}),
              }
            : { type: "failed", name: "Error", message: String(error) },
      ),
  )
  .finally(() => port.close());
