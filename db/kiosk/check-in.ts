import { transactionOf, type Model } from "../model";
import { stmt } from "../stmt";
import type { CheckInChannel, Language } from "../../contract/common";
import type { KioskVisit } from "../../contract/channels";
import { appendAudit, type Actor } from "../audit";
import { DomainError } from "../errors";
import { offerCards, openOffer } from "./offers";
import { getSettings } from "../settings";
import { clockTimeLocal, localParts } from "../time";
import { bookableToday, offerOf, visitView } from "./visit";

/**
 * Checks a guest in at the kiosk and opens their add-on offer, in one transaction. Idempotent:
 * a second call (double tap, the guest coming back) changes nothing and returns the same visit.
 * The offer row records what was shown and what was unavailable (with why); when no add-on
 * fits at all, nothing was offered and no offer row is written.
 */
export function checkInAtKiosk(
  m: Model,
  appointmentId: number,
  lang: Language,
): { visit: KioskVisit; created: boolean } {
  return transactionOf(m.db, checkIn).immediate(m, appointmentId, lang);
}

/**
 * The one way a check-in is written: at `at`, with the spa-local day, hour and weekday the
 * reports count by, and audited. `lang`: the language the guest used at the kiosk, if they did.
 */
export function insertCheckIn(
  m: Model,
  actor: Actor,
  appointmentId: number,
  channel: CheckInChannel,
  lang: Language | null,
  at = m.clock.now(),
): void {
  const { db, clock } = m;
  const local = localParts(at, getSettings(db).timeZone);
  stmt(
    db,
    "INSERT INTO check_ins (appointment_id, checked_in_at, channel, local_day, local_hour, local_weekday, lang) VALUES (?, ?, ?, ?, ?, ?, ?)",
  ).run(appointmentId, at.toISOString(), channel, local.day, local.hour, local.weekday, lang);
  appendAudit(db, clock, actor, {
    action: "check_in.create",
    entity: "appointment",
    entityId: appointmentId,
    after: { channel },
  });
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
      throw new DomainError(
        "CONFLICT",
        `This session ended at ${clockTimeLocal(visit.ends_at, tz)}. Please see the front desk.`,
      );
    }
    insertCheckIn(m, { kind: "kiosk" }, appointmentId, "kiosk", lang, now);
    checkedInAt = at;
    created = true;
  }
  let offer = offerOf(visit);
  const cards = offerCards(m, visit, lang);
  const opened = !offer && visit.ticketed === 0 && cards.some((c) => c.available);
  if (opened) {
    offer = { id: openOffer(m, appointmentId, "kiosk", cards, now), status: "offered" };
  }
  return { created, visit: visitView(m, visit, checkedInAt, lang, { cards, offer, opened }) };
}
