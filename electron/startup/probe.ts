import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { listBackups, validateBackupFile } from "../../db/maintenance/backup";
import { startThread } from "../background/client";
import { freeBytes } from "../../db/disk-space";
import { NewerDatabaseError } from "../../db/errors";
import { LATEST_VERSION } from "../../db/migrations";
import { connect, nativeBindingInUse, type DB } from "../../db/open";
import { storedPadCode } from "../../db/staff/pad-code";
import { classifyOpenError, type Probe, type StartCheck } from "./decide";

/**
 * Reading the data folder's files without changing them: the database before it is opened, and the backups' managers.
 */

/**
 * Looks at the database file without changing it, in a few reads: readable, a known schema
 * version, and no other process holds its write lock. After a crash (no clean close recorded,
 * ./records.ts `cleanClose`) opening it replays its WAL, as SQLite does on any open, and
 * `quickCheckOffMainThread` reads the whole file once the kiosk is up; the full
 * `integrity_check` runs after every start, in the background (electron/maintenance.ts).
 */
export function probeDatabase(file: string, opts: ProbeOptions = {}): Probe {
  if (!existsSync(file)) return { exists: false, userVersion: null, problem: null };
  const supported = opts.supported ?? LATEST_VERSION;
  let db: DB | null = null;
  let userVersion: number | null = null;
  try {
    db = connect(file, { fileMustExist: true, busyTimeoutMs: opts.lockTimeoutMs ?? 2000 });
    userVersion = db.pragma("user_version", { simple: true }) as number;
    if (userVersion > supported) throw new NewerDatabaseError(userVersion, supported);
    db.exec("BEGIN IMMEDIATE");
    db.exec("ROLLBACK");
    return { exists: true, userVersion, problem: null };
  } catch (error) {
    return { exists: true, userVersion, problem: classifyOpenError(error, freeBytes(path.dirname(file))) };
  } finally {
    db?.close();
  }
}

export interface ProbeOptions {
  supported?: number;
  lockTimeoutMs?: number;
}

/**
 * `PRAGMA quick_check` on a read-only connection of its own: it reads the committed state as of
 * its start (WAL included) while the app's connection goes on writing.
 */
export function quickCheck(file: string): StartCheck {
  let db: DB | null = null;
  try {
    db = connect(file, { readonly: true });
    const rows = (db.pragma("quick_check") as { quick_check: string }[]).map((r) => r.quick_check);
    return rows.join() === "ok"
      ? { result: "ok" }
      : { result: "damaged", problem: { kind: "corrupt", detail: `quick_check: ${rows.length} problem(s)` } };
  } catch (error) {
    const problem = classifyOpenError(error, freeBytes(path.dirname(file)));
    return problem.kind === "corrupt" ? { result: "damaged", problem } : { result: "not-run", detail: problem.detail };
  } finally {
    db?.close();
  }
}

/** Which file is at this path (a restore renames another over the database's), or null when none is. */
export function fileIdentity(file: string): string | null {
  try {
    const { dev, ino } = statSync(file);
    return `${dev}:${ino}`;
  } catch {
    return null;
  }
}

/** What the quick check's thread is given (./probe-worker.ts). */
export interface QuickCheckRequest {
  file: string;
  nativeBinding: string | undefined;
}

/**
 * `quickCheck` in a thread of its own, so the main process keeps turning while it reads the whole
 * file (seconds on a year of data): the kiosk takes check-ins meanwhile. The thread is
 * ./probe-worker.ts (`startThread`: bundled as `probe-worker.js` in the app). A thread that fails
 * to start or dies is a check that did not run ("not-run"), never damage.
 */
export function quickCheckOffMainThread(file: string): Promise<StartCheck> {
  const workerData: QuickCheckRequest = { file, nativeBinding: nativeBindingInUse() };
  let worker: Worker;
  try {
    worker = startThread("probe-worker.js", path.join(__dirname, "probe-worker.ts"), workerData);
  } catch (error) {
    return Promise.resolve({ result: "not-run", detail: `check thread: ${(error as Error).name}` });
  }
  return new Promise((resolve) => {
    worker.once("message", (check: StartCheck) => resolve(check));
    worker.once("error", (error) => resolve({ result: "not-run", detail: `check thread: ${error.name}` }));
    worker.once("exit", (code) => resolve({ result: "not-run", detail: `check thread exited (${code})` }));
  });
}

/**
 * What unlocks the recovery screen on the guest's display, from the newest backup that opens and
 * passes its checks, or, with no readable backup, from the database itself when it still opens:
 * the active managers' PIN hashes, and the spa's unlock code (db/staff/pad-code.ts), which opens
 * the screen's PIN pad when a guest's wrong PINs made it wait.
 */
export function recoveryCredentials(dir: string, databaseFile: string): { managers: string[]; padCode: string | null } {
  const candidates = [...listBackups(dir).map((b) => path.join(dir, b.name)), databaseFile];
  for (const file of candidates) {
    if (!existsSync(file)) continue;
    let db: DB | null = null;
    try {
      if (file !== databaseFile && !validateBackupFile(file).ok) continue;
      db = connect(file, { readonly: true });
      const rows = db.prepare("SELECT pin_hash FROM staff WHERE role = 'manager' AND active = 1").all() as {
        pin_hash: string;
      }[];
      if (rows.length > 0) return { managers: rows.map((r) => r.pin_hash), padCode: storedPadCode(db)?.hash ?? null };
    } catch {
      // Unreadable: try the next one.
    } finally {
      db?.close();
    }
  }
  return { managers: [], padCode: null };
}
