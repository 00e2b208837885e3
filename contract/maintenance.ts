import { z } from "zod";
import { instantSchema } from "./common";
import { channel, none } from "./channel";

/** Backup file names: `happyhead-<UTC instant with - for : and .>-<kind>.sqlite3`, sortable by time. */
export const BACKUP_NAME =
  /^happyhead-(\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z)-(auto|manual|before-restore|before-upgrade|rescued)\.sqlite3$/;
/** "rescued": copied from the open connection after the data file was deleted or replaced under it. */
export const backupKindSchema = z.enum(["auto", "manual", "before-restore", "before-upgrade", "rescued"]);

export const backupInfoSchema = z.object({
  name: z.string().regex(BACKUP_NAME),
  createdAt: instantSchema,
  kind: backupKindSchema,
  sizeBytes: z.number().int().nonnegative(),
});
export type BackupInfo = z.infer<typeof backupInfoSchema>;

export const auditCheckSchema = z.object({
  ok: z.boolean(),
  rows: z.number().int().nonnegative(),
  firstBadId: z.number().int().nullable(),
  problem: z.string().nullable(),
});
export type AuditCheck = z.infer<typeof auditCheckSchema>;

/**
 * The upkeep that runs in the background after the kiosk is up: the full integrity check of the
 * database file and privacy retention; the backups are listed beside it. `pending` until the first
 * check has finished; meanwhile, after a crash, the message says what the quick check is doing or found.
 */
export const maintenanceStatusSchema = z.object({
  integrity: z.object({
    state: z.enum(["pending", "ok", "problem", "failed"]),
    checkedAt: instantSchema.nullable(),
    message: z.string(),
  }),
  retention: z.object({ ranAt: instantSchema.nullable(), erased: z.number().int().nonnegative() }),
});
export type MaintenanceStatus = z.infer<typeof maintenanceStatusSchema>;
export const diskSpaceSchema = z.object({
  folder: z.string(),
  freeBytes: z.number().nonnegative(),
  /** What a day's backups need: the daily one plus a manual or safety one, each the database's size. */
  neededBytes: z.number().nonnegative(),
  low: z.boolean(),
});
export type DiskSpace = z.infer<typeof diskSpaceSchema>;

/** Manager-only upkeep: backups (list, back up now, restore) and the audit-chain check. */
export const maintenanceChannels = {
  "maintenance.backups": channel(
    "manager",
    none,
    z.object({ folder: z.string(), backups: z.array(backupInfoSchema), status: maintenanceStatusSchema }),
  ),
  "maintenance.backupNow": channel("manager", none, backupInfoSchema),
  "maintenance.restore": channel(
    "manager",
    z.strictObject({ name: z.string().max(120).regex(BACKUP_NAME, "Pick one of the backups in the list.") }),
    z.object({ restored: backupInfoSchema, safetyBackup: z.string().nullable() }),
  ),
  "maintenance.verifyAudit": channel("manager", none, auditCheckSchema),
  /** Free space on the data folder's disk, for the desk's warning before backups start failing. */
  "maintenance.diskSpace": channel("desk", none, diskSpaceSchema),
} as const;
