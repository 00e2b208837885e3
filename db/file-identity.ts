import { statSync } from "node:fs";
import type { Database } from "better-sqlite3";

type DB = Database;

/**
 * Which file a connection opened, as the file system names it (device and inode, read as
 * bigints: NTFS file ids pass 2^53). A connection keeps writing to the file it opened even after
 * that file is deleted or another is put in its place; comparing the path's identity now with
 * the one at open tells the app its writes no longer reach the spa's data file.
 */
const opened = new WeakMap<DB, string>();

function identityOf(file: string): string | null {
  try {
    const s = statSync(file, { bigint: true });
    return `${s.dev}:${s.ino}`;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

/** Records the file a connection has open (called at every open; in-memory databases have none). */
export function rememberDatabaseFile(db: DB): void {
  if (db.memory) return;
  const id = identityOf(db.name);
  if (id) opened.set(db, id);
}

/** "deleted" or "replaced" when the path no longer names the file this connection writes to. */
export function databaseFileChange(db: DB): "deleted" | "replaced" | null {
  const was = opened.get(db);
  if (!was || !db.open) return null;
  const now = identityOf(db.name);
  if (now === null) return "deleted";
  return now === was ? null : "replaced";
}
