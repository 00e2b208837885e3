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
 * One transaction, with one audit row (counts only, never names); with `limit`, at most that many
 * appointments per call (the background worker calls it until it erases fewer, so no single
 * transaction holds the write lock for long).
 */
export function eraseExpiredGuestDetails(m: Model, limit = -1): { erased: number; before: string } {
  const { db, clock } = m;
  const settings = getSettings(db);
  const before = addDays(localParts(clock.now(), settings.timeZone).day, -settings.retentionDays);
  return db.transaction(() => {
    const rows = stmt(db, "SELECT id, guest_name FROM appointments WHERE local_day < ? AND phone != '' LIMIT ?").all(before, limit) as { id: number; guest_name: string }[];
    if (rows.length === 0) return { erased: 0, before };
    const erase = stmt(db, "UPDATE appointments SET guest_name = ?, phone = '', phone_key = '' WHERE id = ?");
    for (const r of rows) erase.run(guestLabel(r.guest_name) || "Guest", r.id);
    appendAudit(db, clock, { kind: "system" }, {
      action: "retention.erase",
      entity: "appointments",
      entityId: null,
      after: { erased: rows.length, appointmentsBefore: before, retentionDays: settings.retentionDays },
    });
    return { erased: rows.length, before };
  }).immediate();
}
