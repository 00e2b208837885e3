import type { Model, StaffActor } from "../model";
import { stmt } from "../stmt";
import type { CheckInChannel, Language } from "../../contract/common";
import type { DeskOptions, OfferStatus, PrintStatus, QueueItem, QueueStage, WalkInAvailability } from "../../contract/channels";
import type { Ticket, TicketKind } from "../../contract/ticket";
import { insertAppointment } from "./appointments";
import { appendAudit } from "../audit";
import { toCsv } from "../csv";
import { DomainError } from "../errors";
import { markWalkInBooked, walkInToBook } from "../kiosk/kiosk";
import { NEXT_BOOKINGS, offerCards } from "../kiosk/offers";
import type { DB } from "../open";
import { getSettings, languageToNote, spaToday } from "../settings";
import { buildTicketContent, createTicketWithJob, readTicketOrRefuse } from "../printing/tickets";
import { addMinutes, clockTimeLocal, formatLocal, localParts } from "../time";


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
  guest_choice: string | null;
  final_choice: string | null;
  final_ids: string | null;
  confirmed_by: string | null;
  ticket_id: number | null;
  ticket_kind: TicketKind | null;
  job_id: number | null;
  job_status: PrintStatus | null;
  job_error: string | null;
}

const QUEUE_SQL = `
SELECT a.id, a.guest_name, a.phone, a.booking_code, a.starts_at, a.ends_at, a.status, a.external_id, a.note, a.source,
       s.name AS service, a.therapist_id, t.name AS therapist, a.room_id, r.name AS room,
       c.checked_in_at, c.channel AS check_in_channel, c.lang AS check_in_lang,
       o.id AS offer_id, o.status AS offer_status, o.channel AS offer_channel, o.void_reason,
       (SELECT json_group_array(x.title) FROM (SELECT tx.title FROM offer_items i JOIN addons ad ON ad.id = i.addon_id
          JOIN addon_texts tx ON tx.addon_id = i.addon_id AND tx.lang = 'en'
          WHERE i.offer_id = o.id AND i.guest_selected = 1 ORDER BY ad.sort_order, ad.id) x) AS guest_choice,
       (SELECT json_group_array(x.title) FROM (SELECT tx.title FROM offer_items i JOIN addons ad ON ad.id = i.addon_id
          JOIN addon_texts tx ON tx.addon_id = i.addon_id AND tx.lang = 'en'
          WHERE i.offer_id = o.id AND i.final_selected = 1 ORDER BY ad.sort_order, ad.id) x) AS final_choice,
       (SELECT json_group_array(i.addon_id) FROM offer_items i WHERE i.offer_id = o.id AND i.final_selected = 1) AS final_ids,
       st.name AS confirmed_by,
       tk.id AS ticket_id, tk.kind AS ticket_kind, j.id AS job_id, j.status AS job_status, j.last_error AS job_error
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
  if (r.offer_status === "offered" || r.offer_status === "accepted" || r.offer_status === "declined") return "awaiting_confirmation";
  if (r.job_status === "printed") return "ticket_printed";
  if (r.ticket_id !== null) return "confirmed";
  return "checked_in";
}

/** A row as the desk shows it. */
function toItem(db: DB, r: QueueRow): QueueItem {
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
          }
        : null,
    ticket:
      r.ticket_id !== null && r.ticket_kind && r.job_id !== null && r.job_status
        ? { ticketNumber: r.ticket_id, kind: r.ticket_kind, printJobId: r.job_id, printStatus: r.job_status, printError: r.job_error }
        : null,
  };
}

/** The arrivals queue of a day in the spa's time zone (default: today), in start order. */
export function arrivalsQueue(m: Model, day?: string): { day: string; items: QueueItem[] } {
  const d = day ?? spaToday(m);
  const rows = stmt(m.db, QUEUE_OF_DAY_SQL).all(d) as QueueRow[];
  return { day: d, items: rows.map((r) => toItem(m.db, r)) };
}

export function queueItem(db: DB, appointmentId: number): QueueItem {
  const row = stmt(db, QUEUE_ITEM_SQL).get(appointmentId) as QueueRow | undefined;
  if (!row) throw new DomainError("NOT_FOUND", "That appointment no longer exists.");
  return toItem(db, row);
}

/** What a desk change returns: the appointment as it now stands, and the print job it queued. */
export interface DeskOutcome {
  item: QueueItem;
  jobId: number | null;
}

function requireActive(item: QueueItem): void {
  if (item.stage === "cancelled") throw new DomainError("CONFLICT", "This appointment was cancelled. Reinstate it first.");
  if (item.stage === "no_show") throw new DomainError("CONFLICT", "This appointment is marked as a no-show. Reinstate it first.");
}

function requireCheckedIn(item: QueueItem): void {
  requireActive(item);
  if (item.stage === "expected") throw new DomainError("CONFLICT", "This guest hasn't checked in yet. Check them in first.");
}

interface Slot {
  id: number;
  service_id: number;
  therapist_id: number;
  room_id: number;
  starts_at: string;
  ends_at: string;
  next_therapist_at: string | null;
  next_room_at: string | null;
}
const SLOT_SQL = `SELECT a.id, a.service_id, a.therapist_id, a.room_id, a.starts_at, a.ends_at, ${NEXT_BOOKINGS} FROM appointments a WHERE a.id = ?`;
const slotOf = (db: DB, appointmentId: number): Slot => stmt(db, SLOT_SQL).get(appointmentId) as Slot;

/** Opens an add-on offer made by the desk (the guest didn't use the kiosk): what the service may carry, as of now. */
function openDeskOffer(m: Model, appointmentId: number): number {
  const { db, clock } = m;
  const now = clock.now();
  const id = Number(
    stmt(db, "INSERT INTO offers (appointment_id, channel, status, offered_at, local_day) VALUES (?, 'desk', 'offered', ?, ?)")
      .run(appointmentId, now.toISOString(), localParts(now, getSettings(db).timeZone).day).lastInsertRowid,
  );
  const insert = stmt(db, "INSERT INTO offer_items (offer_id, addon_id, shown, unavailable, price_cents, extra_minutes) VALUES (?, ?, ?, ?, ?, ?)");
  for (const c of offerCards(db, slotOf(db, appointmentId), "en")) insert.run(id, c.addonId, c.available ? 1 : 0, c.unavailableReason, c.priceCents, c.extraMinutes);
  return id;
}

const offerOf = (db: DB, appointmentId: number) =>
  stmt(db, "SELECT id, status, channel FROM offers WHERE appointment_id = ?").get(appointmentId) as
    | { id: number; status: OfferStatus; channel: CheckInChannel }
    | undefined;

const hasTicket = (db: DB, appointmentId: number): boolean => Boolean(stmt(db, "SELECT 1 FROM tickets WHERE appointment_id = ? LIMIT 1").get(appointmentId));

function queueTicket(m: Model, actor: StaffActor, appointmentId: number, kind: TicketKind, extra: { changes?: string[]; voidReason?: string | null } = {}): number {
  const content = buildTicketContent(m.db, m.clock, appointmentId, { kind, confirmedBy: actor.name, ...extra });
  return createTicketWithJob(m.db, m.clock, actor, appointmentId, content).jobId;
}

/**
 * One tap at the desk: confirms the guest's add-on choice (or "no add-on") and queues the
 * therapist ticket, in one transaction. A guest who didn't use the kiosk gets a desk-channel
 * offer. Confirming twice (double tap, two receptionists at once) is harmless: the second call
 * changes nothing and prints nothing, and it never undoes a change made in between.
 */
export function confirmAddons(m: Model, actor: StaffActor, appointmentId: number): DeskOutcome {
  const { db, clock } = m;
  return db.transaction(() => {
    const item = queueItem(db, appointmentId);
    requireCheckedIn(item);
    if (item.offer?.status === "voided") throw new DomainError("CONFLICT", "The add-on was voided; use Change to add one again.");
    const alreadyDone = item.offer ? item.offer.status === "confirmed" || item.offer.status === "changed" : item.ticket !== null;
    if (alreadyDone) return { item, jobId: null };
    const offer = offerOf(db, appointmentId) ?? (offerCards(db, slotOf(db, appointmentId), "en").length > 0 ? { id: openDeskOffer(m, appointmentId), status: "offered" as const, channel: "desk" as const } : undefined);
    if (offer) {
      stmt(db, "UPDATE offers SET status = 'confirmed', confirmed_by = ?, confirmed_at = ?, decided_at = coalesce(decided_at, ?) WHERE id = ?").run(
        actor.staffId,
        clock.now().toISOString(),
        clock.now().toISOString(),
        offer.id,
      );
      appendAudit(db, clock, actor, {
        action: "offer.confirm",
        entity: "appointment",
        entityId: appointmentId,
        before: { status: offer.status, channel: offer.channel },
        after: { status: "confirmed", final: item.offer?.final ?? [] },
      });
    }
    const jobId = queueTicket(m, actor, appointmentId, "original");
    return { item: queueItem(db, appointmentId), jobId };
  }).immediate();
}

interface OfferLine {
  addon_id: number;
  final_selected: number;
  title: string;
}

/**
 * The desk settles the add-ons: adds or removes face/scalp, or adds one the guest declined.
 * The lines the desk set are recorded as channel desk (the guest's own choice is kept), the
 * offer becomes 'changed', and a ticket is queued in the same transaction: CHANGED (saying what
 * changed) when the therapist already has one, the first ticket otherwise.
 */
export function changeAddons(m: Model, actor: StaffActor, input: { appointmentId: number; addonIds: number[]; reason?: string | undefined }): DeskOutcome {
  const { db, clock } = m;
  return db.transaction(() => {
    const item = queueItem(db, input.appointmentId);
    requireCheckedIn(item);
    const slot = slotOf(db, input.appointmentId);
    const offer = offerOf(db, input.appointmentId) ?? { id: openDeskOffer(m, input.appointmentId), status: "offered" as const, channel: "desk" as const };
    for (const addonId of input.addonIds) {
      const addon = stmt(db,
        `SELECT a.id, a.active, a.price_cents, a.extra_minutes, t.title, EXISTS (SELECT 1 FROM addon_services s WHERE s.addon_id = a.id AND s.service_id = ?) AS allowed
         FROM addons a JOIN addon_texts t ON t.addon_id = a.id AND t.lang = 'en' WHERE a.id = ?`,
      ).get(slot.service_id, addonId) as { id: number; active: number; price_cents: number; extra_minutes: number; title: string; allowed: number } | undefined;
      if (!addon || addon.active !== 1) throw new DomainError("NOT_FOUND", "That add-on is not offered any more.", "addonIds");
      if (addon.allowed !== 1) throw new DomainError("NOT_AVAILABLE", `${addon.title} can't be added to ${item.serviceName}.`, "addonIds");
      stmt(db, "INSERT INTO offer_items (offer_id, addon_id, shown, price_cents, extra_minutes) VALUES (?, ?, 0, ?, ?) ON CONFLICT DO NOTHING").run(
        offer.id,
        addon.id,
        addon.price_cents,
        addon.extra_minutes,
      );
    }
    const lines = stmt(db,
      `SELECT i.addon_id, i.final_selected, upper(t.title) AS title FROM offer_items i JOIN addons a ON a.id = i.addon_id
       JOIN addon_texts t ON t.addon_id = i.addon_id AND t.lang = 'en' WHERE i.offer_id = ? ORDER BY a.sort_order, a.id`,
    ).all(offer.id) as OfferLine[];
    const wanted = new Set(input.addonIds);
    const wasVoided = offer.status === "voided";
    const added = lines.filter((l) => wanted.has(l.addon_id) && (l.final_selected !== 1 || wasVoided));
    const removed = wasVoided ? [] : lines.filter((l) => !wanted.has(l.addon_id) && l.final_selected === 1);
    const settled = offer.status === "confirmed" || offer.status === "changed";
    if (added.length === 0 && removed.length === 0 && (settled || (wasVoided && wanted.size === 0))) {
      throw new DomainError("CONFLICT", "Nothing to change: that is already what the ticket says.", "addonIds");
    }
    const setLine = stmt(db, "UPDATE offer_items SET final_selected = ?, final_channel = 'desk' WHERE offer_id = ? AND addon_id = ?");
    for (const l of added) setLine.run(1, offer.id, l.addon_id);
    for (const l of removed) setLine.run(0, offer.id, l.addon_id);
    if (wasVoided) for (const l of lines) if (!wanted.has(l.addon_id)) setLine.run(0, offer.id, l.addon_id);
    const now = clock.now().toISOString();
    stmt(db, "UPDATE offers SET status = 'changed', confirmed_by = ?, confirmed_at = ?, decided_at = coalesce(decided_at, ?), void_reason = NULL WHERE id = ?").run(
      actor.staffId,
      now,
      now,
      offer.id,
    );
    const changes = [...added.map((l) => `Added ${l.title}`), ...removed.map((l) => `Removed ${l.title}`)];
    appendAudit(db, clock, actor, {
      action: "offer.change",
      entity: "appointment",
      entityId: input.appointmentId,
      before: { status: offer.status, final: wasVoided ? [] : lines.filter((l) => l.final_selected === 1).map((l) => l.title) },
      after: { status: "changed", channel: "desk", final: lines.filter((l) => wanted.has(l.addon_id)).map((l) => l.title) },
      reason: input.reason ?? null,
    });
    const kind: TicketKind = hasTicket(db, input.appointmentId) ? "changed" : "original";
    const jobId = queueTicket(m, actor, input.appointmentId, kind, kind === "changed" ? { changes: changes.length > 0 ? changes : ["Add-ons confirmed as shown"] } : {});
    return { item: queueItem(db, input.appointmentId), jobId };
  }).immediate();
}

/** Voids the add-on sale, with the receptionist's reason; a VOID ticket goes to the therapist. */
export function voidAddons(m: Model, actor: StaffActor, input: { appointmentId: number; reason: string }): DeskOutcome {
  const { db, clock } = m;
  return db.transaction(() => {
    const item = queueItem(db, input.appointmentId);
    requireCheckedIn(item);
    const offer = offerOf(db, input.appointmentId);
    if (!offer) throw new DomainError("CONFLICT", "There is no add-on to void for this guest.");
    if (offer.status === "voided") throw new DomainError("CONFLICT", "This add-on is already voided.");
    stmt(db, "UPDATE offer_items SET final_selected = 0 WHERE offer_id = ? AND final_selected = 1").run(offer.id);
    stmt(db, "UPDATE offers SET status = 'voided', void_reason = ?, confirmed_by = ?, confirmed_at = ? WHERE id = ?").run(
      input.reason,
      actor.staffId,
      clock.now().toISOString(),
      offer.id,
    );
    appendAudit(db, clock, actor, {
      action: "offer.void",
      entity: "appointment",
      entityId: input.appointmentId,
      before: { status: offer.status, final: item.offer?.final ?? [] },
      after: { status: "voided" },
      reason: input.reason,
    });
    const jobId = queueTicket(m, actor, input.appointmentId, "void", { voidReason: input.reason });
    return { item: queueItem(db, input.appointmentId), jobId };
  }).immediate();
}

/** Another booking of this therapist or room overlapping [start, end), if any. */
function clash(db: DB, column: "therapist_id" | "room_id", value: number, self: number | null, start: string, end: string) {
  return stmt(db,
    `SELECT starts_at, ends_at FROM appointments
     WHERE ${column} = ? AND id IS NOT ? AND status = 'booked' AND starts_at < ? AND ends_at > ? ORDER BY starts_at LIMIT 1`,
  ).get(value, self, end, start) as { starts_at: string; ends_at: string } | undefined;
}

function requireFree(db: DB, kind: "therapist" | "room", id: number, self: number | null, start: string, end: string): string {
  const table = kind === "therapist" ? "therapists" : "rooms";
  const row = stmt(db, `SELECT name, active FROM ${table} WHERE id = ?`).get(id) as { name: string; active: number } | undefined;
  if (!row || row.active !== 1) throw new DomainError("NOT_FOUND", `That ${kind} is not active.`, kind === "therapist" ? "therapistId" : "roomId");
  const other = clash(db, kind === "therapist" ? "therapist_id" : "room_id", id, self, start, end);
  if (other) {
    const tz = getSettings(db).timeZone;
    const t = (iso: string) => clockTimeLocal(iso, tz);
    throw new DomainError(
      "CONFLICT",
      `${row.name} is booked from ${t(other.starts_at)} to ${t(other.ends_at)} with another guest. Pick another ${kind}.`,
      kind === "therapist" ? "therapistId" : "roomId",
    );
  }
  return row.name;
}

/** Assigns or changes the therapist and/or room; a therapist who already has a ticket gets a CHANGED one. */
export function assign(m: Model, actor: StaffActor, input: { appointmentId: number; therapistId?: number | undefined; roomId?: number | undefined }): DeskOutcome {
  const { db, clock } = m;
  return db.transaction(() => {
    const item = queueItem(db, input.appointmentId);
    requireActive(item);
    const slot = slotOf(db, input.appointmentId);
    const changes: string[] = [];
    const before: Record<string, string> = {};
    const after: Record<string, string> = {};
    if (input.therapistId !== undefined && input.therapistId !== slot.therapist_id) {
      const name = requireFree(db, "therapist", input.therapistId, slot.id, slot.starts_at, slot.ends_at);
      stmt(db, "UPDATE appointments SET therapist_id = ? WHERE id = ?").run(input.therapistId, slot.id);
      changes.push(`Therapist: ${item.therapistName} → ${name}`);
      before.therapist = item.therapistName;
      after.therapist = name;
    }
    if (input.roomId !== undefined && input.roomId !== slot.room_id) {
      const name = requireFree(db, "room", input.roomId, slot.id, slot.starts_at, slot.ends_at);
      stmt(db, "UPDATE appointments SET room_id = ? WHERE id = ?").run(input.roomId, slot.id);
      changes.push(`Room: ${item.roomName} → ${name}`);
      before.room = item.roomName;
      after.room = name;
    }
    if (changes.length === 0) throw new DomainError("CONFLICT", "Nothing to change: that is the current therapist and room.");
    appendAudit(db, clock, actor, { action: "appointment.assign", entity: "appointment", entityId: slot.id, before, after });
    const jobId = hasTicket(db, slot.id) ? queueTicket(m, actor, slot.id, "changed", { changes }) : null;
    return { item: queueItem(db, slot.id), jobId };
  }).immediate();
}

/** A check-in at the desk; `lang` only for a guest who used the kiosk first (a walk-in who left their name there). */
function insertDeskCheckIn(m: Model, actor: StaffActor, appointmentId: number, lang: Language | null = null): void {
  const { db, clock } = m;
  const now = clock.now();
  const local = localParts(now, getSettings(db).timeZone);
  stmt(db, "INSERT INTO check_ins (appointment_id, checked_in_at, channel, local_day, local_hour, local_weekday, lang) VALUES (?, ?, 'desk', ?, ?, ?, ?)").run(
    appointmentId,
    now.toISOString(),
    local.day,
    local.hour,
    local.weekday,
    lang,
  );
  appendAudit(db, clock, actor, { action: "check_in.create", entity: "appointment", entityId: appointmentId, after: { channel: "desk" } });
}

/** Checks in, at the desk, a booked guest of today who didn't use the kiosk. */
export function checkInAtDesk(m: Model, actor: StaffActor, appointmentId: number): QueueItem {
  const { db } = m;
  return db.transaction(() => {
    const item = queueItem(db, appointmentId);
    requireActive(item);
    const day = stmt(db, "SELECT local_day FROM appointments WHERE id = ?").get(appointmentId) as { local_day: string };
    if (day.local_day !== spaToday(m)) throw new DomainError("CONFLICT", "This appointment is not today; only today's guests can check in.");
    if (item.checkedInAt) throw new DomainError("CONFLICT", `Already checked in (${item.checkInChannel === "kiosk" ? "at the kiosk" : "at the desk"}).`);
    insertDeskCheckIn(m, actor, appointmentId);
    return queueItem(db, appointmentId);
  }).immediate();
}

/** A walk-in's session if it started now (at the next whole minute): the one rule for booking one and for who is free. */
function walkInSession(m: Model, serviceId: number): { start: string; end: string } {
  const service = stmt(m.db, "SELECT minutes, active FROM services WHERE id = ?").get(serviceId) as { minutes: number; active: number } | undefined;
  if (!service || service.active !== 1) throw new DomainError("NOT_FOUND", "That service is not offered any more.", "serviceId");
  const start = new Date(Math.ceil(m.clock.now().getTime() / 60_000) * 60_000).toISOString();
  return { start, end: addMinutes(start, service.minutes) };
}

/**
 * Books a guest without a booking from now, checks them in at the desk and settles the add-ons
 * they took when asked (none: confirmed as no add-on), queuing the therapist's ticket, in one
 * transaction. With `walkInId` (a name left at the kiosk) the entry is taken off the waiting list
 * and the language the guest used there goes on the check-in.
 */
export function walkIn(
  m: Model,
  actor: StaffActor,
  input: { guestName: string; phone: string; serviceId: number; therapistId: number; roomId: number; walkInId?: number | undefined; addonIds: number[] },
): DeskOutcome {
  const { db, clock } = m;
  return db.transaction(() => {
    const { start, end } = walkInSession(m, input.serviceId);
    const lang = input.walkInId === undefined ? null : walkInToBook(m, input.walkInId);
    requireFree(db, "therapist", input.therapistId, null, start, end);
    requireFree(db, "room", input.roomId, null, start, end);
    const { walkInId, addonIds, ...booking } = input;
    const id = insertAppointment(db, clock, getSettings(db).timeZone, { ...booking, startsAt: start, source: "walk-in" });
    appendAudit(db, clock, actor, {
      action: "appointment.create",
      entity: "appointment",
      entityId: id,
      after: { source: "walk-in", serviceId: input.serviceId, therapistId: input.therapistId, roomId: input.roomId, ...(walkInId === undefined ? {} : { walkInId }) },
    });
    insertDeskCheckIn(m, actor, id, lang);
    if (walkInId !== undefined) markWalkInBooked(m, actor, walkInId, id);
    return addonIds.length > 0 ? changeAddons(m, actor, { appointmentId: id, addonIds }) : confirmAddons(m, actor, id);
  }).immediate();
}

/** Every active therapist and room for a walk-in of `serviceId` starting now, each with the booking in its way (null: free). */
export function walkInAvailability(m: Model, serviceId: number): WalkInAvailability {
  const { db } = m;
  const { start, end } = walkInSession(m, serviceId);
  const choices = (kind: "therapist" | "room") =>
    (stmt(db, `SELECT id, name FROM ${kind === "therapist" ? "therapists" : "rooms"} WHERE active = 1 ORDER BY name`).all() as { id: number; name: string }[]).map((r) => {
      const other = clash(db, kind === "therapist" ? "therapist_id" : "room_id", r.id, null, start, end);
      return { id: r.id, name: r.name, busy: other ? { startsAt: other.starts_at, endsAt: other.ends_at } : null };
    });
  return { startsAt: start, endsAt: end, therapists: choices("therapist"), rooms: choices("room") };
}

function setStatus(m: Model, actor: StaffActor, appointmentId: number, to: "booked" | "cancelled" | "no_show", reason: string | null, action: string): DeskOutcome {
  const { db, clock } = m;
  return db.transaction(() => {
    const item = queueItem(db, appointmentId);
    const from = (stmt(db, "SELECT status FROM appointments WHERE id = ?").get(appointmentId) as { status: string }).status;
    if (from === to) throw new DomainError("CONFLICT", to === "booked" ? "This appointment is already active." : "This appointment is already marked that way.");
    if (to === "no_show" && item.checkedInAt) throw new DomainError("CONFLICT", "This guest checked in, so they can't be a no-show.");
    if (to !== "booked" && from !== "booked") throw new DomainError("CONFLICT", "Reinstate this appointment first.");
    stmt(db, "UPDATE appointments SET status = ? WHERE id = ?").run(to, appointmentId);
    appendAudit(db, clock, actor, { action, entity: "appointment", entityId: appointmentId, before: { status: from }, after: { status: to }, reason });
    // A therapist holding a ticket for a cancelled session gets a VOID ticket saying so.
    const jobId = to === "cancelled" && hasTicket(db, appointmentId) ? queueTicket(m, actor, appointmentId, "void", { voidReason: `Appointment cancelled: ${reason ?? ""}`.trim() }) : null;
    return { item: queueItem(db, appointmentId), jobId };
  }).immediate();
}

export const markNoShow = (m: Model, actor: StaffActor, appointmentId: number): DeskOutcome => setStatus(m, actor, appointmentId, "no_show", null, "appointment.no_show");
export const cancelAppointment = (m: Model, actor: StaffActor, appointmentId: number, reason: string): DeskOutcome =>
  setStatus(m, actor, appointmentId, "cancelled", reason, "appointment.cancel");
export const reinstateAppointment = (m: Model, actor: StaffActor, appointmentId: number, reason: string): DeskOutcome =>
  setStatus(m, actor, appointmentId, "booked", reason, "appointment.reinstate");

/** The newest ticket of an appointment, as it was (or will be) printed. */
export function latestTicket(db: DB, appointmentId: number): Ticket | null {
  const row = stmt(db,
    `SELECT t.id, t.content, (SELECT max(id) FROM print_jobs WHERE ticket_id = t.id) AS job_id
     FROM tickets t WHERE t.appointment_id = ? ORDER BY t.id DESC LIMIT 1`,
  ).get(appointmentId) as { id: number; content: string; job_id: number } | undefined;
  if (!row) return null;
  return readTicketOrRefuse(row.content, row.id, row.job_id);
}

export function deskOptions(db: DB): DeskOptions {
  return {
    addons: (
      stmt(db,
        `SELECT a.id, a.code, t.title, a.price_cents AS priceCents, a.extra_minutes AS extraMinutes,
                (SELECT json_group_array(s.service_id) FROM addon_services s WHERE s.addon_id = a.id) AS serviceIds
         FROM addons a JOIN addon_texts t ON t.addon_id = a.id AND t.lang = 'en' WHERE a.active = 1 ORDER BY a.sort_order, a.id`,
      ).all() as (Omit<DeskOptions["addons"][number], "serviceIds"> & { serviceIds: string })[]
    ).map((a) => ({ ...a, serviceIds: JSON.parse(a.serviceIds) as number[] })),
    therapists: stmt(db, "SELECT id, name FROM therapists WHERE active = 1 ORDER BY name").all() as DeskOptions["therapists"],
    rooms: stmt(db, "SELECT id, name FROM rooms WHERE active = 1 ORDER BY name").all() as DeskOptions["rooms"],
    services: stmt(db, "SELECT id, name, minutes FROM services WHERE active = 1 ORDER BY name").all() as DeskOptions["services"],
  };
}

/**
 * The confirmed add-ons of a spa-local day as CSV for the POS to ring up: one row per add-on,
 * with the appointment's external id (the POS's own key; the booking code when it has none)
 * and the price quoted to the guest. Voided add-ons and cancelled appointments are left out.
 */
export function exportConfirmedAddons(db: DB, day: string): { filename: string; content: string } {
  const rows = stmt(db,
    `SELECT a.external_id, a.booking_code, a.starts_at, c.checked_in_at, ad.code, t.title, i.price_cents
     FROM offers o JOIN appointments a ON a.id = o.appointment_id
     JOIN offer_items i ON i.offer_id = o.id AND i.final_selected = 1
     JOIN addons ad ON ad.id = i.addon_id JOIN addon_texts t ON t.addon_id = ad.id AND t.lang = 'en'
     LEFT JOIN check_ins c ON c.appointment_id = a.id
     WHERE a.local_day = ? AND o.status IN ('confirmed', 'changed') AND a.status != 'cancelled'
     ORDER BY a.starts_at, a.id, ad.sort_order`,
  ).all(day) as { external_id: string | null; booking_code: string; starts_at: string; checked_in_at: string | null; code: string; title: string; price_cents: number }[];
  const tz = getSettings(db).timeZone;
  const clock = (iso: string) => formatLocal(iso, tz, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  // README "POS add-on export" documents each column. Every row carries both keys a till can match:
  // the booking system's ID (blank for a booking made in this app) and the app's booking code.
  const content = toCsv(
    ["Date", "Appointment start", "Booking system ID", "Booking code", "Checked in", "Add-on code", "Add-on", "Price"],
    rows.map((r) => [
      day,
      clock(r.starts_at),
      r.external_id ?? "",
      r.booking_code,
      r.checked_in_at === null ? "" : clock(r.checked_in_at),
      r.code,
      r.title,
      r.price_cents / 100,
    ]),
  );
  return { filename: `happyhead-addons-${day}.csv`, content };
}

