import { z } from "zod";
import { channelKindSchema, idSchema, instantSchema } from "./common";
import { ADDON_TITLE_MAX, SERVICE_NAME_MAX } from "./admin";
import { bookingCodeSchema } from "./kiosk";
import { EXTERNAL_ID_MAX, undoneDecisionSchema } from "./desk";
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
 * How far ahead of the last date it went by (`clock_trust`, db/maintenance/clock-trust.ts) the machine's clock may read
 * before erasing by date waits for a manager: a spa closed longer than this confirms the date once on reopening; a
 * clock wrong by more erases nothing early. At most this many days early is what a clock ahead can cost.
 */
export const CLOCK_AHEAD_MAX_DAYS = 14;

/**
 * Whether the machine's clock is believed against `trustedAt`, the last date erasing went by. "ahead": it reads more
 * than CLOCK_AHEAD_MAX_DAYS after it, so retention, the erasing of unkept preferences and the age of backups go by
 * `trustedAt` until a manager confirms the clock's date (or the clock is put right). "behind": it reads more than a day
 * before it (a flat CMOS battery booting in 2000, a clock set back): time did not go back, so the clock is wrong and
 * today's bookings can't be found by it; erasing by it only comes later, so nothing waits.
 */
export const clockTrustSchema = z.discriminatedUnion("state", [
  z.object({ state: z.literal("ok") }),
  z.object({
    state: z.enum(["ahead", "behind"]),
    clockAt: instantSchema,
    trustedAt: instantSchema,
    /** Whole days between `trustedAt` and `clockAt`, either way. */
    days: z.number().int().positive(),
  }),
]);
export type ClockTrust = z.infer<typeof clockTrustSchema>;

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
  clock: clockTrustSchema,
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

/**
 * A check-in the last restore left out (db/maintenance/restore-gaps.ts): the replaced file had it, the restored data
 * does not. `appointmentId` and `guestName` are the restored booking with the same code; null when the booking itself
 * was made after the backup. `checkedInAgain`: the desk has checked that booking in since.
 */
export const restoreGapSchema = z.object({
  id: idSchema,
  restoredAt: instantSchema,
  appointmentId: idSchema.nullable(),
  bookingCode: bookingCodeSchema,
  /**
   * The booking system's ID of a booking made after the backup (null for one made at the desk): an import of today's
   * bookings brings the booking back under it, and the list's row then names the restored booking.
   */
  externalId: z.string().min(1).max(EXTERNAL_ID_MAX).nullable(),
  startsAt: instantSchema,
  serviceName: z.string().max(SERVICE_NAME_MAX),
  checkedInAt: instantSchema,
  channel: channelKindSchema,
  /** The add-ons chosen for that visit in the replaced file, by their English titles: the ticket is to carry them. */
  addons: z.array(z.string().max(ADDON_TITLE_MAX)),
  guestName: z.string().nullable(),
  checkedInAgain: z.boolean(),
  /**
   * For a guest the restored data has as checked in: the desk's Confirm, Change or Void after the backup that the
   * restore took back, and when it was made (`addons`: the add-ons it left). Null for a left-out check-in.
   */
  decision: undoneDecisionSchema.nullable(),
  /** The desk has confirmed, changed or voided this guest's add-ons again since the restore. */
  decidedAgain: z.boolean(),
});
export type RestoreGap = z.infer<typeof restoreGapSchema>;

/** Manager-only upkeep: backups (list, back up now, restore) and the audit-chain check; the desk's restore list. */
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
    /**
     * `leftOut`: the day's check-ins made after the backup; `undone`: the desk's add-on decisions made after it for
     * guests who had arrived before. The desk now lists both (restoreGaps).
     */
    z.object({
      restored: backupInfoSchema,
      safetyBackup: z.string().nullable(),
      leftOut: z.number().int().nonnegative(),
      undone: z.number().int().nonnegative(),
    }),
  ),
  "maintenance.verifyAudit": channel("manager", none, auditCheckSchema),
  /**
   * The manager says the clock's date is right (a spa closed for weeks): erasing by date goes by it again. `clockAt`:
   * the reading the manager was shown; refused if the clock has moved on by more than a day since (another step).
   */
  "maintenance.confirmClock": channel("manager", z.strictObject({ clockAt: instantSchema }), clockTrustSchema),
  /** Whether the computer's clock is believed (clock-trust.ts), for the desk's warning when it is far off. */
  "maintenance.clock": channel("desk", none, clockTrustSchema),
  /** Free space on the data folder's disk, for the desk's warning before backups start failing. */
  "maintenance.diskSpace": channel("desk", none, diskSpaceSchema),
  /** The day's check-ins a restore left out and the desk's decisions it undid, to redo (empty when none). */
  "maintenance.restoreGaps": channel("desk", none, z.object({ gaps: z.array(restoreGapSchema) })),
  /** The desk dealt with that list: it goes, for every desk. */
  "maintenance.dismissRestoreGaps": channel("desk", none, z.object({ dismissed: z.number().int().nonnegative() })),
} as const;
