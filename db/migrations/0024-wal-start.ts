/**
 * 0024: one row the app rewrites to start each new WAL itself (db/maintenance/checkpoint.ts, startWal). The first
 * commit into a WAL that starts over (after a checkpoint copied it all back, or on a file just opened) flushes twice,
 * its new header and then itself, and a connection's first commit also flushes the data folder. Left to a guest's
 * check-in, on a disk that flushes in 20 ms that held the main thread 40-73 ms; written by the background worker
 * after its checkpoint, and by the main connection as it opens, the check-in flushes once.
 */
export const sql = /* sql */ `
CREATE TABLE wal_start (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  starts INTEGER NOT NULL CHECK (starts >= 0)
);
INSERT INTO wal_start (id, starts) VALUES (1, 0);
`;
