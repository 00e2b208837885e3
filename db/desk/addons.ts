import type { Model, StaffActor } from "../model";
import { stmt } from "../stmt";
import type { CheckInChannel } from "../../contract/common";
import type { OfferStatus, QueueItem } from "../../contract/channels";
import type { SeenOffer } from "../../contract/desk";
import { slipTitle, type TicketKind } from "../../contract/ticket";
import { appendAudit } from "../audit";
import { DomainError } from "../errors";
import { isSettled, offerCards, openOffer } from "../kiosk/offers";
import type { DB } from "../open";
import { hasTicket, queueTicket } from "../printing/tickets";
import { queueItem, requireCheckedIn, slotOf, type DeskOutcome } from "./queue";
import { bookedAddonLines } from "./booked-addons";
import { requireChecksAcknowledged } from "../screening/screening";
import type { Acknowledged } from "../../contract/screening";
import { slipBeforeRestore } from "../maintenance/slip-before-restore";

const offerOf = (db: DB, appointmentId: number) =>
  stmt(db, "SELECT id, status, channel FROM offers WHERE appointment_id = ?").get(appointmentId) as
    { id: number; status: OfferStatus; channel: CheckInChannel } | undefined;

/**
 * One tap at the desk: confirms the guest's add-on choice (or "no add-on") and queues the
 * therapist ticket, in one transaction. A guest who didn't use the kiosk gets a desk-channel
 * offer. Confirming twice (double tap, two receptionists at once) is harmless: the second call
 * changes nothing and prints nothing, and it never undoes a change made in between.
 */
export function confirmAddons(
  m: Model,
  actor: StaffActor,
  appointmentId: number,
  acknowledged: Acknowledged = false,
): DeskOutcome {
  const { db, clock } = m;
  return db
    .transaction(() => {
      const item = queueItem(m, appointmentId);
      requireCheckedIn(item);
      if (item.offer?.status === "voided")
        throw new DomainError("CONFLICT", "The add-on was voided; use Change to add one again.");
      const alreadyDone = item.offer ? isSettled(item.offer.status) : item.ticket !== null;
      if (alreadyDone) return { item, jobId: null };
      requireChecksAcknowledged(m, actor, appointmentId, acknowledged);
      const before = slipBeforeRestore(db, appointmentId);
      const cards = offerOf(db, appointmentId) ? [] : offerCards(m, slotOf(m, appointmentId), "en");
      const offer =
        offerOf(db, appointmentId) ??
        (cards.length > 0
          ? { id: openOffer(m, appointmentId, "desk", cards), status: "offered" as const, channel: "desk" as const }
          : undefined);
      if (offer) {
        stmt(
          db,
          "UPDATE offers SET status = 'confirmed', confirmed_by = ?, confirmed_at = ?, decided_at = coalesce(decided_at, ?) WHERE id = ?",
        ).run(actor.staffId, clock.now().toISOString(), clock.now().toISOString(), offer.id);
        appendAudit(db, clock, actor, {
          action: "offer.confirm",
          entity: "appointment",
          entityId: appointmentId,
          before: { status: offer.status, channel: offer.channel },
          after: { status: "confirmed", final: item.offer?.final ?? [] },
        });
      }
      const jobId = queueTicket(m, actor, appointmentId, "original", {}, before);
      return { item: queueItem(m, appointmentId), jobId };
    })
    .immediate();
}

interface OfferLine {
  addon_id: number;
  final_selected: number;
  title: string;
}

/**
 * Refuses a Change or Void made on add-ons another desk (or the guest, at the kiosk) has changed since the window
 * showed them (`seen`): the receptionist decides again on what is there now. Two windows changing and voiding at
 * once had both succeed, the void undoing a change its receptionist never saw.
 */
function requireAsSeen(item: QueueItem, seen: SeenOffer | undefined): void {
  if (!seen) return;
  const status = item.offer?.status ?? null;
  const final = item.offer?.final ?? [];
  if (status === seen.status && JSON.stringify(final) === JSON.stringify(seen.final)) return;
  const now = status === "voided" ? "voided" : final.length > 0 ? final.join(" + ") : "no add-on";
  throw new DomainError(
    "CONFLICT",
    `These add-ons changed while you were deciding (now: ${now}). Check them and decide again.`,
    "seen",
  );
}

/**
 * The desk settles the add-ons: adds or removes face/scalp, or adds one the guest declined.
 * The lines the desk set are recorded as channel desk (the guest's own choice is kept), the
 * offer becomes 'changed', and a ticket is queued in the same transaction: CHANGED (saying what
 * changed) when the therapist already has one, the first ticket otherwise. An add-on added or
 * kept whose screening flagged it needs `acknowledged`, as Confirm does.
 */
export function changeAddons(
  m: Model,
  actor: StaffActor,
  input: {
    appointmentId: number;
    addonIds: number[];
    reason?: string | undefined;
    acknowledged?: boolean | undefined;
    seen?: SeenOffer | undefined;
  },
): DeskOutcome {
  const { db, clock } = m;
  return db
    .transaction(() => {
      const item = queueItem(m, input.appointmentId);
      requireCheckedIn(item);
      requireAsSeen(item, input.seen);
      const before = slipBeforeRestore(db, input.appointmentId);
      const slot = slotOf(m, input.appointmentId);
      const offer = offerOf(db, input.appointmentId) ?? {
        id: openOffer(m, input.appointmentId, "desk", offerCards(m, slot, "en")),
        status: "offered" as const,
        channel: "desk" as const,
      };
      const booked = bookedAddonLines(db, input.appointmentId);
      for (const addonId of input.addonIds) {
        const ahead = booked.find((b) => b.addonId === addonId);
        if (ahead)
          throw new DomainError(
            "CONFLICT",
            `${ahead.title} is booked ahead in the booking system: it is on the ticket already, and the booking holds its time. Untick it.`,
            "addonIds",
          );
        const addon = stmt(
          db,
          `SELECT a.id, a.active, a.price_cents, a.extra_minutes, t.title, EXISTS (SELECT 1 FROM addon_services s WHERE s.addon_id = a.id AND s.service_id = ?) AS allowed
         FROM addons a JOIN addon_texts t ON t.addon_id = a.id AND t.lang = 'en' WHERE a.id = ?`,
        ).get(slot.service_id, addonId) as
          | { id: number; active: number; price_cents: number; extra_minutes: number; title: string; allowed: number }
          | undefined;
        if (!addon || addon.active !== 1)
          throw new DomainError("NOT_FOUND", "That add-on is not offered any more.", "addonIds");
        if (addon.allowed !== 1)
          throw new DomainError("NOT_AVAILABLE", `${addon.title} can't be added to ${item.serviceName}.`, "addonIds");
        stmt(
          db,
          "INSERT INTO offer_items (offer_id, addon_id, shown, price_cents, extra_minutes) VALUES (?, ?, 0, ?, ?) ON CONFLICT DO NOTHING",
        ).run(offer.id, addon.id, addon.price_cents, addon.extra_minutes);
      }
      const lines = stmt(
        db,
        `SELECT i.addon_id, i.final_selected, t.title FROM offer_items i JOIN addons a ON a.id = i.addon_id
       JOIN addon_texts t ON t.addon_id = i.addon_id AND t.lang = 'en' WHERE i.offer_id = ? ORDER BY a.sort_order, a.id`,
      )
        .all(offer.id)
        .map((l) => ({ ...(l as OfferLine), title: slipTitle((l as OfferLine).title) }));
      const wanted = new Set(input.addonIds);
      const wasVoided = offer.status === "voided";
      const added = lines.filter((l) => wanted.has(l.addon_id) && (l.final_selected !== 1 || wasVoided));
      const removed = wasVoided ? [] : lines.filter((l) => !wanted.has(l.addon_id) && l.final_selected === 1);
      const settled = isSettled(offer.status);
      if (added.length === 0 && removed.length === 0 && (settled || (wasVoided && wanted.size === 0))) {
        throw new DomainError("CONFLICT", "Nothing to change: that is already what the ticket says.", "addonIds");
      }
      const setLine = stmt(
        db,
        "UPDATE offer_items SET final_selected = ?, final_channel = 'desk' WHERE offer_id = ? AND addon_id = ?",
      );
      for (const l of added) setLine.run(1, offer.id, l.addon_id);
      for (const l of removed) setLine.run(0, offer.id, l.addon_id);
      if (wasVoided) for (const l of lines) if (!wanted.has(l.addon_id)) setLine.run(0, offer.id, l.addon_id);
      requireChecksAcknowledged(m, actor, input.appointmentId, input.acknowledged ?? false);
      const now = clock.now().toISOString();
      stmt(
        db,
        "UPDATE offers SET status = 'changed', confirmed_by = ?, confirmed_at = ?, decided_at = coalesce(decided_at, ?), void_reason = NULL WHERE id = ?",
      ).run(actor.staffId, now, now, offer.id);
      const changes = [...added.map((l) => `Added ${l.title}`), ...removed.map((l) => `Removed ${l.title}`)];
      appendAudit(db, clock, actor, {
        action: "offer.change",
        entity: "appointment",
        entityId: input.appointmentId,
        before: {
          status: offer.status,
          final: wasVoided ? [] : lines.filter((l) => l.final_selected === 1).map((l) => l.title),
        },
        after: {
          status: "changed",
          channel: "desk",
          final: lines.filter((l) => wanted.has(l.addon_id)).map((l) => l.title),
        },
        reason: input.reason ?? null,
      });
      const kind: TicketKind = hasTicket(m, input.appointmentId) ? "changed" : "original";
      const jobId = queueTicket(
        m,
        actor,
        input.appointmentId,
        kind,
        kind === "changed" ? { changes: changes.length > 0 ? changes : ["Add-ons confirmed as shown"] } : {},
        before,
      );
      return { item: queueItem(m, input.appointmentId), jobId };
    })
    .immediate();
}

/**
 * Voids the appointment's add-ons in the model (none taken, none earning), audited with what they were; the caller
 * prints the VOID ticket. Desk's Void, and the cancellation of an appointment whose guest had checked in (the
 * therapist's slip says VOID: reports, the POS file and head office say the same). Nothing when there is no offer or
 * it is voided already. Call inside the caller's transaction.
 */
export function markVoided(m: Model, actor: StaffActor, appointmentId: number, reason: string): void {
  const { db, clock } = m;
  const offer = offerOf(db, appointmentId);
  if (!offer || offer.status === "voided") return;
  const final = queueItem(m, appointmentId).offer?.final ?? [];
  stmt(db, "UPDATE offer_items SET final_selected = 0 WHERE offer_id = ? AND final_selected = 1").run(offer.id);
  stmt(db, "UPDATE offers SET status = 'voided', void_reason = ?, confirmed_by = ?, confirmed_at = ? WHERE id = ?").run(
    reason,
    actor.staffId,
    clock.now().toISOString(),
    offer.id,
  );
  appendAudit(db, clock, actor, {
    action: "offer.void",
    entity: "appointment",
    entityId: appointmentId,
    before: { status: offer.status, final },
    after: { status: "voided" },
    reason,
  });
}

/** Voids the add-on sale, with the receptionist's reason; a VOID ticket goes to the therapist. */
export function voidAddons(
  m: Model,
  actor: StaffActor,
  input: { appointmentId: number; reason: string; seen?: SeenOffer | undefined },
): DeskOutcome {
  const { db } = m;
  return db
    .transaction(() => {
      const item = queueItem(m, input.appointmentId);
      requireCheckedIn(item);
      requireAsSeen(item, input.seen);
      const offer = offerOf(db, input.appointmentId);
      if (!offer) throw new DomainError("CONFLICT", "There is no add-on to void for this guest.");
      if (offer.status === "voided") throw new DomainError("CONFLICT", "This add-on is already voided.");
      const before = slipBeforeRestore(db, input.appointmentId);
      markVoided(m, actor, input.appointmentId, input.reason);
      const jobId = queueTicket(m, actor, input.appointmentId, "void", { voidReason: input.reason }, before);
      return { item: queueItem(m, input.appointmentId), jobId };
    })
    .immediate();
}
