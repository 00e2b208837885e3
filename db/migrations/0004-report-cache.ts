/**
 * 0004: a per-day cache of the report figures, so a year of a busy spa (a million check-ins)
 * reports in milliseconds.
 *
 * The cache is derived data only, never a second source of truth: `report_cells` holds each
 * spa-local day's additive counts at five grains (whole day, hour, service, therapist, check-in
 * channel) and `report_addon_cells` the same per add-on. Triggers on every table a figure depends
 * on mark the check-in day stale (`report_stale`); the next report recomputes exactly the stale
 * days of its range from the base tables (db/reports/reports.ts) and serves the rest from the cache.
 * The kiosk and desk write exactly what they wrote before; the triggers only add a day key.
 */
export const measures = `
  check_ins      INTEGER NOT NULL,
  offered        INTEGER NOT NULL,
  offered_multi  INTEGER NOT NULL,
  accepted_kiosk INTEGER NOT NULL,
  added_desk     INTEGER NOT NULL,
  confirmed      INTEGER NOT NULL,
  voided         INTEGER NOT NULL,
  taken          INTEGER NOT NULL,
  taken_multi    INTEGER NOT NULL,
  revenue_cents  INTEGER NOT NULL,
  extra_minutes  INTEGER NOT NULL,
  f_accepted     INTEGER NOT NULL,
  f_confirmed    INTEGER NOT NULL,
  f_printed      INTEGER NOT NULL,
  desk_reviewed  INTEGER NOT NULL,
  overridden     INTEGER NOT NULL`;

/** Marks the check-in day of an appointment stale. */
const markAppointment = (expr: string) =>
  `INSERT OR IGNORE INTO report_stale (local_day) SELECT local_day FROM check_ins WHERE appointment_id = ${expr};`;

/**
 * The triggers that mark the report cache stale on every change a figure depends on, given how a
 * check-in row (NEW or OLD) and an appointment (an SQL expression for its id) are marked; 0007
 * creates them again with its finer marks.
 */
export const staleTriggers = (
  markCheckIn: (row: "NEW" | "OLD") => string,
  mark: (appointmentExpr: string) => string,
) => /* sql */ `CREATE TRIGGER report_stale_check_in_insert AFTER INSERT ON check_ins
  BEGIN ${markCheckIn("NEW")} END;
CREATE TRIGGER report_stale_check_in_update AFTER UPDATE ON check_ins
  BEGIN
    ${markCheckIn("OLD")}
    ${markCheckIn("NEW")}
  END;
CREATE TRIGGER report_stale_check_in_delete AFTER DELETE ON check_ins
  BEGIN ${markCheckIn("OLD")} END;

CREATE TRIGGER report_stale_appointment_update AFTER UPDATE OF service_id, therapist_id ON appointments
  BEGIN ${mark("NEW.id")} END;

CREATE TRIGGER report_stale_offer_insert AFTER INSERT ON offers BEGIN ${mark("NEW.appointment_id")} END;
CREATE TRIGGER report_stale_offer_update AFTER UPDATE ON offers BEGIN ${mark("NEW.appointment_id")} END;
CREATE TRIGGER report_stale_offer_delete AFTER DELETE ON offers BEGIN ${mark("OLD.appointment_id")} END;

CREATE TRIGGER report_stale_item_insert AFTER INSERT ON offer_items
  BEGIN ${mark("(SELECT appointment_id FROM offers WHERE id = NEW.offer_id)")} END;
CREATE TRIGGER report_stale_item_update AFTER UPDATE ON offer_items
  BEGIN ${mark("(SELECT appointment_id FROM offers WHERE id = NEW.offer_id)")} END;
CREATE TRIGGER report_stale_item_delete AFTER DELETE ON offer_items
  BEGIN ${mark("(SELECT appointment_id FROM offers WHERE id = OLD.offer_id)")} END;

CREATE TRIGGER report_stale_print_insert AFTER INSERT ON print_jobs WHEN NEW.status = 'printed'
  BEGIN ${mark("(SELECT appointment_id FROM tickets WHERE id = NEW.ticket_id)")} END;
CREATE TRIGGER report_stale_print_update AFTER UPDATE OF status ON print_jobs WHEN (OLD.status = 'printed') != (NEW.status = 'printed')
  BEGIN ${mark("(SELECT appointment_id FROM tickets WHERE id = NEW.ticket_id)")} END;
`;

export const sql = /* sql */ `
CREATE TABLE report_stale (
  local_day TEXT PRIMARY KEY
) WITHOUT ROWID, STRICT;

-- dim: 'all' (key 0), 'hour' (0-23), 'service' (service id), 'therapist' (therapist id), 'channel' (0 kiosk, 1 desk).
CREATE TABLE report_cells (
  dim       TEXT NOT NULL CHECK (dim IN ('all', 'hour', 'service', 'therapist', 'channel')),
  local_day TEXT NOT NULL,
  key       INTEGER NOT NULL,
  ${measures},
  PRIMARY KEY (dim, local_day, key)
) WITHOUT ROWID, STRICT;

CREATE TABLE report_addon_cells (
  dim            TEXT NOT NULL CHECK (dim IN ('all', 'hour', 'service', 'therapist', 'channel')),
  local_day      TEXT NOT NULL,
  key            INTEGER NOT NULL,
  addon_id       INTEGER NOT NULL,
  shown          INTEGER NOT NULL,
  chosen_kiosk   INTEGER NOT NULL,
  taken          INTEGER NOT NULL,
  revenue_cents  INTEGER NOT NULL,
  extra_minutes  INTEGER NOT NULL,
  PRIMARY KEY (dim, local_day, key, addon_id)
) WITHOUT ROWID, STRICT;

-- Every day that already has check-ins is computed on the first report.
INSERT OR IGNORE INTO report_stale (local_day) SELECT DISTINCT local_day FROM check_ins;

${staleTriggers((row) => `INSERT OR IGNORE INTO report_stale (local_day) VALUES (${row}.local_day);`, markAppointment)}`;
