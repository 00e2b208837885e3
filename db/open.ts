import Database from "better-sqlite3";
import { NewerDatabaseError } from "./errors";
import { LATEST_VERSION, migrations, type Migration } from "./migrations";

export type DB = Database.Database;

export interface OpenOptions {
  /**
   * Path of a better_sqlite3.node built for the running runtime. Electron passes its own
   * (built for Electron's ABI, kept outside node_modules); Node tests use the default build.
   */
  nativeBinding?: string;
  readonly?: boolean;
  /** Migrations to apply; tests pass a longer list to exercise upgrades. */
  migrations?: readonly Migration[];
}

/**
 * The pragmas every connection needs, set on every open: SQLite does not persist
 * `synchronous` or `foreign_keys`, so a reopened file would otherwise fall back to NORMAL / OFF.
 */
export function applyPragmas(db: DB): void {
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
}

export function openDatabase(file: string, options: OpenOptions = {}): DB {
  const db = new Database(file, {
    readonly: options.readonly ?? false,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    applyPragmas(db);
    if (!options.readonly) migrate(db, options.migrations ?? migrations);
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
