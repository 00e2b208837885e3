/**
 * 0015: what a booking system's real export carries. An appointment keeps the booking's note
 * (one line, at most 200 characters: contract/desk.ts APPOINTMENT_NOTE_MAX) for the desk and the
 * therapist's ticket. A booking system's own name for a catalog entry ("Room 1" for Lotus,
 * "Chair Massage" for a service), matched once by staff, is remembered here by its folded text
 * so every later import reads it the same way.
 */
export const sql = /* sql */ `
ALTER TABLE appointments ADD COLUMN note TEXT CHECK (note IS NULL OR length(note) BETWEEN 1 AND 200);

CREATE TABLE import_name_matches (
  kind       TEXT NOT NULL CHECK (kind IN ('service', 'therapist', 'room')),
  name_key   TEXT NOT NULL CHECK (length(name_key) BETWEEN 1 AND 120),
  target_id  INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (kind, name_key)
) STRICT, WITHOUT ROWID;
`;
