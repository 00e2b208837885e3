import { stmt } from "./stmt";
import { randomInt } from "node:crypto";
import { DomainError } from "./errors";
import type { DB } from "./open";
import { phoneKey } from "./people";
import { addMinutes, localParts, type Clock } from "./time";

export interface NewAppointment {
  guestName: string;
  /** Digits only. */
  phone: string;
  serviceId: number;
  therapistId: number;
  roomId: number;
  startsAt: string;
  source: "demo" | "import" | "desk" | "walk-in";
  externalId?: string | null;
  bookingCode?: string;
}

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const newBookingCode = (): string => Array.from({ length: 6 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");

/** Inserts an appointment; the end time comes from the service's minutes. Call inside a transaction. */
export function insertAppointment(db: DB, clock: Clock, timeZone: string, a: NewAppointment): number {
  const service = stmt(db, "SELECT minutes FROM services WHERE id = ?").get(a.serviceId) as { minutes: number } | undefined;
  if (!service) throw new DomainError("NOT_FOUND", "Unknown service.", "serviceId");
  let code = a.bookingCode ?? newBookingCode();
  while (!a.bookingCode && stmt(db, "SELECT 1 FROM appointments WHERE booking_code = ?").get(code)) code = newBookingCode();
  return Number(
    stmt(db, 
        `INSERT INTO appointments (external_id, booking_code, guest_name, phone_key, phone, service_id, therapist_id, room_id,
                                   starts_at, ends_at, local_day, source, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        a.externalId ?? null,
        code,
        a.guestName,
        phoneKey(a.phone),
        a.phone,
        a.serviceId,
        a.therapistId,
        a.roomId,
        a.startsAt,
        addMinutes(a.startsAt, service.minutes),
        localParts(a.startsAt, timeZone).day,
        a.source,
        clock.now().toISOString(),
      ).lastInsertRowid,
  );
}
