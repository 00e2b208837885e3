import type { Model, ReadModel } from "../model";
import { stmt } from "../stmt";
import type { DB } from "../open";
import { randomInt } from "node:crypto";
import { foldText } from "../../contract/common";
import { deskSearchMatcher, phoneKey, typedPhone } from "../../contract/phone";
import { OTHER_DAYS_AHEAD, OTHER_DAYS_BACK, type OtherDayBooking } from "../../contract/desk";
import { DomainError } from "../errors";
import { spaToday } from "../settings";
import { addDays, addMinutes, localParts } from "../time";
import { rebookedAfterRestore } from "../maintenance/restore-gaps";

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
/**
 * A code a spreadsheet would read as a number: digits only, or digits E digits ("234E56" opens as 2.34E+58). Such a
 * code in an export (the check-ins, the POS file) would no longer match its booking once the file is opened.
 */
export const readsAsNumber = (code: string): boolean => /^[0-9]+(E[0-9]+)?$/.test(code);
/** A new booking code: six characters no one misreads (no 0/O, 1/I), never one a spreadsheet turns into a number. */
export function newBookingCode(): string {
  for (;;) {
    const code = Array.from({ length: 6 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");
    if (!readsAsNumber(code)) return code;
  }
}

/**
 * Inserts an appointment; the end time is the booking's, or comes from the service's minutes. A booking a restore
 * left out comes back to the restore's list by its booking system's ID. Call inside a transaction.
 */
export function insertAppointment(m: Model, timeZone: string, a: NewAppointment): number {
  const { db, clock } = m;
  const service = stmt(db, "SELECT minutes FROM services WHERE id = ?").get(a.serviceId) as
    { minutes: number } | undefined;
  if (!service) throw new DomainError("NOT_FOUND", "Unknown service.", "serviceId");
  let code = a.bookingCode ?? newBookingCode();
  while (!a.bookingCode && stmt(db, "SELECT 1 FROM appointments WHERE booking_code = ?").get(code))
    code = newBookingCode();
  const id = Number(
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
  if (a.externalId) rebookedAfterRestore(db, id, a.externalId);
  return id;
}

/**
 * A guest the desk can't find on today's list: their bookings from two weeks back to two months
 * ahead, today left out, whose name, phone digits, booking code or external ID hold every word
 * searched for, or whose phone is the one searched for however each is written (`deskSearchMatcher`). The nearest 5 to
 * now, soonest first among equals. SQL can't fold accents, so it only narrows the rows by the
 * longest word (OTHER_DAYS_NARROWED) and the matcher decides; the service, therapist and check-in
 * are read for the 5 found. On the 1,000,000-booking year (38,356 bookings in those days) a
 * search read all of them with their service, therapist and check-in: 165-250 ms on the main thread.
 */
export function bookingsOnOtherDays(m: ReadModel, query: string): OtherDayBooking[] {
  const { db, clock } = m;
  const today = spaToday(m);
  const now = clock.now();
  const nearest: OtherDayRow[] = [];
  const matches = otherDaysMatcher(query);
  const days = { from: addDays(today, -OTHER_DAYS_BACK), to: addDays(today, OTHER_DAYS_AHEAD), today };
  // Nearest first from SQL, so a search most bookings match stops at the fifth.
  for (const row of otherDayCandidates(db, days, query, now.toISOString())) {
    if (!matches(row)) continue;
    nearest.push(row);
    if (nearest.length === 5) break;
  }
  return nearest.map(([id, guestName, , , , startsAt]) => {
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
      status:
        r.came === 1
          ? "checked_in"
          : r.status === "booked" && Date.parse(startsAt) < now.getTime()
            ? "missed"
            : r.status,
    };
  });
}
/** Whether a booking matches the desk's search on other days, as a row of today's list does (`deskSearchMatcher`). */
export function otherDaysMatcher(query: string): (row: OtherDayRow) => boolean {
  const matches = deskSearchMatcher(query);
  return ([, name, phone, code, external]) =>
    matches([name, phone?.replace(/\D/g, "") ?? "", code, external ?? ""], phone);
}

/** A booking as the other-days search reads it. */
export type OtherDayRow = [
  id: number,
  guestName: string,
  phone: string | null,
  bookingCode: string,
  externalId: string | null,
  startsAt: string,
];

/**
 * The bookings of [from, to] but `today` that may hold every word of `query` (all of them when no word is left once
 * folded), nearest to `now` first (the sooner of two as near): narrowed by its longest word (OTHER_DAYS_NARROWED), for
 * the matcher to decide.
 */
export function otherDayCandidates(
  db: DB,
  days: { from: string; to: string; today: string },
  query: string,
  now: string,
): IterableIterator<OtherDayRow> {
  const longest = foldText(query)
    .split(" ")
    .reduce((a, b) => (b.length > a.length ? b : a), "");
  const phoneTail = typedPhone(query)?.digits.slice(-7) ?? null;
  return (
    longest === ""
      ? stmt(db, OTHER_DAYS_ALL)
          .raw(true)
          .iterate({ ...days, now })
      : stmt(db, OTHER_DAYS_NARROWED)
          .raw(true)
          .iterate({ ...days, now, word: longest, digits: /^\d+$/.test(longest) ? 1 : 0, phoneTail })
  ) as IterableIterator<OtherDayRow>;
}
const OTHER_DAYS_FIELDS = `SELECT id, guest_name, phone, booking_code, external_id, starts_at FROM appointments
  WHERE local_day BETWEEN @from AND @to AND local_day != @today`;
const NEAREST_FIRST = "ORDER BY abs(unixepoch(starts_at, 'subsec') - unixepoch(@now, 'subsec')), starts_at, id";
/** Every booking of the days: a search with no word left once folded (marks only) matches them all. */
const OTHER_DAYS_ALL = `${OTHER_DAYS_FIELDS} ${NEAREST_FIRST}`;
/** A phone with more than the 10 digits its phone_key keeps (phoneKey): the digits before them are not in the key. */
const MORE_THAN_KEY = `'${"*[0-9]".repeat(11)}*'`;
/**
 * The bookings that may hold `word` (folded): in the name, code or external ID lower-cased, which is their folding
 * when they are printable ASCII; any with another character there, which only the matcher can fold; and for a word of
 * digits, a phone whose key (its last 10 digits, written with it everywhere) holds it, or one with more digits than
 * that; and for a search holding a phone number, a phone whose key ends in its last 7 digits (every number
 * `phoneFinds` finds for it does). It never leaves out a booking the matcher would find (a property test holds it to
 * that).
 */
const OTHER_DAYS_NARROWED = `${OTHER_DAYS_FIELDS}
  AND (instr(lower(guest_name || ' ' || booking_code || ' ' || coalesce(external_id, '')), @word) > 0
       OR (guest_name || booking_code || coalesce(external_id, '')) GLOB '*[^ -~]*'
       OR (@digits AND (instr(phone_key, @word) > 0 OR phone GLOB ${MORE_THAN_KEY}))
       OR substr(phone_key, -7) = @phoneTail)
  ${NEAREST_FIRST}`;
const OTHER_DAY_FOUND = `SELECT a.status, s.name AS service, t.name AS therapist, c.appointment_id IS NOT NULL AS came
  FROM appointments a JOIN services s ON s.id = a.service_id JOIN therapists t ON t.id = a.therapist_id
  LEFT JOIN check_ins c ON c.appointment_id = a.id WHERE a.id = ?`;
