/**
 * 0001: the whole first model. Money is integer cents; instants are UTC ISO-8601 text
 * ('YYYY-MM-DDTHH:MM:SS.sssZ'); local_day / local_hour / local_weekday are the spa-time-zone
 * calendar facts of an instant, written once at insert so reports group by the spa's day.
 */
export const sql = /* sql */ `
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL CHECK (json_valid(value))
) STRICT;

CREATE TABLE services (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL UNIQUE COLLATE NOCASE,
  minutes      INTEGER NOT NULL CHECK (minutes BETWEEN 5 AND 600),
  price_cents  INTEGER NOT NULL CHECK (price_cents >= 0),
  active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  offer_addons INTEGER NOT NULL DEFAULT 1 CHECK (offer_addons IN (0, 1))
) STRICT;

CREATE TABLE therapists (
  id     INTEGER PRIMARY KEY,
  name   TEXT NOT NULL UNIQUE COLLATE NOCASE,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

CREATE TABLE rooms (
  id     INTEGER PRIMARY KEY,
  name   TEXT NOT NULL UNIQUE COLLATE NOCASE,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

CREATE TABLE addons (
  id            INTEGER PRIMARY KEY,
  code          TEXT NOT NULL UNIQUE CHECK (code GLOB '[a-z]*' AND length(code) <= 40),
  price_cents   INTEGER NOT NULL CHECK (price_cents >= 0),
  extra_minutes INTEGER NOT NULL CHECK (extra_minutes BETWEEN 0 AND 240),
  active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  sort_order    INTEGER NOT NULL DEFAULT 0
) STRICT;

-- Guest-facing copy per language: a title and 2-3 benefit lines (JSON array of strings).
CREATE TABLE addon_texts (
  addon_id INTEGER NOT NULL REFERENCES addons(id),
  lang     TEXT NOT NULL,
  title    TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 60),
  benefits TEXT NOT NULL CHECK (json_valid(benefits) AND json_type(benefits) = 'array'),
  PRIMARY KEY (addon_id, lang)
) STRICT;

-- Which services an add-on may be added to.
CREATE TABLE addon_services (
  addon_id   INTEGER NOT NULL REFERENCES addons(id),
  service_id INTEGER NOT NULL REFERENCES services(id),
  PRIMARY KEY (addon_id, service_id)
) STRICT;

CREATE TABLE appointments (
  id           INTEGER PRIMARY KEY,
  external_id  TEXT UNIQUE,
  booking_code TEXT NOT NULL UNIQUE,
  guest_name   TEXT NOT NULL,
  -- Last 10 digits of the guest's phone (all digits when shorter), the kiosk's lookup key.
  phone_key    TEXT NOT NULL,
  phone        TEXT NOT NULL,
  service_id   INTEGER NOT NULL REFERENCES services(id),
  therapist_id INTEGER NOT NULL REFERENCES therapists(id),
  room_id      INTEGER NOT NULL REFERENCES rooms(id),
  starts_at    TEXT NOT NULL,
  ends_at      TEXT NOT NULL CHECK (ends_at > starts_at),
  local_day    TEXT NOT NULL,
  source       TEXT NOT NULL CHECK (source IN ('demo', 'import', 'desk', 'walk-in')),
  status       TEXT NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'cancelled', 'no_show')),
  created_at   TEXT NOT NULL
) STRICT;
CREATE INDEX appointments_by_phone ON appointments (phone_key, local_day);
CREATE INDEX appointments_by_day ON appointments (local_day, starts_at);
CREATE INDEX appointments_by_therapist ON appointments (therapist_id, starts_at);
CREATE INDEX appointments_by_room ON appointments (room_id, starts_at);

CREATE TABLE check_ins (
  id             INTEGER PRIMARY KEY,
  appointment_id INTEGER NOT NULL UNIQUE REFERENCES appointments(id),
  checked_in_at  TEXT NOT NULL,
  channel        TEXT NOT NULL CHECK (channel IN ('kiosk', 'desk')),
  local_day      TEXT NOT NULL,
  local_hour     INTEGER NOT NULL CHECK (local_hour BETWEEN 0 AND 23),
  local_weekday  INTEGER NOT NULL CHECK (local_weekday BETWEEN 0 AND 6)
) STRICT;
CREATE INDEX check_ins_by_day ON check_ins (local_day);

-- One add-on offer per appointment: what was shown, what the guest chose, what the desk settled.
CREATE TABLE offers (
  id             INTEGER PRIMARY KEY,
  appointment_id INTEGER NOT NULL UNIQUE REFERENCES appointments(id),
  channel        TEXT NOT NULL CHECK (channel IN ('kiosk', 'desk')),
  status         TEXT NOT NULL CHECK (status IN ('offered', 'accepted', 'declined', 'confirmed', 'changed', 'voided')),
  offered_at     TEXT NOT NULL,
  decided_at     TEXT,
  offer_ms       INTEGER CHECK (offer_ms >= 0),
  confirmed_by   INTEGER REFERENCES staff(id),
  confirmed_at   TEXT,
  void_reason    TEXT,
  local_day      TEXT NOT NULL
) STRICT;
CREATE INDEX offers_by_day ON offers (local_day, status);

-- Per add-on line of an offer; price and minutes are copied at offer time so later price
-- changes never rewrite what a guest was quoted.
CREATE TABLE offer_items (
  offer_id        INTEGER NOT NULL REFERENCES offers(id),
  addon_id        INTEGER NOT NULL REFERENCES addons(id),
  shown           INTEGER NOT NULL CHECK (shown IN (0, 1)),
  unavailable     TEXT,
  guest_selected  INTEGER NOT NULL DEFAULT 0 CHECK (guest_selected IN (0, 1)),
  final_selected  INTEGER NOT NULL DEFAULT 0 CHECK (final_selected IN (0, 1)),
  price_cents     INTEGER NOT NULL CHECK (price_cents >= 0),
  extra_minutes   INTEGER NOT NULL CHECK (extra_minutes >= 0),
  PRIMARY KEY (offer_id, addon_id)
) STRICT;

CREATE TABLE staff (
  id              INTEGER PRIMARY KEY,
  name            TEXT NOT NULL UNIQUE COLLATE NOCASE,
  role            TEXT NOT NULL CHECK (role IN ('receptionist', 'manager')),
  pin_hash        TEXT NOT NULL,
  active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until    TEXT,
  created_at      TEXT NOT NULL
) STRICT;

CREATE TABLE tickets (
  id             INTEGER PRIMARY KEY,
  appointment_id INTEGER NOT NULL REFERENCES appointments(id),
  kind           TEXT NOT NULL CHECK (kind IN ('original', 'changed', 'void', 'reprint')),
  -- The ticket model (contract/ticket.ts) as printed, without the print job id.
  content        TEXT NOT NULL CHECK (json_valid(content)),
  created_at     TEXT NOT NULL,
  created_by     INTEGER REFERENCES staff(id)
) STRICT;
CREATE INDEX tickets_by_appointment ON tickets (appointment_id);

CREATE TABLE print_jobs (
  id          INTEGER PRIMARY KEY,
  ticket_id   INTEGER NOT NULL REFERENCES tickets(id),
  status      TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'printed', 'failed')),
  attempts    INTEGER NOT NULL DEFAULT 0,
  last_error  TEXT,
  next_try_at TEXT,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  printed_at  TEXT
) STRICT;
CREATE INDEX print_jobs_pending ON print_jobs (status, id);
CREATE INDEX print_jobs_by_ticket ON print_jobs (ticket_id);

-- Append-only: every change, who made it, before and after. Each row carries the hash of the
-- one before it, so an edited or deleted row is detectable.
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  actor       TEXT NOT NULL,
  staff_id    INTEGER REFERENCES staff(id),
  action      TEXT NOT NULL,
  entity      TEXT NOT NULL,
  entity_id   INTEGER,
  before_json TEXT CHECK (before_json IS NULL OR json_valid(before_json)),
  after_json  TEXT CHECK (after_json IS NULL OR json_valid(after_json)),
  reason      TEXT,
  prev_hash   TEXT NOT NULL,
  hash        TEXT NOT NULL
) STRICT;
CREATE INDEX audit_by_entity ON audit_log (entity, entity_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
`;
