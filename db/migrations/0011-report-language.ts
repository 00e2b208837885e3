import { measures } from "./0004-report-cache";

/**
 * 0011: reports break add-on uptake down by the language guests checked in in at the kiosk
 * (0010), e.g. to see whether the Spanish cards sell as well as the English ones. Each check-in's
 * facts gain its language key (0 = none: checked in at the desk, or before 0010; then each
 * language in `languageSchema`'s order from 1), and the daily and monthly cells a 'language'
 * grain: their tables are made again, as SQLite can't change a CHECK constraint in place. The
 * cache is derived data: it is emptied and every check-in marked stale, as 0007 did; the app
 * refills it in the background, newest days first.
 */
export const sql = /* sql */ `
DROP TABLE report_cells;
DROP TABLE report_month_cells;
DELETE FROM report_facts;
ALTER TABLE report_facts ADD COLUMN lang INTEGER NOT NULL DEFAULT 0;
DELETE FROM report_addon_facts;
DELETE FROM report_addon_cells;
DELETE FROM report_addon_month_cells;

CREATE TABLE report_cells (
  dim       TEXT NOT NULL CHECK (dim IN ('all', 'hour', 'service', 'therapist', 'channel', 'language')),
  local_day TEXT NOT NULL,
  key       INTEGER NOT NULL,
  ${measures},
  PRIMARY KEY (dim, local_day, key)
) WITHOUT ROWID, STRICT;

CREATE TABLE report_month_cells (
  dim       TEXT NOT NULL CHECK (dim IN ('weekday_hour', 'service', 'therapist', 'channel', 'language')),
  month     TEXT NOT NULL,
  key       INTEGER NOT NULL,
  ${measures},
  PRIMARY KEY (dim, month, key)
) WITHOUT ROWID, STRICT;

DELETE FROM report_stale;
INSERT INTO report_stale (local_day, appointment_id) SELECT local_day, appointment_id FROM check_ins;
`;
