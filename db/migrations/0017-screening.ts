import { defaultScreening } from "../screening/defaults";

/** A string as an SQL literal. */
const literal = (s: string): string => `'${s.replaceAll("'", "''")}'`;

/**
 * 0017: screening add-ons for contraindications (db/screening/). `screening_sets` keeps every
 * version of an add-on's questions (a manager's save adds the next; none is rewritten), so an
 * answer always reads with the questions it answered. `screening_answers` holds a guest's answers
 * for an add-on of their appointment: the set they answered, the outcome, when, and the desk's
 * acknowledgement of a "therapist will check". They are personal health data: retention erases
 * them with the guest's other details (db/maintenance/retention.ts).
 *
 * Spas that already have the face and scalp add-ons get the shipped questions as version 1, as a
 * new installation does (insertDefaultAddons).
 */
export const sql = /* sql */ `
CREATE TABLE screening_sets (
  id         INTEGER PRIMARY KEY,
  addon_id   INTEGER NOT NULL REFERENCES addons(id),
  version    INTEGER NOT NULL CHECK (version >= 1),
  questions  TEXT NOT NULL CHECK (json_valid(questions) AND json_type(questions) = 'array' AND json_array_length(questions) <= 3),
  saved_at   TEXT NOT NULL,
  saved_by   INTEGER REFERENCES staff(id),
  UNIQUE (addon_id, version)
) STRICT;

CREATE TABLE screening_answers (
  appointment_id  INTEGER NOT NULL REFERENCES appointments(id),
  addon_id        INTEGER NOT NULL REFERENCES addons(id),
  set_id          INTEGER NOT NULL REFERENCES screening_sets(id),
  answers         TEXT NOT NULL CHECK (json_valid(answers) AND json_type(answers) = 'array'),
  outcome         TEXT NOT NULL CHECK (outcome IN ('fine', 'check', 'notToday')),
  answered_at     TEXT NOT NULL,
  acknowledged_by INTEGER REFERENCES staff(id),
  acknowledged_at TEXT,
  PRIMARY KEY (appointment_id, addon_id)
) STRICT;

-- A new version changes the kiosk's offer cards: the catalogue version (0009) moves with it.
CREATE TRIGGER addon_catalog_screening_sets_insert AFTER INSERT ON screening_sets
  BEGIN UPDATE addon_catalog_version SET version = version + 1 WHERE id = 1; END;

${(["face", "scalp"] as const)
  .map(
    (code) =>
      `INSERT INTO screening_sets (addon_id, version, questions, saved_at)
  SELECT id, 1, ${literal(JSON.stringify(defaultScreening[code]))}, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM addons WHERE code = '${code}';`,
  )
  .join("\n")}
`;
