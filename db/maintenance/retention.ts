import type { Model } from "../model";
import { appendAudit } from "../audit";
import { guestLabel } from "../people";
import { getSettings } from "../settings";
import { stmt } from "../stmt";
import { addDays, localParts } from "../time";

/**
 * Privacy retention: `retentionDays` after an appointment's (spa-local) day, the guest's phone
 * number is erased and the full name cut to first name + last initial ("María G."). Everything
 * the reports count (check-ins, offers, prices, therapists, days) is untouched, so every report
 * reads the same before and after. Idempotent: an erased row has an empty phone and is skipped.
 * One transaction, with one audit row (counts only, never names).
 */
export function eraseExpiredGuestDetails(m: Model): { erased: number; before: string } {
  const before = retentionCutoff(m);
  return { erased: eraseGuestDetails(m, expiredGuestIds(m, before), before), before };
}

/** The first spa-local day whose appointments keep their guests' details. */
export function retentionCutoff(m: Model): string {
  const settings = getSettings(m.db);
  return addDays(localParts(m.clock.now(), settings.timeZone).day, -settings.retentionDays);
}

/**
 * The appointments whose guests' details are due for erasing: a plain read, outside any write
 * transaction, so the background worker can then erase them a batch at a time (`eraseGuestDetails`)
 * without holding the write lock while it searches a year of appointments.
 */
export function expiredGuestIds(m: Model, before: string): number[] {
  return stmt(m.db, "SELECT id FROM appointments WHERE local_day < ? AND phone != ''").pluck().all(before) as number[];
}

/** Erases the details of these appointments (those still due: checked again), one transaction and one audit row. */
export function eraseGuestDetails(m: Model, ids: readonly number[], before: string): number {
  const { db, clock } = m;
  const retentionDays = getSettings(db).retentionDays;
  return db.transaction(() => {
    const row = stmt(db, "SELECT guest_name FROM appointments WHERE id = ? AND local_day < ? AND phone != ''").pluck();
    const erase = stmt(db, "UPDATE appointments SET guest_name = ?, phone = '', phone_key = '' WHERE id = ?");
    let erased = 0;
    for (const id of ids) {
      const name = row.get(id, before) as string | undefined;
      if (name === undefined) continue;
      erase.run(guestLabel(name) || "Guest", id);
      erased++;
    }
    if (erased === 0) return 0;
    appendAudit(db, clock, { kind: "system" }, {
      action: "retention.erase",
      entity: "appointments",
      entityId: null,
      after: { erased, appointmentsBefore: before, retentionDays },
    });
    return erased;
  }).immediate();
}
