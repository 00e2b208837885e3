/**
 * 0029: a booking made after the backup comes back by import. The restore's list named such a booking only by its
 * booking code, which this data makes for each booking it stores, so a new import of the booking system's day gave
 * the same booking a new code and the list never found it: the desk added the guest as a walk-in, their add-on choice
 * typed again and their slip printed as a new one. The list now keeps the booking system's ID from the replaced file
 * (as long as an import accepts one), and the import that stores that booking again links the row to it
 * (db/desk/appointments.ts): the desk then checks the guest in from the queue as it does a restored booking.
 */
export const sql = /* sql */ `
ALTER TABLE restore_gaps ADD COLUMN external_id TEXT CHECK (external_id IS NULL OR length(external_id) BETWEEN 1 AND 64);
CREATE INDEX restore_gaps_unbooked ON restore_gaps (external_id) WHERE appointment_id IS NULL;
`;
