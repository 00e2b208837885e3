import type { PrinterSetting } from "../contract/ticket";
import type { Model } from "../db/kiosk";
import { claimNextJob, completeJob, type JobOutcome } from "../db/tickets";
import { getSettings } from "../db/settings";
import type { PrinterDriver } from "./printing/driver";

export interface PrintQueue {
  /** Looks for due jobs now (after a confirmation, a retry tap, a settings change). */
  kick(): void;
  /** Resolves once no due job is left (tests, shutdown). */
  idle(): Promise<void>;
  stop(): void;
}

/**
 * The print worker: one job at a time, in order. A job is marked 'sending' before the bytes
 * leave and 'printed' as soon as the printer accepted them, so a job is never sent twice
 * silently; transient failures go back to 'queued' with a backoff.
 */
export function createPrintQueue(
  model: Model,
  driverFor: (setting: PrinterSetting) => PrinterDriver,
  onJobChanged: (appointmentId: number) => void,
): PrintQueue {
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  const scheduleRetryCheck = () => {
    const next = model.db
      .prepare("SELECT min(next_try_at) AS at FROM print_jobs WHERE status = 'queued' AND next_try_at IS NOT NULL")
      .get() as { at: string | null };
    if (timer) clearTimeout(timer);
    timer = null;
    if (next.at && !stopped) {
      const delay = Math.max(0, new Date(next.at).getTime() - model.clock.now().getTime());
      timer = setTimeout(kick, delay);
      timer.unref();
    }
  };

  const run = async () => {
    for (let job = claimNextJob(model.db, model.clock); job && !stopped; job = claimNextJob(model.db, model.clock)) {
      onJobChanged(job.appointmentId);
      let outcome: JobOutcome;
      try {
        outcome = await driverFor(getSettings(model.db).printer).print({ jobId: job.jobId, ticket: job.ticket });
      } catch (error) {
        outcome = { ok: false, transient: true, reason: error instanceof Error ? error.message : "The printer could not be reached." };
      }
      completeJob(model.db, model.clock, job.jobId, outcome);
      onJobChanged(job.appointmentId);
    }
    scheduleRetryCheck();
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
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
