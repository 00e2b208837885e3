import type { ReadModel } from "../model";
import { stmt } from "../stmt";
import { OTHER_DAYS_AHEAD, type AppointmentMatch } from "../../contract/channels";
import { serviceGuestNames } from "../admin/service-names";
import { firstName, guestLabel, phoneKey } from "../people";
import { spaToday } from "../settings";
import { addDays } from "../time";

const findSql = (where: string): string =>
  `SELECT a.id, a.guest_name, a.starts_at, a.ends_at, a.service_id, s.name AS service, t.name AS therapist, c.appointment_id IS NOT NULL AS checked_in
   FROM appointments a JOIN services s ON s.id = a.service_id JOIN therapists t ON t.id = a.therapist_id
   LEFT JOIN check_ins c ON c.appointment_id = a.id
   WHERE a.local_day = @day AND a.status = 'booked' AND ${where}
   ORDER BY a.starts_at LIMIT 10`;
/** Today's bookings matching @key: by phone (the whole number or its last digits) or booking code. */
const FIND_SQL = {
  phone: findSql("(a.phone_key = @key OR (length(@key) < 10 AND substr(a.phone_key, -length(@key)) = @key))"),
  code: findSql("a.booking_code = @key"),
};

/** Today's bookings for a phone number or booking code, shown as first name + last initial only. */
export function findAppointments(
  m: ReadModel,
  query: { by: "phone"; phone: string } | { by: "code"; code: string },
): AppointmentMatch[] {
  const day = spaToday(m);
  const now = m.clock.now().toISOString();
  const rows = stmt(m.db, FIND_SQL[query.by]).all({
    day,
    key: query.by === "phone" ? phoneKey(query.phone) : query.code,
  }) as {
    id: number;
    guest_name: string;
    starts_at: string;
    ends_at: string;
    service_id: number;
    service: string;
    therapist: string;
    checked_in: number;
  }[];
  return rows.map((r) => ({
    appointmentId: r.id,
    guestLabel: guestLabel(r.guest_name),
    startsAt: r.starts_at,
    serviceName: r.service,
    serviceGuestNames: serviceGuestNames(m, r.service_id),
    therapistFirstName: firstName(r.therapist),
    checkedIn: r.checked_in === 1,
    endsAt: r.ends_at,
    ended: r.ends_at <= now,
  }));
}

const LATER_SQL = (where: string): string =>
  `SELECT starts_at FROM appointments
   WHERE ${where} AND local_day > @day AND local_day <= @until AND status = 'booked'
   ORDER BY local_day, starts_at LIMIT 1`;
const LATER = { phone: LATER_SQL("phone_key = @key"), code: LATER_SQL("booking_code = @key") };

/**
 * The kiosk's search: today's bookings (`findAppointments`) and, when there are none, when the next booking on a later
 * day (up to `OTHER_DAYS_AHEAD`) starts, so a guest who came on the wrong day is told when to come back. Only for a
 * whole phone number or a booking code: a few last digits could be anyone's.
 */
export function searchForKiosk(
  m: ReadModel,
  query: { by: "phone"; phone: string } | { by: "code"; code: string },
): { matches: AppointmentMatch[]; laterStartsAt: string | null } {
  const matches = findAppointments(m, query);
  const key = query.by === "phone" ? phoneKey(query.phone) : query.code;
  if (matches.length > 0 || (query.by === "phone" && key.length < 10)) return { matches, laterStartsAt: null };
  const day = spaToday(m);
  const later = stmt(m.db, LATER[query.by]).get({ key, day, until: addDays(day, OTHER_DAYS_AHEAD) }) as
    { starts_at: string } | undefined;
  return { matches, laterStartsAt: later?.starts_at ?? null };
}
