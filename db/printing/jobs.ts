import type { Model, ReadModel } from "../model";
import { stmt } from "../stmt";
import type { Ticket, TicketContent } from "../../contract/ticket";
import type { PrintStatus } from "../../contract/channels";
import { DomainError } from "../errors";
import type { DB } from "../open";
import { getSettings } from "../settings";
import {
  createTicketWithJob,
  readTicket,
  readTicketOrRefuse,
  reprinted,
  ticketTimes,
  UNREADABLE_TICKET,
} from "./tickets";

/**
 * The print-job state machine: queued → sending → printed, or back to queued with a backoff
 * (transient failure), or failed (permanent, or replaced by a REPRINT copy when the ticket may
 * already be on paper). The shell's worker (electron/printing/queue.ts) drives it.
 */

export interface ClaimedJob {
  jobId: number;
  appointmentId: number;
  /** Sends tried, this one included. */
  attempts: number;
  ticket: Ticket;
}

export interface JobRow {
  id: number;
  attempts: number;
  ticket_id: number;
  appointment_id: number;
  content: string;
  status: PrintStatus;
  reprinted_as: number | null;
}

export const jobRow = (db: DB, jobId: number): JobRow | undefined =>
  stmt(
    db,
    `SELECT j.id, j.attempts, t.id AS ticket_id, t.appointment_id, t.content, j.status, j.reprinted_as
     FROM print_jobs j JOIN tickets t ON t.id = j.ticket_id WHERE j.id = ?`,
  ).get(jobId) as JobRow | undefined;

export const loadJob = (db: DB, jobId: number): ClaimedJob => {
  const row = jobRow(db, jobId);
  if (!row) throw new DomainError("NOT_FOUND", "That print job no longer exists.");
  return {
    jobId: row.id,
    appointmentId: row.appointment_id,
    attempts: row.attempts,
    ticket: readTicketOrRefuse(row.content, row.ticket_id, row.id),
  };
};

/** The oldest unfinished job and when its retry backoff ends (null: due now). */
export interface NextJob {
  id: number;
  nextTryAt: string | null;
}

export const nextQueuedJob = (m: ReadModel): NextJob | undefined =>
  stmt(
    m.db,
    "SELECT id, next_try_at AS nextTryAt FROM print_jobs WHERE status = 'queued' ORDER BY id LIMIT 1",
  ).get() as NextJob | undefined;

/** A job whose ticket can't be read is failed, saying so, so the tickets after it print. */
const failUnreadable = (db: DB, jobId: number, now: string): void => {
  stmt(
    db,
    "UPDATE print_jobs SET status = 'failed', last_error = ?, next_try_at = NULL, updated_at = ? WHERE id = ?",
  ).run(UNREADABLE_TICKET, now, jobId);
};

/**
 * Takes the oldest unfinished job and marks it 'sending', strictly in order: while the oldest
 * waits out a retry backoff nothing overtakes it (the printer problem is shared, and tickets
 * come out in the order they were confirmed). Null when nothing is due. `waiting` says whether
 * a job is still in its backoff: the print worker answers from a monotonic clock (a clock
 * stepped back an hour must not hold the queue for an hour); by default the stored wall-clock
 * time. A job whose ticket can't be read is marked failed (`UNREADABLE_TICKET`) and the next
 * one is taken: one bad ticket never stops the ones after it. The ticket's printed-at time is
 * the moment it is sent, stored back so the desk preview shows what was printed.
 */
export function claimNextJob(
  m: Model,
  waiting: (job: NextJob) => boolean = (job) => job.nextTryAt !== null && job.nextTryAt > m.clock.now().toISOString(),
): ClaimedJob | null {
  const { db, clock } = m;
  return db
    .transaction(() => {
      const now = clock.now().toISOString();
      for (let next = nextQueuedJob(m); next && !waiting(next); next = nextQueuedJob(m)) {
        const row = jobRow(db, next.id);
        const ticket = row && readTicket(row.content, row.ticket_id, row.id);
        if (!row || !ticket) {
          failUnreadable(db, next.id, now);
          continue;
        }
        stmt(db, "UPDATE print_jobs SET status = 'sending', attempts = attempts + 1, updated_at = ? WHERE id = ?").run(
          now,
          next.id,
        );
        const printedAtLocal = ticketTimes(getSettings(db).timeZone).printedAt(now);
        stmt(db, "UPDATE tickets SET content = json_set(content, '$.printedAtLocal', ?) WHERE id = ?").run(
          printedAtLocal,
          row.ticket_id,
        );
        return {
          jobId: row.id,
          appointmentId: row.appointment_id,
          attempts: row.attempts + 1,
          ticket: { ...ticket, printedAtLocal },
        };
      }
      return null;
    })
    .immediate();
}

/**
 * How a send ended. `uncertain`: bytes had started to leave when it failed (the printer hung up
 * mid-ticket, the write timed out), so the ticket may be on paper; it is not sent again as is.
 */
export type JobOutcome = { ok: true } | { ok: false; transient: boolean; reason: string; uncertain?: boolean };

/** Backoff before retry n (1-based): 2 s, 4 s, 8 s … capped at 5 minutes. */
export const retryDelayMs = (attempt: number): number => Math.min(2_000 * 2 ** (attempt - 1), 300_000);

/** A printed ticket's content under a REPRINT banner (`reprinted`), for a copy of it. */
export function asReprint(ticket: Ticket): TicketContent {
  const { ticketNumber: _n, printJobId: _j, ...content } = ticket;
  return reprinted(content);
}

/**
 * Marks a job whose ticket may or may not be on paper as failed and queues a REPRINT-bannered
 * copy of the same ticket in its place, so the therapist gets a ticket and any duplicate is
 * visibly marked. Call inside a transaction. Returns the new job's id.
 */
function replaceWithReprint(m: Model, jobId: number, reason: string): number {
  const { db, clock } = m;
  const job = loadJob(db, jobId);
  const { jobId: newJobId } = createTicketWithJob(m, { kind: "system" }, job.appointmentId, asReprint(job.ticket));
  stmt(
    db,
    "UPDATE print_jobs SET status = 'failed', last_error = ?, next_try_at = NULL, reprinted_as = ?, updated_at = ? WHERE id = ?",
  ).run(`${reason}; sent again marked REPRINT`, newJobId, clock.now().toISOString(), jobId);
  return newJobId;
}

/**
 * Whether the job's ticket already carries the REPRINT banner: then any copy already on paper
 * says so, and sending it again as it is can never make an unmarked duplicate.
 */
const isReprint = (db: DB, jobId: number): boolean =>
  stmt(db, "SELECT t.kind FROM print_jobs j JOIN tickets t ON t.id = j.ticket_id WHERE j.id = ?").pluck().get(jobId) ===
  "reprint";

export function completeJob(
  m: Model,
  jobId: number,
  outcome: JobOutcome,
  backoffMs: (attempt: number) => number = retryDelayMs,
): PrintStatus {
  const { db, clock } = m;
  return db
    .transaction((): PrintStatus => {
      const now = clock.now();
      if (outcome.ok) {
        stmt(
          db,
          "UPDATE print_jobs SET status = 'printed', printed_at = ?, updated_at = ?, last_error = NULL, next_try_at = NULL WHERE id = ?",
        ).run(now.toISOString(), now.toISOString(), jobId);
        return "printed";
      }
      // A REPRINT that fails part-way goes back in the queue with the usual backoff, as a transient
      // failure does: a printer that drops every ticket gets one REPRINT copy retried ever more
      // slowly, not a new copy per drop as fast as the worker can send.
      if (outcome.uncertain && !isReprint(db, jobId)) {
        replaceWithReprint(m, jobId, outcome.reason);
        return "failed";
      }
      const { attempts } = stmt(db, "SELECT attempts FROM print_jobs WHERE id = ?").get(jobId) as { attempts: number };
      const status: PrintStatus = outcome.transient ? "queued" : "failed";
      stmt(db, "UPDATE print_jobs SET status = ?, last_error = ?, next_try_at = ?, updated_at = ? WHERE id = ?").run(
        status,
        outcome.reason,
        outcome.transient ? new Date(now.getTime() + backoffMs(attempts)).toISOString() : null,
        now.toISOString(),
        jobId,
      );
      return status;
    })
    .immediate();
}

/**
 * After a crash, a job left 'sending' may or may not have come out of the printer. It is never
 * sent again as is: it is marked failed and a REPRINT-bannered copy is queued, so the therapist
 * gets a ticket and any duplicate is visibly marked. A job that already is a REPRINT is simply
 * queued again.
 */
export function recoverInterruptedJobs(m: Model): number {
  const { db, clock } = m;
  return db
    .transaction(() => {
      const stuck = stmt(db, "SELECT id FROM print_jobs WHERE status = 'sending' ORDER BY id").all() as {
        id: number;
      }[];
      const requeue = stmt(
        db,
        "UPDATE print_jobs SET status = 'queued', last_error = ?, next_try_at = NULL, updated_at = ? WHERE id = ?",
      );
      for (const { id } of stuck) {
        const row = jobRow(db, id);
        if (!row || !readTicket(row.content, row.ticket_id, row.id)) failUnreadable(db, id, clock.now().toISOString());
        else if (isReprint(db, id)) requeue.run("Interrupted while printing", clock.now().toISOString(), id);
        else replaceWithReprint(m, id, "Interrupted while printing");
      }
      return stuck.length;
    })
    .immediate();
}

/** After the printer setting changed: jobs waiting out a backoff are tried at once. */
export function retryWaitingJobsNow(m: Model): void {
  stmt(m.db, "UPDATE print_jobs SET next_try_at = NULL WHERE status = 'queued' AND next_try_at IS NOT NULL").run();
}
