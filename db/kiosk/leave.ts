import type { Model } from "../model";
import { stmt } from "../stmt";
import type { CheckInChannel } from "../../contract/common";
import type { OfferStatus } from "../../contract/channels";
import { appendAudit } from "../audit";
import { DomainError } from "../errors";

interface LeaveRow {
  check_in_channel: CheckInChannel | null;
  offer_id: number | null;
  offer_channel: CheckInChannel | null;
  status: OfferStatus | null;
  left_at: string | null;
}
const LEAVE_SQL = `SELECT c.channel AS check_in_channel, o.id AS offer_id, o.channel AS offer_channel, o.status, o.left_at
  FROM appointments a LEFT JOIN check_ins c ON c.appointment_id = a.id LEFT JOIN offers o ON o.appointment_id = a.id
  WHERE a.id = ?`;

/**
 * The guest left the kiosk's offer without choosing (it idled out, or Cancel): the time is kept on the offer, which
 * stays open ("offered": shown and not taken, as reports count it), and audited, so the desk's row says so at once.
 * Only a check-in the kiosk made with an offer the kiosk showed; anything else is refused. Nothing changes when the
 * offer was already answered or settled (the guest's or the desk's decision stands) or the leave already recorded.
 */
export function leaveOffer(m: Model, appointmentId: number): { recorded: boolean } {
  const { db, clock } = m;
  return db
    .transaction(() => {
      const row = stmt(db, LEAVE_SQL).get(appointmentId) as LeaveRow | undefined;
      if (!row) throw new DomainError("NOT_FOUND", "That appointment no longer exists.");
      if (row.check_in_channel !== "kiosk" || row.offer_id === null || row.offer_channel !== "kiosk")
        throw new DomainError("CONFLICT", "This visit has no add-on offer open at the kiosk.");
      if (row.status !== "offered" || row.left_at !== null) return { recorded: false };
      stmt(db, "UPDATE offers SET left_at = ? WHERE id = ?").run(clock.now().toISOString(), row.offer_id);
      appendAudit(
        db,
        clock,
        { kind: "kiosk" },
        { action: "offer.leave", entity: "appointment", entityId: appointmentId, before: { status: row.status } },
      );
      return { recorded: true };
    })
    .immediate();
}
