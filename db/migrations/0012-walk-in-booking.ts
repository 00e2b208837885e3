/**
 * 0012: a walk-in who left their name at the kiosk is booked from their entry on the desk's list.
 * `appointment_id` links the entry to the booking made for them, so the same walk-in is never
 * booked twice (two receptionists, a double tap) and the audit trail joins the two.
 *
 * Such a booking's check-in is made at the desk but carries the language the guest used at the
 * kiosk in `check_ins.lang` (0010 left it NULL for every desk check-in), so the desk and the
 * therapist's ticket say "speaks Spanish" for them too.
 */
export const sql = /* sql */ `
ALTER TABLE walk_ins ADD COLUMN appointment_id INTEGER REFERENCES appointments(id);
`;
