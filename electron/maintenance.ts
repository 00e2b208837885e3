import { modelOf, type Model } from "../db/model";
import { existsSync, statSync } from "node:fs";
import { freeBytes } from "../db/disk-space";
import path from "node:path";
import type { AuditCheck, BackupInfo, ClockTrust, DiskSpace, MaintenanceStatus } from "../contract/maintenance";
import { appendAudit, type Actor } from "../db/audit";
import { writeAtOnce, type WriteInTurn } from "../db/transaction-hooks";
import {
  backupDue,
  backupsDir,
  createBackup,
  listBackups,
  rotateBackups,
  swapInBackup,
  validateBackupFile,
  type BackupKind,
} from "../db/maintenance/backup";
import { DomainError } from "../db/errors";
import { DAY_MS } from "../db/time";
import type { DB } from "../db/open";
import { recoverInterruptedJobs } from "../db/printing/jobs";
import { bookJoinedNotesOnce } from "../db/import/joined-notes";
import { printedSince, settlePrinted } from "../db/printing/restored-jobs";
import { recordRestoreGaps } from "../db/maintenance/restore-gaps";
import { clockTrust, erasingNow } from "../db/maintenance/clock-trust";
import { log } from "./log";
import { logBackgroundFailure, type BackgroundWork } from "./background/client";

/** What a restore left for the desk's list: check-ins to make again, and add-on decisions (restore-gaps.ts). */
export interface RestoreGapCounts {
  leftOut: number;
  undone: number;
}

export interface Maintenance {
  folder: string;
  list(): BackupInfo[];
  backupNow(kind: BackupKind): Promise<BackupInfo>;
  /**
   * Replaces the open database with a backup: writes stop (each call answers that a restore is
   * running), the printer drains and holds, the current database is kept as a backup, then the
   * swap; a ticket the restored file still had queued but the replaced one had printed is not
   * printed again. Printing and writes go on afterwards. `leftOut`: the day's check-ins made after the backup, and
   * `undone`: the desk's add-on decisions made after it for guests who had arrived before, which the desk now lists
   * (db/maintenance/restore-gaps.ts).
   */
  restore(
    name: string,
    actor: Actor,
  ): Promise<{ restored: BackupInfo; safetyBackup: string | null } & RestoreGapCounts>;
  /**
   * After a restore made from the recovery screen (the app was not running): records the day's check-ins the file it
   * replaced (kept as `safetyBackup` in the backups folder) holds and the restored data lacks, and the desk's decisions
   * it undid, for the desk; how many. Never fails: a problem is logged and the list left empty.
   */
  noteRestoredOver(safetyBackup: string): Promise<RestoreGapCounts>;
  /** Free space on the data folder's disk against what a day's backups need. */
  diskSpace(): DiskSpace;
  /** Copies what the open connection still holds after its file was deleted or replaced under it. */
  rescue(change: "deleted" | "replaced"): Promise<BackupInfo | null>;
  verifyAudit(): Promise<AuditCheck>;
  /** A manager confirmed the clock's date (db/maintenance/clock-trust.ts): retention runs again now, by that date. */
  clockConfirmed(): void;
  /** The full integrity check and the last retention run, for the staff window. */
  status(): MaintenanceStatus;
  /**
   * What the quick check after an unclean close (electron/startup/controller.ts) is doing or found,
   * shown to staff where the full check's result will be, until that result replaces it. `running`:
   * the check under way; the after-start upkeep waits for it rather than read the file beside it.
   */
  noteStartCheck(message: string, running?: Promise<unknown>): void;
  /**
   * After the kiosk is up (AFTER_START_MS), in the background worker: the full integrity check,
   * then the daily jobs (backup when > 24 h old, retention), then every hour's check.
   */
  start(): void;
  /** Resolves when the after-start work has finished (tests, bench). */
  settled(): Promise<void>;
  /**
   * For the app's close: no more upkeep starts; resolves once the upkeep running has ended (the
   * app core cancels its worker task first, so that is at once). Nothing after it touches the
   * database or the backups folder.
   */
  stop(): Promise<void>;
}

const HOUR_MS = 3_600_000;
/** Long enough for the windows to paint first: the after-start work is not what a guest waits for. */
export const AFTER_START_MS = 1_000;
/** Appointments per retention transaction: the write lock is held for milliseconds. */
export const RETENTION_BATCH = 100;
/** A day's backups: the daily one plus one manual or safety (before-restore) copy of the database. */
const DAY_BACKUP_COPIES = 2;

/**
 * Backups, restore and retention for a running app core. Restore swaps the database under the
 * same Model object that every handler and the print worker read `model.db` from, between two
 * synchronous steps, so no call ever sees a half-restored state.
 */
export function createMaintenance(opts: {
  model: Model;
  database: string;
  /** Opens the database as the main thread's connection (the app core's way: gated writes). */
  open: () => DB;
  /** Refuses new calls and resolves once those running have answered (electron/write-gate.ts). */
  stopWrites: () => Promise<void>;
  resumeWrites: () => void;
  /**
   * The print worker drains and holds until resumePrinting (electron/printing/queue.ts pause): no
   * ticket is sent during the safety backup or the swap, none completes against the restored file.
   */
  pausePrinting: () => Promise<void>;
  /** The print worker goes on from the (restored) database's jobs. */
  resumePrinting: () => void;
  onRestored: () => void;
  /** A restore left the day's check-ins out: the desks' lists (maintenance.restoreGaps) are to be read again. */
  onLeftOut: () => void;
  /** Backups, retention and the integrity check run there, off the main thread. */
  background: BackgroundWork;
  /**
   * The restore's audit row, written once the background writer runs again (its retention), takes its turn on the
   * write gate as the calls do: a slice in flight is waited for with the event loop free (gate.ts, writesInTurn).
   */
  writeInTurn?: WriteInTurn;
}): Maintenance {
  const { model, background } = opts;
  const writeInTurn = opts.writeInTurn ?? writeAtOnce;
  const folder = backupsDir(path.dirname(opts.database));
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  /** The upkeep under way (the after-start run, an hourly one), awaited by stop(). */
  const running = new Set<Promise<void>>();
  const upkeep = (work: () => Promise<void>): Promise<void> => {
    if (stopped) return Promise.resolve();
    const p = work().finally(() => running.delete(p));
    running.add(p);
    return p;
  };
  let lastRetentionMs = 0;
  let afterStart: Promise<void> = Promise.resolve();
  let settle = () => undefined as void;
  /** The quick check after an unclean close, while it runs; the after-start upkeep starts after it (or at stop). */
  let startCheck: Promise<unknown> = Promise.resolve();
  let stopWaiting = () => undefined as void;
  const stopping = new Promise<void>((resolve) => (stopWaiting = resolve));
  let lastClock: ClockTrust = { state: "ok" };
  const state: Omit<MaintenanceStatus, "clock"> = {
    integrity: {
      state: "pending",
      checkedAt: null,
      message: "The full database check runs in the background shortly after start.",
    },
    retention: { ranAt: null, erased: 0 },
  };

  const checkIntegrity = async (): Promise<void> => {
    const checkedAt = model.clock.now().toISOString();
    try {
      const r = await background.run("integrityCheck", {});
      if (stopped) return;
      state.integrity = r.ok
        ? { state: "ok", checkedAt, message: "The database file passed the full integrity check." }
        : {
            state: "problem",
            checkedAt,
            message: `The full integrity check found ${r.problems} problem(s) in the database file. Restore the latest backup, or call support before the next close.`,
          };
      if (!r.ok) log.error("maintenance", { event: "integrity-problem", problems: r.problems });
    } catch (error) {
      state.integrity = {
        state: "failed",
        checkedAt,
        message: "The full integrity check could not finish; it runs again at the next start.",
      };
      logBackgroundFailure("maintenance", "integrity-failed", error);
    }
  };

  const backupNow = async (kind: BackupKind): Promise<BackupInfo> => {
    const b = await background.run("backup", { dir: folder, kind, now: model.clock.now().toISOString() });
    // The manual and safety backups' 30 days count to the date erasing goes by: a clock a year ahead deletes none.
    const removed = rotateBackups(folder, erasingNow(model));
    log.info("backup", { event: "created", kind, bytes: b.sizeBytes, rotatedOut: removed.length });
    return b;
  };

  const daily = async (): Promise<void> => {
    const now = model.clock.now();
    try {
      if (now.getTime() - lastRetentionMs >= DAY_MS) {
        const r = await background.run("retention", { now: now.toISOString(), batch: RETENTION_BATCH });
        if (stopped) return;
        // Each backup is read through (135 ms to 15.5 s for a busy year's file): on the reader, never the main thread.
        const { scrubbed } = await background.run("scrubBackups", { dir: folder, now: now.toISOString() });
        if (stopped) return;
        lastRetentionMs = now.getTime();
        state.retention = { ranAt: now.toISOString(), erased: r.erased };
        log.info("retention", { event: "ran", erased: r.erased, backupsScrubbed: scrubbed.length });
      }
      if (!stopped && backupDue(listBackups(folder), now)) await backupNow("auto");
    } catch (error) {
      logBackgroundFailure("maintenance", "daily-failed", error);
    }
  };

  /**
   * The day's check-ins the file kept as `safetyBackup` holds and the restored data lacks, recorded for the desk. The
   * restore is done by then: a failure here is logged and leaves the list empty, never fails the restore's answer.
   */
  const recordLeftOut = async (safetyBackup: string): Promise<RestoreGapCounts> => {
    try {
      const { recorded, undone, complete } = await writeInTurn(() =>
        recordRestoreGaps(model, path.join(folder, safetyBackup)),
      );
      // A damaged file may be readable only up to its damage: what could be read is listed, and the log says so.
      if (!complete) log.error("backup", { event: "replaced-file-partly-read", leftOut: recorded, undone });
      if (recorded + undone > 0) opts.onLeftOut();
      return { leftOut: recorded, undone };
    } catch (error) {
      log.error("backup", { event: "restore-gaps-failed", error });
      return { leftOut: 0, undone: 0 };
    }
  };

  return {
    folder,
    list: () => listBackups(folder),
    noteRestoredOver: recordLeftOut,
    backupNow,
    restore: async (name, actor) => {
      const info = listBackups(folder).find((b) => b.name === name);
      if (!info || !existsSync(path.join(folder, name)))
        throw new DomainError("NOT_FOUND", "That backup is no longer in the backups folder.", "name");
      const check = validateBackupFile(path.join(folder, name));
      if (!check.ok) throw new DomainError("CONFLICT", `${check.problem} Nothing was changed.`, "name");
      // Order matters: a write acknowledged after the safety backup would be in neither file.
      await opts.stopWrites();
      try {
        await opts.pausePrinting();
        const safety = await backupNow("before-restore");
        // The worker's connections would keep the replaced file open: it restarts on the restored one.
        await background.stop();
        const printedHere = printedSince(model.db, path.join(folder, name));
        // From here to the reopen's bookkeeping everything is synchronous: no call can run in between, and with the
        // worker stopped no slice either, so those writes have no one to take turns with.
        model.db.close();
        try {
          swapInBackup(opts.database, path.join(folder, name));
        } finally {
          model.db = modelOf(opts.open(), model.clock).db;
        }
        settlePrinted(model, printedHere);
        recoverInterruptedJobs(model);
        // A backup from before migration 0033 holds notes its imports wrote: read as the app's start reads them.
        bookJoinedNotesOnce(model);
        // A backup can hold guests' details erased since it was taken: erased again before anyone reads them (every
        // call is refused until the restore answers), by the background writer, a batch at a time, so an old backup
        // on a busy year never freezes the main thread while it erases.
        const erased = await background.run("retention", {
          now: model.clock.now().toISOString(),
          batch: RETENTION_BATCH,
        });
        const { leftOut, undone } = await recordLeftOut(safety.name);
        await writeInTurn(() =>
          model.db
            .transaction(() =>
              appendAudit(model.db, model.clock, actor, {
                action: "backup.restore",
                entity: "database",
                entityId: null,
                after: { restoredFrom: name, safetyBackup: safety.name, leftOut, undone },
              }),
            )
            .immediate(),
        );
        log.info("backup", { event: "restored", kind: info.kind, erased: erased.erased, leftOut, undone });
        opts.onRestored();
        return { restored: info, safetyBackup: safety.name, leftOut, undone };
      } finally {
        opts.resumePrinting();
        opts.resumeWrites();
      }
    },
    diskSpace: () => {
      const dataDir = path.dirname(opts.database);
      const size = (suffix: string) => (existsSync(opts.database + suffix) ? statSync(opts.database + suffix).size : 0);
      const free = freeBytes(dataDir) ?? 0;
      const neededBytes = DAY_BACKUP_COPIES * (size("") + size("-wal"));
      return { folder: dataDir, freeBytes: free, neededBytes, low: free < neededBytes };
    },
    rescue: async (change) => {
      try {
        const b = await createBackup(model, folder, "rescued");
        log.error("backup", { event: "database-file-lost", change, rescued: b.sizeBytes });
        return b;
      } catch (error) {
        log.error("backup", { event: "database-file-lost", change, rescueFailed: true, error });
        return null;
      }
    },
    // On the background reader: a busy year's chain is millions of rows, seconds of hashing.
    verifyAudit: () => background.run("verifyAudit", {}),
    status: () => {
      // Read live (a clock put right clears it at once); after the close, as last read.
      if (model.db.open) lastClock = clockTrust(model);
      return { ...structuredClone(state), clock: lastClock };
    },
    clockConfirmed: () => {
      lastRetentionMs = 0;
      void upkeep(daily);
    },
    noteStartCheck: (message, running) => {
      if (running) startCheck = running.catch(() => undefined);
      if (state.integrity.state === "pending") state.integrity = { ...state.integrity, message };
    },
    start: () => {
      afterStart = new Promise((resolve) => {
        settle = resolve;
        timer = setTimeout(() => {
          timer = setInterval(() => void upkeep(daily), HOUR_MS);
          timer.unref();
          void upkeep(async () => {
            await Promise.race([startCheck, stopping]);
            if (stopped) return;
            await checkIntegrity();
            if (!stopped) await daily();
          }).finally(resolve);
        }, AFTER_START_MS);
      });
    },
    settled: () => afterStart,
    stop: async () => {
      stopped = true;
      stopWaiting();
      if (timer) clearInterval(timer);
      timer = null;
      settle();
      await Promise.all(running);
    },
  };
}
