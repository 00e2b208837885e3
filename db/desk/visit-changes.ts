import type { Model, ReadModel, StaffActor } from "../model";
import { stmt } from "../stmt";
import { hasTicket, queueTicket } from "../printing/tickets";
import { markVoided } from "./addons";
import { getSettings } from "../settings";
import { clockTimeLocal, formatLocal, localParts } from "../time";

/** What a visit is booked as: the facts a therapist's ticket prints. */
export interface VisitSlot {
  serviceId: number;
  therapistId: number;
  roomId: number;
  startsAt: string;
  endsAt: string;
}

/** One change as a CHANGED ticket and the desk write it: "Therapist: Ben Carter → Diego Santos". */
export const changeLine = (what: "Therapist" | "Room" | "Time" | "Service", from: string, to: string): string =>
  `${what}: ${from} → ${to}`;

const nameOf = (m: ReadModel, table: "services" | "therapists" | "rooms", id: number): string =>
  (stmt(m.db, `SELECT name FROM ${table} WHERE id = ?`).pluck().get(id) as string | undefined) ?? `#${id}`;

/**
 * What changed between two bookings of a visit, in the words of a CHANGED ticket: therapist, room, time (with the
 * day when it moved to another), service. Empty when nothing the therapist's ticket prints changed.
 */
export function visitChanges(m: ReadModel, from: VisitSlot, to: VisitSlot): string[] {
  const tz = getSettings(m.db).timeZone;
  const changes: string[] = [];
  if (from.therapistId !== to.therapistId)
    changes.push(
      changeLine("Therapist", nameOf(m, "therapists", from.therapistId), nameOf(m, "therapists", to.therapistId)),
    );
  if (from.roomId !== to.roomId)
    changes.push(changeLine("Room", nameOf(m, "rooms", from.roomId), nameOf(m, "rooms", to.roomId)));
  if (from.startsAt !== to.startsAt || from.endsAt !== to.endsAt) {
    const otherDay = localParts(from.startsAt, tz).day !== localParts(to.startsAt, tz).day;
    const when = (s: VisitSlot) =>
      `${otherDay ? `${formatLocal(s.startsAt, tz, { weekday: "short", month: "short", day: "numeric" })} ` : ""}` +
      `${clockTimeLocal(s.startsAt, tz)}–${clockTimeLocal(s.endsAt, tz)}`;
    changes.push(changeLine("Time", when(from), when(to)));
  }
  if (from.serviceId !== to.serviceId)
    changes.push(changeLine("Service", nameOf(m, "services", from.serviceId), nameOf(m, "services", to.serviceId)));
  return changes;
}

/**
 * A visit whose therapist holds a ticket gets a CHANGED one saying what changed (the desk's reassignment, an
 * import that moves a checked-in guest). Inside the change's transaction. The print job's id, or null: no ticket yet
 * (the one printed when the desk confirms shows the visit as it is then) or nothing changed.
 */
export function ticketChanges(m: Model, actor: StaffActor, appointmentId: number, changes: string[]): number | null {
  return changes.length > 0 && hasTicket(m, appointmentId)
    ? queueTicket(m, actor, appointmentId, "changed", { changes })
    : null;
}

/**
 * What follows a visit's cancellation, the desk's or an import's: its add-ons are voided (none given, none earning:
 * reports and the POS file agree), and a therapist holding a ticket for it gets a VOID ticket saying so. Inside the
 * cancellation's transaction; the VOID ticket's print job, or null.
 */
export function settleCancelled(
  m: Model,
  actor: StaffActor,
  appointmentId: number,
  reason: string | null,
): number | null {
  const voidReason = `Appointment cancelled: ${reason ?? ""}`.trim();
  markVoided(m, actor, appointmentId, voidReason);
  return hasTicket(m, appointmentId) ? queueTicket(m, actor, appointmentId, "void", { voidReason }) : null;
}
