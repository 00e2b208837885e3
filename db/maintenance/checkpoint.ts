import { closeSync, existsSync, openSync, readSync, statSync } from "node:fs";
import { endianness } from "node:os";
import { isSqliteError } from "../errors";
import { BUSY_TIMEOUT_MS, type DB } from "../open";
import { stmt } from "../stmt";

/**
 * Checkpoints: moving the WAL's pages back into the database file. The app's connections never
 * do it inside a commit (`openDatabase(file, { checkpoints: "background" })`, db/open.ts); the
 * background worker runs `checkpointWal` when `checkpointDue` says so (electron/checkpoints.ts).
 */

/** SQLite's own autocheckpoint threshold: a PASSIVE checkpoint once this many pages wait in the WAL. */
export const CHECKPOINT_PAGES = 1000;
/** No commit for this long: the WAL is copied back whole and truncated to nothing. */
export const QUIET_MS = 30_000;

/** Where the WAL stands, as SQLite's shared-memory index (the `-shm` file) records it. */
export interface WalState {
  /** Frames (pages) in the WAL since it last started over. */
  frames: number;
  /** Of those, frames already copied back into the database file. */
  backfilled: number;
  /** A counter SQLite moves on every commit. */
  changes: number;
}

const SHM_HEADER_BYTES = 136;
const WAL_INDEX_VERSION = 3007000;

/**
 * Reads the WAL's state without touching the database (no lock, no transaction, no checkpoint):
 * the wal-index header at the start of the `-shm` file (https://www.sqlite.org/walformat.html
 * §2.2.1: iVersion at 0, iChange at 8, isInit at 12, mxFrame at 16; the header is kept twice, at
 * 0 and 48; nBackfill at 96), in the machine's byte order. Every SQLite version since 3.7.0 shares
 * this layout with every other (connections of different versions share one file), so it is fixed.
 * Null when there is no index, or when a commit was changing it as it was read (ask again later).
 */
export function readWalState(database: string): WalState | null {
  let fd: number;
  try {
    fd = openSync(`${database}-shm`, "r");
  } catch {
    return null;
  }
  try {
    const b = Buffer.alloc(SHM_HEADER_BYTES);
    if (readSync(fd, b, 0, SHM_HEADER_BYTES, 0) < SHM_HEADER_BYTES) return null;
    const u32 = (at: number) => (endianness() === "LE" ? b.readUInt32LE(at) : b.readUInt32BE(at));
    if (u32(0) !== WAL_INDEX_VERSION || b[12] !== 1 || !b.subarray(0, 48).equals(b.subarray(48, 96))) return null;
    return { frames: u32(16), backfilled: u32(96), changes: u32(8) };
  } finally {
    closeSync(fd);
  }
}

/** The WAL file's size in bytes (0 when there is none). */
export const walBytes = (database: string): number =>
  existsSync(`${database}-wal`) ? statSync(`${database}-wal`).size : 0;

export type CheckpointMode = "PASSIVE" | "TRUNCATE";

/**
 * What the checkpointer should do now: PASSIVE once CHECKPOINT_PAGES wait in the WAL (it copies
 * what it can without taking the write lock, so a kiosk's commit never waits for it), TRUNCATE
 * after QUIET_MS without a commit if the WAL file holds anything but the start the last checkpoint
 * wrote (`started`: the change counter it left, CheckpointResult; null when none), otherwise nothing.
 * A PASSIVE checkpoint that copies anything flushes twice, and its start of the next WAL twice more;
 * at the threshold that is 4 flushes per ~1,000 pages (~100 check-ins), in the background worker.
 */
export function checkpointDue(
  wal: WalState,
  quietForMs: number,
  walFileBytes: number,
  started: number | null,
): CheckpointMode | null {
  if (wal.frames - wal.backfilled >= CHECKPOINT_PAGES) return "PASSIVE";
  if (quietForMs >= QUIET_MS && walFileBytes > 0 && wal.changes !== started) return "TRUNCATE";
  return null;
}

export interface CheckpointResult {
  /** A TRUNCATE that could not finish (a reader still used the WAL, or a commit was going on). */
  busy: boolean;
  /** Frames in the WAL, and frames copied back, when the checkpoint ended. */
  frames: number;
  backfilled: number;
  /**
   * The WAL's change counter (WalState.changes) after the checkpoint started the next WAL with its own commit
   * (startWal), so the checkpointer does not take that commit for the spa's; null when it did not.
   */
  started: number | null;
}

/**
 * Starts the next WAL with a commit of its own (the `wal_start` row, migration 0024), so that a guest's commit does not
 * pay for it. SQLite flushes the WAL's header before the first commit of a WAL that starts over (a checkpoint copied it
 * all back, or it was emptied), and a connection flushes the data folder at its first commit: with synchronous=FULL a
 * check-in there flushed two or three times instead of once (strace), on a disk that flushes in 20 ms a 40-73 ms hold
 * of the main thread. So the background worker runs this right after a checkpoint that copied everything back, in its
 * turn on the write gate, and the main connection as it opens. Returns the WAL's change counter after it, or null when
 * it could not be written at once: a later commit pays those flushes, as before.
 */
export function startWal(db: DB): number | null {
  // Never waits: not one of the spa's writes, it has no lock to wait for.
  db.pragma("busy_timeout = 0");
  try {
    db.transaction(() => stmt(db, "UPDATE wal_start SET starts = starts + 1 WHERE id = 1").run()).immediate();
  } catch (error) {
    // Whatever keeps it from being written (another program's lock, a full disk, a read-only or damaged file) is
    // left to the spa's next write to meet and name.
    if (isSqliteError(error)) return null;
    throw error;
  } finally {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }
  return readWalState(db.name)?.changes ?? null;
}

const walCheckpoint = (db: DB, mode: CheckpointMode): CheckpointResult => {
  const [row] = db.pragma(`wal_checkpoint(${mode})`) as { busy: number; log: number; checkpointed: number }[];
  return {
    busy: (row?.busy ?? 1) !== 0,
    frames: Math.max(0, row?.log ?? 0),
    backfilled: Math.max(0, row?.checkpointed ?? 0),
    started: null,
  };
};

/**
 * Runs a checkpoint on `db` (the background worker's connection). PASSIVE copies every frame no
 * reader still needs and never takes the write lock. TRUNCATE first does the same, gives up (busy)
 * if a reader kept any frame from being copied, then — inside
 * `turn` (the worker's turn on the write gate, electron/background/gate.ts, so no write of the
 * main thread is going on and the next one waits for it) — tries once, without waiting, to take
 * the write lock, copy the few frames left and truncate the WAL to nothing: with a busy timeout of
 * 0 it gives up at once (busy) rather than hold the lock while a reader finishes, so a commit on
 * the main thread waits at most for the copy of those few frames. A checkpoint that copied the
 * whole WAL back then starts the next one itself (startWal), in `turn`.
 */
export function checkpointWal(
  db: DB,
  mode: CheckpointMode,
  turn: <T>(locked: () => T) => T = (locked) => locked(),
): CheckpointResult {
  const passive = walCheckpoint(db, "PASSIVE");
  if (mode === "PASSIVE") {
    return passive.backfilled < passive.frames ? passive : { ...passive, started: turn(() => startWal(db)) };
  }
  // A reader still needs frames PASSIVE could not copy: the truncate would copy them in the lock, or give up. Later.
  if (passive.busy || passive.backfilled < passive.frames) return { ...passive, busy: true };
  return turn(() => {
    db.pragma("busy_timeout = 0");
    let truncated: CheckpointResult;
    try {
      truncated = walCheckpoint(db, "TRUNCATE");
    } finally {
      db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    }
    return truncated.busy ? truncated : { ...truncated, started: startWal(db) };
  });
}
