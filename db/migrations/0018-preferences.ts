/**
 * 0018: a guest's massage preferences, given on the kiosk for one visit (the appointment): the
 * pressure they like, allergies (known codes and their own words), areas to avoid, and whether
 * they agreed to have them kept for their next visit (found again by the same phone). Lists are
 * JSON arrays of the contract's codes (contract/preferences.ts). Personal data: erased with the
 * visit's other details by retention and on a guest's request (db/preferences/preferences.ts).
 */
export const sql = /* sql */ `
CREATE TABLE guest_preferences (
  appointment_id INTEGER PRIMARY KEY REFERENCES appointments(id) ON DELETE CASCADE,
  pressure       TEXT CHECK (pressure IN ('light', 'medium', 'firm')),
  allergies      TEXT NOT NULL CHECK (json_valid(allergies) AND json_type(allergies) = 'array'),
  allergy_other  TEXT NOT NULL CHECK (length(allergy_other) <= 60),
  avoid          TEXT NOT NULL CHECK (json_valid(avoid) AND json_type(avoid) = 'array'),
  keep           INTEGER NOT NULL CHECK (keep IN (0, 1)),
  given_at       TEXT NOT NULL
) STRICT;
`;
