import { transactionOf, type Model } from "../model";
import { stmt } from "../stmt";
import type { CheckInChannel, Language } from "../../contract/common";
import { OTHER_DAYS_AHEAD, type AddonChoice, type AppointmentMatch, type KioskVisit, type OfferCard, type OfferStatus, type WalkIn } from "../../contract/channels";
import { appendAudit, type Actor } from "../audit";
import { DomainError } from "../errors";
import { capacityProblem, freeMinutes, freeMinutesAfter, isDecided, NEXT_BOOKINGS, offerCards, openOffer } from "./offers";
import type { DB } from "../open";
import { firstName, guestLabel, phoneKey } from "../people";
import { serviceGuestNames } from "../admin/service-names";
import { getSettings, spaToday } from "../settings";
import { addDays, clockTimeLocal, localParts } from "../time";


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
export function findAppointments(m: Model, query: { by: "phone"; phone: string } | { by: "code"; code: string }): AppointmentMatch[] {
  const day = spaToday(m);
  const now = m.clock.now().toISOString();
  const rows = stmt(m.db, FIND_SQL[query.by])
    .all({ day, key: query.by === "phone" ? phoneKey(query.phone) : query.code }) as {
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
    serviceGuestNames: serviceGuestNames(m.db, r.service_id),
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
 * The kiosk's search: today's bookings (`findAppointments`) and, when there are none, when the
 * next booking on a later day (up to `OTHER_DAYS_AHEAD`) starts, so a guest who came on the wrong day is told when to come
 * back. Only for a whole phone number or a booking code: a few last digits could be anyone's.
 */
export function searchForKiosk(
  m: Model,
  query: { by: "phone"; phone: string } | { by: "code"; code: string },
): { matches: AppointmentMatch[]; laterStartsAt: string | null } {
  const matches = findAppointments(m, query);
  const key = query.by === "phone" ? phoneKey(query.phone) : query.code;
  if (matches.length > 0 || (query.by === "phone" && key.length < 10)) return { matches, laterStartsAt: null };
  const day = spaToday(m);
  const later = stmt(m.db, LATER[query.by]).get({ key, day, until: addDays(day, OTHER_DAYS_AHEAD) }) as { starts_at: string } | undefined;
  return { matches, laterStartsAt: later?.starts_at ?? null };
}

interface VisitRow {
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
}

/** The appointment, where its visit stands and how long its therapist and room are free after it, in one read. */
const VISIT_SQL = `SELECT a.id, a.guest_name, a.starts_at, a.ends_at, a.local_day, a.status, a.service_id, a.therapist_id, a.room_id,
              s.name AS service, s.minutes, t.name AS therapist,
              c.checked_in_at, o.id AS offer_id, o.status AS offer_status,
              EXISTS (SELECT 1 FROM tickets k WHERE k.appointment_id = a.id) AS ticketed,
              ${NEXT_BOOKINGS}
       FROM appointments a JOIN services s ON s.id = a.service_id JOIN therapists t ON t.id = a.therapist_id
       LEFT JOIN check_ins c ON c.appointment_id = a.id
       LEFT JOIN offers o ON o.appointment_id = a.id
       WHERE a.id = ?`;

const loadVisit = (db: DB, appointmentId: number): VisitRow | undefined => stmt(db, VISIT_SQL).get(appointmentId) as VisitRow | undefined;

interface OfferRow {
  id: number;
  status: OfferStatus;
}
const offerOf = (visit: VisitRow): OfferRow | undefined =>
  visit.offer_id !== null && visit.offer_status !== null ? { id: visit.offer_id, status: visit.offer_status } : undefined;

/** The appointment, if it can be checked in today; a guest-readable refusal otherwise. */
export function bookableToday(m: Model, appointmentId: number, day = spaToday(m)): VisitRow {
  const visit = loadVisit(m.db, appointmentId);
  if (!visit || visit.local_day !== day) {
    throw new DomainError("NOT_FOUND", "We couldn't find that appointment for today. Please see the front desk.");
  }
  if (visit.status !== "booked") {
    throw new DomainError("CONFLICT", "This appointment can't be checked in here. Please see the front desk.");
  }
  return visit;
}

/** What the kiosk shows of a checked-in visit: the guest's first name only, and the offer as it stands. */
function visitView(
  m: Model,
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
      ? (stmt(db, "SELECT addon_id FROM offer_items WHERE offer_id = ? AND final_selected = 1 ORDER BY addon_id").all(offer.id) as { addon_id: number }[]).map((r) => r.addon_id)
      : [];
  return {
    appointmentId: visit.id,
    guestFirstName: firstName(visit.guest_name),
    startsAt: visit.starts_at,
    serviceName: visit.service,
    serviceMinutes: visit.minutes,
    therapistFirstName: firstName(visit.therapist),
    checkedInAt,
    offer: {
      status: offer?.status ?? "declined",
      cards: known?.cards ?? offerCards(db, visit, lang, free),
      selectedAddonIds: selected,
      locked: offer ? isDecided(offer.status) : visit.ticketed === 1,
      freeMinutes: freeMinutes(visit, free),
    },
  };
}

/**
 * Checks a guest in at the kiosk and opens their add-on offer, in one transaction. Idempotent:
 * a second call (double tap, the guest coming back) changes nothing and returns the same visit.
 * The offer row records what was shown and what was unavailable (with why); when no add-on
 * fits at all, nothing was offered and no offer row is written.
 */
export function checkInAtKiosk(m: Model, appointmentId: number, lang: Language): { visit: KioskVisit; created: boolean } {
  return transactionOf(m.db, checkIn).immediate(m, appointmentId, lang);
}

/**
 * The one way a check-in is written: at `at`, with the spa-local day, hour and weekday the
 * reports count by, and audited. `lang`: the language the guest used at the kiosk, if they did.
 */
export function insertCheckIn(m: Model, actor: Actor, appointmentId: number, channel: CheckInChannel, lang: Language | null, at = m.clock.now()): void {
  const { db, clock } = m;
  const local = localParts(at, getSettings(db).timeZone);
  stmt(db, "INSERT INTO check_ins (appointment_id, checked_in_at, channel, local_day, local_hour, local_weekday, lang) VALUES (?, ?, ?, ?, ?, ?, ?)").run(
    appointmentId,
    at.toISOString(),
    channel,
    local.day,
    local.hour,
    local.weekday,
    lang,
  );
  appendAudit(db, clock, actor, { action: "check_in.create", entity: "appointment", entityId: appointmentId, after: { channel } });
}

function checkIn(m: Model, appointmentId: number, lang: Language): { visit: KioskVisit; created: boolean } {
  const { db, clock } = m;
  const now = clock.now();
  const at = now.toISOString();
  const tz = getSettings(db).timeZone;
  const local = localParts(now, tz);
  const visit = bookableToday(m, appointmentId, local.day);
  let created = false;
  let checkedInAt = visit.checked_in_at;
  if (checkedInAt === null) {
    // Checking in for a session that is over would put it back on the desk's queue and the
    // therapist's ticket; the desk sorts out what happens instead (a new booking, a no-show).
    if (visit.ends_at <= at) {
      throw new DomainError("CONFLICT", `This session ended at ${clockTimeLocal(visit.ends_at, tz)}. Please see the front desk.`);
    }
    insertCheckIn(m, { kind: "kiosk" }, appointmentId, "kiosk", lang, now);
    checkedInAt = at;
    created = true;
  }
  let offer = offerOf(visit);
  const cards = offerCards(db, visit, lang);
  const opened = !offer && visit.ticketed === 0 && cards.some((c) => c.available);
  if (opened) {
    offer = { id: openOffer(m, appointmentId, "kiosk", cards, now), status: "offered" };
  }
  return { created, visit: visitView(m, visit, checkedInAt, lang, { cards, offer, opened }) };
}

/**
 * Where a check-in stands now, changing nothing: asked by the Done screen after the desk
 * touched this appointment. `checkedIn: false` when the desk took the check-in back.
 */
export function kioskVisit(m: Model, appointmentId: number, lang: Language): { checkedIn: boolean; visit: KioskVisit | null } {
  const visit = bookableToday(m, appointmentId);
  if (visit.checked_in_at === null) return { checkedIn: false, visit: null };
  return { checkedIn: true, visit: visitView(m, visit, visit.checked_in_at, lang) };
}

/**
 * Records the guest's choice (none, one or several add-ons). Allowed until the desk confirms;
 * the prices and minutes recorded are the ones quoted when the offer was shown.
 */
export function chooseAddons(
  m: Model,
  input: { appointmentId: number; addonIds: number[]; offerMs: number; lang: Language },
): AddonChoice {
  const { db, clock } = m;
  return db.transaction(() => {
    const visit = bookableToday(m, input.appointmentId);
    const offer = offerOf(visit);
    if (visit.checked_in_at === null) throw new DomainError("CONFLICT", "Please check in first.");
    if (!offer) throw new DomainError("NOT_AVAILABLE", "That add-on isn't available for this appointment.", "addonIds");
    if (isDecided(offer.status)) {
      throw new DomainError("CONFLICT", "The front desk has already confirmed your add-ons. Please ask them for any change.");
    }
    const items = stmt(db, 
        `SELECT i.addon_id, i.shown, i.price_cents, i.extra_minutes, i.guest_selected, COALESCE(t.title, en.title) AS title, a.code
         FROM offer_items i JOIN addons a ON a.id = i.addon_id
         LEFT JOIN addon_texts t ON t.addon_id = i.addon_id AND t.lang = ?
         LEFT JOIN addon_texts en ON en.addon_id = i.addon_id AND en.lang = 'en'
         WHERE i.offer_id = ?`,
      )
      .all(input.lang, offer.id) as {
      addon_id: number;
      shown: number;
      price_cents: number;
      extra_minutes: number;
      guest_selected: number;
      title: string;
      code: string;
    }[];
    const chosen = input.addonIds.map((id) => {
      const item = items.find((i) => i.addon_id === id);
      if (!item || item.shown !== 1) throw new DomainError("NOT_AVAILABLE", "That add-on isn't available for this appointment.", "addonIds");
      return item;
    });
    const extra = chosen.reduce((sum, i) => sum + i.extra_minutes, 0);
    if (chosen.length > 1 && capacityProblem(visit, extra)) {
      throw new DomainError("NOT_AVAILABLE", "Only one of these add-ons fits before the next booking today. Please pick one.", "addonIds");
    }
    const status: OfferStatus = chosen.length > 0 ? "accepted" : "declined";
    const before = { status: offer.status, selected: items.filter((i) => i.guest_selected === 1).map((i) => i.code) };
    stmt(db, "UPDATE offer_items SET guest_selected = 0, final_selected = 0 WHERE offer_id = ?").run(offer.id);
    const pick = stmt(db, "UPDATE offer_items SET guest_selected = 1, final_selected = 1 WHERE offer_id = ? AND addon_id = ?");
    for (const c of chosen) pick.run(offer.id, c.addon_id);
    // Time on the offer screen adds up when a guest comes back to change their choice.
    stmt(db, "UPDATE offers SET status = ?, decided_at = ?, offer_ms = COALESCE(offer_ms, 0) + ? WHERE id = ?").run(
      status,
      clock.now().toISOString(),
      input.offerMs,
      offer.id,
    );
    appendAudit(db, clock, { kind: "kiosk" }, {
      action: "offer.choose",
      entity: "appointment",
      entityId: input.appointmentId,
      before,
      after: { status, selected: chosen.map((c) => c.code) },
    });
    return {
      status,
      chosen: chosen.map((c) => ({ addonId: c.addon_id, title: c.title, priceCents: c.price_cents, extraMinutes: c.extra_minutes })),
    };
  }).immediate();
}

/**
 * A guest without a booking leaves a first name so the desk can call them. A second tap or the
 * same name again within two minutes returns the same entry rather than a second one.
 */
export function registerWalkIn(m: Model, input: { firstName: string; lang: Language }): { walkIn: WalkIn; created: boolean } {
  const { db, clock } = m;
  return db.transaction(() => {
    if (!getSettings(db).walkInsAllowed) {
      throw new DomainError("FORBIDDEN", "Walk-ins check in at the front desk here.");
    }
    const now = clock.now();
    const recent = stmt(db, 
      `SELECT id, first_name, lang, arrived_at FROM walk_ins
       WHERE seen_at IS NULL AND first_name = ? COLLATE NOCASE AND arrived_at >= ? ORDER BY id DESC LIMIT 1`,
    ).get(input.firstName, new Date(now.getTime() - 120_000).toISOString()) as WalkInRow | undefined;
    if (recent) return { walkIn: toWalkIn(recent), created: false };
    const day = localParts(now, getSettings(db).timeZone).day;
    const id = Number(
      stmt(db, "INSERT INTO walk_ins (first_name, lang, arrived_at, local_day) VALUES (?, ?, ?, ?)").run(input.firstName, input.lang, now.toISOString(), day)
        .lastInsertRowid,
    );
    appendAudit(db, clock, { kind: "kiosk" }, { action: "walk_in.create", entity: "walk_in", entityId: id, after: { lang: input.lang } });
    return { walkIn: { walkInId: id, firstName: input.firstName, arrivedAt: now.toISOString(), lang: input.lang }, created: true };
  }).immediate();
}

interface WalkInRow {
  id: number;
  first_name: string;
  lang: Language;
  arrived_at: string;
}
const toWalkIn = (r: WalkInRow): WalkIn => ({ walkInId: r.id, firstName: r.first_name, arrivedAt: r.arrived_at, lang: r.lang });

/** Today's walk-ins the desk has not greeted yet, oldest first. */
export function waitingWalkIns(m: Model): WalkIn[] {
  const rows = stmt(m.db, "SELECT id, first_name, lang, arrived_at FROM walk_ins WHERE local_day = ? AND seen_at IS NULL ORDER BY arrived_at, id").all(spaToday(m)) as WalkInRow[];
  return rows.map(toWalkIn);
}

/**
 * The language a kiosk walk-in used, checked before the desk books them (`desk.walkIn` with
 * `walkInId`): the entry must be on today's list and not booked yet, whoever booked it.
 */
export function walkInToBook(m: Model, walkInId: number): Language {
  const row = stmt(m.db,
    `SELECT w.first_name, w.lang, w.local_day, a.starts_at, s.name AS service, t.name AS therapist
     FROM walk_ins w LEFT JOIN appointments a ON a.id = w.appointment_id
     LEFT JOIN services s ON s.id = a.service_id LEFT JOIN therapists t ON t.id = a.therapist_id
     WHERE w.id = ?`,
  ).get(walkInId) as { first_name: string; lang: Language; local_day: string; starts_at: string | null; service: string | null; therapist: string | null } | undefined;
  if (!row || row.local_day !== spaToday(m)) throw new DomainError("NOT_FOUND", "That walk-in is no longer on today's list.", "walkInId");
  if (row.starts_at !== null) {
    const at = clockTimeLocal(row.starts_at, getSettings(m.db).timeZone);
    throw new DomainError("CONFLICT", `${row.first_name} is already booked in: ${row.service ?? "a session"} with ${row.therapist ?? "a therapist"} at ${at}.`, "walkInId");
  }
  return row.lang;
}

/** The booking made for a kiosk walk-in (after `walkInToBook`): linked to the entry, which leaves the waiting list. */
export function markWalkInBooked(m: Model, actor: Extract<Actor, { kind: "staff" }>, walkInId: number, appointmentId: number): void {
  const { db, clock } = m;
  stmt(db, "UPDATE walk_ins SET appointment_id = ?, seen_at = COALESCE(seen_at, ?), seen_by = COALESCE(seen_by, ?) WHERE id = ?").run(
    appointmentId,
    clock.now().toISOString(),
    actor.staffId,
    walkInId,
  );
  appendAudit(db, clock, actor, { action: "walk_in.booked", entity: "walk_in", entityId: walkInId, after: { appointmentId } });
}

/**
 * The desk greeted this walk-in: off the waiting list. Marking twice is harmless. `seen: false`
 * puts them back (the desk's Undo after a mis-tap), unless they were booked in meanwhile.
 */
export function markWalkInSeen(m: Model, actor: Extract<Actor, { kind: "staff" }>, walkInId: number, seen = true): void {
  const { db, clock } = m;
  db.transaction(() => {
    const row = stmt(db, "SELECT first_name, seen_at, appointment_id FROM walk_ins WHERE id = ?").get(walkInId) as
      | { first_name: string; seen_at: string | null; appointment_id: number | null }
      | undefined;
    if (!row) throw new DomainError("NOT_FOUND", "That walk-in is no longer on the list.");
    if ((row.seen_at !== null) === seen) return;
    if (!seen && row.appointment_id !== null) throw new DomainError("CONFLICT", `${row.first_name} has been booked in since, so stays off the list.`);
    if (seen) stmt(db, "UPDATE walk_ins SET seen_at = ?, seen_by = ? WHERE id = ?").run(clock.now().toISOString(), actor.staffId, walkInId);
    else stmt(db, "UPDATE walk_ins SET seen_at = NULL, seen_by = NULL WHERE id = ?").run(walkInId);
    appendAudit(db, clock, actor, { action: seen ? "walk_in.seen" : "walk_in.waiting", entity: "walk_in", entityId: walkInId });
  }).immediate();
}
