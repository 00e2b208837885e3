/**
 * 0001: locations and their pairing, the event log, each visit's kept contribution and the
 * per-day roll-ups, all partitioned by location (HASH on location_id, 8 partitions).
 *
 * Isolation is the database's: every location-owned table has row-level security, FORCEd so the
 * owner (the service's own role) is bound too. A row may be read or written only when its
 * location_id is the location of the token in the transaction's `app.token` setting, which the
 * policy hashes and looks up itself (`hq_token_location()`); the app never tells the database
 * which location it is. A bug that pairs location A's token with location B's rows is refused
 * with "new row violates row-level security policy". Head-office reads across locations set
 * `app.scope = 'chain'`, which opens SELECT only. Partitions are never addressed directly: RLS
 * is forced on each with no policy, so a query naming a partition sees nothing and writes nothing.
 */
export const PARTITIONS = 8;

/** The counts kept per visit and per cell, named as the location's report cache names them (db/migrations/0004). */
export const MEASURES = [
  "check_ins",
  "offered",
  "offered_multi",
  "accepted_kiosk",
  "added_desk",
  "confirmed",
  "voided",
  "taken",
  "taken_multi",
  "revenue_cents",
  "extra_minutes",
  "f_accepted",
  "f_confirmed",
  "f_printed",
  "desk_reviewed",
  "overridden",
] as const;
export const ADDON_MEASURES = ["items", "shown", "chosen_kiosk", "taken", "revenue_cents", "extra_minutes"] as const;

export const columns = (names: readonly string[]) => names.map((m) => `  ${m} bigint NOT NULL DEFAULT 0`).join(",\n");

const partitions = (table: string) =>
  Array.from(
    { length: PARTITIONS },
    (
      _,
      i,
    ) => `CREATE TABLE ${table}_p${i} PARTITION OF ${table} FOR VALUES WITH (MODULUS ${PARTITIONS}, REMAINDER ${i});
ALTER TABLE ${table}_p${i} ENABLE ROW LEVEL SECURITY;
ALTER TABLE ${table}_p${i} FORCE ROW LEVEL SECURITY;`,
  ).join("\n");

export const isolation = (table: string) => `
ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
ALTER TABLE ${table} FORCE ROW LEVEL SECURITY;
CREATE POLICY ${table}_own_location ON ${table}
  USING (location_id = (SELECT hq_token_location()))
  WITH CHECK (location_id = (SELECT hq_token_location()));
CREATE POLICY ${table}_chain_read ON ${table} FOR SELECT
  USING (current_setting('app.scope', true) = 'chain');
${partitions(table)}`;

export const sql = /* sql */ `
CREATE TABLE locations (
  id              uuid PRIMARY KEY,
  name            text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 80),
  created_at      timestamptz NOT NULL DEFAULT now(),
  last_sync_at    timestamptz,
  -- The highest outbox position received, and how many events came in (new ones only).
  last_seq        bigint NOT NULL DEFAULT 0,
  events_received bigint NOT NULL DEFAULT 0
);

-- A code the head-office manager gives a location once; stored as its SHA-256 only.
CREATE TABLE pairing_codes (
  code_hash   bytea PRIMARY KEY CHECK (length(code_hash) = 32),
  location_id uuid NOT NULL REFERENCES locations(id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz
);

-- A location's bearer token (256 random bits), stored as its SHA-256 only.
CREATE TABLE location_tokens (
  token_hash  bytea PRIMARY KEY CHECK (length(token_hash) = 32),
  location_id uuid NOT NULL REFERENCES locations(id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz
);
CREATE INDEX location_tokens_by_location ON location_tokens (location_id);

-- The location whose live token this transaction carries (SET LOCAL app.token), else NULL.
CREATE FUNCTION hq_token_location() RETURNS uuid LANGUAGE sql STABLE AS $$
  SELECT location_id FROM location_tokens
  WHERE token_hash = sha256(convert_to(current_setting('app.token', true), 'UTF8')) AND revoked_at IS NULL
$$;

-- The tables below carry no foreign key to locations: the row-level security policy already
-- admits only the location of a live token (whose row references locations), and a foreign key
-- on a partitioned table costs a lookup per inserted row, which is most of a batch's cells.

-- Every event as the location sent it. The id is the location's UUIDv7; a second copy of an
-- event (a batch sent again, or re-cut) is dropped by ON CONFLICT DO NOTHING on this key.
CREATE TABLE events (
  location_id uuid NOT NULL,
  id          uuid NOT NULL,
  seq         bigint NOT NULL,
  visit_id    text NOT NULL,
  kind        text NOT NULL,
  occurred_at timestamptz NOT NULL,
  body        jsonb NOT NULL,
  batch_id    uuid NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (location_id, id)
) PARTITION BY HASH (location_id);
CREATE INDEX events_by_visit ON events (location_id, visit_id, seq);
${isolation("events")}

-- Each batch once: a replay (same id, same events) and a conflict (same id, other events) are told apart by the digest.
CREATE TABLE batches (
  location_id uuid NOT NULL,
  batch_id    uuid NOT NULL,
  digest      bytea NOT NULL,
  events      integer NOT NULL,
  accepted    integer NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (location_id, batch_id)
) PARTITION BY HASH (location_id);
${isolation("batches")}

-- What each visit adds to the cells now (local_day NULL: not checked in, adds nothing). A new
-- event of the visit recomputes it from all its events and moves the cells by the difference.
CREATE TABLE visit_facts (
  location_id uuid NOT NULL,
  visit_id    text NOT NULL,
  local_day   date,
  hour        smallint,
  channel     text,
  lang        text,
  service     text,
${columns(MEASURES)},
  addons      jsonb NOT NULL DEFAULT '[]',
  PRIMARY KEY (location_id, visit_id)
) PARTITION BY HASH (location_id);
${isolation("visit_facts")}

-- Per location and spa-local day: the sums of visit_facts. A table of their own (not a breakdown
-- of day_cells), so a location's year is 365 rows packed on a few pages: a chain-wide report reads
-- them for every location.
CREATE TABLE day_totals (
  location_id uuid NOT NULL,
  local_day   date NOT NULL,
${columns(MEASURES)},
  PRIMARY KEY (location_id, local_day)
) PARTITION BY HASH (location_id);
CREATE INDEX day_totals_by_day ON day_totals (local_day);
${isolation("day_totals")}

-- Per location, spa-local day and breakdown: the sums of visit_facts.
CREATE TABLE day_cells (
  location_id uuid NOT NULL,
  local_day   date NOT NULL,
  dim         text NOT NULL CHECK (dim IN ('hour', 'channel', 'language', 'service')),
  key         text NOT NULL,
${columns(MEASURES)},
  PRIMARY KEY (location_id, local_day, dim, key)
) PARTITION BY HASH (location_id);
CREATE INDEX day_cells_by_day ON day_cells (dim, local_day);
${isolation("day_cells")}

CREATE TABLE day_addon_cells (
  location_id uuid NOT NULL,
  local_day   date NOT NULL,
  addon       text NOT NULL,
${columns(ADDON_MEASURES)},
  PRIMARY KEY (location_id, local_day, addon)
) PARTITION BY HASH (location_id);
${isolation("day_addon_cells")}
`;
