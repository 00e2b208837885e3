import { offerKindOfStatus } from "../../contract/hq";

/**
 * 0016: the head-office outbox. Every fact the head office's figures are made of is appended to
 * `outbox` by a trigger, so it is written in the same transaction as the fact, whatever code path
 * wrote it (kiosk, desk, walk-in, import, a test): a check-in (made, changed, taken back), a
 * service changed after check-in, an offer's row (shown, accepted, declined, confirmed, changed,
 * voided, removed), each offer line as it stands (shown, picked by the guest, final, its quoted
 * price and minutes) and a ticket the printer accepted. Facts only: no name, phone, note or booking
 * code. The visit is the appointment id here; it leaves the location only as an HMAC under
 * `hq_sync.visit_secret` (a random key made here, never sent), see db/sync/outbox.ts.
 *
 * Each row: `seq` (the location's order: the rowid, never reused as nothing is ever deleted; not
 * AUTOINCREMENT, whose sqlite_sequence row would be one more page in every check-in's commit), a UUIDv7 made
 * in SQL from the wall clock (no UNIQUE index: it costs a page on every check-in's commit, and the
 * head office dedupes on it), the event schema version and the UTC time. The table is append-only
 * (triggers refuse UPDATE and DELETE); the sync worker's position is `hq_sync.acked_seq`.
 *
 * Facts older than this migration are appended once here, so a location that pairs later sends
 * its whole history and the head office's figures match its own report for any range.
 */

/**
 * A UUIDv7 made in SQL: 48 bits of Unix milliseconds (SQLite's clock), version 7, then the event's
 * seq in the next 40 bits (rand_a and the head of rand_b), so ids made in the same millisecond
 * still sort in outbox order, and 32 random bits. Its parts come from UUID_PARTS: h (ms, hex), s
 * (seq, hex), r (random, hex).
 */
const UUID_V7 = `substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-7' || substr(s, 1, 3) || '-8' || substr(s, 4, 3) || '-' || substr(s, 7, 4) || substr(r, 1, 8)`;
const UUID_PARTS = (seq: string) =>
  `printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)) AS h, printf('%010x', ${seq}) AS s, lower(hex(randomblob(4))) AS r`;
/** The seq the next outbox row gets (the next rowid: nothing is ever deleted). */
const NEXT_SEQ = "(SELECT coalesce(max(seq), 0) + 1 FROM outbox)";
const NOW = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

/** Appends one event (in a trigger; 0036's too). */
export const append = (kind: string, appointment: string, body: string) =>
  `INSERT INTO outbox (id, appointment_id, kind, at, body) SELECT ${UUID_V7}, ${appointment}, ${kind}, ${NOW}, ${body} FROM (SELECT ${UUID_PARTS(NEXT_SEQ)});`;

/**
 * Appends one event per row of `rows` (the backfill), in the rows' order: `rows` yields
 * appointment_id, kind and body ordered by `order`, numbered from the next seq on.
 */
export const appendAll = (rows: string, order: string) => `INSERT INTO outbox (id, appointment_id, kind, at, body)
SELECT ${UUID_V7}, appointment_id, kind, ${NOW}, body
FROM (SELECT e.*, ${UUID_PARTS("e.n")} FROM (SELECT x.*, ${NEXT_SEQ} - 1 + row_number() OVER (ORDER BY ${order}) AS n FROM (${rows}) x) AS e)
ORDER BY n;`;

const bool = (expr: string) => `json(iif(${expr}, 'true', 'false'))`;
/** An offer row's event kind, from its status (the contract's offerKindOfStatus). */
const OFFER_KIND = (status: string) =>
  `CASE ${status} ${Object.entries(offerKindOfStatus)
    .map(([s, kind]) => `WHEN '${s}' THEN '${kind}'`)
    .join(" ")} END`;

/** Event bodies over a row alias (NEW in triggers, a table alias in the backfill). */
const checkInBody = (c: string) =>
  `json_object('localDay', ${c}.local_day, 'hour', ${c}.local_hour, 'channel', ${c}.channel, 'lang', ${c}.lang, 'service', (SELECT s.name FROM appointments a JOIN services s ON s.id = a.service_id WHERE a.id = ${c}.appointment_id))`;
const offerBody = (o: string) => `json_object('channel', ${o}.channel, 'status', ${o}.status)`;
const lineBody = (i: string) =>
  `json_object('addon', (SELECT code FROM addons WHERE id = ${i}.addon_id), 'shown', ${bool(`${i}.shown`)}, 'guest', ${bool(`${i}.guest_selected`)}, 'final', ${bool(`${i}.final_selected`)}, 'priceCents', ${i}.price_cents, 'minutes', ${i}.extra_minutes)`;
const appointmentOfOffer = (offerId: string) => `(SELECT appointment_id FROM offers WHERE id = ${offerId})`;
const appointmentOfTicket = (ticketId: string) => `(SELECT appointment_id FROM tickets WHERE id = ${ticketId})`;

export const sql = /* sql */ `
CREATE TABLE hq_sync (
  id           INTEGER PRIMARY KEY CHECK (id = 1),
  -- The key of the visits' pseudonyms (HMAC-SHA-256 of the appointment id): never leaves the location.
  visit_secret TEXT NOT NULL CHECK (length(visit_secret) = 64),
  -- Set by pairing with the head office (Back office → Head office); NULL while not paired.
  url          TEXT,
  location_id  TEXT,
  token        TEXT,
  -- Outbox events up to this seq are acknowledged by the head office.
  acked_seq    INTEGER NOT NULL DEFAULT 0,
  last_sync_at TEXT,
  last_error   TEXT
) STRICT;
INSERT INTO hq_sync (id, visit_secret) VALUES (1, lower(hex(randomblob(32))));

CREATE TABLE outbox (
  seq            INTEGER PRIMARY KEY,
  id             TEXT NOT NULL,
  schema_version INTEGER NOT NULL DEFAULT 1,
  appointment_id INTEGER NOT NULL,
  kind           TEXT NOT NULL,
  at             TEXT NOT NULL,
  body           TEXT NOT NULL CHECK (json_valid(body))
) STRICT;

CREATE TRIGGER outbox_no_update BEFORE UPDATE ON outbox BEGIN SELECT RAISE(ABORT, 'The outbox is append-only.'); END;
CREATE TRIGGER outbox_no_delete BEFORE DELETE ON outbox BEGIN SELECT RAISE(ABORT, 'The outbox is append-only.'); END;

-- The history before this migration, once: per visit its check-in, offer, offer lines and printed ticket, in that order.
${appendAll(
  `SELECT c.appointment_id, 'check_in' AS kind, ${checkInBody("c")} AS body, 0 AS step FROM check_ins c
   UNION ALL SELECT o.appointment_id, ${OFFER_KIND("o.status")}, ${offerBody("o")}, 1 FROM offers o
   UNION ALL SELECT o.appointment_id, 'offer_line', ${lineBody("i")}, 2 FROM offer_items i JOIN offers o ON o.id = i.offer_id
   UNION ALL SELECT t.appointment_id, 'ticket_printed', '{}', 3 FROM tickets t
     WHERE EXISTS (SELECT 1 FROM print_jobs j WHERE j.ticket_id = t.id AND j.status = 'printed')`,
  "appointment_id, step",
)}

CREATE TRIGGER outbox_check_in_insert AFTER INSERT ON check_ins BEGIN
  ${append("'check_in'", "NEW.appointment_id", checkInBody("NEW"))}
END;
CREATE TRIGGER outbox_check_in_update AFTER UPDATE OF local_day, local_hour, channel, lang ON check_ins
WHEN OLD.local_day IS NOT NEW.local_day OR OLD.local_hour IS NOT NEW.local_hour OR OLD.channel IS NOT NEW.channel OR OLD.lang IS NOT NEW.lang BEGIN
  ${append("'check_in'", "NEW.appointment_id", checkInBody("NEW"))}
END;
CREATE TRIGGER outbox_check_in_delete AFTER DELETE ON check_ins BEGIN
  ${append("'check_in_undone'", "OLD.appointment_id", "'{}'")}
END;
CREATE TRIGGER outbox_service_update AFTER UPDATE OF service_id ON appointments
WHEN OLD.service_id IS NOT NEW.service_id AND EXISTS (SELECT 1 FROM check_ins WHERE appointment_id = NEW.id) BEGIN
  ${append("'service_changed'", "NEW.id", "json_object('service', (SELECT name FROM services WHERE id = NEW.service_id))")}
END;
CREATE TRIGGER outbox_offer_insert AFTER INSERT ON offers BEGIN
  ${append(OFFER_KIND("NEW.status"), "NEW.appointment_id", offerBody("NEW"))}
END;
CREATE TRIGGER outbox_offer_update AFTER UPDATE OF status, channel ON offers
WHEN OLD.status IS NOT NEW.status OR OLD.channel IS NOT NEW.channel BEGIN
  ${append(OFFER_KIND("NEW.status"), "NEW.appointment_id", offerBody("NEW"))}
END;
CREATE TRIGGER outbox_offer_delete AFTER DELETE ON offers BEGIN
  ${append("'offer_removed'", "OLD.appointment_id", "'{}'")}
END;
CREATE TRIGGER outbox_line_insert AFTER INSERT ON offer_items BEGIN
  ${append("'offer_line'", appointmentOfOffer("NEW.offer_id"), lineBody("NEW"))}
END;
CREATE TRIGGER outbox_line_update AFTER UPDATE OF shown, guest_selected, final_selected, price_cents, extra_minutes, addon_id ON offer_items
WHEN OLD.shown IS NOT NEW.shown OR OLD.guest_selected IS NOT NEW.guest_selected OR OLD.final_selected IS NOT NEW.final_selected
  OR OLD.price_cents IS NOT NEW.price_cents OR OLD.extra_minutes IS NOT NEW.extra_minutes OR OLD.addon_id IS NOT NEW.addon_id BEGIN
  ${append("'offer_line'", appointmentOfOffer("NEW.offer_id"), lineBody("NEW"))}
END;
CREATE TRIGGER outbox_line_delete AFTER DELETE ON offer_items WHEN ${appointmentOfOffer("OLD.offer_id")} IS NOT NULL BEGIN
  ${append("'offer_line_removed'", appointmentOfOffer("OLD.offer_id"), "json_object('addon', (SELECT code FROM addons WHERE id = OLD.addon_id))")}
END;
CREATE TRIGGER outbox_printed_insert AFTER INSERT ON print_jobs WHEN NEW.status = 'printed' BEGIN
  ${append("'ticket_printed'", appointmentOfTicket("NEW.ticket_id"), "'{}'")}
END;
CREATE TRIGGER outbox_printed_update AFTER UPDATE OF status ON print_jobs WHEN NEW.status = 'printed' AND OLD.status IS NOT 'printed' BEGIN
  ${append("'ticket_printed'", appointmentOfTicket("NEW.ticket_id"), "'{}'")}
END;
`;
