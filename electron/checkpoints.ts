import { checkpointDue, readWalState, walBytes, type CheckpointResult } from "../db/maintenance/checkpoint";
import { logBackgroundFailure, type BackgroundWork } from "./background/client";

/** How often the main thread looks at the WAL (a 136-byte read of the `-shm` file). */
export const CHECKPOINT_TICK_MS = 1_000;

export interface Checkpoints {
  /** Looks every CHECKPOINT_TICK_MS until stop(). */
  start(): void;
  /** Looks once; resolves when the checkpoint it asked for (if any) has finished. */
  tick(): Promise<CheckpointResult | null>;
  /** No more looks; resolves once the checkpoint in flight (if any) has ended. */
  stop(): Promise<void>;
}

/**
 * The app core's checkpointer. Its connections never checkpoint inside a commit (db/open.ts,
 * `checkpoints: "background"`): this looks at the WAL on a cadence and has the background worker
 * run the checkpoint `checkpointDue` names — PASSIVE after 1,000 pages, TRUNCATE once quiet — so
 * the WAL stays bounded and no commit on the main thread ever copies it back.
 */
export function createCheckpoints(opts: {
  database: string;
  background: BackgroundWork;
  /** Monotonic milliseconds (the quiet spell is measured with them). */
  now: () => number;
  tickMs?: number;
}): Checkpoints {
  let timer: NodeJS.Timeout | null = null;
  let inFlight: Promise<CheckpointResult | null> | null = null;
  let lastChanges: number | null = null;
  let lastWriteAt = opts.now();
  /** The change counter the last checkpoint's start of the next WAL left (startWal): a commit of the app's own. */
  let started: number | null = null;

  const tick = (): Promise<CheckpointResult | null> => {
    if (inFlight) return inFlight;
    const wal = readWalState(opts.database);
    if (!wal) return Promise.resolve(null);
    if (wal.changes !== lastChanges) {
      lastChanges = wal.changes;
      lastWriteAt = opts.now();
    }
    const mode = checkpointDue(wal, opts.now() - lastWriteAt, walBytes(opts.database), started);
    if (!mode) return Promise.resolve(null);
    const running: Promise<CheckpointResult | null> = opts.background
      .run("checkpoint", { mode })
      .then((result) => {
        // Its start of the next WAL is no write of the spa's: the quiet spell goes on, and needs no TRUNCATE for it.
        if (result.started !== null) lastChanges = started = result.started;
        return result;
      })
      .catch((error: unknown) => {
        logBackgroundFailure("checkpoint", "checkpoint-failed", error);
        return null;
      })
      .finally(() => {
        inFlight = null;
      });
    inFlight = running;
    return running;
  };

  return {
    start: () => {
      if (timer) return;
      timer = setInterval(() => void tick(), opts.tickMs ?? CHECKPOINT_TICK_MS);
      timer.unref();
    },
    tick,
    stop: async () => {
      if (timer) clearInterval(timer);
      timer = null;
      await inFlight;
    },
  };
}
