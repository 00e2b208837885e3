import type { RestoreGapCounts } from "../maintenance";
import path from "node:path";
import type { z } from "zod";
import { recoveryChannels, type RecoveryChannel, type StartupState, type StartupStep } from "../../contract/recovery";
import type { BackupInfo } from "../../contract/maintenance";
import { fail, ok, type Result } from "../../contract/result";
import { waitText } from "../../contract/staff";
import { freeBytes } from "../../db/disk-space";
import { DomainError, storageFault, storageFaultMessage } from "../../db/errors";
import {
  backupsDir,
  keepCurrentAsBackup,
  listBackups,
  restoreBackupFile,
  validateBackupFile,
} from "../../db/maintenance/backup";
import { createPinPads } from "../../db/staff/pin-pads";
import { verifyPin } from "../../db/staff/pin-hash";
import type { Clock } from "../../db/time";
import { log } from "../log";
import {
  canRetry,
  classifyOpenError,
  decideStartCheck,
  decideStartup,
  mayCall,
  problemText,
  recoveryAccess,
  recoveryLock,
  recoveryLockMoved,
  restoreRefusal,
  START_CHECK_RUNNING,
  viewFor,
  type DatabaseProblem,
  type StartCheck,
} from "./decide";
import { fileIdentity, probeDatabase, quickCheckOffMainThread, recoveryCredentials } from "./probe";
import { cleanClose, startAttempts } from "./records";

/**
 * Startup, before any window of the app: check the database (readable, schema version, write
 * lock), back it up before an upgrade, migrate, open — each step shown on a progress screen —
 * and when something is wrong, a recovery screen instead of a blank window or a crash loop.
 * After a crash the kiosk opens at once and the quick check reads the file in its own thread;
 * damage it finds closes the app and brings the same recovery screen.
 * The decisions are pure functions (./decide.ts) over what ./probe.ts reads; this controller runs
 * them and the recovery screen's actions; electron/shell.ts only adds windows.
 */

export interface StartupController<Core> {
  state(): StartupState;
  run(): Promise<Core | null>;
  /**
   * Resolves once the quick check after an unclean close has answered and been acted on (the app
   * closed and the recovery screen shown, if it found damage); at once when no check runs.
   */
  checked(): Promise<void>;
  /** The calls of the window with the real recovery screen: locked until a manager's PIN off the staff display. */
  dispatch(channel: unknown, payload: unknown): Promise<Result<unknown>>;
  /**
   * The kiosk window's calls when damage found after opening sent it to the recovery screen beside the staff window's
   * real one: while that is on the staff display it can only look (decide.ts recoveryAccess); otherwise as `dispatch`.
   */
  dispatchFromGuest(channel: unknown, payload: unknown): Promise<Result<unknown>>;
  /** The state as the real screen ("screen") or the kiosk's beside it ("guest") may see it. */
  view(window: "screen" | "guest"): StartupState;
  /**
   * Where the window with the real screen is now, after a display change or when the app's windows take the screen
   * over: off the staff's own display it locks until a manager's PIN (decide.ts recoveryLockMoved), at once.
   */
  placed(onStaffDisplay: boolean): void;
}

/** What startup needs of the open app (electron/core.ts AppCore): its close, and the staff's upkeep status. */
export interface StartedApp {
  close(): Promise<void>;
  maintenance: {
    noteStartCheck(message: string, running?: Promise<unknown>): void;
    noteRestoredOver(safetyBackup: string): Promise<RestoreGapCounts>;
  };
}

/**
 * After a crash the quick check waits for the kiosk to be on screen (the promise `onReady` returns),
 * so that its thread, reading the whole file, does not share the two cores with the kiosk's first
 * paint: on a year of 1,000,000 check-ins that paint came 778-1,035 ms after launch with the check
 * started at once, and 578-587 ms with it held back. It waits no longer than this: a kiosk window
 * that never shows does not keep the file unchecked.
 */
export const CHECK_WAITS_FOR_KIOSK_MS = 5_000;

/** Resolves once `shown` settles (at once without one), or after `ms` at the latest. */
function onScreen(shown: Promise<unknown> | void, ms: number): Promise<void> {
  if (!shown) return Promise.resolve();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  return Promise.race([shown.then(noop, noop), late]).finally(() => clearTimeout(timer));
}
const noop = () => undefined;

/**
 * Runs startup for one data folder and serves the startup window's calls. `openCore` opens the
 * app (migrating); `onState` pushes each state to the window; `onReady` receives the open app and
 * may return a promise of the kiosk on screen (CHECK_WAITS_FOR_KIOSK_MS); `chooseFolder` and `quit`
 * are Electron's.
 */
export function createStartupController<Core extends StartedApp>(opts: {
  dataDir: string;
  clock: Clock;
  openCore: () => Promise<Core>;
  onState: (state: StartupState) => void;
  onReady: (core: Core) => void | Promise<unknown>;
  chooseFolder: () => void;
  quit: () => void;
  /**
   * The window is on the staff's own display at start (`placed` tells of moves). Otherwise (one display: the
   * guest's) every action waits for a manager's PIN, checked against the newest readable backup.
   */
  onStaffDisplay: boolean;
  /** Monotonic milliseconds for the PIN pad's wrong-PIN delays; default performance.now. */
  monotonicMs?: () => number;
  /**
   * The quick check after a crash, given the database file; default `quickCheckOffMainThread`.
   * Tests wrap it to act while the kiosk is up and the check has not answered yet.
   */
  quickCheck?: (file: string) => Promise<StartCheck>;
}): StartupController<Core> {
  const database = path.join(opts.dataDir, "happyhead.sqlite3");
  let current: StartupState = { phase: "starting", step: "checking", stepIndex: 0, stepCount: 2 };
  const set = (s: StartupState) => {
    current = s;
    opts.onState(s);
  };
  const restorable = (): BackupInfo[] => listBackups(backupsDir(opts.dataDir));
  /** The file a restore from this screen replaced (kept with the backups), until the app opens on the restored one. */
  let restoredOver: string | null = null;
  let lock = recoveryLock(opts.onStaffDisplay);
  // The recovery screen's own pad; the spa's unlock code from the newest backup opens it (recovery.openPad).
  const pads = createPinPads(
    opts.monotonicMs ?? (() => performance.now()),
    "staff can open it now with the spa's unlock code",
  );
  const showProblem = (problem: DatabaseProblem, canRetry: boolean, afterStart = false) => {
    const backups = restorable();
    log.error("startup", { event: "problem", kind: problem.kind, detail: problem.detail, afterStart });
    set({
      phase: "problem",
      kind: problem.kind,
      ...problemText(problem, backups.length > 0, afterStart),
      dataDir: opts.dataDir,
      backups,
      canRetry,
      locked: !lock.unlocked,
    });
  };
  /**
   * Lets the window paint the step before a long synchronous one (a backup, a migration). Only
   * before those: on an everyday start (nothing to upgrade) a pause would only hold the kiosk back.
   */
  const yieldToWindow = () => new Promise((r) => setTimeout(r, 30));

  let checking: Promise<void> = Promise.resolve();
  /**
   * After an unclean close, with the app open: the quick check in its own thread on its own
   * read-only connection while guests check in, once the kiosk is on screen (`shown`). Damage
   * closes the app (calls under way answered, no more writes, no clean close recorded) and shows
   * the recovery screen; what was written meanwhile stays in the damaged file, which a restore
   * keeps as a backup.
   */
  const checkAfterStart = async (core: Core, shown: Promise<unknown> | void): Promise<void> => {
    const checkedFile = fileIdentity(database);
    const running = onScreen(shown, CHECK_WAITS_FOR_KIOSK_MS).then(() =>
      (opts.quickCheck ?? quickCheckOffMainThread)(database),
    );
    // The full check and the backup wait for it: two threads reading the whole file would slow both.
    core.maintenance.noteStartCheck(START_CHECK_RUNNING, running);
    const check = await running;
    const replaced = fileIdentity(database) !== checkedFile;
    log.info("startup", { event: "start-check", result: check.result, replaced });
    const next = decideStartCheck(check, replaced);
    if (next.action === "carry-on") {
      core.maintenance.noteStartCheck(next.staffMessage);
      return;
    }
    await core.close();
    cleanClose.forget(database);
    showProblem(next.problem, next.canRetry, true);
  };

  const attempt = async (ignoreFailedStarts: boolean): Promise<Core | null> => {
    set({ phase: "starting", step: "checking", stepIndex: 0, stepCount: 2 });
    const failed = startAttempts.begin(opts.dataDir);
    const closedCleanly = cleanClose.take(database);
    const probe = probeDatabase(database);
    const decision = decideStartup(probe, ignoreFailedStarts ? 0 : failed, restorable().length > 0);
    if (decision.action === "recover") {
      showProblem(decision.problem, decision.canRetry);
      return null;
    }
    const step = async (s: StartupStep, long: boolean) => {
      set({ phase: "starting", step: s, stepIndex: decision.steps.indexOf(s), stepCount: decision.steps.length });
      if (long) await yieldToWindow();
    };
    try {
      if (decision.backupBeforeUpgrade) {
        await step("backing-up", true);
        const kept = await keepCurrentAsBackup(database, opts.clock, "before-upgrade");
        log.info("startup", { event: "backed-up-before-upgrade", rawCopy: kept?.rawCopy ?? false });
        await step("upgrading", true);
      } else {
        await step("opening", false);
      }
      const core = await opts.openCore();
      startAttempts.succeeded(opts.dataDir);
      // Restored from this screen: the day's check-ins the replaced file holds and the restored data lacks go to the
      // desk's list. Once: a later open (a retry after a crash) does not list them again.
      const replaced = restoredOver;
      restoredOver = null;
      if (replaced) await core.maintenance.noteRestoredOver(replaced);
      lock = recoveryLock(lock.onStaffDisplay); // a manager's PIN opened that recovery screen, not the next one
      set({ phase: "ready" });
      const shown = opts.onReady(core);
      if (probe.exists && !closedCleanly)
        checking = checkAfterStart(core, shown).catch((error: unknown) =>
          log.error("startup", { event: "start-check-failed", error }),
        );
      return core;
    } catch (error) {
      log.error("startup", { event: "open-failed", error });
      const problem = classifyOpenError(error, freeBytes(opts.dataDir));
      showProblem(problem, canRetry(problem));
      return null;
    }
  };

  /** What each call does once dispatchAs lets it through; "recovery.state" is answered there, as its window sees it. */
  const actions: Record<Exclude<RecoveryChannel, "recovery.state">, (input: never) => unknown> = {
    "recovery.unlock": async (input: { pin: string }) => {
      const { managers } = recoveryCredentials(backupsDir(opts.dataDir), database);
      if (managers.length === 0)
        return fail(
          "NOT_AVAILABLE",
          "There is no backup with a manager's PIN to check here. Ask whoever looks after this computer.",
        );
      pads.assertOpen("recovery");
      for (const hash of managers) {
        if (await verifyPin(input.pin, hash)) {
          pads.succeeded("recovery");
          lock = { ...lock, unlocked: true };
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
    "recovery.openPad": async (input: { code: string }) => {
      const { padCode } = recoveryCredentials(backupsDir(opts.dataDir), database);
      if (!padCode)
        return fail(
          "NOT_AVAILABLE",
          "There is no unlock code in the newest backup. Wait for the PIN pad, or use the staff display.",
        );
      pads.assertCodeOpen("recovery");
      if (!(await verifyPin(input.code, padCode))) {
        pads.codeFailed("recovery");
        return fail("WRONG_PIN", "That is not the spa's unlock code.", "code");
      }
      pads.opened("recovery");
      log.info("startup", { event: "recovery-pad-opened" });
      return {};
    },
    "recovery.restore": async (input: { name: string }) => {
      const refused = restoreRefusal(current);
      if (refused) return fail("CONFLICT", refused);
      const file = path.join(backupsDir(opts.dataDir), input.name);
      const check = validateBackupFile(file);
      if (!check.ok) return fail("CONFLICT", `${check.problem} Pick another backup.`, "name");
      restoredOver = (await restoreBackupFile(database, file, opts.clock)).safetyBackup;
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

  const self: StartupController<Core> = {
    state: () => current,
    run: () => attempt(false),
    checked: () => checking,
    dispatchFromGuest: (channel, payload) => dispatchAs("guest", channel, payload),
    dispatch: (channel, payload) => dispatchAs("screen", channel, payload),
    view: (window) => viewFor(current, recoveryAccess(lock, window)),
    placed: (onStaffDisplay) => {
      const moved = recoveryLockMoved(lock, onStaffDisplay);
      if (moved === lock) return;
      lock = moved;
      log.info("startup", {
        event: onStaffDisplay ? "recovery-on-staff-display" : "recovery-locked-off-staff-display",
      });
      if (current.phase === "problem") set({ ...current, locked: !lock.unlocked });
    },
  };
  /** Every call, checked in this process: the page's locked view alone would not stop one. */
  async function dispatchAs(window: "screen" | "guest", channel: unknown, payload: unknown): Promise<Result<unknown>> {
    if (typeof channel !== "string" || !Object.hasOwn(recoveryChannels, channel))
      return fail("UNKNOWN_CHANNEL", "There is no such action here.");
    const access = recoveryAccess(lock, window);
    if (!mayCall(access, channel as RecoveryChannel))
      return access === "look"
        ? fail("FORBIDDEN", "A manager handles this on the staff display.")
        : fail("FORBIDDEN", "A manager's PIN is needed here. Guests: please ask a member of staff.");
    const parsed = (recoveryChannels[channel as RecoveryChannel].input as z.ZodType).safeParse(payload);
    if (!parsed.success) return fail("INVALID_INPUT", parsed.error.issues[0]?.message ?? "Invalid input.");
    if (channel === "recovery.state") return ok(viewFor(current, access));
    if (current.phase === "starting" && channel !== "recovery.quit")
      return fail("CONFLICT", "Please wait: Happy Head is starting.");
    try {
      const value = await (actions[channel as keyof typeof actions] as (i: unknown) => unknown)(parsed.data);
      if (typeof value === "object" && value !== null && "ok" in value && (value as Result<unknown>).ok === false)
        return value as Result<unknown>;
      return ok(value);
    } catch (error) {
      // A refusal in words (a PIN pad that waits) is shown as it is, never as a failure.
      if (error instanceof DomainError) return fail(error.code, error.message, error.field);
      log.error("startup", { event: "action-failed", channel, error });
      const fault = storageFault(error, freeBytes(opts.dataDir));
      if (fault) return fail("NOT_AVAILABLE", storageFaultMessage(fault, opts.dataDir));
      return fail("INTERNAL", "That didn't work. Nothing was changed; please try another option.");
    }
  }
  return self;
}
