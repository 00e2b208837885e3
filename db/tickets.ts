import { stmt } from "./stmt";
import type { Ticket, TicketKind } from "../contract/ticket";
import { ticketSchema } from "../contract/ticket";
import type { PrintStatus } from "../contract/channels";
import { appendAudit, type Actor } from "./audit";
import { DomainError } from "./errors";
import type { DB } from "./open";
import { guestLabel, firstName } from "./people";
import { getSettings } from "./settings";
import { addMinutes, formatLocal, type Clock } from "./time";

/** What a ticket row stores: the printed model minus the numbers the rows themselves carry. */
export type TicketContent = Omit<Ticket, "ticketNumber" | "printJobId">;

interface TicketFacts {
  guest_name: string;
  starts_at: string;
  ends_at: string;
  service: string;
  minutes: number;
  therapist: string;
  room: string;
}

/** Builds the therapist ticket for an appointment as it stands now, formatted in the spa's zone. */
export function buildTicketContent(
  db: DB,
  clock: Clock,
  appointmentId: number,
  opts: { kind: TicketKind; confirmedBy: string; changes?: string[]; voidReason?: string | null },
): TicketContent {
  const settings = getSettings(db);
  const tz = settings.timeZone;
  const facts = stmt(db, 
      `SELECT a.guest_name, a.starts_at, a.ends_at, s.name AS service, s.minutes, t.name AS therapist, r.name AS room
       FROM appointments a JOIN services s ON s.id = a.service_id JOIN therapists t ON t.id = a.therapist_id
       JOIN rooms r ON r.id = a.room_id WHERE a.id = ?`,
    )
    .get(appointmentId) as TicketFacts | undefined;
  if (!facts) throw new DomainError("NOT_FOUND", "That appointment no longer exists.");
  const addons =
    opts.kind === "void"
      ? []
      : (stmt(db, 
            `SELECT a.code, upper(t.title) AS title, i.extra_minutes
             FROM offers o JOIN offer_items i ON i.offer_id = o.id JOIN addons a ON a.id = i.addon_id
             JOIN addon_texts t ON t.addon_id = a.id AND t.lang = 'en'
             WHERE o.appointment_id = ? AND i.final_selected = 1 AND o.status != 'voided'
             ORDER BY a.sort_order, a.id`,
          )
          .all(appointmentId) as { code: string; title: string; extra_minutes: number }[]);
  const extra = addons.reduce((sum, a) => sum + a.extra_minutes, 0);
  const time = (iso: string) => formatLocal(iso, tz, { hour: "numeric", minute: "2-digit" });
  return {
    spaName: settings.spaName,
    kind: opts.kind,
    changes: opts.changes ?? [],
    voidReason: opts.voidReason ?? null,
    guestLabel: guestLabel(facts.guest_name),
    dateLocal: formatLocal(facts.starts_at, tz, { weekday: "short", day: "numeric", month: "short", year: "numeric" }),
    startLocal: time(facts.starts_at),
    endLocal: time(addMinutes(facts.ends_at, extra)),
    serviceName: facts.service,
    serviceMinutes: facts.minutes,
    therapistName: firstName(facts.therapist),
    roomName: facts.room,
    addons: addons.map((a) => ({ code: a.code, title: a.title, extraMinutes: a.extra_minutes })),
    confirmedBy: opts.confirmedBy,
    printedAtLocal: formatLocal(clock.now().toISOString(), tz, { hour: "numeric", minute: "2-digit", month: "short", day: "numeric" }),
  };
}

/**
 * Writes a ticket and its print job. Call inside the transaction of the change that causes
 * it, so a confirmation and its ticket are saved together or not at all.
 */
export function createTicketWithJob(
  db: DB,
  clock: Clock,
  actor: Actor,
  appointmentId: number,
  content: TicketContent,
): { ticketId: number; jobId: number } {
  const now = clock.now().toISOString();
  const ticketId = Number(
    stmt(db, "INSERT INTO tickets (appointment_id, kind, content, created_at, created_by) VALUES (?, ?, ?, ?, ?)")
      .run(appointmentId, content.kind, JSON.stringify(content), now, actor.kind === "staff" ? actor.staffId : null).lastInsertRowid,
  );
  const jobId = Number(
    stmt(db, "INSERT INTO print_jobs (ticket_id, status, created_at, updated_at) VALUES (?, 'queued', ?, ?)")
      .run(ticketId, now, now).lastInsertRowid,
  );
  appendAudit(db, clock, actor, { action: `ticket.${content.kind}`, entity: "appointment", entityId: appointmentId, after: { ticketId, jobId } });
  return { ticketId, jobId };
}

export interface ClaimedJob {
  jobId: number;
  appointmentId: number;
  ticket: Ticket;
}

const loadJob = (db: DB, jobId: number): ClaimedJob => {
  const row = stmt(db, "SELECT j.id, t.id AS ticket_id, t.appointment_id, t.content FROM print_jobs j JOIN tickets t ON t.id = j.ticket_id WHERE j.id = ?")
    .get(jobId) as { id: number; ticket_id: number; appointment_id: number; content: string };
  const ticket = ticketSchema.parse({ ...JSON.parse(row.content), ticketNumber: row.ticket_id, printJobId: row.id });
  return { jobId: row.id, appointmentId: row.appointment_id, ticket };
};

/** Takes the oldest job that is due and marks it 'sending'; null when none is due. */
export function claimNextJob(db: DB, clock: Clock): ClaimedJob | null {
  return db.transaction(() => {
    const now = clock.now().toISOString();
    const next = stmt(db, 
        "SELECT id FROM print_jobs WHERE status = 'queued' AND (next_try_at IS NULL OR next_try_at <= ?) ORDER BY id LIMIT 1",
      )
      .get(now) as { id: number } | undefined;
    if (!next) return null;
    stmt(db, "UPDATE print_jobs SET status = 'sending', attempts = attempts + 1, updated_at = ? WHERE id = ?").run(now, next.id);
    return loadJob(db, next.id);
  }).immediate();
}

export type JobOutcome = { ok: true } | { ok: false; transient: boolean; reason: string };

/** Backoff before retry n (1-based): 2 s, 4 s, 8 s … capped at 5 minutes. */
export const retryDelayMs = (attempt: number): number => Math.min(2_000 * 2 ** (attempt - 1), 300_000);

export function completeJob(db: DB, clock: Clock, jobId: number, outcome: JobOutcome): PrintStatus {
  const now = clock.now();
  if (outcome.ok) {
    stmt(db, "UPDATE print_jobs SET status = 'printed', printed_at = ?, updated_at = ?, last_error = NULL WHERE id = ?").run(
      now.toISOString(),
      now.toISOString(),
      jobId,
    );
    return "printed";
  }
  const { attempts } = stmt(db, "SELECT attempts FROM print_jobs WHERE id = ?").get(jobId) as { attempts: number };
  const status: PrintStatus = outcome.transient ? "queued" : "failed";
  stmt(db, "UPDATE print_jobs SET status = ?, last_error = ?, next_try_at = ?, updated_at = ? WHERE id = ?").run(
    status,
    outcome.reason,
    outcome.transient ? new Date(now.getTime() + retryDelayMs(attempts)).toISOString() : null,
    now.toISOString(),
    jobId,
  );
  return status;
}

/**
 * After a crash, a job left 'sending' may or may not have come out of the printer. It is never
 * sent again as is: it is marked failed and a REPRINT-bannered copy is queued, so the therapist
 * gets a ticket and any duplicate is visibly marked.
 */
export function recoverInterruptedJobs(db: DB, clock: Clock): number {
  return db.transaction(() => {
    const stuck = stmt(db, "SELECT id FROM print_jobs WHERE status = 'sending' ORDER BY id").all() as { id: number }[];
    for (const { id } of stuck) {
      const job = loadJob(db, id);
      stmt(db, "UPDATE print_jobs SET status = 'failed', last_error = ?, updated_at = ? WHERE id = ?").run(
        "Interrupted while printing; sent again marked REPRINT.",
        clock.now().toISOString(),
        id,
      );
      const { ticketNumber: _n, printJobId: _j, ...content } = job.ticket;
      createTicketWithJob(db, clock, { kind: "system" }, job.appointmentId, { ...content, kind: "reprint" });
    }
    return stuck.length;
  }).immediate();
}
