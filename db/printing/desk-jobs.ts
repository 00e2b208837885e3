import type { Model, ReadModel } from "../model";
import { stmt } from "../stmt";
import type { PrintStatus } from "../../contract/channels";
import { appendAudit, type Actor } from "../audit";
import { DomainError } from "../errors";
import { asReprint, jobRow, loadJob } from "./jobs";
import { createTicketWithJob } from "./tickets";

/** What the desk does with print jobs: Retry, Reprint, and the printer banner's backlog. */

/**
 * The desk's Retry: sends a failed job again now, or cuts a queued job's backoff short. A job
 * the printer may already have printed is never re-sent as is (that is what Reprint is for).
 * Returns the appointment the job belongs to.
 */
export function retryJob(m: Model, actor: Actor, jobId: number): number {
  const { db, clock } = m;
  return db
    .transaction(() => {
      const row = jobRow(db, jobId);
      if (!row) throw new DomainError("NOT_FOUND", "That print job no longer exists.");
      if (row.reprinted_as !== null) {
        throw new DomainError(
          "CONFLICT",
          `This ticket was already sent again marked REPRINT (print job ${row.reprinted_as}).`,
        );
      }
      if (row.status === "printed")
        throw new DomainError("CONFLICT", "This ticket has already printed. Use Reprint for another copy.");
      if (row.status === "sending") throw new DomainError("CONFLICT", "This ticket is printing right now.");
      const now = clock.now().toISOString();
      stmt(db, "UPDATE print_jobs SET status = 'queued', next_try_at = NULL, updated_at = ? WHERE id = ?").run(
        now,
        jobId,
      );
      appendAudit(db, clock, actor, {
        action: "print.retry",
        entity: "appointment",
        entityId: row.appointment_id,
        before: { jobId, status: row.status },
        after: { jobId, status: "queued" },
      });
      return row.appointment_id;
    })
    .immediate();
}

/**
 * The desk's Reprint: a copy of the appointment's newest ticket under a REPRINT banner (keeping
 * a CHANGED or VOID banner), as a new ticket and print job. Returns the new job's id.
 */
export function reprintLatestTicket(m: Model, actor: Extract<Actor, { kind: "staff" }>, appointmentId: number): number {
  const { db } = m;
  return db
    .transaction(() => {
      const latest = stmt(
        db,
        "SELECT max(j.id) AS job_id FROM tickets t JOIN print_jobs j ON j.ticket_id = t.id WHERE t.appointment_id = ?",
      ).get(appointmentId) as { job_id: number | null };
      if (latest.job_id === null)
        throw new DomainError(
          "NOT_FOUND",
          "No ticket has been made for this appointment yet; confirm the add-on first.",
        );
      return createTicketWithJob(m, actor, appointmentId, asReprint(loadJob(db, latest.job_id).ticket)).jobId;
    })
    .immediate();
}

/**
 * The jobs waiting to print (print_jobs_pending), and the last day's failed jobs not replaced since
 * (print_jobs_failed, migration 0023): two searches, never a read of every ticket ever printed. The
 * indexes are named (INDEXED BY: an error, not a slow plan, if one is missing): with statistics that
 * say most jobs are 'printed', the planner read the whole table for the few waiting ones.
 */
export const PRINT_BACKLOG_SQL = /* sql */ `
SELECT status, last_error FROM (
  SELECT j.status, j.last_error, j.updated_at, j.id FROM print_jobs j INDEXED BY print_jobs_pending WHERE j.status IN ('queued', 'sending')
  UNION ALL
  SELECT j.status, j.last_error, j.updated_at, j.id FROM print_jobs j INDEXED BY print_jobs_failed JOIN tickets t ON t.id = j.ticket_id
  WHERE j.status = 'failed' AND j.reprinted_as IS NULL AND j.created_at >= ?
    AND NOT EXISTS (SELECT 1 FROM print_jobs j2 JOIN tickets t2 ON t2.id = j2.ticket_id
                    WHERE t2.appointment_id = t.appointment_id AND j2.id > j.id))
ORDER BY updated_at DESC, id DESC`;

/**
 * For the desk's printer banner: tickets waiting to print, tickets of the last day that failed
 * and were not replaced since (no reprint, no newer ticket for that appointment), and the newest
 * failure reason among them.
 */
export function printBacklog(m: ReadModel): { queued: number; failed: number; lastError: string | null } {
  const { db, clock } = m;
  const since = new Date(clock.now().getTime() - 24 * 3_600_000).toISOString();
  const rows = stmt(db, PRINT_BACKLOG_SQL).all(since) as { status: PrintStatus; last_error: string | null }[];
  return {
    queued: rows.filter((r) => r.status !== "failed").length,
    failed: rows.filter((r) => r.status === "failed").length,
    lastError: rows.find((r) => r.last_error !== null)?.last_error ?? null,
  };
}
