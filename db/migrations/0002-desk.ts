/**
 * 0002 (front desk): remembered column mappings for appointment CSV imports, keyed by the file's
 * header row; and who set each add-on line's final state (NULL = the guest at the kiosk, 'desk' =
 * a receptionist's change), so a desk override is recorded as channel desk without losing what
 * the guest chose.
 */
export const sql = /* sql */ `
CREATE TABLE import_mappings (
  header_key TEXT PRIMARY KEY,
  mapping    TEXT NOT NULL CHECK (json_valid(mapping)),
  updated_at TEXT NOT NULL
) STRICT;

ALTER TABLE offer_items ADD COLUMN final_channel TEXT CHECK (final_channel IS NULL OR final_channel IN ('kiosk', 'desk'));
`;
