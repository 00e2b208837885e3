/**
 * 0019: restore epochs for head-office sync. A restore from backup (db/maintenance/backup.ts
 * swapInBackup) starts a new epoch in the restored file: the timeline it cut off may already have
 * sent the head office outbox seqs and visits past the backup, which this file will number again.
 * An epoch's row says from which outbox seq and which appointment id it starts, a random nonce
 * mixed into the HMAC of its visits' pseudonyms (random, not a counter: the same backup restored
 * twice must not give two epochs the same key), and how far its outbox seqs are moved on the
 * wire (`seq_offset`, NULL until the head office has told its last seq: see db/sync/outbox.ts).
 * Before the first restore there is no row: seqs and pseudonyms are as 0016 made them.
 */
export const sql = /* sql */ `
CREATE TABLE sync_epochs (
  -- In restore order; from_seq and from_appointment never go down along it (an epoch with no
  -- event yet may share its from_seq with the next: the later one holds).
  id               INTEGER PRIMARY KEY,
  from_seq         INTEGER NOT NULL CHECK (from_seq >= 1),
  from_appointment INTEGER NOT NULL CHECK (from_appointment >= 1),
  nonce            TEXT NOT NULL UNIQUE CHECK (length(nonce) = 32),
  seq_offset       INTEGER CHECK (seq_offset >= 0)
) STRICT;
`;
