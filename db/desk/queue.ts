import type { ReadModel } from "../model";
import { stmt } from "../stmt";
import type { CheckInChannel, Language } from "../../contract/common";
import type { DeskOptions, OfferStatus, PrintStatus, QueueItem, QueueStage } from "../../contract/channels";
import { SETTLED_STAGES, undoneDecisionSchema } from "../../contract/desk";
import type { TicketKind } from "../../contract/ticket";
import { DomainError } from "../errors";
import type { StoredSlot } from "./appointments";
import { SLOT_COLUMNS } from "../kiosk/offers";
import { screeningChecks, unacknowledgedChecks } from "../screening/screening";
import { visitAlerts } from "../preferences/stored";
import { languageToNote, spaToday } from "../settings";
import { decidedAgainSql, undoneDecisionSql } from "../maintenance/restore-gaps";

interface QueueRow {
  id: number;
  guest_name: string;
  phone: string;
  booking_code: string;
  starts_at: string;
  ends_at: string;
  status: "booked" | "cancelled" | "no_show";
  external_id: string | null;
  note: string | null;
  source: QueueItem["source"];
  service: string;
  therapist_id: number;
  therapist: string;
  room_id: number;
  room: string;
  checked_in_at: string | null;
  check_in_channel: CheckInChannel | null;
  check_in_lang: Language | null;
  offer_id: number | null;
  offer_status: OfferStatus | null;
  offer_channel: CheckInChannel | null;
  void_reason: string | null;
  left_at: string | null;
  guest_choice: string | null;
  final_choice: string | null;
  final_ids: string | null;
  confirmed_by: string | null;
  ticket_id: number | null;
  ticket_kind: TicketKind | null;
  job_id: number | null;
  job_status: PrintStatus | null;
  job_error: string | null;
  screened: 0 | 1;
  undone: string | null;
  /** The add-ons booked ahead, as a JSON array of [id, English title]. */
  booked: string;
}

/** The English titles of an offer's lines with `column` set, in display order, as a JSON array. */
const titlesWhere = (column: "guest_selected" | "final_selected"): string =>
  `(SELECT json_group_array(x.title) FROM (SELECT tx.title FROM offer_items i JOIN addons ad ON ad.id = i.addon_id
     JOIN addon_texts tx ON tx.addon_id = i.addon_id AND tx.lang = 'en'
     WHERE i.offer_id = o.id AND i.${column} = 1 ORDER BY ad.sort_order, ad.id) x)`;

const QUEUE_SQL = `
SELECT a.id, a.guest_name, a.phone, a.booking_code, a.starts_at, a.ends_at, a.status, a.external_id, a.note, a.source,
       s.name AS service, a.therapist_id, t.name AS therapist, a.room_id, r.name AS room,
       c.checked_in_at, c.channel AS check_in_channel, c.lang AS check_in_lang,
       o.id AS offer_id, o.status AS offer_status, o.channel AS offer_channel, o.void_reason, o.left_at,
       ${titlesWhere("guest_selected")} AS guest_choice,
       ${titlesWhere("final_selected")} AS final_choice,
       (SELECT json_group_array(i.addon_id) FROM offer_items i WHERE i.offer_id = o.id AND i.final_selected = 1) AS final_ids,
       st.name AS confirmed_by,
       tk.id AS ticket_id, tk.kind AS ticket_kind, j.id AS job_id, j.status AS job_status, j.last_error AS job_error,
       (SELECT json_group_array(json_array(x.addon_id, x.title)) FROM (SELECT b.addon_id, tx.title FROM booked_addons b
          JOIN addons ad ON ad.id = b.addon_id JOIN addon_texts tx ON tx.addon_id = b.addon_id AND tx.lang = 'en'
          WHERE b.appointment_id = a.id ORDER BY ad.sort_order, ad.id) x) AS booked,
       EXISTS (SELECT 1 FROM screening_answers x WHERE x.appointment_id = a.id AND x.outcome != 'fine') AS screened,
       (SELECT ${undoneDecisionSql("g")} FROM restore_gaps g
        WHERE g.appointment_id = a.id AND g.decided_at IS NOT NULL AND g.dismissed_at IS NULL
          AND NOT ${decidedAgainSql("a.id")}
        ORDER BY g.id DESC LIMIT 1) AS undone
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
// Whole statements, written once: stmt() finds a prepared statement by its text.
const QUEUE_OF_DAY_SQL = `${QUEUE_SQL} WHERE a.local_day = ? ORDER BY a.starts_at, a.id`;
const QUEUE_ITEM_SQL = `${QUEUE_SQL} WHERE a.id = ?`;

function stageOf(r: QueueRow): QueueStage {
  if (r.status === "cancelled") return "cancelled";
  if (r.status === "no_show") return "no_show";
  if (!r.checked_in_at) return "expected";
  // Still on the kiosk's offer: the guest hasn't chosen, so there is no choice to confirm yet.
  if (r.offer_status === "offered") return "choosing";
  if (r.offer_status === "accepted" || r.offer_status === "declined") return "awaiting_confirmation";
  if (r.job_status === "printed") return "ticket_printed";
  if (r.ticket_id !== null) return "confirmed";
  return "checked_in";
}

/** A row as the desk shows it. */
function toItem(m: ReadModel, r: QueueRow): QueueItem {
  const { db } = m;
  // Only a guest whose answers were not all "fine" has flags to read.
  const checks = r.screened === 1 ? screeningChecks(m, r.id) : [];
  const pending = r.screened === 1 && unacknowledgedChecks(m, r.id).length > 0;
  const booked = JSON.parse(r.booked) as [number, string][];
  return {
    appointmentId: r.id,
    guestName: r.guest_name,
    guestPhone: r.phone === "" ? null : r.phone,
    bookingCode: r.booking_code,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    serviceName: r.service,
    therapistId: r.therapist_id,
    therapistName: r.therapist,
    roomId: r.room_id,
    roomName: r.room,
    externalId: r.external_id,
    note: r.note,
    source: r.source,
    stage: stageOf(r),
    checkedInAt: r.checked_in_at,
    checkInChannel: r.check_in_channel,
    guestLanguage: languageToNote(db, r.check_in_lang),
    alerts: visitAlerts(db, r.id),
    offer:
      r.offer_status && r.offer_channel
        ? {
            status: r.offer_status,
            channel: r.offer_channel,
            guestChoice: JSON.parse(r.guest_choice ?? "[]") as string[],
            final: JSON.parse(r.final_choice ?? "[]") as string[],
            finalAddonIds: (JSON.parse(r.final_ids ?? "[]") as number[]).sort((a, b) => a - b),
            confirmedBy: r.confirmed_by,
            voidReason: r.void_reason,
            leftAt: r.left_at,
            checks,
            checksPending: pending,
          }
        : null,
    bookedAhead: booked.map(([, title]) => title),
    bookedAddonIds: booked.map(([id]) => id),
    undoneByRestore: r.undone === null ? null : undoneDecisionSchema.parse(JSON.parse(r.undone)),
    ticket:
      r.ticket_id !== null && r.ticket_kind && r.job_id !== null && r.job_status
        ? {
            ticketNumber: r.ticket_id,
            kind: r.ticket_kind,
            printJobId: r.job_id,
            printStatus: r.job_status,
            printError: r.job_error,
          }
        : null,
  };
}

/**
 * The arrivals queue of a day in the spa's time zone (default: today), in start order. `first`: only the rows the
 * desk opens on, the settled ones down to the first guest still to see to (the top when there is none) and `first`
 * from there (`complete` false when rows are left out).
 */
export function arrivalsQueue(
  m: ReadModel,
  day?: string,
  first?: number,
): { day: string; items: QueueItem[]; complete: boolean } {
  const d = day ?? spaToday(m);
  const rows = stmt(m.db, QUEUE_OF_DAY_SQL).all(d) as QueueRow[];
  // Where the list opens: at the first guest still to see to, at the top when there is none.
  const opensAt = Math.max(
    0,
    rows.findIndex((r) => !SETTLED_STAGES.has(stageOf(r))),
  );
  const end = first === undefined ? rows.length : opensAt + first;
  return { day: d, items: rows.slice(0, end).map((r) => toItem(m, r)), complete: end >= rows.length };
}

/** One appointment as the desk shows it, read as the queue reads it. */
export function queueItem(m: ReadModel, appointmentId: number): QueueItem {
  const { db } = m;
  const row = stmt(db, QUEUE_ITEM_SQL).get(appointmentId) as QueueRow | undefined;
  if (!row) throw new DomainError("NOT_FOUND", "That appointment no longer exists.");
  return toItem(m, row);
}

/** What a desk change returns: the appointment as it now stands, and the print job it queued. */
export interface DeskOutcome {
  item: QueueItem;
  jobId: number | null;
}

export function requireActive(item: QueueItem): void {
  if (item.stage === "cancelled")
    throw new DomainError("CONFLICT", "This appointment was cancelled. Reinstate it first.");
  if (item.stage === "no_show")
    throw new DomainError("CONFLICT", "This appointment is marked as a no-show. Reinstate it first.");
}

export function requireCheckedIn(item: QueueItem): void {
  requireActive(item);
  if (item.stage === "expected")
    throw new DomainError("CONFLICT", "This guest hasn't checked in yet. Check them in first.");
}

interface Slot extends StoredSlot {
  next_therapist_at: string | null;
  next_room_at: string | null;
  booked_addon_ids: string | null;
}
const SLOT_SQL = `SELECT a.id, a.service_id, a.therapist_id, a.room_id, a.starts_at, a.ends_at, ${SLOT_COLUMNS} FROM appointments a WHERE a.id = ?`;
/** The appointment's slot and when its therapist and room are next booked. */
export const slotOf = (m: ReadModel, appointmentId: number): Slot => stmt(m.db, SLOT_SQL).get(appointmentId) as Slot;

export function deskOptions(m: ReadModel): DeskOptions {
  const { db } = m;
  return {
    addons: (
      stmt(
        db,
        `SELECT a.id, a.code, t.title, a.price_cents AS priceCents, a.extra_minutes AS extraMinutes,
                (SELECT json_group_array(s.service_id) FROM addon_services s WHERE s.addon_id = a.id) AS serviceIds
         FROM addons a JOIN addon_texts t ON t.addon_id = a.id AND t.lang = 'en' WHERE a.active = 1 ORDER BY a.sort_order, a.id`,
      ).all() as (Omit<DeskOptions["addons"][number], "serviceIds"> & { serviceIds: string })[]
    ).map((a) => ({ ...a, serviceIds: JSON.parse(a.serviceIds) as number[] })),
    therapists: stmt(
      db,
      "SELECT id, name FROM therapists WHERE active = 1 ORDER BY name",
    ).all() as DeskOptions["therapists"],
    rooms: stmt(db, "SELECT id, name FROM rooms WHERE active = 1 ORDER BY name").all() as DeskOptions["rooms"],
    services: stmt(
      db,
      "SELECT id, name, minutes FROM services WHERE active = 1 ORDER BY name",
    ).all() as DeskOptions["services"],
  };
}
