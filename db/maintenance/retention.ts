import type { Model, ReadModel } from "../model";
import { appendAudit } from "../audit";
import { connect, type DB } from "../open";
import { guestLabel } from "../people";
import { erasePreferencesOf } from "../preferences/preferences";
import { getSettings } from "../settings";
import { stmt } from "../stmt";
import { addDays, localParts } from "../time";
import { erasingDay } from "./clock-trust";
import { listBackups } from "./backup";
import { eraseScreeningAnswers } from "../screening/screening";
import { eraseRestoreGapAnswers } from "./restore-gaps";
import path from "node:path";

/** Cuts the expired rows' details; returns how many. Call inside a transaction. */
function eraseBefore(db: DB, before: string): number {
  const rows = db
    .prepare("SELECT id, guest_name FROM appointments WHERE local_day < ? AND phone != ''")
    .all(before) as {
    id: number;
    guest_name: string;
  }[];
  const erase = db.prepare("UPDATE appointments SET guest_name = ?, phone = '', phone_key = '' WHERE id = ?");
  // Backups taken before screening (0017), preferences (0018) or the restore's list (0025) have no such tables.
  const hasTable = (name: string) =>
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
  const screened = hasTable("screening_answers");
  const preferences = hasTable("guest_preferences");
  const gaps = hasTable("restore_gaps");
  for (const r of rows) {
    erase.run(guestLabel(r.guest_name) || "Guest", r.id);
    if (screened) eraseScreeningAnswers(db, r.id);
    if (preferences) erasePreferencesOf(db, [r.id]);
    if (gaps) eraseRestoreGapAnswers(db, r.id);
  }
  return rows.length;
}

/**
 * Privacy retention: `retentionDays` after an appointment's (spa-local) day, the guest's phone
 * number, screening answers and preferences (with the alerts their tickets carry) are erased and
 * the full name cut to first name + last initial ("María G."); preferences the guest did not agree
 * to keep go the day after their visit (`eraseUnkeptPreferences`). Everything
 * the reports count (check-ins, offers, prices, therapists, days) is untouched, so every report
 * reads the same before and after. Idempotent: an erased row has an empty phone and is skipped.
 * Each batch is one transaction with one audit row (counts only, never names). The connection has
 * `secure_delete` on (db/open.ts) and the WAL is checkpointed and truncated after an erase, so
 * the erased values are in no byte of the database file or its -wal. The background writer runs
 * these steps a batch per turn on the write gate (electron/background/worker.ts, `eraseDue`).
 */

/** Whether a booking starting at this instant is already past the window: its guest's details are due for erasing. */
export function pastRetention(m: Model, startsAt: string): boolean {
  return localParts(startsAt, getSettings(m.db).timeZone).day < retentionCutoff(m);
}

/**
 * The first spa-local day whose appointments keep their guests' details, counted from the day erasing goes by: the
 * clock's, unless it reads too far ahead to be believed (clock-trust.ts).
 */
export function retentionCutoff(m: ReadModel): string {
  return addDays(erasingDay(m), -getSettings(m.db).retentionDays);
}

/**
 * The appointments whose guests' details are due for erasing: a plain read, outside any write
 * transaction, so the background worker can then erase them a batch at a time (`eraseGuestDetails`)
 * without holding the write lock while it searches a year of appointments.
 */
export function expiredGuestIds(m: Model, before: string): number[] {
  return stmt(m.db, "SELECT id FROM appointments WHERE local_day < ? AND phone != ''").pluck().all(before) as number[];
}

/**
 * Erases the details of these appointments (those still due: checked again), one transaction and
 * one audit row. The caller truncates the WAL once it has erased every batch (the erased values
 * are in the WAL's frames until then).
 */
export function eraseGuestDetails(m: Model, ids: readonly number[], before: string): number {
  const { db, clock } = m;
  const retentionDays = getSettings(db).retentionDays;
  const erased = db
    .transaction(() => {
      const row = stmt(
        db,
        "SELECT guest_name FROM appointments WHERE id = ? AND local_day < ? AND phone != ''",
      ).pluck();
      const erase = stmt(db, "UPDATE appointments SET guest_name = ?, phone = '', phone_key = '' WHERE id = ?");
      let erased = 0;
      for (const id of ids) {
        const name = row.get(id, before) as string | undefined;
        if (name === undefined) continue;
        erase.run(guestLabel(name) || "Guest", id);
        eraseScreeningAnswers(db, id);
        erasePreferencesOf(db, [id]);
        eraseRestoreGapAnswers(db, id);
        erased++;
      }
      if (erased === 0) return 0;
      appendAudit(
        db,
        clock,
        { kind: "system" },
        {
          action: "retention.erase",
          entity: "appointments",
          entityId: null,
          after: { erased, appointmentsBefore: before, retentionDays },
        },
      );
      return erased;
    })
    .immediate();
  return erased;
}

/**
 * The same erasure in every backup in `dir`, with the spa's cutoff of today: a backup keeps the
 * day it was taken, but not the personal details the spa has since erased, so restoring an old
 * backup can't bring them back either. Each file is rewritten in place (secure_delete, then
 * closed, which checkpoints). Returns the backups that held expired details.
 */
export function eraseExpiredInBackups(m: ReadModel, dir: string): string[] {
  const before = retentionCutoff(m);
  const scrubbed: string[] = [];
  for (const b of listBackups(dir)) {
    const db = connect(path.join(dir, b.name), { fileMustExist: true });
    try {
      db.pragma("secure_delete = ON");
      if (db.transaction(() => eraseBefore(db, before)).immediate() > 0) scrubbed.push(b.name);
      db.pragma("wal_checkpoint(TRUNCATE)");
    } finally {
      db.close();
    }
  }
  return scrubbed;
}
