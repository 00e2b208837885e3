import { foldText } from "../../contract/common";
import { phoneEnd, samePhone } from "../../contract/phone";
import {
  allergyList,
  GUEST_PHONE_PROBLEM,
  type GuestOnPhone,
  type GuestWho,
  type StoredPreferences,
} from "../../contract/preferences";
import { appendAudit } from "../audit";
import { DomainError } from "../errors";
import type { Model, ReadModel, StaffActor } from "../model";
import { sameGuest } from "../people";
import { stmt } from "../stmt";
import { erasePreferencesOf } from "./preferences";
import { fromRow, SELECT, type PreferencesRow } from "./stored";

/**
 * Back office → Guest data: a guest asks what the spa keeps of their preferences, or to be forgotten, by their phone
 * number. Several people share a number (a family; a parent booking a child), so the manager picks whose request it
 * is among the people booked on it (`sameGuest`), and the export holds, and the erase touches, that person's only.
 */

interface Booking {
  id: number;
  guest_name: string;
  phone: string;
  local_day: string;
}

/** The bookings on a number, newest first, however each booking wrote it (`samePhone`). */
function bookingsOfPhone(m: ReadModel, phone: string): Booking[] {
  if (phone.replace(/\D/g, "").length < 7) throw new DomainError("INVALID_INPUT", GUEST_PHONE_PROBLEM, "phone");
  const rows = stmt(
    m.db,
    `SELECT id, guest_name, phone, local_day FROM appointments WHERE substr(phone_key, -8) = ?
     ORDER BY local_day DESC, starts_at DESC, id DESC`,
  ).all(phoneEnd(phone)) as Booking[];
  return rows.filter((b) => samePhone(phone, b.phone));
}

/**
 * The bookings as people, each person's newest first: one person however their bookings wrote their name
 * (`sameGuest`: "FISCHER, LENA" and "Lena Fischer"). Two people whose names are written alike but for case, accents,
 * dots and commas are one person here, as they are to the kiosk.
 */
function asPeople(bookings: readonly Booking[]): Booking[][] {
  const people: Booking[][] = [];
  const byName = new Map<string, Booking[]>();
  for (const b of bookings) {
    let person = byName.get(b.guest_name);
    if (!person) {
      person = people.find((p) => sameGuest(p[0]?.guest_name ?? "", b.guest_name));
      if (!person) people.push((person = []));
      byName.set(b.guest_name, person);
    }
    person.push(b);
  }
  return people;
}

const storedOf = (m: ReadModel, bookings: readonly Booking[]): PreferencesRow[] => {
  const one = stmt(m.db, `${SELECT} WHERE p.appointment_id = ?`);
  return bookings
    .map((b) => one.get(b.id) as PreferencesRow | undefined)
    .filter((r): r is PreferencesRow => r !== undefined)
    .sort((a, b) => a.given_at.localeCompare(b.given_at));
};

/** The people booked on a number (`asPeople`), by name; none when nobody is. */
export function guestsOnPhone(m: ReadModel, phone: string): GuestOnPhone[] {
  return asPeople(bookingsOfPhone(m, phone))
    .map((bookings) => {
      const stored = storedOf(m, bookings).map(fromRow);
      return {
        name: bookings[0]?.guest_name ?? "",
        bookings: bookings.length,
        firstDay: bookings[bookings.length - 1]?.local_day ?? "",
        lastDay: bookings[0]?.local_day ?? "",
        stored: {
          visits: stored.length,
          allergies: stored.filter((p) => allergyList(p).length > 0).length,
          avoid: stored.filter((p) => p.avoid.length > 0).length,
          pressure: stored.filter((p) => p.pressure !== null).length,
        },
      };
    })
    .sort((a, b) => foldText(a.name).localeCompare(foldText(b.name)) || b.lastDay.localeCompare(a.lastDay));
}

/** The bookings a request is for (`who`), and how many people they are; a person no longer on the number is refused. */
function bookingsOf(m: ReadModel, phone: string, who: GuestWho): { bookings: Booking[]; people: number } {
  const all = bookingsOfPhone(m, phone);
  if (who.kind === "everyone") return { bookings: all, people: asPeople(all).length };
  const bookings = all.filter((b) => sameGuest(who.name, b.guest_name));
  if (bookings.length === 0)
    throw new DomainError(
      "NOT_FOUND",
      "That guest has no booking on this number any more. Find the number again to see who has.",
    );
  return { bookings, people: 1 };
}

/** Everything stored of a guest's preferences, for a guest who asks (a manager's action, audited with counts only). */
export function exportGuestPreferences(m: Model, actor: StaffActor, phone: string, who: GuestWho): StoredPreferences[] {
  const { db, clock } = m;
  return db.transaction(() => {
    const { bookings, people } = bookingsOf(m, phone, who);
    const booking = new Map(bookings.map((b) => [b.id, b]));
    const visits = storedOf(m, bookings).map((r) => ({
      visitDay: booking.get(r.appointment_id)?.local_day ?? "",
      givenAt: r.given_at,
      bookedAs: booking.get(r.appointment_id)?.guest_name ?? "",
      ...fromRow(r),
    }));
    appendAudit(db, clock, actor, {
      action: "preferences.export",
      entity: "guest",
      entityId: null,
      after: { visits: visits.length, people },
    });
    return visits;
  })();
}

/**
 * Erases a guest's stored preferences and what their tickets carry of them (`erasePreferencesOf`, on every visit of
 * theirs: a ticket can carry alerts its visit's newer preferences replaced), on their request; nobody else's on the
 * number unless `who` is everyone. Audited with counts only. Returns how many visits held preferences.
 */
export function eraseGuestPreferences(m: Model, actor: StaffActor, phone: string, who: GuestWho): number {
  const { db, clock } = m;
  return db
    .transaction(() => {
      const { bookings, people } = bookingsOf(m, phone, who);
      const visits = storedOf(m, bookings).length;
      erasePreferencesOf(
        db,
        bookings.map((b) => b.id),
      );
      appendAudit(db, clock, actor, {
        action: "preferences.erase",
        entity: "guest",
        entityId: null,
        after: { visits, people },
      });
      return visits;
    })
    .immediate();
}
