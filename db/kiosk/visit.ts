import type { ReadModel } from "../model";
import { stmt } from "../stmt";
import type { Language } from "../../contract/common";
import type { KioskVisit, OfferCard, OfferStatus } from "../../contract/channels";
import { DomainError } from "../errors";
import { freeMinutes, freeMinutesAfter, isDecided, SLOT_COLUMNS, offerCards } from "./offers";
import type { DB } from "../open";
import { firstName, guestLabel } from "../people";
import { spaToday } from "../settings";
import { bookedAddonLines } from "../desk/booked-addons";

export interface VisitRow {
  id: number;
  guest_name: string;
  starts_at: string;
  ends_at: string;
  local_day: string;
  status: string;
  service_id: number;
  therapist_id: number;
  room_id: number;
  service: string;
  minutes: number;
  therapist: string;
  /** Where the visit stands: its check-in (at most one), its offer (at most one), any ticket. */
  checked_in_at: string | null;
  offer_id: number | null;
  offer_status: OfferStatus | null;
  ticketed: 0 | 1;
  next_therapist_at: string | null;
  next_room_at: string | null;
  booked_addon_ids: string | null;
}

/** The appointment, where its visit stands and how long its therapist and room are free after it, in one read. */
const VISIT_SQL = `SELECT a.id, a.guest_name, a.starts_at, a.ends_at, a.local_day, a.status, a.service_id, a.therapist_id, a.room_id,
              s.name AS service, s.minutes, t.name AS therapist,
              c.checked_in_at, o.id AS offer_id, o.status AS offer_status,
              EXISTS (SELECT 1 FROM tickets k WHERE k.appointment_id = a.id) AS ticketed,
              ${SLOT_COLUMNS}
       FROM appointments a JOIN services s ON s.id = a.service_id JOIN therapists t ON t.id = a.therapist_id
       LEFT JOIN check_ins c ON c.appointment_id = a.id
       LEFT JOIN offers o ON o.appointment_id = a.id
       WHERE a.id = ?`;

const loadVisit = (db: DB, appointmentId: number): VisitRow | undefined =>
  stmt(db, VISIT_SQL).get(appointmentId) as VisitRow | undefined;

export interface OfferRow {
  id: number;
  status: OfferStatus;
}
export const offerOf = (visit: VisitRow): OfferRow | undefined =>
  visit.offer_id !== null && visit.offer_status !== null
    ? { id: visit.offer_id, status: visit.offer_status }
    : undefined;

/** The appointment, if it can be checked in today; a guest-readable refusal otherwise. */
export function bookableToday(m: ReadModel, appointmentId: number, day = spaToday(m)): VisitRow {
  const visit = loadVisit(m.db, appointmentId);
  if (!visit || visit.local_day !== day) {
    throw new DomainError("NOT_FOUND", "We couldn't find that appointment for today. Please see the front desk.");
  }
  if (visit.status !== "booked") {
    throw new DomainError("CONFLICT", "This appointment can't be checked in here. Please see the front desk.");
  }
  return visit;
}

/** What the kiosk shows of a checked-in visit: the guest's label (`guestLabel`), and the offer as it stands. */
export function visitView(
  m: ReadModel,
  visit: VisitRow,
  checkedInAt: string,
  lang: Language,
  known?: { cards: OfferCard[]; offer: OfferRow | undefined; opened: boolean },
): KioskVisit {
  const { db } = m;
  const free = freeMinutesAfter(visit);
  const offer = known ? known.offer : offerOf(visit);
  // An offer opened by this very check-in has nothing selected yet: no need to ask.
  const selected =
    offer && !known?.opened
      ? (
          stmt(db, "SELECT addon_id FROM offer_items WHERE offer_id = ? AND final_selected = 1 ORDER BY addon_id").all(
            offer.id,
          ) as {
            addon_id: number;
          }[]
        ).map((r) => r.addon_id)
      : [];
  return {
    appointmentId: visit.id,
    guestLabel: guestLabel(visit.guest_name),
    startsAt: visit.starts_at,
    serviceName: visit.service,
    serviceMinutes: visit.minutes,
    therapistFirstName: firstName(visit.therapist),
    checkedInAt,
    offer: {
      status: offer?.status ?? "declined",
      cards: known?.cards ?? offerCards(m, visit, lang, free),
      selectedAddonIds: selected,
      locked: offer ? isDecided(offer.status) : visit.ticketed === 1,
      freeMinutes: freeMinutes(visit, free),
      booked: (visit.booked_addon_ids === null ? [] : bookedAddonLines(db, visit.id, lang)).map((b) => ({
        addonId: b.addonId,
        title: b.title,
      })),
    },
  };
}

/**
 * Where a check-in stands now, changing nothing: asked by the Done screen after the desk
 * touched this appointment. `checkedIn: false` when the desk took the check-in back.
 */
export function kioskVisit(
  m: ReadModel,
  appointmentId: number,
  lang: Language,
): { checkedIn: boolean; visit: KioskVisit | null } {
  const visit = bookableToday(m, appointmentId);
  if (visit.checked_in_at === null) return { checkedIn: false, visit: null };
  return { checkedIn: true, visit: visitView(m, visit, visit.checked_in_at, lang) };
}
