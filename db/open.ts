import Database from "better-sqlite3";
import { NewerDatabaseError } from "./errors";
import { rememberDatabaseFile } from "./file-identity";
import { LATEST_VERSION, migrations, type Migration } from "./migrations";

export type DB = Database.Database;

/** The longest the app's own connection waits for another program's lock before SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 250;

/**
 * The better-sqlite3 addon this process loads. Electron sets it once at startup, before anything
 * opens a database, to the build for Electron's ABI (kept outside node_modules, whose build is
 * Node's, for the tests); under Node it stays unset and better-sqlite3 loads its own build.
 * Every connection in the app is made by `connect` below, so none can load the wrong one.
 */
let nativeBinding: string | undefined;
export function useNativeBinding(file: string | undefined): void {
  nativeBinding = file;
}
/** The addon set by `useNativeBinding`, for a worker thread to set the same (its modules are its own). */
export const nativeBindingInUse = (): string | undefined => nativeBinding;

export interface ConnectOptions {
  /** Read-only: nothing is written, the file must exist. */
  readonly?: boolean;
  /** Refuse to create the file (implied by readonly). */
  fileMustExist?: boolean;
  /** How long to wait for another connection's lock, in ms (default 5000). */
  busyTimeoutMs?: number;
}

/**
 * THE way to open a SQLite file in this app (lint forbids `new Database(` anywhere else): with
 * the runtime's native binding and the per-connection pragmas — foreign keys on, a busy
 * timeout, and `synchronous = FULL` on a writable connection (SQLite does not persist
 * `synchronous` or `foreign_keys`, so a reopened file would otherwise fall back to NORMAL / OFF).
 * It neither migrates nor changes the journal mode: `openDatabase` does that for the app's own
 * database; backup checks, the startup probe and export readers look at a file as it is.
 */
export function connect(file: string, options: ConnectOptions = {}): DB {
  const readonly = options.readonly ?? false;
  const busy = options.busyTimeoutMs ?? 5000;
  const db = new Database(file, {
    readonly,
    fileMustExist: readonly || (options.fileMustExist ?? false),
    timeout: busy,
    ...(nativeBinding ? { nativeBinding } : {}),
  });
  try {
    db.pragma("foreign_keys = ON");
    db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(busy))}`);
    if (!readonly) db.pragma("synchronous = FULL");
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export interface OpenOptions {
  /** Migrations to apply; tests pass a longer list to exercise upgrades. */
  migrations?: readonly Migration[];
  /**
   * Who moves the WAL back into the file. "automatic" (SQLite's default): the commit that takes
   * the WAL past 1,000 pages runs the checkpoint itself — inside that commit, on that thread.
   * "background": this connection never does (`wal_autocheckpoint = 0`); the app's background
   * worker checkpoints on a cadence (electron/checkpoints.ts). The app core's connections, main
   * thread and worker, open this way; the last connection's close still checkpoints.
   */
  checkpoints?: "automatic" | "background";
}

/** The app's own database: `connect`, WAL (persistent, set once), then every pending migration. */
export function openDatabase(file: string, options: OpenOptions = {}): DB {
  // Short: the main process must not freeze while another program holds the lock; the
  // dispatcher retries a call that met SQLITE_BUSY after yielding (electron/ipc/dispatch.ts).
  const db = connect(file, { busyTimeoutMs: BUSY_TIMEOUT_MS });
  try {
    db.pragma("journal_mode = WAL");
    if (options.checkpoints === "background") db.pragma("wal_autocheckpoint = 0");
    // Erased values (retention, deleted rows) are overwritten with zeros, not left in free space.
    db.pragma("secure_delete = ON");
    migrate(db, options.migrations ?? migrations);
    rememberDatabaseFile(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Applies every pending migration in ONE transaction and records user_version. */
export function migrate(db: DB, list: readonly Migration[] = migrations): number {
  const latest = list.reduce((max, m) => Math.max(max, m.version), 0);
  const current = db.pragma("user_version", { simple: true }) as number;
  if (current > latest) throw new NewerDatabaseError(current, latest);
  const pending = [...list].filter((m) => m.version > current).sort((a, b) => a.version - b.version);
  if (pending.length === 0) return current;
  db.transaction(() => {
    for (const m of pending) db.exec(m.sql);
    db.pragma(`user_version = ${latest}`);
  }).immediate();
  return latest;
}

export { LATEST_VERSION };
