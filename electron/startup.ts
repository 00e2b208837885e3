import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { BackupInfo } from "../contract/maintenance";
import { recoveryChannels, type ProblemKind, type RecoveryChannel, type StartupState, type StartupStep } from "../contract/recovery";
import { fail, ok, type Result } from "../contract/result";
import { backupsDir, keepCurrentAsBackup, listBackups, restoreBackupFile, validateBackupFile } from "../db/maintenance/backup";
import { NewerDatabaseError } from "../db/errors";
import { LATEST_VERSION } from "../db/migrations";
import { connect, type DB } from "../db/open";
import type { Clock } from "../db/time";
import { waitText } from "../contract/staff";
import { createPinPads } from "../db/staff/pin-pads";
import { verifyPin } from "../db/staff/staff";
import { log } from "./log";

/**
 * Startup, before any window of the app: check the database (integrity, schema version, write
 * lock), back it up before an upgrade, migrate, open — each step shown on a progress screen —
 * and when something is wrong, a recovery screen instead of a blank window or a crash loop.
 * The decisions are pure functions; the controller runs them; electron/shell.ts only adds windows.
 */

export interface DatabaseProblem {
  kind: ProblemKind;
  /** For the log: SQLite's error code or the schema numbers, never data. */
  detail: string;
  found?: number;
}

export interface Probe {
  exists: boolean;
  userVersion: number | null;
  problem: DatabaseProblem | null;
}

/** What went wrong opening a database, from the error SQLite (or the file system) gave. */
export function classifyOpenError(error: unknown): DatabaseProblem {
  if (error instanceof NewerDatabaseError)
    return { kind: "newer", detail: `schema ${error.found} > ${error.supported}`, found: error.found };
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
  if (/^SQLITE_(CORRUPT|NOTADB)/.test(code)) return { kind: "corrupt", detail: code };
  if (/^SQLITE_(BUSY|LOCKED)/.test(code)) return { kind: "locked", detail: code };
  return { kind: "unreadable", detail: code || (error instanceof Error ? error.name : typeof error) };
}

const cleanCloseSchema = z.object({ size: z.number(), mtimeMs: z.number() });

/**
 * The last clean close, recorded beside the database: the file's size and modification time
 * once the app's last connection closed (its WAL checkpointed away). A start that finds them
 * unchanged skips even the quick check; a crash, a power cut or a file copied in leaves no
 * record or one that doesn't match, and the quick check runs. The record is taken (deleted) at
 * start. The full integrity check runs after every start, in the background (electron/maintenance.ts).
 */
export const cleanClose = {
  file: (database: string) => `${database}.clean-close`,
  record(database: string): void {
    try {
      if (existsSync(`${database}-wal`)) return;
      const { size, mtimeMs } = statSync(database);
      writeFileSync(this.file(database), JSON.stringify({ size, mtimeMs }));
    } catch {
      // No record: the next start runs the quick check.
    }
  },
  take(database: string): boolean {
    try {
      const recorded = cleanCloseSchema.safeParse(JSON.parse(readFileSync(this.file(database), "utf8")));
      rmSync(this.file(database), { force: true });
      if (!recorded.success || existsSync(`${database}-wal`)) return false;
      const { size, mtimeMs } = statSync(database);
      return recorded.data.size === size && recorded.data.mtimeMs === mtimeMs;
    } catch {
      return false;
    }
  },
};

/**
 * Looks at the database file without changing it: readable, a known schema version, passes
 * `PRAGMA quick_check` (skipped after a recorded clean close, `cleanClose`), and no other
 * process holds its write lock. The full `integrity_check` (minutes-long reading of every index
 * on a big file) runs after the kiosk is up, in the background.
 */
export function probeDatabase(file: string, opts: { supported?: number; lockTimeoutMs?: number; closedCleanly?: boolean } = {}): Probe {
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
        return { exists: true, userVersion, problem: { kind: "corrupt", detail: `quick_check: ${check.length} problem(s)` } };
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

/**
 * The PIN hashes of the active managers in the newest backup that opens and passes its checks,
 * or, with no readable backup, in the database itself when it still opens: whose PIN unlocks
 * the recovery screen on the guest's display.
 */
export function managersOfNewestBackup(dir: string, databaseFile: string): string[] {
  const candidates = [...listBackups(dir).map((b) => path.join(dir, b.name)), databaseFile];
  for (const file of candidates) {
    if (!existsSync(file) || (file !== databaseFile && !validateBackupFile(file).ok)) continue;
    let db: DB | null = null;
    try {
      db = connect(file, { readonly: true });
      const rows = db.prepare("SELECT pin_hash FROM staff WHERE role = 'manager' AND active = 1").all() as { pin_hash: string }[];
      if (rows.length > 0) return rows.map((r) => r.pin_hash);
    } catch {
      // Unreadable: try the next one.
    } finally {
      db?.close();
    }
  }
  return [];
}

/** After this many starts in a row that never reached the kiosk, stop trying and show recovery. */
export const MAX_FAILED_STARTS = 3;

export type StartupDecision =
  | { action: "start"; steps: StartupStep[]; backupBeforeUpgrade: boolean }
  | { action: "recover"; problem: DatabaseProblem; canRetry: boolean };

/**
 * What to do with what the probe found (pure). A missing database with backups beside it is a
 * spa whose file was lost, not a new spa: recovery, never a new empty (or demo) database.
 */
export function decideStartup(probe: Probe, failedStarts: number, hasBackups: boolean, supported = LATEST_VERSION): StartupDecision {
  if (probe.problem)
    return { action: "recover", problem: probe.problem, canRetry: probe.problem.kind === "locked" || probe.problem.kind === "unreadable" };
  if (failedStarts >= MAX_FAILED_STARTS) {
    return { action: "recover", problem: { kind: "crash-loop", detail: `${failedStarts} failed starts` }, canRetry: true };
  }
  if (!probe.exists && hasBackups)
    return { action: "recover", problem: { kind: "missing", detail: "no database file, backups present" }, canRetry: true };
  if (!probe.exists) return { action: "start", steps: ["opening"], backupBeforeUpgrade: false };
  const upgrade = (probe.userVersion ?? 0) < supported;
  return upgrade
    ? { action: "start", steps: ["checking", "backing-up", "upgrading", "opening"], backupBeforeUpgrade: true }
    : { action: "start", steps: ["checking", "opening"], backupBeforeUpgrade: false };
}

/** The words on the recovery screen for each problem (pure). */
export function problemText(problem: DatabaseProblem, hasBackups: boolean): { title: string; message: string } {
  const restore = hasBackups ? " You can restore the most recent good backup below." : " There is no backup in this folder yet.";
  switch (problem.kind) {
    case "missing":
      return {
        title: "The spa's data file is missing",
        message: `Happy Head's database file is not in its data folder, but backups are: it did not start a new, empty spa.${restore} Or, if the file was moved, put it back and choose Try again.`,
      };
    case "corrupt":
      return {
        title: "The database is damaged",
        message: `Happy Head found damage in its database file and stopped before making it worse.${restore}`,
      };
    case "locked":
      return {
        title: "The database is in use",
        message:
          "Another program (or a second copy of Happy Head) is using this data folder. Close it, then choose Try again — or open a different folder.",
      };
    case "newer":
      return {
        title: "This data was saved by a newer version",
        message: `The database uses schema ${problem.found ?? "?"}, and this version of Happy Head knows up to ${LATEST_VERSION}. Install the newer version, restore an older backup, or open a different folder.`,
      };
    case "crash-loop":
      return {
        title: "Happy Head didn't start the last few times",
        message: `Rather than trying again and again, it stopped here.${restore} Or choose Try again.`,
      };
    default:
      return {
        title: "The data folder can't be opened",
        message: `Happy Head can't read or write its database here (check the folder's permissions and free disk space).${restore}`,
      };
  }
}

/** Counts starts that never reached "ready", in a small file beside the database. */
export const startAttempts = {
  file: (dataDir: string) => path.join(dataDir, ".start-attempts"),
  read(dataDir: string): number {
    try {
      return Number.parseInt(readFileSync(this.file(dataDir), "utf8"), 10) || 0;
    } catch {
      return 0;
    }
  },
  begin(dataDir: string): number {
    const n = this.read(dataDir);
    try {
      writeFileSync(this.file(dataDir), String(n + 1));
    } catch {
      // An unwritable folder shows up as a problem at the probe.
    }
    return n;
  },
  succeeded(dataDir: string): void {
    rmSync(this.file(dataDir), { force: true });
  },
};

export interface StartupController<Core> {
  state(): StartupState;
  run(): Promise<Core | null>;
  dispatch(channel: unknown, payload: unknown): Promise<Result<unknown>>;
}

/**
 * Runs startup for one data folder and serves the startup window's calls. `openCore` opens the
 * app (migrating); `onState` pushes each state to the window; `onReady` receives the open app;
 * `chooseFolder` and `quit` are Electron's.
 */
export function createStartupController<Core>(opts: {
  dataDir: string;
  clock: Clock;
  openCore: () => Promise<Core>;
  onState: (state: StartupState) => void;
  onReady: (core: Core) => void;
  chooseFolder: () => void;
  quit: () => void;
  /**
   * The window is on the staff's own display. Otherwise (one display: the guest's) every action
   * waits for a manager's PIN, checked against the newest readable backup.
   */
  onStaffDisplay: boolean;
  /** Monotonic milliseconds for the PIN pad's wrong-PIN delays; default performance.now. */
  monotonicMs?: () => number;
}): StartupController<Core> {
  const database = path.join(opts.dataDir, "happyhead.sqlite3");
  let current: StartupState = { phase: "starting", step: "checking", stepIndex: 0, stepCount: 2 };
  const set = (s: StartupState) => {
    current = s;
    opts.onState(s);
  };
  const restorable = (): BackupInfo[] => listBackups(backupsDir(opts.dataDir));
  let unlocked = opts.onStaffDisplay;
  // The recovery screen's own pad: nothing but waiting (or a manager at the staff display) gets past it.
  const pads = createPinPads(opts.monotonicMs ?? (() => performance.now()), "");
  const showProblem = (problem: DatabaseProblem, canRetry: boolean) => {
    const backups = restorable();
    log.error("startup", { event: "problem", kind: problem.kind, detail: problem.detail });
    set({
      phase: "problem",
      kind: problem.kind,
      ...problemText(problem, backups.length > 0),
      dataDir: opts.dataDir,
      backups,
      canRetry,
      locked: !unlocked,
    });
  };
  /** Lets the window paint the step before a long synchronous one (integrity check, migration). */
  const yieldToWindow = () => new Promise((r) => setTimeout(r, 30));

  const attempt = async (ignoreFailedStarts: boolean): Promise<Core | null> => {
    set({ phase: "starting", step: "checking", stepIndex: 0, stepCount: 2 });
    await yieldToWindow();
    const failed = startAttempts.begin(opts.dataDir);
    const closedCleanly = cleanClose.take(database);
    const probe = probeDatabase(database, { closedCleanly });
    const decision = decideStartup(probe, ignoreFailedStarts ? 0 : failed, restorable().length > 0);
    if (decision.action === "recover") {
      showProblem(decision.problem, decision.canRetry);
      return null;
    }
    const step = async (s: StartupStep) => {
      set({ phase: "starting", step: s, stepIndex: decision.steps.indexOf(s), stepCount: decision.steps.length });
      await yieldToWindow();
    };
    try {
      if (decision.backupBeforeUpgrade) {
        await step("backing-up");
        const kept = await keepCurrentAsBackup(database, opts.clock, "before-upgrade");
        log.info("startup", { event: "backed-up-before-upgrade", rawCopy: kept?.rawCopy ?? false });
        await step("upgrading");
      } else {
        await step("opening");
      }
      const core = await opts.openCore();
      startAttempts.succeeded(opts.dataDir);
      set({ phase: "ready" });
      opts.onReady(core);
      return core;
    } catch (error) {
      log.error("startup", { event: "open-failed", error });
      showProblem(classifyOpenError(error), true);
      return null;
    }
  };

  const actions: Record<RecoveryChannel, (input: never) => unknown> = {
    "recovery.state": () => current,
    "recovery.unlock": async (input: { pin: string }) => {
      const managers = managersOfNewestBackup(backupsDir(opts.dataDir), database);
      if (managers.length === 0)
        return fail("NOT_AVAILABLE", "There is no backup with a manager's PIN to check here. Ask whoever looks after this computer.");
      pads.assertOpen("recovery");
      for (const hash of managers) {
        if (await verifyPin(input.pin, hash)) {
          pads.succeeded("recovery");
          unlocked = true;
          log.info("startup", { event: "recovery-unlocked" });
          if (current.phase === "problem") set({ ...current, locked: false });
          return {};
        }
      }
      const wait = pads.failed("recovery");
      return fail(
        "WRONG_PIN",
        wait > 0 ? `Wrong PIN. This screen takes the next PIN in ${waitText(wait)}.` : "Wrong PIN. Try again.",
        "pin",
      );
    },
    "recovery.restore": async (input: { name: string }) => {
      const file = path.join(backupsDir(opts.dataDir), input.name);
      const check = validateBackupFile(file);
      if (!check.ok) return fail("CONFLICT", `${check.problem} Pick another backup.`, "name");
      await restoreBackupFile(database, file, opts.clock);
      log.info("startup", { event: "restored-from-backup" });
      void attempt(true);
      return {};
    },
    "recovery.retry": () => {
      void attempt(true);
      return {};
    },
    "recovery.chooseFolder": () => {
      opts.chooseFolder();
      return {};
    },
    "recovery.quit": () => {
      opts.quit();
      return {};
    },
  };

  return {
    state: () => current,
    run: () => attempt(false),
    dispatch: async (channel, payload) => {
      if (typeof channel !== "string" || !Object.hasOwn(recoveryChannels, channel))
        return fail("UNKNOWN_CHANNEL", "There is no such action here.");
      const spec = recoveryChannels[channel as RecoveryChannel];
      const parsed = (spec.input as z.ZodType).safeParse(payload);
      if (!parsed.success) return fail("INVALID_INPUT", parsed.error.issues[0]?.message ?? "Invalid input.");
      if (current.phase === "starting" && channel !== "recovery.state" && channel !== "recovery.quit") {
        return fail("CONFLICT", "Please wait: Happy Head is starting.");
      }
      if (!unlocked && channel !== "recovery.state" && channel !== "recovery.unlock") {
        return fail("FORBIDDEN", "A manager's PIN is needed here. Guests: please ask a member of staff.");
      }
      try {
        const value = await (actions[channel as RecoveryChannel] as (i: unknown) => unknown)(parsed.data);
        if (typeof value === "object" && value !== null && "ok" in value && (value as Result<unknown>).ok === false)
          return value as Result<unknown>;
        return ok(value);
      } catch (error) {
        log.error("startup", { event: "action-failed", channel, error });
        return fail("INTERNAL", "That didn't work. Nothing was changed; please try another option.");
      }
    },
  };
}
