/**
 * 0006: walk-ins who leave a first name at the kiosk (no booking yet). The desk sees them
 * waiting, greets them and books them in; marking one seen takes it off the list.
 */
export const sql = /* sql */ `
CREATE TABLE walk_ins (
  id          INTEGER PRIMARY KEY,
  first_name  TEXT NOT NULL CHECK (length(first_name) BETWEEN 1 AND 30),
  lang        TEXT NOT NULL CHECK (lang IN ('en', 'es')),
  arrived_at  TEXT NOT NULL,
  local_day   TEXT NOT NULL,
  seen_at     TEXT,
  seen_by     INTEGER REFERENCES staff(id)
) STRICT;
CREATE INDEX walk_ins_waiting ON walk_ins (local_day, seen_at);
`;
