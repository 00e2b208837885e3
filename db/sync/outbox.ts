import { createHash, createHmac } from "node:crypto";
import type { Pairing } from "../../contract/head-office";
import { HQ_SCHEMA_VERSION, hqEventSchema, type EventBatch, type HqEvent } from "../../contract/hq";
import { appendAudit, type Actor } from "../audit";
import type { Model, ReadModel } from "../model";
import type { DB } from "../open";
import { stmt } from "../stmt";
import { epochOfAppointment, epochOfSeq, epochsOf } from "./epochs";

/**
 * The location's side of head-office sync, in SQLite: the outbox (migration 0016) read in order
 * from the last acknowledged position, each event's visit turned into its pseudonym, and the
 * pairing and sync state in `hq_sync`, each event's seq and visit as its restore epoch has them
 * (./epochs.ts). The sync worker (./worker.ts) does the network.
 */

export interface SyncState {
  paired: boolean;
  url: string | null;
  locationId: string | null;
  /** When the head office last acknowledged a batch (UTC), null before the first. */
  lastSyncAt: string | null;
  /** Outbox events the head office has not acknowledged yet. */
  waiting: number;
  lastError: string | null;
}

interface SyncRow {
  visit_secret: string;
  url: string | null;
  location_id: string | null;
  token: string | null;
  acked_seq: number;
  last_sync_at: string | null;
  last_error: string | null;
}

const row = (db: DB) => stmt(db, "SELECT * FROM hq_sync WHERE id = 1").get() as SyncRow;

export function syncState(m: Pick<ReadModel, "db">): SyncState {
  const r = row(m.db);
  const { waiting } = stmt(m.db, "SELECT count(*) AS waiting FROM outbox WHERE seq > ?").get(r.acked_seq) as {
    waiting: number;
  };
  return {
    paired: r.token !== null,
    url: r.url,
    locationId: r.location_id,
    lastSyncAt: r.last_sync_at,
    waiting,
    lastError: r.last_error,
  };
}

/** What the worker needs to send: the head office's address and this location's token. */
export function credentials(db: DB): Pairing | null {
  const r = row(db);
  return r.url && r.location_id && r.token ? { url: r.url, locationId: r.location_id, token: r.token } : null;
}

/**
 * Keeps the head office's address and this location's token, with its audit row (the address
 * and the location id; never the token). A new pairing keeps the outbox position: what the head
 * office acknowledged stays acknowledged.
 */
export function savePairing(m: Model, actor: Actor, pairing: Pairing): void {
  m.db.transaction(() => {
    const before = row(m.db);
    stmt(m.db, "UPDATE hq_sync SET url = ?, location_id = ?, token = ?, last_error = NULL WHERE id = 1").run(
      pairing.url,
      pairing.locationId,
      pairing.token,
    );
    appendAudit(m.db, m.clock, actor, {
      action: "head_office.paired",
      entity: "head_office",
      entityId: null,
      before: before.location_id ? { url: before.url, locationId: before.location_id } : null,
      after: { url: pairing.url, locationId: pairing.locationId },
    });
  })();
}

/**
 * The pseudonym of a visit: 128 bits of HMAC-SHA-256 of the appointment id under the location's
 * own secret; an appointment made after a restore has its epoch's nonce in the input too.
 */
export const visitPseudonym = (secret: string, appointmentId: number, epochNonce?: string): string =>
  createHmac("sha256", Buffer.from(secret, "hex"))
    .update(epochNonce ? `${appointmentId}:${epochNonce}` : String(appointmentId))
    .digest("hex")
    .slice(0, 32);

/**
 * A batch's id, made from what it holds (location, first and last event, count): the same events
 * cut the same way get the same id, so a batch sent again after a lost answer is recognized as a
 * replay; a batch cut otherwise gets another id and its events are deduplicated one by one. A
 * UUID of version 8 (custom).
 */
function batchIdOf(locationId: string, events: readonly HqEvent[]): string {
  const h = createHash("sha256")
    .update(`${locationId}|${events[0]?.id}|${events.at(-1)?.id}|${events.length}`)
    .digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h.slice(16, 17), 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

interface OutboxRow {
  seq: number;
  id: string;
  schema_version: number;
  appointment_id: number;
  kind: string;
  at: string;
  body: string;
}

/**
 * The next up-to-`limit` unacknowledged events as a batch (null when none or not paired), and the
 * last (local) seq it covers. It stops before an epoch whose seq offset the head office has not
 * told yet (./epochs.ts awaitsPosition).
 */
export function nextBatch(db: DB, limit: number): { batch: EventBatch; lastSeq: number } | null {
  const r = row(db);
  if (!r.location_id) return null;
  const epochs = epochsOf(db);
  const all = stmt(db, "SELECT * FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?").all(
    r.acked_seq,
    limit,
  ) as OutboxRow[];
  const waitsFrom = all.findIndex((o) => epochOfSeq(epochs, o.seq)?.seqOffset === null);
  const rows = waitsFrom < 0 ? all : all.slice(0, waitsFrom);
  if (rows.length === 0) return null;
  const events = rows.map((o) => {
    if (o.schema_version !== HQ_SCHEMA_VERSION)
      throw new Error(
        `Outbox event ${o.seq} has schema version ${o.schema_version}; this build sends ${HQ_SCHEMA_VERSION}.`,
      );
    return hqEventSchema.parse({
      id: o.id,
      seq: o.seq + (epochOfSeq(epochs, o.seq)?.seqOffset ?? 0),
      visit: visitPseudonym(r.visit_secret, o.appointment_id, epochOfAppointment(epochs, o.appointment_id)?.nonce),
      at: o.at,
      kind: o.kind,
      body: JSON.parse(o.body) as unknown,
    });
  });
  return {
    batch: {
      schemaVersion: HQ_SCHEMA_VERSION,
      locationId: r.location_id,
      batchId: batchIdOf(r.location_id, events),
      events,
    },
    lastSeq: rows.at(-1)!.seq,
  };
}

/** The head office has every event up to `seq`. */
export function acknowledge(db: DB, seq: number, at: string): void {
  stmt(db, "UPDATE hq_sync SET acked_seq = max(acked_seq, ?), last_sync_at = ?, last_error = NULL WHERE id = 1").run(
    seq,
    at,
  );
}

/** The last problem with head office, or none (null) once a request succeeds again. */
export function recordSyncError(db: DB, message: string | null): void {
  stmt(db, "UPDATE hq_sync SET last_error = ? WHERE id = 1").run(message);
}
