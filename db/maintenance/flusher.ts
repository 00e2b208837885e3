import { Worker } from "node:worker_threads";

/**
 * How often a file being copied in bulk is flushed. A backup copies the whole data file (1.5 GB for
 * a busy year) in one step that holds its thread, and the kernel keeps what it wrote in memory: a
 * kiosk's commit then flushes the file system's journal, and ext4 writes out every dirty data block
 * first, so one commit every 20 ms beside 1.2 GB written unflushed waited up to 215-230 ms on this
 * project's machine. Flushed as it goes, there is never much to wait for.
 */
export const FLUSH_EVERY_MS = 25;

/**
 * The flusher's thread, as source (an eval worker: no file to bundle). It opens the file once it
 * exists, flushes it every `everyMs` until the stop word is set, then closes it.
 */
const FLUSHER = /* js */ `
const { workerData } = require("node:worker_threads");
const fs = require("node:fs");
const { file, everyMs, stop } = workerData;
const word = new Int32Array(stop);
let fd = null;
while (Atomics.load(word, 0) === 0) {
  if (fd === null) {
    try { fd = fs.openSync(file, "r+"); } catch {}
  }
  if (fd !== null) {
    try { fs.fdatasyncSync(fd); } catch {}
  }
  Atomics.wait(word, 0, 0, everyMs);
}
if (fd !== null) fs.closeSync(fd);
`;

/**
 * Flushes `file` every FLUSH_EVERY_MS from a thread of its own while another thread writes it in
 * bulk (the backup's copy step holds its own). `stop()` resolves once the flusher has closed the
 * file. A flush that fails is left to the writer's own final flush, which reports it.
 */
export function flushWhileWritten(file: string, everyMs = FLUSH_EVERY_MS): { stop(): Promise<void> } {
  const stop = new SharedArrayBuffer(4);
  const worker = new Worker(FLUSHER, { eval: true, workerData: { file, everyMs, stop } });
  // Not unref'd: a caller awaiting stop() keeps the process alive until the file is closed. A flusher that fails
  // only flushes less; the copy's own final flush reports a disk that fails.
  worker.on("error", () => undefined);
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  return {
    stop: () => {
      const word = new Int32Array(stop);
      Atomics.store(word, 0, 1);
      Atomics.notify(word, 0);
      return exited;
    },
  };
}
