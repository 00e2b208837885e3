import { modelOf, type ReadModel } from "../model";
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from "node:fs";
import path from "node:path";
import { BACKUP_NAME, type BackupInfo } from "../../contract/maintenance";
import { freeBytes } from "../disk-space";
import { storageFault } from "../errors";
import { LATEST_VERSION } from "../migrations";
import { connect, migrate, type DB } from "../open";
import { startRestoreEpoch } from "../sync/epochs";
import type { Pairing } from "../../contract/head-office";
import { credentials } from "../sync/outbox";
import { DAY_MS, type Clock } from "../time";
import { flushWhileWritten } from "./flusher";
import { keepTrustedAt, trustedAtIn } from "./clock-trust";

/**
 * Online backups with SQLite's backup API (better-sqlite3's `db.backup()`): a consistent copy
 * taken while the kiosk keeps working, into `<dataDir>/backups/`. Names sort by time:
 * `happyhead-2026-11-25T18-07-00-000Z-auto.sqlite3`.
 */
export type { BackupInfo };
export type BackupKind = BackupInfo["kind"];

export const KEEP_DAILY = 7;
export const KEEP_WEEKLY = 4;

export const backupsDir = (dataDir: string): string => path.join(dataDir, "backups");

function parseName(name: string): { createdAt: string; kind: BackupKind } | null {
  const m = BACKUP_NAME.exec(name);
  if (!m?.[1] || !m[2]) return null;
  const [d, t] = m[1].split("T") as [string, string];
  const [hh, mm, ss, ms] = t.slice(0, -1).split("-");
  return { createdAt: `${d}T${hh}:${mm}:${ss}.${ms}Z`, kind: m[2] as BackupKind };
}

/** Every backup in the folder, newest first (files that aren't ours are ignored). */
export function listBackups(dir: string): BackupInfo[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .flatMap((name) => {
      const p = parseName(name);
      return p ? [{ name, ...p, sizeBytes: statSync(path.join(dir, name)).size }] : [];
    })
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

function fsyncPath(p: string): void {
  const fd = openSync(p, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Pages per backup step: better-sqlite3's own, and as many as a step can take (the whole file). */
const PACED = 100;
const WHOLE_FILE = 0x7fffffff;

/**
 * The pages of a backup's next step: PACED, yielding between steps, until a step made no headway —
 * SQLite starts a backup over whenever another connection committed since its last step, so a year's copy (1.4 GB)
 * in steps never finished while the kiosk wrote every 50 ms — then the rest in one step, a copy of the snapshot it
 * began on (WAL: writers go on meanwhile). The worker takes the app's backups, so that step blocks no window.
 */
function stepsUntilStartedOver(): (progress: { remainingPages: number }) => number {
  let left = Number.POSITIVE_INFINITY;
  let whole = false;
  return ({ remainingPages }) => {
    whole ||= remainingPages >= left;
    left = remainingPages;
    return whole ? WHOLE_FILE : PACED;
  };
}

/** A database file and the files SQLite keeps beside it in WAL mode. */
const SIDECARS = ["", "-wal", "-shm"] as const;

/**
 * Makes a backup one file that is read without writing beside it: the copy keeps the database's WAL mode, in which
 * every reader, even a read-only one, creates a shared-memory and a WAL file next to it (left behind in the backups
 * folder by each check, and impossible on a full disk). In rollback-journal mode a reader needs neither; the restored
 * file goes back to WAL when the app opens it (db/open.ts).
 */
function standalone(file: string): void {
  const copy = connect(file, { fileMustExist: true });
  try {
    copy.pragma("journal_mode = DELETE");
  } finally {
    copy.close();
  }
}

/**
 * Takes a backup of the open database. It is written under a temporary name, flushed, and only
 * then renamed into place, so a crash mid-backup never leaves a half file that looks like one.
 */
export async function createBackup(m: ReadModel, dir: string, kind: BackupKind): Promise<BackupInfo> {
  const { db, clock } = m;
  mkdirSync(dir, { recursive: true });
  const createdAt = clock.now().toISOString();
  const name = `happyhead-${createdAt.replace(/[:.]/g, "-")}-${kind}.sqlite3`;
  const tmp = path.join(dir, `.${name}.partial`);
  rmSync(tmp, { force: true });
  const flusher = flushWhileWritten(tmp);
  try {
    try {
      await db.backup(tmp, { progress: stepsUntilStartedOver() });
    } finally {
      await flusher.stop();
    }
    standalone(tmp);
    fsyncPath(tmp);
  } catch (error) {
    // a half copy on a full disk would only take the space back
    for (const suffix of SIDECARS) rmSync(tmp + suffix, { force: true });
    throw error;
  }
  renameSync(tmp, path.join(dir, name));
  fsyncPath(dir);
  return { name, createdAt, kind, sizeBytes: statSync(path.join(dir, name)).size };
}

/** The week a backup belongs to, named by its Monday (UTC). */
const weekOf = (iso: string): string => {
  const d = new Date(iso.slice(0, 10) + "T00:00:00Z");
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
};

/** How long rotation keeps backups a person asked for (manual) or a restore/upgrade made. */
export const KEEP_OTHER_DAYS = 30;

/**
 * Which backups rotation keeps: of the automatic ones, the newest of each of the 7 most recent
 * days that have one and the newest of each of the 4 most recent weeks; every manual,
 * before-restore and before-upgrade backup for 30 days. Pure, so the schedule is tested without files.
 */
export function backupsToKeep(backups: readonly BackupInfo[], now: Date): Set<string> {
  const newestFirst = [...backups].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const keep = new Set<string>();
  const days = new Set<string>();
  const weeks = new Set<string>();
  for (const b of newestFirst) {
    if (b.kind !== "auto") {
      if (now.getTime() - new Date(b.createdAt).getTime() <= KEEP_OTHER_DAYS * DAY_MS) keep.add(b.name);
      continue;
    }
    const day = b.createdAt.slice(0, 10);
    if (!days.has(day) && days.size < KEEP_DAILY) {
      days.add(day);
      keep.add(b.name);
    }
    const week = weekOf(b.createdAt);
    if (!weeks.has(week) && weeks.size < KEEP_WEEKLY) {
      weeks.add(week);
      keep.add(b.name);
    }
  }
  return keep;
}

/**
 * Deletes the backups rotation doesn't keep, with the files SQLite left beside them, and such files left beside no
 * backup (readers of backups made in WAL mode by earlier versions left one pair per backup read); returns the backups'
 * names.
 */
export function rotateBackups(dir: string, now: Date): string[] {
  const all = listBackups(dir);
  const keep = backupsToKeep(all, now);
  const removed = all.filter((b) => !keep.has(b.name)).map((b) => b.name);
  for (const name of removed) for (const suffix of SIDECARS) rmSync(path.join(dir, name + suffix), { force: true });
  for (const name of existsSync(dir) ? readdirSync(dir) : []) {
    const main = /^(.+)-(wal|shm)$/.exec(name)?.[1];
    if (main && BACKUP_NAME.test(main) && !existsSync(path.join(dir, main)))
      rmSync(path.join(dir, name), { force: true });
  }
  return removed;
}

/** True when the newest backup is more than a day old (or there is none). */
export const backupDue = (backups: readonly BackupInfo[], now: Date): boolean => {
  const last = backups[0];
  return !last || now.getTime() - new Date(last.createdAt).getTime() > DAY_MS;
};

export type BackupCheck = { ok: true; version: number } | { ok: false; problem: string };

/**
 * Whether a file can be restored: a SQLite database that passes `PRAGMA integrity_check`,
 * written by this app (its tables are there) at a schema version this app knows.
 */
export function validateBackupFile(file: string): BackupCheck {
  if (!existsSync(file)) return { ok: false, problem: "The backup file is missing." };
  let db: DB | null = null;
  try {
    db = connect(file, { readonly: true });
    const version = db.pragma("user_version", { simple: true }) as number;
    const integrity = (db.pragma("integrity_check") as { integrity_check: string }[]).map((r) => r.integrity_check);
    if (integrity.join() !== "ok")
      return { ok: false, problem: "The backup file is damaged (it fails SQLite's integrity check)." };
    const tables = new Set(
      (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]).map(
        (r) => r.name,
      ),
    );
    if (version < 1 || !["appointments", "check_ins", "offers", "audit_log", "settings"].every((t) => tables.has(t))) {
      return { ok: false, problem: "This file is not a Happy Head database." };
    }
    if (version > LATEST_VERSION) {
      return {
        ok: false,
        problem: `This backup was made by a newer version of Happy Head (schema ${version}; this app knows up to ${LATEST_VERSION}).`,
      };
    }
    return { ok: true, version };
  } catch (error) {
    // A disk with no room left can't open a backup made by an earlier version (it needs a shared-memory file beside
    // it): that says nothing of the backup, and the caller says the disk is full.
    if (storageFault(error, freeBytes(path.dirname(file))) === "full") throw error;
    return { ok: false, problem: "The backup file is not a readable database." };
  } finally {
    db?.close();
  }
}

/**
 * Keeps the database file as a backup before it is replaced or upgraded: through the backup API
 * when it still opens, else its raw bytes (a damaged file, for whoever investigates; `rawCopy`
 * says which, for the log). The file must not be open elsewhere in this process.
 */
export async function keepCurrentAsBackup(
  databaseFile: string,
  clock: Clock,
  kind: BackupKind,
): Promise<{ name: string; rawCopy: boolean } | null> {
  if (!existsSync(databaseFile)) return null;
  const dir = backupsDir(path.dirname(databaseFile));
  try {
    const current = connect(databaseFile, { fileMustExist: true });
    try {
      if ((current.pragma("quick_check") as { quick_check: string }[])[0]?.quick_check !== "ok")
        throw new Error("damaged");
      return { name: (await createBackup(modelOf(current, clock), dir, kind)).name, rawCopy: false };
    } finally {
      current.close();
    }
  } catch {
    mkdirSync(dir, { recursive: true });
    const name = `happyhead-${clock.now().toISOString().replace(/[:.]/g, "-")}-${kind}.sqlite3`;
    copyFileSync(databaseFile, path.join(dir, name));
    return { name, rawCopy: true };
  }
}

/**
 * Swaps a backup in as the database file (closed): copied beside it, brought to this app's schema
 * and given a new head-office sync epoch (db/sync/epochs.ts: the timeline it cuts off may have sent
 * seqs and visits this file will number again) with the replaced database's head-office pairing
 * when it had one (a backup from before the pairing, or before a new token, syncs without pairing
 * again), flushed, stale WAL and shared-memory files
 * removed, then renamed over it in one step: no restored file takes the database's place without
 * its epoch.
 */
export function swapInBackup(databaseFile: string, backupFile: string): void {
  const tmp = `${databaseFile}.restoring`;
  const { pairing, trustedAt } = carriedOver(databaseFile);
  for (const suffix of ["", "-wal", "-shm"]) rmSync(tmp + suffix, { force: true });
  copyFileSync(backupFile, tmp);
  const restored = connect(tmp, { fileMustExist: true });
  try {
    migrate(restored);
    restored
      .transaction(() => {
        startRestoreEpoch(restored, pairing);
        keepTrustedAt(restored, trustedAt);
      })
      .immediate();
  } finally {
    restored.close();
  }
  fsyncPath(tmp);
  for (const suffix of ["-wal", "-shm"]) rmSync(databaseFile + suffix, { force: true });
  renameSync(tmp, databaseFile);
  fsyncPath(path.dirname(databaseFile));
}

/**
 * What a restore keeps of the closed database file it replaces, when it opens (a damaged or missing file: nothing): its
 * head-office pairing and the latest clock reading erasing went by (clock-trust.ts).
 */
function carriedOver(databaseFile: string): { pairing: Pairing | null; trustedAt: string | null } {
  const none = { pairing: null, trustedAt: null };
  if (!existsSync(databaseFile)) return none;
  try {
    const db = connect(databaseFile, { readonly: true });
    try {
      return { pairing: credentials(db), trustedAt: trustedAtIn(db) };
    } finally {
      db.close();
    }
  } catch {
    return none;
  }
}

/** Restores a backup into a closed database file: validate, keep the current file, swap. */
export async function restoreBackupFile(
  databaseFile: string,
  backupFile: string,
  clock: Clock,
): Promise<{ safetyBackup: string | null }> {
  const check = validateBackupFile(backupFile);
  if (!check.ok) throw new Error(check.problem);
  const kept = await keepCurrentAsBackup(databaseFile, clock, "before-restore");
  swapInBackup(databaseFile, backupFile);
  return { safetyBackup: kept?.name ?? null };
}
