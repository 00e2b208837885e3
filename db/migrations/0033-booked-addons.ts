/**
 * 0033: the add-ons a guest booked ahead in the booking system. An import joins a visit's add-on row ("Scalp Massage
 * 15 min" under the massage's booking ID) to its massage (db/import/visits.ts): the booking's length covers it, so the
 * therapist and room are held for it, and this table says which add-on it is and for how many minutes, so the kiosk
 * never offers it again, the desk and the therapist's slip show it as an add-on, and the till is not asked for it (the
 * booking system took it). Written only by an import, replaced the same way each time (db/import/commit.ts); not an
 * offer: reports of the kiosk's offer do not count it. Bookings imported before it keep "Also booked: Scalp Massage
 * 15 min" in their note until their file is imported again.
 */
export const sql = /* sql */ `
CREATE TABLE booked_addons (
  appointment_id INTEGER NOT NULL REFERENCES appointments(id) ON DELETE CASCADE,
  addon_id       INTEGER NOT NULL REFERENCES addons(id),
  -- The add-on's minutes as the booking system booked them (inside the booking's starts_at..ends_at).
  extra_minutes  INTEGER NOT NULL CHECK (extra_minutes > 0),
  PRIMARY KEY (appointment_id, addon_id)
) STRICT, WITHOUT ROWID;
`;
