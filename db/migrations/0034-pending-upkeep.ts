/**
 * 0034: upkeep a file needs once, after an upgrade, that SQL can't do itself: a step's name here until the app has done
 * it. 'joined-notes': bookings whose note an import wrote before 0033 ("Also booked: Scalp Massage 15 min"), read as an
 * import reads a file's add-on rows (db/import/joined-notes.ts) at the next open, the app's start or a restore's reopen
 * of an older backup. Marked only for a file that has such a note: the look through every booking's note (no index can
 * answer it) is made once, here, and not at every start before the kiosk is up.
 */
export const sql = /* sql */ `
CREATE TABLE pending_upkeep (
  step TEXT PRIMARY KEY CHECK (step IN ('joined-notes'))
) STRICT, WITHOUT ROWID;
INSERT INTO pending_upkeep (step)
  SELECT 'joined-notes' WHERE EXISTS (SELECT 1 FROM appointments WHERE note LIKE 'Also booked: %');
`;
