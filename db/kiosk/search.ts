import type { ReadModel } from "../model";
import { stmt } from "../stmt";
import { OTHER_DAYS_AHEAD, type AppointmentMatch } from "../../contract/channels";
import { serviceGuestNames } from "../admin/service-names";
import { phoneEnd, phoneFinds, samePhone } from "../../contract/phone";
import { firstName, guestLabel } from "../people";
import { spaToday } from "../settings";
import { addDays } from "../time";

const findSql = (where: string): string =>
  `SELECT a.id, a.guest_name, a.phone, a.starts_at, a.ends_at, a.service_id, s.name AS service, t.name AS therapist, c.appointment_id IS NOT NULL AS checked_in
   FROM appointments a JOIN services s ON s.id = a.service_id JOIN therapists t ON t.id = a.therapist_id
   LEFT JOIN check_ins c ON c.appointment_id = a.id
   WHERE a.local_day = @day AND a.status = 'booked' AND ${where}
   ORDER BY a.starts_at LIMIT @limit`;
/**
 * Today's bookings matching @key: by booking code, or those whose phone may be the number typed (its last 8 digits,
 * `phoneEnd`, or with fewer than 10 typed, its last digits), for `phoneFinds` to decide. Read through today's
 * bookings (appointments_by_day): the kiosk search never reads another day's.
 */
const FIND_SQL = {
  phone: findSql(
    "(substr(a.phone_key, -8) = @end OR (length(@key) < 10 AND substr(a.phone_key, -length(@key)) = @key))",
  ),
  code: findSql("a.booking_code = @key"),
};
const MATCHES_SHOWN = 10;

/** Today's bookings for a phone number or booking code, shown as first name + last initial only. */
export function findAppointments(
  m: ReadModel,
  query: { by: "phone"; phone: string } | { by: "code"; code: string },
): AppointmentMatch[] {
  const day = spaToday(m);
  const now = m.clock.now().toISOString();
  const key = query.by === "phone" ? query.phone.replace(/\D/g, "") : query.code;
  const found = stmt(m.db, FIND_SQL[query.by]).all({
    day,
    key,
    end: phoneEnd(key),
    // A number's candidates that are someone else's (the same last 8 digits) are left out below, not counted.
    limit: query.by === "phone" ? -1 : MATCHES_SHOWN,
  }) as {
    id: number;
    guest_name: string;
    phone: string;
    starts_at: string;
    ends_at: string;
    service_id: number;
    service: string;
    therapist: string;
    checked_in: number;
  }[];
  const rows = (query.by === "phone" ? found.filter((r) => phoneFinds(key, r.phone)) : found).slice(0, MATCHES_SHOWN);
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

const LATER_SQL = (where: string, limit: string): string =>
  `SELECT starts_at, phone FROM appointments
   WHERE ${where} AND local_day > @day AND local_day <= @until AND status = 'booked'
   ORDER BY local_day, starts_at ${limit}`;
/** A later booking by booking code, or by phone its candidates (`phoneEnd`), soonest first, for `samePhone`. */
const LATER = {
  phone: LATER_SQL("substr(phone_key, -8) = @end", ""),
  code: LATER_SQL("booking_code = @key", "LIMIT 1"),
};

/** The phone searches' statements, for a test of their query plans. */
export const KIOSK_PHONE_SQL = { today: FIND_SQL.phone, later: LATER.phone };

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
  const key = query.by === "phone" ? query.phone.replace(/\D/g, "") : query.code;
  if (matches.length > 0 || (query.by === "phone" && key.length < 10)) return { matches, laterStartsAt: null };
  const day = spaToday(m);
  const until = addDays(day, OTHER_DAYS_AHEAD);
  const later = stmt(m.db, LATER[query.by]).iterate({ key, end: phoneEnd(key), day, until }) as IterableIterator<{
    starts_at: string;
    phone: string;
  }>;
  for (const r of later)
    if (query.by === "code" || samePhone(key, r.phone)) return { matches, laterStartsAt: r.starts_at };
  return { matches, laterStartsAt: null };
}
