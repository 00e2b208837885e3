import { closeSync, existsSync, openSync, readSync, statSync } from "node:fs";
import { endianness } from "node:os";
import { BUSY_TIMEOUT_MS, type DB } from "../open";

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
 * after QUIET_MS without a commit if the WAL file is not empty, otherwise nothing. A PASSIVE
 * checkpoint that copies anything flushes twice; at the threshold that is 2 flushes per ~1,000
 * pages (~110 check-ins), the same as SQLite's own automatic checkpoint.
 */
export function checkpointDue(wal: WalState, quietForMs: number, walFileBytes: number): CheckpointMode | null {
  if (wal.frames - wal.backfilled >= CHECKPOINT_PAGES) return "PASSIVE";
  if (quietForMs >= QUIET_MS && walFileBytes > 0) return "TRUNCATE";
  return null;
}

export interface CheckpointResult {
  /** A TRUNCATE that could not finish (a reader still used the WAL, or a commit was going on). */
  busy: boolean;
  /** Frames in the WAL, and frames copied back, when the checkpoint ended. */
  frames: number;
  backfilled: number;
}

const walCheckpoint = (db: DB, mode: CheckpointMode): CheckpointResult => {
  const [row] = db.pragma(`wal_checkpoint(${mode})`) as { busy: number; log: number; checkpointed: number }[];
  return {
    busy: (row?.busy ?? 1) !== 0,
    frames: Math.max(0, row?.log ?? 0),
    backfilled: Math.max(0, row?.checkpointed ?? 0),
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
 * the main thread waits at most for the copy of those few frames.
 */
export function checkpointWal(
  db: DB,
  mode: CheckpointMode,
  turn: <T>(locked: () => T) => T = (locked) => locked(),
): CheckpointResult {
  const passive = walCheckpoint(db, "PASSIVE");
  if (mode === "PASSIVE") return passive;
  // A reader still needs frames PASSIVE could not copy: the truncate would copy them in the lock, or give up. Later.
  if (passive.busy || passive.backfilled < passive.frames) return { ...passive, busy: true };
  return turn(() => {
    db.pragma("busy_timeout = 0");
    try {
      return walCheckpoint(db, "TRUNCATE");
    } finally {
      db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    }
  });
}
