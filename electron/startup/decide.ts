import {
  offersRestore,
  type ProblemKind,
  type RecoveryChannel,
  type StartupState,
  type StartupStep,
} from "../../contract/recovery";
import { NewerDatabaseError, storageFault } from "../../db/errors";
import { LATEST_VERSION } from "../../db/migrations";

/**
 * Startup's decisions, pure: what a problem opening the database is, whether to start (and with
 * which steps) or show the recovery screen, and the words that screen shows. The probe that
 * feeds them is ./probe.ts; the controller that acts on them is ./controller.ts.
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

/**
 * What went wrong opening a database, from the error SQLite (or the file system) gave and the free space in the data
 * folder then (db/disk-space.ts `freeBytes`; null: not known).
 */
export function classifyOpenError(error: unknown, freeBytes: number | null = null): DatabaseProblem {
  if (error instanceof NewerDatabaseError)
    return { kind: "newer", detail: `schema ${error.found} > ${error.supported}`, found: error.found };
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
  if (storageFault(error, freeBytes) === "full") return { kind: "full", detail: code || "no room" };
  if (/^SQLITE_(CORRUPT|NOTADB)/.test(code)) return { kind: "corrupt", detail: code };
  if (/^SQLITE_(BUSY|LOCKED)/.test(code)) return { kind: "locked", detail: code };
  return { kind: "unreadable", detail: code || (error instanceof Error ? error.name : typeof error) };
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
export function decideStartup(
  probe: Probe,
  failedStarts: number,
  hasBackups: boolean,
  supported = LATEST_VERSION,
): StartupDecision {
  if (probe.problem) return { action: "recover", problem: probe.problem, canRetry: canRetry(probe.problem) };
  if (failedStarts >= MAX_FAILED_STARTS) {
    return {
      action: "recover",
      problem: { kind: "crash-loop", detail: `${failedStarts} failed starts` },
      canRetry: true,
    };
  }
  if (!probe.exists && hasBackups)
    return {
      action: "recover",
      problem: { kind: "missing", detail: "no database file, backups present" },
      canRetry: true,
    };
  if (!probe.exists) return { action: "start", steps: ["opening"], backupBeforeUpgrade: false };
  const upgrade = (probe.userVersion ?? 0) < supported;
  return upgrade
    ? { action: "start", steps: ["checking", "backing-up", "upgrading", "opening"], backupBeforeUpgrade: true }
    : { action: "start", steps: ["checking", "opening"], backupBeforeUpgrade: false };
}

/**
 * Only a file that may come free (locked), readable (permissions, disk) or writable (a disk with room again) is worth
 * trying again as it is.
 */
export const canRetry = (problem: DatabaseProblem): boolean =>
  problem.kind === "locked" || problem.kind === "unreadable" || problem.kind === "full";

/**
 * What the quick check after an unclean close found, run in its own thread once the kiosk is up
 * (./probe.ts `quickCheckOffMainThread`): the file passed, SQLite found damage, or the check
 * itself could not run (its thread failed, the file could not be read).
 */
export type StartCheck =
  { result: "ok" } | { result: "damaged"; problem: DatabaseProblem } | { result: "not-run"; detail: string };

/** What staff see (the maintenance status, beside the full integrity check) while the quick check runs. */
export const START_CHECK_RUNNING =
  "Happy Head did not close cleanly last time: a quick check of the database file is running while the kiosk works. The full check follows.";

export type StartCheckDecision =
  { action: "carry-on"; staffMessage: string } | { action: "recover"; problem: DatabaseProblem; canRetry: boolean };

/**
 * What to do with the quick check's answer once the app is open (pure): damage closes the app and
 * shows the recovery screen, as damage found before opening does; a check that could not run, or
 * whose file a restore replaced meanwhile, leaves the kiosk working and says so to staff (the
 * full check follows in the background).
 */
export function decideStartCheck(check: StartCheck, fileReplaced = false): StartCheckDecision {
  // A manager restored a backup (Backups page) while it ran: its answer is about the file replaced.
  if (fileReplaced)
    return {
      action: "carry-on",
      staffMessage:
        "The database file was replaced by a restore while the quick check after last time's unclean close ran. The full check follows in the background.",
    };
  switch (check.result) {
    case "ok":
      return {
        action: "carry-on",
        staffMessage:
          "The quick check after last time's unclean close passed. The full check follows in the background.",
      };
    case "damaged":
      return { action: "recover", problem: check.problem, canRetry: canRetry(check.problem) };
    default:
      return {
        action: "carry-on",
        staffMessage:
          "The quick check after last time's unclean close could not run. The full check follows in the background; if it fails too, call support.",
      };
  }
}

/**
 * Where the recovery screen goes when damage is found with the app open (pure): with the staff window on a display of
 * its own, the real screen there and the guest's view (`recoveryAccess` "look") in the kiosk's; otherwise the kiosk
 * window is the screen (locked until a manager's PIN, as at start) and a staff window over it closes.
 */
export function recoveryWindowsAfterStart(staffDisplay: boolean): {
  kiosk: "recovery" | "locked-recovery";
  staff: "recovery" | "close";
} {
  return staffDisplay ? { kiosk: "locked-recovery", staff: "recovery" } : { kiosk: "recovery", staff: "close" };
}

/**
 * Where the window with the real recovery screen is, and whether its actions (restore a backup, another data folder,
 * quit) work. On the staff's own display they do; anywhere a guest can reach (one display, or the staff display
 * unplugged or asleep and the window moved onto the guest's by the OS) they wait for a manager's PIN.
 */
export interface RecoveryLock {
  onStaffDisplay: boolean;
  unlocked: boolean;
}

export const recoveryLock = (onStaffDisplay: boolean): RecoveryLock => ({ onStaffDisplay, unlocked: onStaffDisplay });

/**
 * The window moved to or from the staff's own display (pure). Off it, the screen locks, even if a PIN had opened it:
 * the manager who typed it may be gone. Back on it, it opens again without a PIN, as at start: a staff display that
 * sleeps and wakes does not leave the desk asking for one (possibly with no backup to check it against). A move that
 * keeps it on the same kind of display changes nothing (a PIN typed on the guest's display holds).
 */
export const recoveryLockMoved = (lock: RecoveryLock, onStaffDisplay: boolean): RecoveryLock =>
  lock.onStaffDisplay === onStaffDisplay ? lock : recoveryLock(onStaffDisplay);

/**
 * What a recovery window's calls may do (pure): "act" (everything), "unlock" (see the screen, type a manager's PIN or
 * the spa's unlock code), "look" (see it: the kiosk's window while the staff display has the real screen). `window`:
 * the real screen, or the kiosk's beside it; with the real one off the staff display, the kiosk's is as good as it.
 */
export type RecoveryAccess = "act" | "unlock" | "look";
export function recoveryAccess(lock: RecoveryLock, window: "screen" | "guest"): RecoveryAccess {
  if (window === "guest" && lock.onStaffDisplay) return "look";
  return lock.unlocked ? "act" : "unlock";
}

/** Whether a call is allowed with that access (pure). */
export const mayCall = (access: RecoveryAccess, channel: RecoveryChannel): boolean =>
  access === "act" ||
  channel === "recovery.state" ||
  (access === "unlock" && (channel === "recovery.unlock" || channel === "recovery.openPad"));

/** The state as a window with that access sees it (pure): locked unless it can act. */
export const viewFor = (state: StartupState, access: RecoveryAccess): StartupState =>
  state.phase === "problem" ? { ...state, locked: access !== "act" } : state;

/** Why the recovery screen refuses a restore in this state (pure; contract/recovery.ts `offersRestore`), or null. */
export const restoreRefusal = (state: StartupState): string | null =>
  state.phase === "problem" && !offersRestore(state.kind)
    ? `${state.title}: a restore would not help. ${state.message}`
    : null;

/**
 * The words on the recovery screen for each problem (pure). `afterStart`: the app had opened
 * before the check found the problem, so the screen says where what was entered since is.
 */
export function problemText(
  problem: DatabaseProblem,
  hasBackups: boolean,
  afterStart = false,
): { title: string; message: string } {
  const text = problemWords(problem, hasBackups);
  return afterStart ? { ...text, message: `${text.message}${WRITTEN_SINCE_START}` } : text;
}

/**
 * After a crash the kiosk opens while the quick check runs: check-ins taken meanwhile are in the
 * damaged file, and a restore keeps that file as a "before a restore" backup (it is never deleted).
 */
export const WRITTEN_SINCE_START =
  " The kiosk was already open while the check ran: anything entered since is in the damaged file, which a restore keeps as a backup (“before a restore”) for support.";

function problemWords(problem: DatabaseProblem, hasBackups: boolean): { title: string; message: string } {
  const restore = hasBackups
    ? " You can restore the most recent good backup below."
    : " There is no backup in this folder yet.";
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
    case "full":
      return {
        title: "The disk is full",
        message:
          "There is no room left on the disk that holds the spa's data, so Happy Head can't open it. Nothing is damaged " +
          "and nothing is lost: no backup is needed. Make room on that disk (move files the spa doesn't need there, such " +
          "as old report exports, to another drive, or empty the computer's trash), then choose Try again.",
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
