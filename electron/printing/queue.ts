import type { Model } from "../../db/model";
import type { PrinterSetting, Ticket } from "../../contract/ticket";
import {
  claimNextJob,
  completeJob,
  nextQueuedJob,
  recoverInterruptedJobs,
  retryDelayMs,
  type ClaimedJob,
  type JobOutcome,
  type NextJob,
} from "../../db/printing/jobs";
import { getSettings } from "../../db/settings";
import type { PrinterDriver } from "./driver";
import { layoutTicket } from "./layout";
import { writeAtOnce, type WriteInTurn } from "../../db/transaction-hooks";

export interface PrintQueue {
  /** Looks for due jobs now (after a confirmation, a retry tap, a settings change). */
  kick(): void;
  /** Resolves once no due job is left (tests, shutdown). */
  idle(): Promise<void>;
  /** True while a job is being sent (the printer is not asked for its status meanwhile). */
  busy(): boolean;
  /**
   * Holds the worker (a restore): the jobs already due are sent first (the printer drains), then
   * nothing is claimed or sent — kicks and backoff timers wait — until resume. Resolves once held.
   */
  pause(): Promise<void>;
  /**
   * Lets the worker go on, reading its jobs afresh from the database (after a restore, another
   * file): backoffs start over as after a restart, and due jobs are looked for at once.
   */
  resume(): void;
  /** The printer is back (it was stopped, unplugged, its spooler down): jobs waiting out a backoff are sent now. */
  retryNow(): void;
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
  /** Where an error the worker caught is reported (the app's log); never a guest's details. */
  onError?: (what: string, error: unknown) => void;
  /**
   * Runs each of its writes (recovering, claiming and completing jobs) in its turn with the background workers' write
   * slices, the event loop free while it waits (the app core's writesInTurn). By default at once.
   */
  writeInTurn?: WriteInTurn;
}

/** A ticket that could not be laid out for paper: failed, never retried, never holding up the rest. */
export const UNRENDERABLE_TICKET =
  "This ticket could not be laid out for printing. Use Change to make a new ticket for this guest";
/** The driver threw instead of answering: the ticket is failed (bytes may have left: Reprint marks a copy). */
export const DRIVER_FAILED = "The printer driver failed on this ticket. Use Reprint to try it again";

/**
 * The print worker: one job at a time, strictly in order. A job is marked 'sending' (committed)
 * before the bytes leave and 'printed' as soon as the printer accepted them, so a job is never
 * sent twice silently; transient failures go back to 'queued' with a backoff; a failure after
 * bytes started to leave is replaced by a REPRINT copy (db/printing/jobs.ts completeJob).
 *
 * Nothing stops it: a ticket it can't read, lay out or send is failed with a reason the desk
 * shows and the next one prints; any error thrown by the database or a driver is caught and
 * the worker looks again later. Backoffs are timed on the monotonic clock (performance.now), so
 * a wall clock stepped back an hour does not hold the queue for an hour.
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
  let paused = false;
  const backoffMs = options.backoffMs ?? retryDelayMs;
  const onError = options.onError ?? (() => undefined);
  const inTurn = options.writeInTurn ?? writeAtOnce;
  /** Monotonic time (ms) until which a job waits out its backoff; none after a restart or a Retry. */
  const waitUntil = new Map<number, number>();
  const waiting = (job: NextJob): boolean => job.nextTryAt !== null && (waitUntil.get(job.id) ?? 0) > performance.now();
  /** After an error the worker could not pin on a ticket (the database busy, a bug): look again in a while. */
  const AFTER_ERROR_MS = 5_000;
  /** Set when a run was cut short: a job it had claimed is still 'sending' and is recovered first. */
  let interrupted = false;

  const wakeIn = (delay: number) => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (stopped) return;
    timer = setTimeout(kick, Math.max(0, delay));
    timer.unref();
  };

  /**
   * Looks again when the next queued job's backoff ends, or at once when it already has: on a loaded machine a backoff
   * ran out between the run's last claim and this look, and the job waited for the next confirmation to be printed.
   */
  const scheduleRetryCheck = () => {
    const next = nextQueuedJob(model);
    if (next) wakeIn(waiting(next) ? (waitUntil.get(next.id) ?? 0) - performance.now() : 0);
  };

  /** Lays the ticket out as every renderer does; a ticket that can't be laid out is never sent. */
  const renders = (ticket: Ticket): boolean => {
    try {
      layoutTicket(ticket, getSettings(model.db).printer.paper);
      return true;
    } catch (error) {
      onError("ticket layout", error);
      return false;
    }
  };

  /** The desk is told; a listener that throws never stops the worker. */
  const notify = (appointmentId: number) => {
    try {
      hooks.onJobChanged(appointmentId);
    } catch (error) {
      onError("print listener", error);
    }
  };

  const send = async (job: ClaimedJob): Promise<JobOutcome> => {
    if (!renders(job.ticket)) return { ok: false, transient: false, reason: UNRENDERABLE_TICKET };
    sending = true;
    try {
      return await driverFor(getSettings(model.db).printer).print({ jobId: job.jobId, ticket: job.ticket });
    } catch (error) {
      onError("printer driver", error);
      return { ok: false, transient: false, reason: DRIVER_FAILED };
    } finally {
      sending = false;
    }
  };

  /** The next job to send, claimed; null once there is none or the worker was stopped meanwhile. */
  const claim = () => inTurn(() => (stopped ? null : claimNextJob(model, waiting)));
  const run = async () => {
    if (interrupted) {
      await inTurn(() => recoverInterruptedJobs(model));
      interrupted = false;
    }
    for (let job = await claim(); job; job = await claim()) {
      notify(job.appointmentId);
      const outcome = await send(job);
      // Closing: the connection may be gone (its job, left 'sending', is recovered at the next start).
      const status = await inTurn(() =>
        stopped && !model.db.open ? null : completeJob(model, job.jobId, outcome, backoffMs),
      );
      if (status === null) return;
      if (status === "queued") waitUntil.set(job.jobId, performance.now() + backoffMs(job.attempts));
      else waitUntil.delete(job.jobId);
      notify(job.appointmentId);
    }
    if (stopped) return;
    scheduleRetryCheck();
    try {
      hooks.onIdle?.();
    } catch (error) {
      onError("print listener", error);
    }
  };

  function kick(): void {
    if (stopped || paused) return;
    if (running) {
      void running.then(() => kick());
      return;
    }
    running = run()
      .catch((error: unknown) => {
        // The claim or the bookkeeping threw (SQLITE_BUSY, a full disk, a bug): a job it had
        // claimed is recovered as after a crash (failed, a REPRINT copy queued); nothing is lost.
        onError("print worker", error);
        interrupted = true;
        wakeIn(AFTER_ERROR_MS);
      })
      .finally(() => {
        running = null;
      });
  }

  return {
    kick,
    idle: async () => {
      while (running) await running;
    },
    busy: () => sending,
    pause: async () => {
      while (running) await running;
      paused = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
    resume: () => {
      paused = false;
      waitUntil.clear();
      kick();
    },
    retryNow: () => {
      waitUntil.clear();
      kick();
    },
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
