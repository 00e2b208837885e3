import type { ErrorCode } from "../contract/result";

/**
 * A failure the person at the screen can act on. The dispatcher turns it into
 * `{ ok: false, error: { code, message, field } }`; anything else becomes INTERNAL.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

/** The database file was written by a newer version of the app. */
export class NewerDatabaseError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `This database was written by a newer version of Happy Head (schema ${found}; this app knows up to ${supported}). ` +
        "Install the newer version, or open a different data folder.",
    );
    this.name = "NewerDatabaseError";
  }
}

/**
 * A storage fault the person at the screen should hear about by name, not as "something went
 * wrong": another program holding the data file's lock, a full disk (SQLite's own FULL, or
 * the file system's ENOSPC / EDQUOT from a backup or export), or the data file deleted or
 * replaced under the running app (DatabaseFileLost).
 */
export type StorageFault = "busy" | "full" | "lost";

/**
 * A write transaction found, just before its commit, that the data file's path no longer names the file the
 * connection writes to (db/file-identity.ts): it was rolled back, so nothing went into the lost file.
 */
export class DatabaseFileLost extends Error {
  constructor(readonly change: "deleted" | "replaced") {
    super(`The database file was ${change} while the app had it open.`);
    this.name = "DatabaseFileLost";
  }
}

export const FILE_LOST_MESSAGE =
  "The spa's data file was deleted or replaced by another program while Happy Head was running, so this was not saved. " +
  "Everything saved before it is kept as a rescued backup: restart Happy Head and restore the newest backup.";

/** An error SQLite raised, whatever it was (better-sqlite3's SqliteError carries SQLite's code). */
export const isSqliteError = (error: unknown): boolean =>
  typeof error === "object" && error !== null && "code" in error && String(error.code).startsWith("SQLITE_");

/**
 * Below this much free space where the data lives, an I/O error is the disk being full. SQLite says SQLITE_FULL only
 * when a write to a file it has finds no room: opening the database on a full disk, where it must create and size its
 * shared-memory file, fails with SQLITE_IOERR_SHMSIZE, and other steps with another SQLITE_IOERR_* or SQLITE_CANTOPEN.
 */
export const FULL_DISK_BYTES = 1024 * 1024;

/**
 * The storage fault behind an error, if any. `freeBytes`: the free space where the data lives, as db/disk-space.ts
 * reads it at the time of the error (null or left out: not known), which tells a full disk behind an I/O error.
 */
export function storageFault(error: unknown, freeBytes?: number | null): StorageFault | null {
  if (error instanceof DatabaseFileLost) return "lost";
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
  if (/^SQLITE_(BUSY|LOCKED)/.test(code)) return "busy";
  if (code === "SQLITE_FULL" || code === "ENOSPC" || code === "EDQUOT") return "full";
  if (/^SQLITE_(IOERR|CANTOPEN)/.test(code) && freeBytes != null && freeBytes < FULL_DISK_BYTES) return "full";
  return null;
}

export function storageFaultMessage(fault: StorageFault, dataDir: string): string {
  if (fault === "lost") return FILE_LOST_MESSAGE;
  return fault === "busy"
    ? "Another program is using the spa's data file (a backup or sync tool, or a second copy of Happy Head), so this was not saved. " +
        "Nothing was lost: try again in a moment, and if it keeps happening, close that program."
    : `The disk is full: free space on ${dataDir}; nothing was lost. This was not saved: try again once there is room.`;
}
