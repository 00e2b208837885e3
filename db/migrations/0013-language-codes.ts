import { reportStaleTriggers, reportTriggers } from "./0007-report-facts";

/**
 * 0013: the kiosk speaks Chinese too. `walk_ins.lang` (0006) and `check_ins.lang` (0010) allowed
 * only 'en' and 'es' by a CHECK that SQLite cannot alter, so both tables are rebuilt with a check
 * of the code's shape instead: which languages there are is the contract's `languageSchema`, and
 * a language added there needs no migration of its own.
 *
 * The report-cache triggers read `check_ins` in their bodies, so they are dropped before the
 * rebuild and made again after, unchanged (as in 0008).
 */
export const sql = /* sql */ `
${reportTriggers.map((t) => `DROP TRIGGER report_stale_${t};`).join("\n")}

CREATE TABLE check_ins_new (
  appointment_id INTEGER PRIMARY KEY NOT NULL REFERENCES appointments(id),
  checked_in_at  TEXT NOT NULL,
  channel        TEXT NOT NULL CHECK (channel IN ('kiosk', 'desk')),
  local_day      TEXT NOT NULL,
  local_hour     INTEGER NOT NULL CHECK (local_hour BETWEEN 0 AND 23),
  local_weekday  INTEGER NOT NULL CHECK (local_weekday BETWEEN 0 AND 6),
  lang           TEXT CHECK (lang IS NULL OR lang GLOB '[a-z][a-z]')
) STRICT;
INSERT INTO check_ins_new (appointment_id, checked_in_at, channel, local_day, local_hour, local_weekday, lang)
  SELECT appointment_id, checked_in_at, channel, local_day, local_hour, local_weekday, lang FROM check_ins;
DROP TABLE check_ins;
ALTER TABLE check_ins_new RENAME TO check_ins;
CREATE INDEX check_ins_by_day ON check_ins (local_day, checked_in_at);

CREATE TABLE walk_ins_new (
  id             INTEGER PRIMARY KEY,
  first_name     TEXT NOT NULL CHECK (length(first_name) BETWEEN 1 AND 30),
  lang           TEXT NOT NULL CHECK (lang GLOB '[a-z][a-z]'),
  arrived_at     TEXT NOT NULL,
  local_day      TEXT NOT NULL,
  seen_at        TEXT,
  seen_by        INTEGER REFERENCES staff(id),
  appointment_id INTEGER REFERENCES appointments(id)
) STRICT;
INSERT INTO walk_ins_new (id, first_name, lang, arrived_at, local_day, seen_at, seen_by, appointment_id)
  SELECT id, first_name, lang, arrived_at, local_day, seen_at, seen_by, appointment_id FROM walk_ins;
DROP TABLE walk_ins;
ALTER TABLE walk_ins_new RENAME TO walk_ins;
CREATE INDEX walk_ins_waiting ON walk_ins (local_day, seen_at);

${reportStaleTriggers}`;
