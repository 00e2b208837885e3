import type { Model, ReadModel, StaffActor } from "../model";
import { stmt } from "../stmt";
import type { ImportMissing } from "../../contract/desk";
import { appendAudit } from "../audit";
import { getSettings } from "../settings";
import { clockTimeLocal, formatLocal, localParts } from "../time";
import type { Issues } from "./issues";
import type { CheckedRow } from "./row-checks";

/** Why the import cancelled a booking no longer in the booking system's export, as its history shows. */
export const MISSING_REASON = "Not in the booking system's export any more: cancelled by the import, as chosen.";

const CANDIDATES = `SELECT a.id, a.external_id, a.guest_name, a.starts_at, a.ends_at, a.therapist_id,
    s.name AS service, t.name AS therapist, r.name AS room,
    EXISTS (SELECT 1 FROM check_ins c WHERE c.appointment_id = a.id) AS came
  FROM appointments a JOIN services s ON s.id = a.service_id JOIN therapists t ON t.id = a.therapist_id
    JOIN rooms r ON r.id = a.room_id
  WHERE a.local_day IN (SELECT value FROM json_each(?)) AND a.source = 'import' AND a.external_id IS NOT NULL
    AND a.status = 'booked' AND a.starts_at > ?
  ORDER BY a.starts_at, a.guest_name, a.id`;

/**
 * The bookings imported before that this file no longer holds: what a booking system's later export leaves out when
 * a booking was deleted there, or moved to a new ID. Only where the file speaks for them:
 *   - imported (source 'import', with an external ID): the desk's walk-ins were never in any export;
 *   - still booked: a cancellation or a no-show is settled already;
 *   - not begun yet: a booking whose time has come is the desk's to settle (checked in, or a no-show), and exports of
 *     "upcoming appointments" leave out those under way;
 *   - on a day the file has bookings on, with a therapist the file names: a file filtered to one therapist, or to a
 *     few days, says nothing of the others' bookings, so none of theirs is listed.
 * `inFile`: every external ID in the file, its bad rows' too (a row with a problem is still in the file).
 * A guest who checked in already (early) is listed with `checkedIn` and never cancelled by an import.
 */
export function missingBookings(m: ReadModel, rows: CheckedRow[], inFile: ReadonlySet<string>): ImportMissing[] {
  if (rows.length === 0) return [];
  const tz = getSettings(m.db).timeZone;
  const days = [...new Set(rows.map((r) => localParts(r.startsAt, tz).day))];
  const therapists = new Set(rows.map((r) => r.therapistId));
  const stored = stmt(m.db, CANDIDATES).all(JSON.stringify(days), m.clock.now().toISOString()) as {
    id: number;
    external_id: string;
    guest_name: string;
    starts_at: string;
    ends_at: string;
    therapist_id: number;
    service: string;
    therapist: string;
    room: string;
    came: number;
  }[];
  return stored
    .filter((s) => !inFile.has(s.external_id) && therapists.has(s.therapist_id))
    .map((s) => ({
      appointmentId: s.id,
      externalId: s.external_id,
      guestName: s.guest_name,
      startsAt: s.starts_at,
      endsAt: s.ends_at,
      serviceName: s.service,
      therapistName: s.therapist,
      roomName: s.room,
      checkedIn: s.came === 1,
    }));
}

/** A guest who checked in and is not in the file is never cancelled by the import: named, so the desk looks. */
export function warnCheckedInMissing(m: ReadModel, missing: ImportMissing[], warnings: Issues): void {
  const tz = getSettings(m.db).timeZone;
  for (const b of missing.filter((x) => x.checkedIn)) {
    const when = `${formatLocal(b.startsAt, tz, { weekday: "short", month: "short", day: "numeric" })} ${clockTimeLocal(b.startsAt, tz)}`;
    warnings.add(
      0,
      null,
      `${b.guestName} (${when} with ${b.therapistName}, ID ${b.externalId}) already checked in, and the booking is not in this file: the import keeps it. Check it in the booking system, and tell the therapist if it was cancelled.`,
    );
  }
}

/**
 * Cancels a booking not in the file that the receptionist chose to cancel, if it still may be: booked, imported, and
 * its guest not checked in (another window may have checked them in since the preview). Audited as the import's
 * cancellations are. Inside a slice's transaction; whether it cancelled.
 */
export function cancelMissing(m: Model, actor: StaffActor, appointmentId: number): boolean {
  const { db, clock } = m;
  const done = stmt(
    db,
    `UPDATE appointments SET status = 'cancelled' WHERE id = ? AND status = 'booked' AND source = 'import'
       AND NOT EXISTS (SELECT 1 FROM check_ins WHERE appointment_id = ?)`,
  ).run(appointmentId, appointmentId).changes;
  if (done === 0) return false;
  appendAudit(db, clock, actor, {
    action: "appointment.import_cancel",
    entity: "appointment",
    entityId: appointmentId,
    before: { status: "booked" },
    after: { status: "cancelled" },
    reason: MISSING_REASON,
  });
  return true;
}
