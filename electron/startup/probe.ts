import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { listBackups, validateBackupFile } from "../../db/maintenance/backup";
import { NewerDatabaseError } from "../../db/errors";
import { LATEST_VERSION } from "../../db/migrations";
import { connect, nativeBindingInUse, type DB } from "../../db/open";
import { storedPadCode } from "../../db/staff/pad-code";
import { classifyOpenError, type DatabaseProblem, type Probe } from "./decide";

/**
 * Reading the data folder's files without changing them: the database before it is opened, and the backups' managers.
 */

/**
 * Looks at the database file without changing it: readable, a known schema version, passes
 * `PRAGMA quick_check` (skipped after a recorded clean close, `cleanClose`), and no other
 * process holds its write lock. The full `integrity_check` (minutes-long reading of every index
 * on a big file) runs after the kiosk is up, in the background.
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
    if (!opts.closedCleanly) {
      const check = (db.pragma("quick_check") as { quick_check: string }[]).map((r) => r.quick_check);
      if (check.join() !== "ok")
        return {
          exists: true,
          userVersion,
          problem: { kind: "corrupt", detail: `quick_check: ${check.length} problem(s)` },
        };
    }
    db.exec("BEGIN IMMEDIATE");
    db.exec("ROLLBACK");
    return { exists: true, userVersion, problem: null };
  } catch (error) {
    return { exists: true, userVersion, problem: classifyOpenError(error) };
  } finally {
    db?.close();
  }
}

export interface ProbeOptions {
  supported?: number;
  lockTimeoutMs?: number;
  closedCleanly?: boolean;
}

/** What the probe's thread is given (./probe-worker.ts). */
export interface ProbeRequest {
  file: string;
  opts: ProbeOptions;
  nativeBinding: string | undefined;
}

/**
 * `probeDatabase` in a thread of its own, so the main process keeps turning while the quick check
 * reads the whole file (seconds on a year of data, after a crash): the startup window paints its
 * progress and Electron's windows stay responsive. The thread's code is the bundled
 * `probe-worker.js` beside main.js in the app (scripts/build-electron.mjs), the TypeScript source
 * through tsx under Node (tests, bench). A thread that fails to start or dies is a probe that
 * could not read the file ("unreadable": the recovery screen offers Try again).
 */
export function probeOffMainThread(file: string, opts: ProbeOptions = {}): Promise<Probe> {
  const workerData: ProbeRequest = { file, opts, nativeBinding: nativeBindingInUse() };
  const bundled = path.join(__dirname, "probe-worker.js");
  let worker: Worker;
  try {
    if (existsSync(bundled)) worker = new Worker(bundled, { workerData });
    else {
      const tsx = createRequire(path.join(__dirname, "probe.ts")).resolve("tsx/cjs");
      const source = path.join(__dirname, "probe-worker.ts");
      worker = new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(source)});`, {
        eval: true,
        workerData,
      });
    }
  } catch (error) {
    return Promise.resolve({ exists: existsSync(file), userVersion: null, problem: classifyOpenError(error) });
  }
  return new Promise((resolve) => {
    const failed = (detail: string) => {
      const problem: DatabaseProblem = { kind: "unreadable", detail };
      resolve({ exists: existsSync(file), userVersion: null, problem });
    };
    worker.once("message", (probe: Probe) => resolve(probe));
    worker.once("error", (error) => failed(`probe thread: ${error.name}`));
    worker.once("exit", (code) => failed(`probe thread exited (${code})`));
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
    if (!existsSync(file) || (file !== databaseFile && !validateBackupFile(file).ok)) continue;
    let db: DB | null = null;
    try {
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
