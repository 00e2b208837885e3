import type { Model, ReadModel } from "../model";
import { stmt } from "../stmt";
import { randomInt } from "node:crypto";
import { everyWordMatcher } from "../../contract/common";
import { OTHER_DAYS_AHEAD, OTHER_DAYS_BACK, type OtherDayBooking } from "../../contract/desk";
import { DomainError } from "../errors";
import { phoneKey } from "../people";
import { spaToday } from "../settings";
import { addDays, addMinutes, localParts } from "../time";

/** Where and when an appointment is, as its row stores it. */
export interface StoredSlot {
  id: number;
  service_id: number;
  therapist_id: number;
  room_id: number;
  starts_at: string;
  ends_at: string;
}

/** An appointment's row: its slot, status and note. */
export interface StoredAppointment extends StoredSlot {
  status: string;
  note: string | null;
}

export interface NewAppointment {
  guestName: string;
  /** Digits only. */
  phone: string;
  serviceId: number;
  therapistId: number;
  roomId: number;
  startsAt: string;
  /** When the booking says (an import's Duration or End time); otherwise the service's minutes. */
  endsAt?: string;
  status?: "booked" | "cancelled" | "no_show";
  /** The booking system's note for the therapist, already cleaned (db/import cleanNote). */
  note?: string | null;
  source: "demo" | "import" | "desk" | "walk-in";
  externalId?: string | null;
  bookingCode?: string;
}

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const newBookingCode = (): string =>
  Array.from({ length: 6 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");

/**
 * Inserts an appointment; the end time is the booking's, or comes from the service's minutes. Call inside a
 * transaction.
 */
export function insertAppointment(m: Model, timeZone: string, a: NewAppointment): number {
  const { db, clock } = m;
  const service = stmt(db, "SELECT minutes FROM services WHERE id = ?").get(a.serviceId) as
    { minutes: number } | undefined;
  if (!service) throw new DomainError("NOT_FOUND", "Unknown service.", "serviceId");
  let code = a.bookingCode ?? newBookingCode();
  while (!a.bookingCode && stmt(db, "SELECT 1 FROM appointments WHERE booking_code = ?").get(code))
    code = newBookingCode();
  return Number(
    stmt(
      db,
      `INSERT INTO appointments (external_id, booking_code, guest_name, phone_key, phone, service_id, therapist_id, room_id,
                                   starts_at, ends_at, local_day, source, status, note, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      a.externalId ?? null,
      code,
      a.guestName,
      phoneKey(a.phone),
      a.phone,
      a.serviceId,
      a.therapistId,
      a.roomId,
      a.startsAt,
      a.endsAt ?? addMinutes(a.startsAt, service.minutes),
      localParts(a.startsAt, timeZone).day,
      a.source,
      a.status ?? "booked",
      a.note ?? null,
      clock.now().toISOString(),
    ).lastInsertRowid,
  );
}

/**
 * A guest the desk can't find on today's list: their bookings from two weeks back to two months
 * ahead, today left out, whose name, phone digits, booking code or external ID hold every word
 * searched for, matched as the desk's own search matches (`everyWordMatcher`). The nearest 5 to
 * now, soonest first among equals. Matched here rather than in SQL, which can't fold accents:
 * only the fields searched are read for every booking of those days (38,356 on the
 * 1,000,000-booking year: 170-250 ms on the main thread when every row came with its service,
 * therapist and check-in), the rest for the 5 found.
 */
export function bookingsOnOtherDays(m: ReadModel, query: string): OtherDayBooking[] {
  const { db, clock } = m;
  const today = spaToday(m);
  const rows = stmt(db, OTHER_DAYS_SEARCHED)
    .raw(true)
    .all(addDays(today, -OTHER_DAYS_BACK), addDays(today, OTHER_DAYS_AHEAD), today) as [
    id: number,
    guestName: string,
    phone: string | null,
    bookingCode: string,
    externalId: string | null,
    startsAt: string,
  ][];
  const matches = everyWordMatcher(query);
  const now = clock.now().getTime();
  const distance = (startsAt: string) => Math.abs(Date.parse(startsAt) - now);
  return rows
    .filter(([, name, phone, code, external]) => matches([name, phone?.replace(/\D/g, "") ?? "", code, external ?? ""]))
    .sort(([, , , , , a], [, , , , , b]) => distance(a) - distance(b) || a.localeCompare(b))
    .slice(0, 5)
    .map(([id, guestName, , , , startsAt]) => {
      const r = stmt(db, OTHER_DAY_FOUND).get(id) as {
        status: "booked" | "cancelled" | "no_show";
        service: string;
        therapist: string;
        came: number;
      };
      return {
        appointmentId: id,
        guestName,
        startsAt,
        serviceName: r.service,
        therapistName: r.therapist,
        status: r.came === 1 ? "checked_in" : r.status === "booked" && Date.parse(startsAt) < now ? "missed" : r.status,
      };
    });
}
const OTHER_DAYS_SEARCHED = `SELECT id, guest_name, phone, booking_code, external_id, starts_at FROM appointments
  WHERE local_day BETWEEN ? AND ? AND local_day != ?`;
const OTHER_DAY_FOUND = `SELECT a.status, s.name AS service, t.name AS therapist, c.appointment_id IS NOT NULL AS came
  FROM appointments a JOIN services s ON s.id = a.service_id JOIN therapists t ON t.id = a.therapist_id
  LEFT JOIN check_ins c ON c.appointment_id = a.id WHERE a.id = ?`;
