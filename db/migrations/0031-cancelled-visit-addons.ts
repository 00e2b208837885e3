/**
 * 0031: a cancelled session's add-ons are voided. Cancelling an appointment whose guest had checked in printed a
 * VOID slip for the therapist, but left the add-ons as taken: the uptake report counted their revenue while the POS
 * file, which leaves cancelled appointments out, did not, and nothing explained the gap. The desk's cancellation now
 * voids them (db/desk/appointment.ts); here, those cancelled before it are voided as it would have, the reason
 * saying so. The report's and head office's triggers see the change as any void.
 */
export const sql = /* sql */ `
UPDATE offer_items SET final_selected = 0
  WHERE final_selected = 1 AND offer_id IN (
    SELECT o.id FROM offers o JOIN appointments a ON a.id = o.appointment_id
    WHERE a.status = 'cancelled' AND o.status <> 'voided');
UPDATE offers SET status = 'voided', void_reason = 'Appointment cancelled'
  WHERE status <> 'voided' AND appointment_id IN (SELECT id FROM appointments WHERE status = 'cancelled');
`;
