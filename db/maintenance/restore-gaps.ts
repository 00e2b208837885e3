import type { CheckInChannel } from "../../contract/common";
import type { RestoreGap } from "../../contract/maintenance";
import { undoneDecisionSchema } from "../../contract/desk";
import { appendAudit, type Actor } from "../audit";
import type { Model, ReadModel } from "../model";
import type { DB } from "../open";
import { getSettings, spaToday } from "../settings";
import { stmt } from "../stmt";
import { localParts } from "../time";
import { checkInsOf } from "./replaced-file";

/**
 * What a restore left out, for the desk: the check-ins of the spa's day that the file it replaced holds and the
 * restored data lacks. The guests are in their rooms; the restored queue says they have not arrived, and their
 * therapists' tickets were never printed from it. Kept in `restore_gaps` (migrations 0025 and 0026) without any
 * guest's name or phone: the booking by its code, the guest from the restored booking with that code. The desk's
 * Check in puts each arrival back as it was (./check-in-again.ts): its time and channel, the guest's language, their
 * add-on choice and their answers to its health questions.
 */

/**
 * SQL: true once the desk has decided on gap `g`'s add-ons again (appointment `appointment`, an SQL expression): the
 * offer's decision time is no longer what the restored data had when the list was made. Not a comparison with the
 * restore's time, which a clock stepped back since would defeat. Used by the list and by the desk's queue row.
 */
export const decidedAgainSql = (appointment: string): string =>
  `EXISTS (SELECT 1 FROM offers dg WHERE dg.appointment_id = ${appointment} AND dg.confirmed_at IS NOT NULL
     AND dg.confirmed_at IS NOT g.restored_decided_at)`;

/**
 * SQL: gap `g`'s add-ons (a JSON array of codes) as a JSON array of their titles in English (the desk's language), in
 * the same order; an add-on this data no longer has keeps its code.
 */
const addonTitlesSql = (g: string): string =>
  `json((SELECT json_group_array(coalesce(t.title, j.value) ORDER BY j.key) FROM json_each(${g}.addons) j
     LEFT JOIN addons ad ON ad.code = j.value LEFT JOIN addon_texts t ON t.addon_id = ad.id AND t.lang = 'en'))`;

/**
 * SQL: gap `g`'s undone decision as JSON for `undoneDecisionSchema`, null for a left-out check-in. The list and the
 * desk's queue row read it so.
 */
export const undoneDecisionSql = (g: string): string =>
  `CASE WHEN ${g}.decided_at IS NOT NULL THEN json_object('status', ${g}.offer_status, 'at', ${g}.decided_at,
     'addons', ${addonTitlesSql(g)}, 'reason', ${g}.void_reason,
     'addonIds', json((SELECT json_group_array(ad.id ORDER BY j.key) FROM json_each(${g}.addons) j
       JOIN addons ad ON ad.code = j.value))) END`;

/**
 * After a restore, on the restored (and migrated) data: records each check-in of the spa's day in `replacedFile`
 * whose booking the restored data has not checked in, or does not have at all (made after the backup); and, for a
 * guest it has checked in, the desk's last Confirm, Change or Void there that the restored data lacks (made after the
 * backup: the restored queue shows the choice as it stood before it). A booking already on an open list is not
 * recorded twice (a second restore the same day). Returns how many left-out check-ins it recorded, how many of the
 * desk's decisions the restore undid, and whether the replaced file was read to the end.
 */
export function recordRestoreGaps(
  m: Model,
  replacedFile: string,
): { recorded: number; undone: number; complete: boolean } {
  const { db, clock } = m;
  const { rows, complete } = checkInsOf(replacedFile, spaToday(m));
  const restored = stmt(
    db,
    `SELECT a.id, EXISTS (SELECT 1 FROM check_ins c WHERE c.appointment_id = a.id) AS checked_in,
            (SELECT o.confirmed_at FROM offers o WHERE o.appointment_id = a.id) AS decided_at
     FROM appointments a WHERE a.booking_code = ?`,
  );
  const listed = stmt(db, "SELECT 1 FROM restore_gaps WHERE booking_code = ? AND dismissed_at IS NULL");
  const insert = stmt(
    db,
    `INSERT INTO restore_gaps (restored_at, appointment_id, booking_code, external_id, starts_at, service_name,
                               checked_in_at, channel, addons, lang, offer_status, screening, decided_at,
                               restored_decided_at, void_reason)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const counts = db
    .transaction(() => {
      const now = clock.now().toISOString();
      let recorded = 0;
      let undone = 0;
      for (const row of rows) {
        const here = restored.get(row.booking_code) as
          { id: number; checked_in: 0 | 1; decided_at: string | null } | undefined;
        const arrived = here?.checked_in === 1;
        // A guest who arrived before the backup is missing only a decision of the desk's made after it, if any.
        const taken = arrived && row.decided && row.decided.at !== here.decided_at ? row.decided : null;
        if ((arrived && !taken) || listed.get(row.booking_code)) continue;
        insert.run(
          now,
          here?.id ?? null,
          row.booking_code,
          here ? null : row.external_id,
          row.starts_at,
          row.service_name,
          row.checked_in_at,
          row.channel,
          JSON.stringify(row.addons),
          row.lang,
          taken?.status ?? row.offer_status,
          // The answers only go with a restored booking: retention erases them with the booking's details, and the
          // list of a booking made since has none to erase them with (an import bringing it back, the desk asks again).
          JSON.stringify(here && !arrived ? row.screening : []),
          taken?.at ?? null,
          taken ? (here?.decided_at ?? null) : null,
          taken?.status === "voided" ? taken.reason : null,
        );
        if (taken) undone++;
        else recorded++;
      }
      return { recorded, undone };
    })
    .immediate();
  return { ...counts, complete };
}

/**
 * The desk's list: the gaps of restores made on the spa's day, not yet dismissed, each with the restored booking's
 * guest and whether that booking has been checked in again since (the desk does it from the queue).
 */
export function openRestoreGaps(m: ReadModel): RestoreGap[] {
  const tz = getSettings(m.db).timeZone;
  const today = spaToday(m);
  const rows = stmt(
    m.db,
    `SELECT g.id, g.restored_at, g.appointment_id, g.booking_code, g.external_id, g.starts_at, g.service_name, g.checked_in_at,
            g.channel, ${addonTitlesSql("g")} AS addons, a.guest_name, ${undoneDecisionSql("g")} AS decision,
            EXISTS (SELECT 1 FROM check_ins c WHERE c.appointment_id = g.appointment_id) AS checked_in_again,
            ${decidedAgainSql("g.appointment_id")} AS decided_again
     FROM restore_gaps g LEFT JOIN appointments a ON a.id = g.appointment_id
     WHERE g.dismissed_at IS NULL ORDER BY g.checked_in_at, g.id`,
  ).all() as {
    id: number;
    restored_at: string;
    appointment_id: number | null;
    booking_code: string;
    external_id: string | null;
    starts_at: string;
    service_name: string;
    checked_in_at: string;
    channel: CheckInChannel;
    addons: string;
    guest_name: string | null;
    decision: string | null;
    checked_in_again: 0 | 1;
    decided_again: 0 | 1;
  }[];
  return rows
    .filter((r) => localParts(r.restored_at, tz).day === today)
    .map((r) => ({
      id: r.id,
      restoredAt: r.restored_at,
      appointmentId: r.appointment_id,
      bookingCode: r.booking_code,
      externalId: r.external_id,
      startsAt: r.starts_at,
      serviceName: r.service_name,
      checkedInAt: r.checked_in_at,
      channel: r.channel,
      addons: JSON.parse(r.addons) as string[],
      guestName: r.guest_name,
      checkedInAgain: r.checked_in_again === 1,
      decision: r.decision === null ? null : undoneDecisionSchema.parse(JSON.parse(r.decision)),
      decidedAgain: r.decided_again === 1,
    }));
}

/** Staff dealt with the list: every open gap is dismissed, audited. Returns how many. */
export function dismissRestoreGaps(m: Model, actor: Extract<Actor, { kind: "staff" }>): number {
  const { db, clock } = m;
  return db
    .transaction(() => {
      const now = clock.now().toISOString();
      // The answers to health questions go with the list: the desk has dealt with them.
      const n = stmt(
        db,
        "UPDATE restore_gaps SET dismissed_at = ?, dismissed_by = ?, screening = '[]', void_reason = NULL WHERE dismissed_at IS NULL",
      ).run(now, actor.staffId).changes;
      if (n > 0)
        appendAudit(db, clock, actor, {
          action: "restore_gaps.dismiss",
          entity: "database",
          entityId: null,
          after: { n },
        });
      return n;
    })
    .immediate();
}

/**
 * An import stored booking `externalId` again as `appointmentId`: a row of the restore's list for a booking made after
 * the backup, which the restored data lacked, now names it, so the desk checks the guest in from the queue (their
 * arrival put back as they had made it, ./check-in-again.ts) and the slip the desk's decision repeats prints as a copy.
 */
export function rebookedAfterRestore(db: DB, appointmentId: number, externalId: string): void {
  stmt(
    db,
    "UPDATE restore_gaps SET appointment_id = ? WHERE appointment_id IS NULL AND external_id = ? AND dismissed_at IS NULL",
  ).run(appointmentId, externalId);
}

/** Retention: the list's answers to an appointment's health questions, and a void's reason, go with the booking. */
export function eraseRestoreGapAnswers(db: DB, appointmentId: number): void {
  stmt(db, "UPDATE restore_gaps SET screening = '[]', void_reason = NULL WHERE appointment_id = ?").run(appointmentId);
}
