/**
 * 0010: the language a guest checked in in at the kiosk, so the desk and the therapist's ticket
 * can say "speaks Spanish" and the therapist greets them in it. NULL for a check-in at the desk
 * (and for check-ins made before this version): the desk spoke with the guest and knows.
 * A column of the check-in row: no page more for a check-in to write.
 */
export const sql = /* sql */ `
ALTER TABLE check_ins ADD COLUMN lang TEXT CHECK (lang IS NULL OR lang IN ('en', 'es'));
`;
