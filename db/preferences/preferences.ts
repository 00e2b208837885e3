import { allergyList, type Preferences } from "../../contract/preferences";
import { appendAudit, type Actor } from "../audit";
import { DomainError } from "../errors";
import { bookableToday } from "../kiosk/visit";
import { buildTicketContent, createTicketWithJob, hasTicket, latestTicket } from "../printing/tickets";
import { fromRow, SELECT, type PreferencesRow } from "./stored";
import type { Model, ReadModel } from "../model";
import type { DB } from "../open";
import { phoneEnd, samePhone } from "../../contract/phone";
import { sameGuest } from "../people";
import { isPreferenceChange } from "../../contract/ticket";
import { erasingDay } from "../maintenance/clock-trust";
import { stmt } from "../stmt";

/**
 * A guest's preferences (contract/preferences.ts), one row per visit in `guest_preferences` (migration 0018). A
 * guest's earlier visits (`earlierVisitsOfGuest`) carry what they agreed to keep to their next visit; the newest
 * visit's preferences replace that guest's older ones, so at most one earlier visit's are ever kept; a guest who did
 * not agree to keep them is never shown them again, and retention erases them the day after the visit.
 */

/**
 * The guest's visits on earlier days, newest first: the same phone, however each booking wrote it (`samePhone`:
 * "+33 6 12 34 56 78" is "06 12 34 56 78"), and the same person's name (`sameGuest`: "FISCHER, LENA" is "Lena
 * Fischer", "Maria" is "María"). Family members sharing a phone are different names, so none ever sees, takes or
 * erases another's preferences, allergies above all; and today's other bookings are never a "last visit", even under
 * the same name (a parent booking a child under their own): each of today's guests gives their own.
 */
function earlierVisitsOfGuest(db: DB, appointmentId: number): number[] {
  const me = stmt(db, "SELECT phone, guest_name, local_day FROM appointments WHERE id = ?").get(appointmentId) as
    { phone: string; guest_name: string; local_day: string } | undefined;
  if (!me || me.phone === "") return [];
  const rows = stmt(
    db,
    `SELECT id, guest_name, phone FROM appointments WHERE substr(phone_key, -8) = ? AND local_day < ?
     ORDER BY local_day DESC, starts_at DESC, id DESC`,
  ).all(phoneEnd(me.phone), me.local_day) as { id: number; guest_name: string; phone: string }[];
  return rows.filter((r) => samePhone(me.phone, r.phone) && sameGuest(me.guest_name, r.guest_name)).map((r) => r.id);
}

/**
 * Saves the guest's preferences for today's visit (the kiosk's optional step), one transaction,
 * audited without the preferences themselves (the audit log is kept for good; these are erasable).
 * When the therapist already has a ticket and its alerts or the pressure change, a CHANGED ticket
 * says what changed ("Alert added: Allergy: Nuts", "Pressure changed: Firm to Light"), signed as
 * the ticket before it was: returns its job.
 */
export function savePreferences(m: Model, appointmentId: number, preferences: Preferences): { jobId: number | null } {
  const { db, clock } = m;
  return db
    .transaction(() => {
      const visit = bookableToday(m, appointmentId);
      if (visit.checked_in_at === null) throw new DomainError("CONFLICT", "Please check in first.");
      const had = stmt(db, "SELECT 1 FROM guest_preferences WHERE appointment_id = ?").get(appointmentId) !== undefined;
      stmt(
        db,
        `INSERT INTO guest_preferences (appointment_id, pressure, allergies, allergy_other, avoid, keep, given_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (appointment_id) DO UPDATE SET pressure = excluded.pressure, allergies = excluded.allergies,
         allergy_other = excluded.allergy_other, avoid = excluded.avoid, keep = excluded.keep, given_at = excluded.given_at`,
      ).run(
        appointmentId,
        preferences.pressure,
        JSON.stringify(preferences.allergies),
        preferences.allergyOther,
        JSON.stringify(preferences.avoid),
        preferences.keep ? 1 : 0,
        clock.now().toISOString(),
      );
      // The newest preferences replace this guest's older ones, kept or (consent withdrawn) not; nobody else's.
      const del = stmt(db, "DELETE FROM guest_preferences WHERE appointment_id = ?");
      const replaced = earlierVisitsOfGuest(db, appointmentId).filter((id) => del.run(id).changes > 0).length;
      appendAudit(
        db,
        clock,
        { kind: "kiosk" },
        {
          action: had ? "preferences.change" : "preferences.give",
          entity: "appointment",
          entityId: appointmentId,
          // Counts only: what the guest said stays erasable.
          after: {
            kept: preferences.keep,
            pressure: preferences.pressure !== null,
            allergies: allergyList(preferences).length,
            avoid: preferences.avoid.length,
            replaced,
          },
        },
      );
      if (!hasTicket(m, appointmentId)) return { jobId: null };
      let confirmedBy = "Kiosk";
      try {
        confirmedBy = latestTicket(m, appointmentId)?.confirmedBy ?? confirmedBy;
      } catch {
        // A ticket whose content can't be read: the new one is signed by the kiosk.
      }
      const content = buildTicketContent(m, appointmentId, { kind: "changed", confirmedBy });
      if (content.changes.length === 0) return { jobId: null };
      return { jobId: createTicketWithJob(m, { kind: "kiosk" }, appointmentId, content).jobId };
    })
    .immediate();
}

/**
 * What the kiosk's preferences step starts from: this visit's preferences when the guest already gave them, else
 * their newest earlier visit's (`earlierVisitsOfGuest`), only if they agreed to keep them.
 */
export function preferencesForVisit(
  m: ReadModel,
  appointmentId: number,
): { preferences: Preferences | null; lastVisit: boolean } {
  bookableToday(m, appointmentId);
  const own = stmt(m.db, `${SELECT} WHERE p.appointment_id = ?`).get(appointmentId) as PreferencesRow | undefined;
  if (own) return { preferences: fromRow(own), lastVisit: false };
  const one = stmt(m.db, `${SELECT} WHERE p.appointment_id = ?`);
  const last = earlierVisitsOfGuest(m.db, appointmentId)
    .map((id) => one.get(id) as PreferencesRow | undefined)
    .find((r) => r !== undefined);
  return last && last.keep === 1
    ? { preferences: fromRow(last), lastVisit: true }
    : { preferences: null, lastVisit: false };
}

/**
 * Erases these visits' preferences and what their tickets carry of them: the alerts, the pressure
 * and a CHANGED ticket's lines about either (the ticket keeps printing, without the box, the
 * pressure line or those changes). Call inside a transaction: retention and a guest's request
 * (guest-data.ts) both come here.
 */
export function erasePreferencesOf(db: DB, appointmentIds: readonly number[]): void {
  const prefs = stmt(db, "DELETE FROM guest_preferences WHERE appointment_id = ?");
  const tickets = stmt(db, "SELECT id, content FROM tickets WHERE appointment_id = ? AND json_valid(content)");
  const rewrite = stmt(db, "UPDATE tickets SET content = ? WHERE id = ?");
  for (const id of appointmentIds) {
    prefs.run(id);
    for (const t of tickets.all(id) as { id: number; content: string }[]) {
      const { alerts: _alerts, pressure: _pressure, ...content } = JSON.parse(t.content) as Record<string, unknown>;
      const { changes } = content;
      if (Array.isArray(changes))
        content.changes = changes.filter((c) => typeof c !== "string" || !isPreferenceChange(c));
      rewrite.run(JSON.stringify(content), t.id);
    }
  }
}

/** Erases these visits' preferences (erasePreferencesOf) with one audit row saying why; how many visits. */
function eraseAudited(
  m: Model,
  actor: Actor,
  ids: readonly number[],
  audit: Omit<Parameters<typeof appendAudit>[3], "entityId">,
): number {
  erasePreferencesOf(m.db, ids);
  appendAudit(m.db, m.clock, actor, { ...audit, entityId: null });
  return ids.length;
}

/**
 * Preferences the guest did not agree to keep, of visits before today: used for their visit, then erased. "Today" is
 * the day erasing goes by (db/maintenance/clock-trust.ts): a clock a year ahead must not take today's allergy alerts.
 */
export function eraseUnkeptPreferences(m: Model, actor: Actor = { kind: "system" }): number {
  return m.db
    .transaction(() => {
      const ids = stmt(
        m.db,
        "SELECT p.appointment_id FROM guest_preferences p JOIN appointments a ON a.id = p.appointment_id WHERE p.keep = 0 AND a.local_day < ?",
      )
        .pluck()
        .all(erasingDay(m)) as number[];
      if (ids.length === 0) return 0;
      return eraseAudited(m, actor, ids, {
        action: "preferences.expire",
        entity: "appointments",
        after: { erased: ids.length },
      });
    })
    .immediate();
}
