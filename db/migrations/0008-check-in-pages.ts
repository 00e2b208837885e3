import { reportStaleTriggers, reportTriggers } from "./0007-report-facts";

/**
 * 0008: a kiosk check-in writes 8 database pages instead of 11. Each page a transaction changes
 * is one more frame written to the WAL before its fsync, about 10 µs each on the kiosk's kind of
 * disk (`npm run bench -- checkin`), and a check-in is the one write a guest waits for.
 *
 * - `check_ins` is keyed by its appointment (at most one check-in each, as before): the row and
 *   its key are one B-tree instead of the table plus a unique index. Its day index also orders a
 *   day's check-ins by time, which is the order the check-in export lists them in.
 * - `offer_items` is a WITHOUT ROWID table on its primary key (offer, add-on): one B-tree
 *   instead of two.
 * - `offers_by_day` goes: the one query that used it (an add-on's open offers today, in the back
 *   office) finds today's offers through `appointments_by_day`.
 *
 * The report-cache triggers read `check_ins` in their bodies, so they are dropped before the
 * tables are rebuilt and made again after, unchanged.
 */
export const sql = /* sql */ `
${reportTriggers.map((t) => `DROP TRIGGER report_stale_${t};`).join("\n")}

CREATE TABLE check_ins_new (
  appointment_id INTEGER PRIMARY KEY NOT NULL REFERENCES appointments(id),
  checked_in_at  TEXT NOT NULL,
  channel        TEXT NOT NULL CHECK (channel IN ('kiosk', 'desk')),
  local_day      TEXT NOT NULL,
  local_hour     INTEGER NOT NULL CHECK (local_hour BETWEEN 0 AND 23),
  local_weekday  INTEGER NOT NULL CHECK (local_weekday BETWEEN 0 AND 6)
) STRICT;
INSERT INTO check_ins_new (appointment_id, checked_in_at, channel, local_day, local_hour, local_weekday)
  SELECT appointment_id, checked_in_at, channel, local_day, local_hour, local_weekday FROM check_ins;
DROP TABLE check_ins;
ALTER TABLE check_ins_new RENAME TO check_ins;
CREATE INDEX check_ins_by_day ON check_ins (local_day, checked_in_at);

CREATE TABLE offer_items_new (
  offer_id        INTEGER NOT NULL REFERENCES offers(id),
  addon_id        INTEGER NOT NULL REFERENCES addons(id),
  shown           INTEGER NOT NULL CHECK (shown IN (0, 1)),
  unavailable     TEXT,
  guest_selected  INTEGER NOT NULL DEFAULT 0 CHECK (guest_selected IN (0, 1)),
  final_selected  INTEGER NOT NULL DEFAULT 0 CHECK (final_selected IN (0, 1)),
  price_cents     INTEGER NOT NULL CHECK (price_cents >= 0),
  extra_minutes   INTEGER NOT NULL CHECK (extra_minutes >= 0),
  final_channel   TEXT CHECK (final_channel IS NULL OR final_channel IN ('kiosk', 'desk')),
  PRIMARY KEY (offer_id, addon_id)
) WITHOUT ROWID, STRICT;
INSERT INTO offer_items_new (offer_id, addon_id, shown, unavailable, guest_selected, final_selected, price_cents, extra_minutes, final_channel)
  SELECT offer_id, addon_id, shown, unavailable, guest_selected, final_selected, price_cents, extra_minutes, final_channel FROM offer_items;
DROP TABLE offer_items;
ALTER TABLE offer_items_new RENAME TO offer_items;

DROP INDEX offers_by_day;

${reportStaleTriggers}`;
