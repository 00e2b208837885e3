import { randomBytes } from "node:crypto";
import type { DB } from "../open";
import { stmt } from "../stmt";
import type { Pairing } from "../../contract/head-office";

/**
 * Restore epochs (migration 0019). A restore from backup cuts off a timeline that may already have
 * sent the head office outbox seqs and visits past the backup; the restored file numbers its new
 * outbox rows and appointments from the backup's last ones again. So the restore starts an epoch
 * in the restored file (db/maintenance/backup.ts swapInBackup, before the file takes the
 * database's place):
 * - visits of appointments from `from_appointment` on are pseudonymized with the epoch's random
 *   nonce in the HMAC input, so they cannot meet a lost visit of the same appointment id;
 * - outbox rows from `from_seq` on leave with their seq moved by `seq_offset`, which is unknown
 *   until the head office has told its last seq for this location (GET /v1/position): the sync
 *   worker asks before sending the first of them, and sets the offset so they follow everything
 *   the head office holds. The kiosk never waits: only the sending does.
 * Asking the head office (rather than remembering the last acknowledged seq beside the database)
 * is the one source that survives what a restore is for, a lost disk, and it also covers events
 * the lost timeline sent and never saw acknowledged.
 */
export interface Epoch {
  fromSeq: number;
  fromAppointment: number;
  nonce: string;
  seqOffset: number | null;
}

export const epochsOf = (db: DB): Epoch[] =>
  stmt(
    db,
    "SELECT from_seq AS fromSeq, from_appointment AS fromAppointment, nonce, seq_offset AS seqOffset FROM sync_epochs ORDER BY id",
  ).all() as Epoch[];

/**
 * The epoch an outbox seq or an appointment id belongs to: the last one starting at or before it (none: before any
 * restore).
 */
export const epochOfSeq = (epochs: readonly Epoch[], seq: number): Epoch | undefined =>
  epochs.findLast((e) => e.fromSeq <= seq);
export const epochOfAppointment = (epochs: readonly Epoch[], appointmentId: number): Epoch | undefined =>
  epochs.findLast((e) => e.fromAppointment <= appointmentId);

/**
 * Starts a new epoch in a database just restored from a backup (not open anywhere else yet), and
 * keeps the pairing the replaced database had, when it had one: the live token is the replaced
 * file's (the backup's may be older, revoked, or missing).
 */
export function startRestoreEpoch(db: DB, pairing: Pairing | null): void {
  if (pairing)
    stmt(db, "UPDATE hq_sync SET url = ?, location_id = ?, token = ? WHERE id = 1").run(
      pairing.url,
      pairing.locationId,
      pairing.token,
    );
  stmt(
    db,
    `INSERT INTO sync_epochs (from_seq, from_appointment, nonce)
     SELECT (SELECT coalesce(max(seq), 0) + 1 FROM outbox), (SELECT coalesce(max(id), 0) + 1 FROM appointments), ?`,
  ).run(randomBytes(16).toString("hex"));
}

/** Whether an epoch still waits for the head office's last seq. */
export const awaitsPosition = (db: DB): boolean =>
  stmt(db, "SELECT 1 FROM sync_epochs WHERE seq_offset IS NULL").get() !== undefined;

/**
 * The head office holds this location's events up to `lastSeq` (as sent): every epoch still
 * waiting gets the offset that puts its first seq past it, and past the epoch before it.
 */
export function settleEpochs(db: DB, lastSeq: number): void {
  db.transaction(() => {
    let offset = 0;
    for (const e of stmt(db, "SELECT id, from_seq, seq_offset FROM sync_epochs ORDER BY id").all() as {
      id: number;
      from_seq: number;
      seq_offset: number | null;
    }[]) {
      if (e.seq_offset === null) {
        offset = Math.max(offset, lastSeq - e.from_seq + 1);
        stmt(db, "UPDATE sync_epochs SET seq_offset = ? WHERE id = ?").run(offset, e.id);
      } else offset = e.seq_offset;
    }
  })();
}
