/**
 * 0026: a restore's list carries the guest's whole arrival, so the desk's Check in puts it back as it was rather than
 * as a bare desk check-in. Besides the add-ons chosen (0025), each left-out check-in now keeps the language the guest
 * used, where their add-on offer stood (`offer_status`, NULL when none was opened), and their answers to the add-ons'
 * health questions (`screening`: a JSON array of `{ "code", "version", "answers" }`), so a "therapist will check" still
 * reaches the desk and the therapist's ticket. The answers are personal health data: they are erased once the desk has
 * checked the guest in again or cleared the list, and by retention with the booking's other details.
 */
export const sql = /* sql */ `
ALTER TABLE restore_gaps ADD COLUMN lang TEXT CHECK (lang IS NULL OR lang GLOB '[a-z][a-z]');
ALTER TABLE restore_gaps ADD COLUMN offer_status TEXT
  CHECK (offer_status IS NULL OR offer_status IN ('offered', 'accepted', 'declined', 'confirmed', 'changed', 'voided'));
ALTER TABLE restore_gaps ADD COLUMN screening TEXT NOT NULL DEFAULT '[]'
  CHECK (json_valid(screening) AND json_type(screening) = 'array');
`;
