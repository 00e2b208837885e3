/**
 * 0025: what a restore left behind. A restore puts back the spa's data as the backup had it, so a check-in made
 * after that backup is not in it: the guest is in a room, and the desk's queue says they have not arrived. The
 * restore reads the file it replaced (the before-restore copy: after a crash, the damaged file) and keeps here, for
 * the desk, each of that day's check-ins the restored data lacks (db/maintenance/restore-gaps.ts). No guest's
 * details: the booking is named by its code and id, and the desk shows the guest from the restored booking.
 */
export const sql = /* sql */ `
CREATE TABLE restore_gaps (
  id             INTEGER PRIMARY KEY,
  restored_at    TEXT NOT NULL,
  -- The restored booking with the same code, or NULL: a booking made after the backup, not in the restored data.
  appointment_id INTEGER REFERENCES appointments(id),
  booking_code   TEXT NOT NULL,
  starts_at      TEXT NOT NULL,
  service_name   TEXT NOT NULL,
  checked_in_at  TEXT NOT NULL,
  channel        TEXT NOT NULL CHECK (channel IN ('kiosk', 'desk')),
  -- The add-ons chosen for that visit there (a JSON array of add-on codes): the therapist's ticket is to carry them.
  addons         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(addons) AND json_type(addons) = 'array'),
  -- When staff said the list was dealt with (every row of that restore at once), and who.
  dismissed_at   TEXT,
  dismissed_by   INTEGER REFERENCES staff(id)
) STRICT;
CREATE INDEX restore_gaps_open ON restore_gaps (dismissed_at, restored_at);
`;
