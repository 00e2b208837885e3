import { modelOf, type Model } from "../db/model";
import { existsSync } from "node:fs";
import path from "node:path";
import type { BackupInfo } from "../contract/maintenance";
import { appendAudit, verifyAuditChain, type Actor } from "../db/audit";
import { backupDue, backupsDir, createBackup, listBackups, rotateBackups, swapInBackup, validateBackupFile, DAY_MS, type BackupKind } from "../db/maintenance/backup";
import { DomainError } from "../db/errors";
import { openDatabase } from "../db/open";
import { eraseExpiredGuestDetails } from "../db/maintenance/retention";
import { recoverInterruptedJobs } from "../db/printing/jobs";
import { log } from "./log";

export interface Maintenance {
  folder: string;
  list(): BackupInfo[];
  backupNow(kind: BackupKind): Promise<BackupInfo>;
  /** Replaces the open database with a backup; the current one is kept as a backup first. */
  restore(name: string, actor: Actor): Promise<{ restored: BackupInfo; safetyBackup: string | null }>;
  verifyAudit(): { ok: boolean; rows: number; firstBadId: number | null; problem: string | null };
  /** The daily jobs (backup when > 24 h old, retention), now and then every hour's check. */
  start(): Promise<void>;
  stop(): void;
}

const HOUR_MS = 3_600_000;

/**
 * Backups, restore and retention for a running app core. Restore swaps the database under the
 * same Model object that every handler and the print worker read `model.db` from, between two
 * synchronous steps, so no call ever sees a half-restored state.
 */
export function createMaintenance(opts: {
  model: Model;
  database: string;
  /** Resolves when no print job is in flight, so none completes against the restored database. */
  quiesce: () => Promise<void>;
  onRestored: () => void;
}): Maintenance {
  const { model } = opts;
  const folder = backupsDir(path.dirname(opts.database));
  let timer: NodeJS.Timeout | null = null;
  let lastRetentionMs = 0;

  const backupNow = async (kind: BackupKind): Promise<BackupInfo> => {
    const b = await createBackup(model, folder, kind);
    const removed = rotateBackups(folder, model.clock.now());
    log.info("backup", { event: "created", kind, bytes: b.sizeBytes, rotatedOut: removed.length });
    return b;
  };

  const daily = async (): Promise<void> => {
    const now = model.clock.now();
    try {
      if (now.getTime() - lastRetentionMs >= DAY_MS) {
        const r = eraseExpiredGuestDetails(model);
        lastRetentionMs = now.getTime();
        log.info("retention", { event: "ran", erased: r.erased });
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
      const safety = await backupNow("before-restore");
      await opts.quiesce();
      // From here to the reopen everything is synchronous: no call can run in between.
      model.db.close();
      try {
        swapInBackup(opts.database, path.join(folder, name));
      } finally {
        model.db = modelOf(openDatabase(opts.database), model.clock).db;
      }
      recoverInterruptedJobs(model);
      model.db.transaction(() =>
        appendAudit(model.db, model.clock, actor, { action: "backup.restore", entity: "database", entityId: null, after: { restoredFrom: name, safetyBackup: safety.name } }),
      ).immediate();
      log.info("backup", { event: "restored", kind: info.kind });
      opts.onRestored();
      return { restored: info, safetyBackup: safety.name };
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
