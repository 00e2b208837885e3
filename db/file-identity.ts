import { statSync } from "node:fs";
import type { Database, Statement } from "better-sqlite3";
import { DatabaseFileLost } from "./errors";
import { decorateTransactions } from "./transaction-hooks";

type DB = Database;
export type FileChange = "deleted" | "replaced";

/**
 * Which file a connection opened, as the file system names it (device and inode, read as
 * bigints: NTFS file ids pass 2^53). A connection keeps writing to the file it opened even after
 * that file is deleted or another is put in its place; comparing the path's identity now with
 * the one at open tells the app its writes no longer reach the spa's data file.
 *
 * Per connection: the identity at open; the change once one was found (for good: the path never
 * names this connection's file again); and when the path was last found in place, as the
 * connection's count of changed rows then (`total_changes()`, triggers' rows included) and a
 * monotonic time. A row changed since then has not been seen to reach the spa's file.
 */
interface Watched {
  id: string;
  /** `SELECT total_changes()`, prepared once. */
  changes: Statement;
  lost: FileChange | null;
  verifiedChanges: number;
  verifiedAt: number;
}
const watched = new WeakMap<DB, Watched>();

function identityOf(file: string): string | null {
  try {
    const s = statSync(file, { bigint: true });
    return `${s.dev}:${s.ino}`;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

/** Looks at the path now; records what it found. */
function verify(db: DB, w: Watched): FileChange | null {
  if (w.lost) return w.lost;
  const now = identityOf(db.name);
  const change = now === null ? "deleted" : now === w.id ? null : "replaced";
  if (change) w.lost = change;
  else {
    w.verifiedChanges = w.changes.get() as number;
    w.verifiedAt = performance.now();
  }
  return change;
}

/** Records the file a connection has open (called at every open; in-memory databases have none). */
export function rememberDatabaseFile(db: DB): void {
  if (db.memory) return;
  const id = identityOf(db.name);
  if (!id) return;
  const changes = db.prepare("SELECT total_changes()").pluck();
  watched.set(db, { id, changes, lost: null, verifiedChanges: changes.get() as number, verifiedAt: performance.now() });
}

/**
 * "deleted" or "replaced" when the path no longer names the file this connection writes to. The
 * path is looked at only when the connection has changed a row since it was last found in place
 * (a write outside a transaction: verifyBeforeCommit looks before every transaction's commit), or
 * when that was `maxAgeMs` or more ago; otherwise what is known is answered.
 */
export function databaseFileChange(db: DB, maxAgeMs = 0): FileChange | null {
  const w = watched.get(db);
  if (!w || !db.open) return null;
  if (w.lost) return w.lost;
  if (w.changes.get() === w.verifiedChanges && performance.now() - w.verifiedAt < maxAgeMs) return null;
  return verify(db, w);
}

/**
 * Makes every outermost `db.transaction(…)` of this connection look at the path just before its
 * COMMIT: if it no longer names the file the connection writes to, DatabaseFileLost is thrown
 * inside the transaction, which rolls it back. So a write is never committed into a deleted or
 * replaced file, and what the connection still holds (the rescued backup) is exactly what was
 * acknowledged. Nested transactions (savepoints) are looked at with their outermost one.
 */
export function verifyBeforeCommit(db: DB): DB {
  const w = watched.get(db);
  if (!w) return db;
  let depth = 0;
  return decorateTransactions(db, {
    around: (run) =>
      function (this: unknown, ...args: unknown[]): unknown {
        depth++;
        try {
          return run.apply(this, args);
        } finally {
          depth--;
        }
      },
    body: (fn) =>
      function (this: unknown, ...args: unknown[]): unknown {
        const result = fn.apply(this, args);
        if (depth === 1) {
          const change = verify(db, w);
          if (change) throw new DatabaseFileLost(change);
        }
        return result;
      },
  });
}
