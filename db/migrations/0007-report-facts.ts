import { measures, staleTriggers } from "./0004-report-cache";

/**
 * 0007: the report cache follows single check-ins instead of whole days. With 0004 any change
 * (a guest's tap, a desk confirm, a printed ticket) made its whole day stale and the next report
 * recomputed every check-in of that day — at a busy spa thousands, for one changed row.
 *
 * Now each check-in's own contribution to the cells is kept (`report_facts`, one row per
 * check-in with its day, hour, channel, service, therapist and additive counts;
 * `report_addon_facts` the same per add-on), the triggers mark the changed APPOINTMENT stale
 * (with its check-in day, so a report still finds the stale entries of its range by day), and a
 * refresh recomputes only those check-ins and moves the cells by the difference: new facts minus
 * the kept ones. Cells whose last check-in moved away are removed (`check_ins` / `items` = 0).
 * Monthly roll-ups of the breakdowns move by the same differences, so a year's report reads
 * months instead of days.
 *
 * The cache is derived data: this migration empties it and marks every check-in stale; the app
 * refills it in the background, newest days first (db/reports/reports.ts).
 */
/**
 * The report-cache triggers (names after `report_stale_`), as 0004 made them and as this migration makes them
 * again.
 */
export const reportTriggers = [
  "check_in_insert",
  "check_in_update",
  "check_in_delete",
  "appointment_update",
  "offer_insert",
  "offer_update",
  "offer_delete",
  "item_insert",
  "item_update",
  "item_delete",
  "print_insert",
  "print_update",
];

/** An add-on cell's (and an add-on fact's) counts. */
const addonMeasures = `shown          INTEGER NOT NULL,
  chosen_kiosk   INTEGER NOT NULL,
  taken          INTEGER NOT NULL,
  revenue_cents  INTEGER NOT NULL,
  extra_minutes  INTEGER NOT NULL`;

/** Marks an appointment's check-in stale (nothing when it has not checked in). */
const markAppointment = (expr: string) =>
  `INSERT OR IGNORE INTO report_stale (local_day, appointment_id) SELECT local_day, appointment_id FROM check_ins WHERE appointment_id = ${expr};`;

/** This migration's triggers: a check-in marks itself stale, every other change its appointment's check-in. */
export const reportStaleTriggers = staleTriggers(
  (row) =>
    `INSERT OR IGNORE INTO report_stale (local_day, appointment_id) VALUES (${row}.local_day, ${row}.appointment_id);`,
  markAppointment,
);

export const sql = /* sql */ `
${reportTriggers.map((t) => `DROP TRIGGER report_stale_${t};`).join("\n")}
DROP TABLE report_stale;
DROP TABLE report_addon_cells;
DELETE FROM report_cells;

-- A check-in whose facts changed since they were last counted, by its check-in day.
CREATE TABLE report_stale (
  local_day      TEXT NOT NULL,
  appointment_id INTEGER NOT NULL,
  PRIMARY KEY (local_day, appointment_id)
) WITHOUT ROWID, STRICT;

-- What each check-in adds to report_cells (hour, ch, service_id, therapist_id: its keys there).
CREATE TABLE report_facts (
  appointment_id INTEGER PRIMARY KEY,
  local_day      TEXT NOT NULL,
  hour           INTEGER NOT NULL,
  ch             INTEGER NOT NULL,
  service_id     INTEGER NOT NULL,
  therapist_id   INTEGER NOT NULL,
  ${measures}
) STRICT;

-- What each check-in adds to report_addon_cells, per add-on line of its offer.
CREATE TABLE report_addon_facts (
  appointment_id INTEGER NOT NULL,
  addon_id       INTEGER NOT NULL,
  ${addonMeasures},
  PRIMARY KEY (appointment_id, addon_id)
) WITHOUT ROWID, STRICT;

-- As in 0004, whole days only (add-ons are reported for the whole range), plus items: the offer
-- lines counted in the cell (0 = nothing left, removed).
CREATE TABLE report_addon_cells (
  dim            TEXT NOT NULL CHECK (dim = 'all'),
  local_day      TEXT NOT NULL,
  key            INTEGER NOT NULL,
  addon_id       INTEGER NOT NULL,
  items          INTEGER NOT NULL,
  ${addonMeasures},
  PRIMARY KEY (dim, local_day, key, addon_id)
) WITHOUT ROWID, STRICT;

-- Monthly roll-ups for the breakdowns, kept by the same differences: a year's report reads about
-- twelve months and the odd days at its ends instead of 365 days per key. 'weekday_hour' keys are
-- weekday × 24 + hour (weekday 0 = Sunday of the check-in day), as a month mixes weekdays.
CREATE TABLE report_month_cells (
  dim       TEXT NOT NULL CHECK (dim IN ('weekday_hour', 'service', 'therapist', 'channel')),
  month     TEXT NOT NULL,
  key       INTEGER NOT NULL,
  ${measures},
  PRIMARY KEY (dim, month, key)
) WITHOUT ROWID, STRICT;

CREATE TABLE report_addon_month_cells (
  dim            TEXT NOT NULL CHECK (dim = 'all'),
  month          TEXT NOT NULL,
  key            INTEGER NOT NULL,
  addon_id       INTEGER NOT NULL,
  items          INTEGER NOT NULL,
  ${addonMeasures},
  PRIMARY KEY (dim, month, key, addon_id)
) WITHOUT ROWID, STRICT;

INSERT INTO report_stale (local_day, appointment_id) SELECT local_day, appointment_id FROM check_ins;

${reportStaleTriggers}`;
