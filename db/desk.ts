import { stmt } from "./stmt";
import type { CheckInChannel } from "../contract/common";
import type { OfferStatus, PrintStatus, QueueItem, QueueStage } from "../contract/channels";
import { ticketSchema, type Ticket } from "../contract/ticket";
import { appendAudit, type Actor } from "./audit";
import { DomainError } from "./errors";
import type { Model } from "./kiosk";
import type { DB } from "./open";
import { getSettings } from "./settings";
import { buildTicketContent, createTicketWithJob } from "./tickets";
import { localParts } from "./time";

interface QueueRow {
  id: number;
  guest_name: string;
  starts_at: string;
  ends_at: string;
  status: "booked" | "cancelled" | "no_show";
  service: string;
  therapist: string;
  room: string;
  checked_in_at: string | null;
  check_in_channel: CheckInChannel | null;
  offer_id: number | null;
  offer_status: OfferStatus | null;
  offer_channel: CheckInChannel | null;
  guest_choice: string | null;
  final_choice: string | null;
  confirmed_by: string | null;
  ticket_id: number | null;
  job_id: number | null;
  job_status: PrintStatus | null;
  job_error: string | null;
}

const QUEUE_SQL = `
SELECT a.id, a.guest_name, a.starts_at, a.ends_at, a.status,
       s.name AS service, t.name AS therapist, r.name AS room,
       c.checked_in_at, c.channel AS check_in_channel,
       o.id AS offer_id, o.status AS offer_status, o.channel AS offer_channel,
       (SELECT json_group_array(x.title) FROM (SELECT tx.title FROM offer_items i JOIN addons ad ON ad.id = i.addon_id
          JOIN addon_texts tx ON tx.addon_id = i.addon_id AND tx.lang = 'en'
          WHERE i.offer_id = o.id AND i.guest_selected = 1 ORDER BY ad.sort_order, ad.id) x) AS guest_choice,
       (SELECT json_group_array(x.title) FROM (SELECT tx.title FROM offer_items i JOIN addons ad ON ad.id = i.addon_id
          JOIN addon_texts tx ON tx.addon_id = i.addon_id AND tx.lang = 'en'
          WHERE i.offer_id = o.id AND i.final_selected = 1 ORDER BY ad.sort_order, ad.id) x) AS final_choice,
       st.name AS confirmed_by,
       tk.id AS ticket_id, j.id AS job_id, j.status AS job_status, j.last_error AS job_error
FROM appointments a
JOIN services s ON s.id = a.service_id
JOIN therapists t ON t.id = a.therapist_id
JOIN rooms r ON r.id = a.room_id
LEFT JOIN check_ins c ON c.appointment_id = a.id
LEFT JOIN offers o ON o.appointment_id = a.id
LEFT JOIN staff st ON st.id = o.confirmed_by
LEFT JOIN tickets tk ON tk.id = (SELECT max(id) FROM tickets WHERE appointment_id = a.id)
LEFT JOIN print_jobs j ON j.id = (SELECT max(id) FROM print_jobs WHERE ticket_id = tk.id)
`;

function stageOf(r: QueueRow): QueueStage {
  if (r.status === "cancelled") return "cancelled";
  if (r.status === "no_show") return "no_show";
  if (!r.checked_in_at) return "expected";
  if (r.offer_status === "offered" || r.offer_status === "accepted" || r.offer_status === "declined") return "awaiting_confirmation";
  if (r.job_status === "printed") return "ticket_printed";
  if (r.ticket_id !== null) return "confirmed";
  return "checked_in";
}

function toItem(r: QueueRow): QueueItem {
  return {
    appointmentId: r.id,
    guestName: r.guest_name,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    serviceName: r.service,
    therapistName: r.therapist,
    roomName: r.room,
    stage: stageOf(r),
    checkedInAt: r.checked_in_at,
    checkInChannel: r.check_in_channel,
    offer:
      r.offer_status && r.offer_channel
        ? {
            status: r.offer_status,
            channel: r.offer_channel,
            guestChoice: JSON.parse(r.guest_choice ?? "[]") as string[],
            final: JSON.parse(r.final_choice ?? "[]") as string[],
            confirmedBy: r.confirmed_by,
          }
        : null,
    ticket:
      r.ticket_id !== null && r.job_id !== null && r.job_status
        ? { ticketNumber: r.ticket_id, printJobId: r.job_id, printStatus: r.job_status, printError: r.job_error }
        : null,
  };
}

/** The arrivals queue of a day in the spa's time zone (default: today), in start order. */
export function arrivalsQueue(m: Model, day?: string): { day: string; items: QueueItem[] } {
  const d = day ?? localParts(m.clock.now(), getSettings(m.db).timeZone).day;
  const rows = stmt(m.db, `${QUEUE_SQL} WHERE a.local_day = ? ORDER BY a.starts_at, a.id`).all(d) as QueueRow[];
  return { day: d, items: rows.map(toItem) };
}

export function queueItem(db: DB, appointmentId: number): QueueItem {
  const row = stmt(db, `${QUEUE_SQL} WHERE a.id = ?`).get(appointmentId) as QueueRow | undefined;
  if (!row) throw new DomainError("NOT_FOUND", "That appointment no longer exists.");
  return toItem(row);
}

/**
 * One tap at the desk: confirms the guest's add-on choice (or "no add-on") and queues the
 * therapist ticket, in one transaction. Confirming twice (double tap, two receptionists) is
 * harmless: the second call changes nothing and prints nothing.
 */
export function confirmAddons(m: Model, actor: Extract<Actor, { kind: "staff" }>, appointmentId: number): { item: QueueItem; jobId: number | null } {
  const { db, clock } = m;
  return db.transaction(() => {
    const item = queueItem(db, appointmentId);
    if (item.stage === "expected") throw new DomainError("CONFLICT", "This guest hasn't checked in yet.");
    if (item.stage === "cancelled" || item.stage === "no_show") throw new DomainError("CONFLICT", "This appointment is not active.");
    if (item.offer?.status === "voided") throw new DomainError("CONFLICT", "The add-on was voided; change it to add one again.");
    const alreadyDone = item.offer ? item.offer.status === "confirmed" || item.offer.status === "changed" : item.ticket !== null;
    if (alreadyDone) return { item, jobId: null };
    const now = clock.now().toISOString();
    if (item.offer) {
      stmt(db, "UPDATE offers SET status = 'confirmed', confirmed_by = ?, confirmed_at = ? WHERE appointment_id = ?").run(
        actor.staffId,
        now,
        appointmentId,
      );
      appendAudit(db, clock, actor, {
        action: "offer.confirm",
        entity: "appointment",
        entityId: appointmentId,
        before: { status: item.offer.status },
        after: { status: "confirmed", final: item.offer.final },
      });
    }
    const content = buildTicketContent(db, clock, appointmentId, { kind: "original", confirmedBy: actor.name });
    const { jobId } = createTicketWithJob(db, clock, actor, appointmentId, content);
    return { item: queueItem(db, appointmentId), jobId };
  }).immediate();
}

/** The newest ticket of an appointment, as it was (or will be) printed. */
export function latestTicket(db: DB, appointmentId: number): Ticket | null {
  const row = stmt(db, 
      `SELECT t.id, t.content, (SELECT max(id) FROM print_jobs WHERE ticket_id = t.id) AS job_id
       FROM tickets t WHERE t.appointment_id = ? ORDER BY t.id DESC LIMIT 1`,
    )
    .get(appointmentId) as { id: number; content: string; job_id: number } | undefined;
  if (!row) return null;
  return ticketSchema.parse({ ...JSON.parse(row.content), ticketNumber: row.id, printJobId: row.job_id });
}
