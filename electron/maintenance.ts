import type { Model } from "../db/model";
import { existsSync, statSync, statfsSync } from "node:fs";
import path from "node:path";
import type { BackupInfo, DiskSpace } from "../contract/maintenance";
import { appendAudit, verifyAuditChain, type Actor } from "../db/audit";
import { backupDue, backupsDir, createBackup, listBackups, rotateBackups, swapInBackup, validateBackupFile, DAY_MS, type BackupKind } from "../db/maintenance/backup";
import { DomainError } from "../db/errors";
import { openDatabase } from "../db/open";
import { eraseExpiredGuestDetails, eraseExpiredInBackups } from "../db/maintenance/retention";
import { recoverInterruptedJobs } from "../db/printing/tickets";
import { log } from "./log";

export interface Maintenance {
  folder: string;
  list(): BackupInfo[];
  backupNow(kind: BackupKind): Promise<BackupInfo>;
  /**
   * Replaces the open database with a backup: writes stop (each call answers that a restore is
   * running), the printer drains, the current database is kept as a backup, then the swap.
   */
  restore(name: string, actor: Actor): Promise<{ restored: BackupInfo; safetyBackup: string | null }>;
  /** Free space on the data folder's disk against what a day's backups need. */
  diskSpace(): DiskSpace;
  /** Copies what the open connection still holds after its file was deleted or replaced under it. */
  rescue(change: "deleted" | "replaced"): Promise<BackupInfo | null>;
  verifyAudit(): { ok: boolean; rows: number; firstBadId: number | null; problem: string | null };
  /** The daily jobs (backup when > 24 h old, retention), now and then every hour's check. */
  start(): Promise<void>;
  stop(): void;
}

const HOUR_MS = 3_600_000;
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
  /** Refuses new calls and resolves once those running have answered (electron/write-gate.ts). */
  stopWrites: () => Promise<void>;
  resumeWrites: () => void;
  /** Resolves when no print job is in flight, so none completes against the restored database. */
  quiesce: () => Promise<void>;
  onRestored: () => void;
}): Maintenance {
  const { model } = opts;
  const folder = backupsDir(path.dirname(opts.database));
  let timer: NodeJS.Timeout | null = null;
  let lastRetentionMs = 0;

  const backupNow = async (kind: BackupKind): Promise<BackupInfo> => {
    const b = await createBackup(model.db, folder, model.clock, kind);
    const removed = rotateBackups(folder, model.clock.now());
    log.info("backup", { event: "created", kind, bytes: b.sizeBytes, rotatedOut: removed.length });
    return b;
  };

  const daily = async (): Promise<void> => {
    const now = model.clock.now();
    try {
      if (now.getTime() - lastRetentionMs >= DAY_MS) {
        const r = eraseExpiredGuestDetails(model);
        const scrubbed = eraseExpiredInBackups(model, folder);
        lastRetentionMs = now.getTime();
        log.info("retention", { event: "ran", erased: r.erased, backupsScrubbed: scrubbed.length });
      }
      if (backupDue(listBackups(folder), now)) await backupNow("auto");
    } catch (error) {
      log.error("maintenance", { event: "daily-failed", error });
    }
  };

  return {
    folder,
    list: () => listBackups(folder),
    backupNow,
    restore: async (name, actor) => {
      const info = listBackups(folder).find((b) => b.name === name);
      if (!info || !existsSync(path.join(folder, name))) throw new DomainError("NOT_FOUND", "That backup is no longer in the backups folder.", "name");
      const check = validateBackupFile(path.join(folder, name));
      if (!check.ok) throw new DomainError("CONFLICT", `${check.problem} Nothing was changed.`, "name");
      // Order matters: a write acknowledged after the safety backup would be in neither file.
      await opts.stopWrites();
      try {
        await opts.quiesce();
        const safety = await backupNow("before-restore");
        // From here to the reopen everything is synchronous: no call can run in between.
        model.db.close();
        try {
          swapInBackup(opts.database, path.join(folder, name));
        } finally {
          model.db = openDatabase(opts.database);
        }
        recoverInterruptedJobs(model.db, model.clock);
        // A backup can hold guests' details erased since it was taken: erased again before anyone reads them.
        const erased = eraseExpiredGuestDetails(model);
        model.db.transaction(() =>
          appendAudit(model.db, model.clock, actor, { action: "backup.restore", entity: "database", entityId: null, after: { restoredFrom: name, safetyBackup: safety.name } }),
        ).immediate();
        log.info("backup", { event: "restored", kind: info.kind, erased: erased.erased });
        opts.onRestored();
        return { restored: info, safetyBackup: safety.name };
      } finally {
        opts.resumeWrites();
      }
    },
    diskSpace: () => {
      const dataDir = path.dirname(opts.database);
      const fs = statfsSync(dataDir);
      const size = (suffix: string) => (existsSync(opts.database + suffix) ? statSync(opts.database + suffix).size : 0);
      const freeBytes = Number(fs.bavail) * Number(fs.bsize);
      const neededBytes = DAY_BACKUP_COPIES * (size("") + size("-wal"));
      return { folder: dataDir, freeBytes, neededBytes, low: freeBytes < neededBytes };
    },
    rescue: async (change) => {
      try {
        const b = await createBackup(model.db, folder, model.clock, "rescued");
        log.error("backup", { event: "database-file-lost", change, rescued: b.sizeBytes });
        return b;
      } catch (error) {
        log.error("backup", { event: "database-file-lost", change, rescueFailed: true, error });
        return null;
      }
    },
    verifyAudit: () => {
      const r = verifyAuditChain(model.db);
      return r.ok ? { ok: true, rows: r.rows, firstBadId: null, problem: null } : { ok: false, rows: r.rows, firstBadId: r.firstBadId, problem: r.problem };
    },
    start: async () => {
      await daily();
      timer = setInterval(() => void daily(), HOUR_MS);
      timer.unref();
    },
    stop: () => {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
