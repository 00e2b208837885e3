import type { Model } from "../../db/model";
import type { PrinterSetting } from "../../contract/ticket";
import { claimNextJob, completeJob, nextRetryAt, retryDelayMs, type JobOutcome } from "../../db/printing/jobs";
import { getSettings } from "../../db/settings";
import type { PrinterDriver } from "./driver";

export interface PrintQueue {
  /** Looks for due jobs now (after a confirmation, a retry tap, a settings change). */
  kick(): void;
  /** Resolves once no due job is left (tests, shutdown). */
  idle(): Promise<void>;
  /** True while a job is being sent (the printer is not asked for its status meanwhile). */
  busy(): boolean;
  stop(): void;
}

export interface PrintQueueHooks {
  /** A job of this appointment changed state (claimed, printed, failed, queued again). */
  onJobChanged(appointmentId: number): void;
  /** The worker has no due job left. */
  onIdle?(): void;
}

export interface PrintQueueOptions {
  /** Backoff before retry n of a transient failure (tests shorten it). */
  backoffMs?: (attempt: number) => number;
}

/**
 * The print worker: one job at a time, strictly in order. A job is marked 'sending' (committed)
 * before the bytes leave and 'printed' as soon as the printer accepted them, so a job is never
 * sent twice silently; transient failures go back to 'queued' with a backoff; a failure after
 * bytes started to leave is replaced by a REPRINT copy (db/printing/jobs.ts completeJob).
 */
export function createPrintQueue(
  model: Model,
  driverFor: (setting: PrinterSetting) => PrinterDriver,
  hooks: PrintQueueHooks,
  options: PrintQueueOptions = {},
): PrintQueue {
  let running: Promise<void> | null = null;
  let sending = false;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const backoffMs = options.backoffMs ?? retryDelayMs;

  const scheduleRetryCheck = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (stopped) return;
    const at = nextRetryAt(model);
    if (at) {
      const delay = Math.max(0, new Date(at).getTime() - model.clock.now().getTime());
      timer = setTimeout(kick, delay);
      timer.unref();
    }
  };

  const run = async () => {
    for (let job = claimNextJob(model); job; job = stopped ? null : claimNextJob(model)) {
      hooks.onJobChanged(job.appointmentId);
      let outcome: JobOutcome;
      sending = true;
      try {
        outcome = await driverFor(getSettings(model.db).printer).print({ jobId: job.jobId, ticket: job.ticket });
      } catch {
        outcome = { ok: false, transient: true, reason: "The printer could not be reached" };
      } finally {
        sending = false;
      }
      if (stopped && !model.db.open) return;
      completeJob(model, job.jobId, outcome, backoffMs);
      hooks.onJobChanged(job.appointmentId);
    }
    if (stopped) return;
    scheduleRetryCheck();
    hooks.onIdle?.();
  };

  function kick(): void {
    if (stopped) return;
    if (running) {
      void running.then(() => kick());
      return;
    }
    running = run().finally(() => {
      running = null;
    });
  }

  return {
    kick,
    idle: async () => {
      while (running) await running;
    },
    busy: () => sending,
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
