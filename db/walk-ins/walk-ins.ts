import type { Model, StaffActor, ReadModel } from "../model";
import { stmt } from "../stmt";
import type { Language } from "../../contract/common";
import type { WalkIn, WalkInAvailability } from "../../contract/channels";
import { appendAudit } from "../audit";
import { DomainError } from "../errors";
import { changeAddons, confirmAddons } from "../desk/addons";
import { clash, requireFree } from "../desk/appointment";
import { insertAppointment } from "../desk/appointments";
import type { DeskOutcome } from "../desk/queue";
import { insertCheckIn } from "../kiosk/check-in";
import { getSettings, spaToday } from "../settings";
import { addDays, addMinutes, clockTimeLocal, localParts } from "../time";

/**
 * Walk-ins, from the kiosk's waiting list (a guest without a booking leaves a first name) to the
 * desk's booking of one (now, with a free therapist and room, checked in at once).
 */

/**
 * The same name left in the last two minutes and not yet seen. Its spa-local day is searched from a
 * few days before the two minutes began, through the waiting index (local_day, seen_at): without
 * it, a new name read every walk-in ever left, newest first, on each tap. The slack covers a change
 * of the spa's time zone meanwhile (zones are at most 26 hours apart).
 */
export const RECENT_WALK_IN = `SELECT id, first_name, lang, arrived_at FROM walk_ins
  WHERE seen_at IS NULL AND first_name = ? COLLATE NOCASE AND arrived_at >= ? AND local_day >= ?
  ORDER BY id DESC LIMIT 1`;
const RECENT_DAYS_SLACK = 2;

/**
 * A guest without a booking leaves a first name so the desk can call them. A second tap or the
 * same name again within two minutes returns the same entry rather than a second one.
 */
export function registerWalkIn(
  m: Model,
  input: { firstName: string; lang: Language },
): { walkIn: WalkIn; created: boolean } {
  const { db, clock } = m;
  return db
    .transaction(() => {
      if (!getSettings(db).walkInsAllowed) {
        throw new DomainError("FORBIDDEN", "Walk-ins check in at the front desk here.");
      }
      const now = clock.now();
      const since = new Date(now.getTime() - 120_000);
      const timeZone = getSettings(db).timeZone;
      const recent = stmt(db, RECENT_WALK_IN).get(
        input.firstName,
        since.toISOString(),
        addDays(localParts(since, timeZone).day, -RECENT_DAYS_SLACK),
      ) as WalkInRow | undefined;
      if (recent) return { walkIn: toWalkIn(recent), created: false };
      const day = localParts(now, timeZone).day;
      const id = Number(
        stmt(db, "INSERT INTO walk_ins (first_name, lang, arrived_at, local_day) VALUES (?, ?, ?, ?)").run(
          input.firstName,
          input.lang,
          now.toISOString(),
          day,
        ).lastInsertRowid,
      );
      appendAudit(
        db,
        clock,
        { kind: "kiosk" },
        { action: "walk_in.create", entity: "walk_in", entityId: id, after: { lang: input.lang } },
      );
      return {
        walkIn: { walkInId: id, firstName: input.firstName, arrivedAt: now.toISOString(), lang: input.lang },
        created: true,
      };
    })
    .immediate();
}

interface WalkInRow {
  id: number;
  first_name: string;
  lang: Language;
  arrived_at: string;
}
const toWalkIn = (r: WalkInRow): WalkIn => ({
  walkInId: r.id,
  firstName: r.first_name,
  arrivedAt: r.arrived_at,
  lang: r.lang,
});

/**
 * Today's walk-ins the desk has not greeted yet, in the order they came: by entry (rowid), not by the clock's stamp, so
 * a guest who left her name after the machine's clock was corrected back is still listed after those before her.
 */
export function waitingWalkIns(m: ReadModel): WalkIn[] {
  const rows = stmt(
    m.db,
    "SELECT id, first_name, lang, arrived_at FROM walk_ins WHERE local_day = ? AND seen_at IS NULL ORDER BY id",
  ).all(spaToday(m)) as WalkInRow[];
  return rows.map(toWalkIn);
}

/**
 * The language a kiosk walk-in used, checked before the desk books them (`desk.walkIn` with
 * `walkInId`): the entry must be on today's list and not booked yet, whoever booked it.
 */
export function walkInToBook(m: ReadModel, walkInId: number): Language {
  const row = stmt(
    m.db,
    `SELECT w.first_name, w.lang, w.local_day, a.starts_at, s.name AS service, t.name AS therapist
     FROM walk_ins w LEFT JOIN appointments a ON a.id = w.appointment_id
     LEFT JOIN services s ON s.id = a.service_id LEFT JOIN therapists t ON t.id = a.therapist_id
     WHERE w.id = ?`,
  ).get(walkInId) as
    | {
        first_name: string;
        lang: Language;
        local_day: string;
        starts_at: string | null;
        service: string | null;
        therapist: string | null;
      }
    | undefined;
  if (!row || row.local_day !== spaToday(m))
    throw new DomainError("NOT_FOUND", "That walk-in is no longer on today's list.", "walkInId");
  if (row.starts_at !== null) {
    const at = clockTimeLocal(row.starts_at, getSettings(m.db).timeZone);
    throw new DomainError(
      "CONFLICT",
      `${row.first_name} is already booked in: ${row.service ?? "a session"} with ${row.therapist ?? "a therapist"} at ${at}.`,
      "walkInId",
    );
  }
  return row.lang;
}

/** The booking made for a kiosk walk-in (after `walkInToBook`): linked to the entry, which leaves the waiting list. */
export function markWalkInBooked(m: Model, actor: StaffActor, walkInId: number, appointmentId: number): void {
  const { db, clock } = m;
  stmt(
    db,
    "UPDATE walk_ins SET appointment_id = ?, seen_at = COALESCE(seen_at, ?), seen_by = COALESCE(seen_by, ?) WHERE id = ?",
  ).run(appointmentId, clock.now().toISOString(), actor.staffId, walkInId);
  appendAudit(db, clock, actor, {
    action: "walk_in.booked",
    entity: "walk_in",
    entityId: walkInId,
    after: { appointmentId },
  });
}

/**
 * The desk greeted this walk-in: off the waiting list. Marking twice is harmless. `seen: false`
 * puts them back (the desk's Undo after a mis-tap), unless they were booked in meanwhile.
 */
export function markWalkInSeen(m: Model, actor: StaffActor, walkInId: number, seen = true): void {
  const { db, clock } = m;
  db.transaction(() => {
    const row = stmt(db, "SELECT first_name, seen_at, appointment_id FROM walk_ins WHERE id = ?").get(walkInId) as
      { first_name: string; seen_at: string | null; appointment_id: number | null } | undefined;
    if (!row) throw new DomainError("NOT_FOUND", "That walk-in is no longer on the list.");
    if ((row.seen_at !== null) === seen) return;
    if (!seen && row.appointment_id !== null)
      throw new DomainError("CONFLICT", `${row.first_name} has been booked in since, so stays off the list.`);
    if (seen)
      stmt(db, "UPDATE walk_ins SET seen_at = ?, seen_by = ? WHERE id = ?").run(
        clock.now().toISOString(),
        actor.staffId,
        walkInId,
      );
    else stmt(db, "UPDATE walk_ins SET seen_at = NULL, seen_by = NULL WHERE id = ?").run(walkInId);
    appendAudit(db, clock, actor, {
      action: seen ? "walk_in.seen" : "walk_in.waiting",
      entity: "walk_in",
      entityId: walkInId,
    });
  }).immediate();
}

/**
 * A walk-in's session if it started now (at the next whole minute, or this minute in the spa's last minute of the day,
 * so that a guest booked at 23:59:20 is on the day they checked in, not the next): the one rule for booking one and
 * for who is free.
 */
function walkInSession(m: ReadModel, serviceId: number): { start: string; end: string } {
  const service = stmt(m.db, "SELECT minutes, active FROM services WHERE id = ?").get(serviceId) as
    { minutes: number; active: number } | undefined;
  if (!service || service.active !== 1)
    throw new DomainError("NOT_FOUND", "That service is not offered any more.", "serviceId");
  const now = m.clock.now().getTime();
  const tz = getSettings(m.db).timeZone;
  const next = new Date(Math.ceil(now / 60_000) * 60_000).toISOString();
  const start =
    localParts(next, tz).day === localParts(new Date(now), tz).day
      ? next
      : new Date(Math.floor(now / 60_000) * 60_000).toISOString();
  return { start, end: addMinutes(start, service.minutes) };
}

/**
 * Books a guest without a booking from now, checks them in at the desk and settles the add-ons
 * they took when asked (none: confirmed as no add-on), queuing the therapist's ticket, in one
 * transaction. With `walkInId` (a name left at the kiosk) the entry is taken off the waiting list
 * and the language the guest used there goes on the check-in.
 */
export function walkIn(
  m: Model,
  actor: StaffActor,
  input: {
    guestName: string;
    phone: string;
    serviceId: number;
    therapistId: number;
    roomId: number;
    walkInId?: number | undefined;
    addonIds: number[];
  },
): DeskOutcome {
  const { db, clock } = m;
  return db
    .transaction(() => {
      const { start, end } = walkInSession(m, input.serviceId);
      const lang = input.walkInId === undefined ? null : walkInToBook(m, input.walkInId);
      requireFree(m, "therapist", input.therapistId, null, start, end);
      requireFree(m, "room", input.roomId, null, start, end);
      const { walkInId, addonIds, ...booking } = input;
      const id = insertAppointment(m, getSettings(db).timeZone, { ...booking, startsAt: start, source: "walk-in" });
      appendAudit(db, clock, actor, {
        action: "appointment.create",
        entity: "appointment",
        entityId: id,
        after: {
          source: "walk-in",
          serviceId: input.serviceId,
          therapistId: input.therapistId,
          roomId: input.roomId,
          ...(walkInId === undefined ? {} : { walkInId }),
        },
      });
      insertCheckIn(m, actor, id, "desk", lang);
      if (walkInId !== undefined) markWalkInBooked(m, actor, walkInId, id);
      return addonIds.length > 0
        ? changeAddons(m, actor, { appointmentId: id, addonIds })
        : confirmAddons(m, actor, id);
    })
    .immediate();
}

/**
 * Every active therapist and room for a walk-in of `serviceId` starting now, each with the booking in its way (null:
 * free).
 */
export function walkInAvailability(m: ReadModel, serviceId: number): WalkInAvailability {
  const { db } = m;
  const { start, end } = walkInSession(m, serviceId);
  const choices = (kind: "therapist" | "room") =>
    (
      stmt(
        db,
        `SELECT id, name FROM ${kind === "therapist" ? "therapists" : "rooms"} WHERE active = 1 ORDER BY name`,
      ).all() as {
        id: number;
        name: string;
      }[]
    ).map((r) => {
      const other = clash(m, kind === "therapist" ? "therapist_id" : "room_id", r.id, null, start, end);
      return { id: r.id, name: r.name, busy: other ? { startsAt: other.starts_at, endsAt: other.ends_at } : null };
    });
  return { startsAt: start, endsAt: end, therapists: choices("therapist"), rooms: choices("room") };
}
