import type { Model, StaffActor, ReadModel } from "../model";
import { stmt } from "../stmt";
import type { QueueItem } from "../../contract/channels";
import { appendAudit } from "../audit";
import { DomainError } from "../errors";
import { insertCheckIn } from "../kiosk/check-in";
import { putBackArrival } from "../maintenance/check-in-again";
import { getSettings, spaToday } from "../settings";
import { addMinutes, clockTimeLocal } from "../time";
import { SESSION_MINUTES } from "../../contract/common";
import { queueItem, requireActive, slotOf, type DeskOutcome } from "./queue";
import { changeLine, settleCancelled, ticketChanges } from "./visit-changes";

const clashSql = (column: "therapist_id" | "room_id") => `SELECT starts_at, ends_at FROM appointments
  WHERE ${column} = ? AND id IS NOT ? AND status = 'booked' AND starts_at > ? AND starts_at < ? AND ends_at > ?
  ORDER BY starts_at LIMIT 1`;
/** clash's search per column (exported so a test can assert its plan). */
export const CLASH_SQL = { therapist_id: clashSql("therapist_id"), room_id: clashSql("room_id") } as const;

/**
 * The earliest other booking of this therapist or room overlapping [start, end), if any. Only a booking that starts
 * less than the longest session (SESSION_MINUTES) before `start` can reach it: the search reads the index from there,
 * not through every booking the therapist or room ever had (on a year of 1,000,000 bookings the desk's walk-in form
 * asked 24 of them for 1.6 s, on the main thread).
 */
export function clash(
  m: ReadModel,
  column: "therapist_id" | "room_id",
  value: number,
  self: number | null,
  start: string,
  end: string,
) {
  return stmt(m.db, CLASH_SQL[column]).get(value, self, addMinutes(start, -SESSION_MINUTES.max), end, start) as
    { starts_at: string; ends_at: string } | undefined;
}

export function requireFree(
  m: ReadModel,
  kind: "therapist" | "room",
  id: number,
  self: number | null,
  start: string,
  end: string,
): string {
  const { db } = m;
  const table = kind === "therapist" ? "therapists" : "rooms";
  const row = stmt(db, `SELECT name, active FROM ${table} WHERE id = ?`).get(id) as
    { name: string; active: number } | undefined;
  if (!row || row.active !== 1)
    throw new DomainError("NOT_FOUND", `That ${kind} is not active.`, kind === "therapist" ? "therapistId" : "roomId");
  const other = clash(m, kind === "therapist" ? "therapist_id" : "room_id", id, self, start, end);
  if (other) {
    const tz = getSettings(db).timeZone;
    const t = (iso: string) => clockTimeLocal(iso, tz);
    throw new DomainError(
      "CONFLICT",
      `${row.name} is booked from ${t(other.starts_at)} to ${t(other.ends_at)} with another guest. Pick another ${kind}.`,
      kind === "therapist" ? "therapistId" : "roomId",
    );
  }
  return row.name;
}

/** Assigns or changes the therapist and/or room; a therapist who already has a ticket gets a CHANGED one. */
export function assign(
  m: Model,
  actor: StaffActor,
  input: { appointmentId: number; therapistId?: number | undefined; roomId?: number | undefined },
): DeskOutcome {
  const { db, clock } = m;
  return db
    .transaction(() => {
      const item = queueItem(m, input.appointmentId);
      requireActive(item);
      const slot = slotOf(m, input.appointmentId);
      const changes: string[] = [];
      const before: Record<string, string> = {};
      const after: Record<string, string> = {};
      if (input.therapistId !== undefined && input.therapistId !== slot.therapist_id) {
        const name = requireFree(m, "therapist", input.therapistId, slot.id, slot.starts_at, slot.ends_at);
        stmt(db, "UPDATE appointments SET therapist_id = ? WHERE id = ?").run(input.therapistId, slot.id);
        changes.push(changeLine("Therapist", item.therapistName, name));
        before.therapist = item.therapistName;
        after.therapist = name;
      }
      if (input.roomId !== undefined && input.roomId !== slot.room_id) {
        const name = requireFree(m, "room", input.roomId, slot.id, slot.starts_at, slot.ends_at);
        stmt(db, "UPDATE appointments SET room_id = ? WHERE id = ?").run(input.roomId, slot.id);
        changes.push(changeLine("Room", item.roomName, name));
        before.room = item.roomName;
        after.room = name;
      }
      if (changes.length === 0)
        throw new DomainError("CONFLICT", "Nothing to change: that is the current therapist and room.");
      appendAudit(db, clock, actor, {
        action: "appointment.assign",
        entity: "appointment",
        entityId: slot.id,
        before,
        after,
      });
      return { item: queueItem(m, slot.id), jobId: ticketChanges(m, actor, slot.id, changes) };
    })
    .immediate();
}

/** The desk may check this appointment in now: it is active, today's, and not checked in yet. */
function requireCanCheckIn(m: ReadModel, appointmentId: number): void {
  const item = queueItem(m, appointmentId);
  requireActive(item);
  const day = stmt(m.db, "SELECT local_day FROM appointments WHERE id = ?").get(appointmentId) as { local_day: string };
  if (day.local_day !== spaToday(m))
    throw new DomainError("CONFLICT", "This appointment is not today; only today's guests can check in.");
  if (item.checkedInAt)
    throw new DomainError(
      "CONFLICT",
      `Already checked in (${item.checkInChannel === "kiosk" ? "at the kiosk" : "at the desk"}).`,
    );
}

/**
 * Checks in, at the desk, a booked guest of today who didn't use the kiosk; or, for a guest a restore left out, puts
 * back the arrival they had made (putBackArrival: at the kiosk, with their add-on choice and health answers).
 */
export function checkInAtDesk(m: Model, actor: StaffActor, appointmentId: number): QueueItem {
  return m.db
    .transaction(() => {
      requireCanCheckIn(m, appointmentId);
      if (!putBackArrival(m, actor, appointmentId)) insertCheckIn(m, actor, appointmentId, "desk", null);
      return queueItem(m, appointmentId);
    })
    .immediate();
}

function setStatus(
  m: Model,
  actor: StaffActor,
  appointmentId: number,
  to: "booked" | "cancelled" | "no_show",
  reason: string | null,
  action: string,
): DeskOutcome {
  const { db, clock } = m;
  return db
    .transaction(() => {
      const item = queueItem(m, appointmentId);
      const from = (stmt(db, "SELECT status FROM appointments WHERE id = ?").get(appointmentId) as { status: string })
        .status;
      if (from === to)
        throw new DomainError(
          "CONFLICT",
          to === "booked" ? "This appointment is already active." : "This appointment is already marked that way.",
        );
      if (to === "no_show" && item.checkedInAt)
        throw new DomainError("CONFLICT", "This guest checked in, so they can't be a no-show.");
      if (to !== "booked" && from !== "booked") throw new DomainError("CONFLICT", "Reinstate this appointment first.");
      stmt(db, "UPDATE appointments SET status = ? WHERE id = ?").run(to, appointmentId);
      appendAudit(db, clock, actor, {
        action,
        entity: "appointment",
        entityId: appointmentId,
        before: { status: from },
        after: { status: to },
        reason,
      });
      const jobId = to === "cancelled" ? settleCancelled(m, actor, appointmentId, reason) : null;
      return { item: queueItem(m, appointmentId), jobId };
    })
    .immediate();
}

export const markNoShow = (m: Model, actor: StaffActor, appointmentId: number): DeskOutcome =>
  setStatus(m, actor, appointmentId, "no_show", null, "appointment.no_show");
export const cancelAppointment = (m: Model, actor: StaffActor, appointmentId: number, reason: string): DeskOutcome =>
  setStatus(m, actor, appointmentId, "cancelled", reason, "appointment.cancel");
export const reinstateAppointment = (m: Model, actor: StaffActor, appointmentId: number, reason: string): DeskOutcome =>
  setStatus(m, actor, appointmentId, "booked", reason, "appointment.reinstate");
