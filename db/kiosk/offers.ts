import type { Model, ReadModel } from "../model";
import { stmt } from "../stmt";
import type { CheckInChannel, Language } from "../../contract/common";
import type { OfferCard, OfferStatus } from "../../contract/channels";
import type { DB } from "../open";
import { getSettings } from "../settings";
import { localParts } from "../time";
import { kioskScreening } from "../screening/screening";

/** The desk has settled the add-ons (confirmed as chosen, or changed): the ticket says what the therapist does. */
export const SETTLED_STATUSES = ["confirmed", "changed"] as const satisfies readonly OfferStatus[];
/** The desk has decided (settled or voided): the guest's choice is locked. */
export const DECIDED_STATUSES = [...SETTLED_STATUSES, "voided"] as const satisfies readonly OfferStatus[];
export const isSettled = (status: OfferStatus): boolean =>
  (SETTLED_STATUSES as readonly OfferStatus[]).includes(status);
export const isDecided = (status: OfferStatus): boolean =>
  (DECIDED_STATUSES as readonly OfferStatus[]).includes(status);
/** The same sets as SQL lists, for `status IN ${SETTLED_SQL}`. */
const sqlList = (statuses: readonly OfferStatus[]): string => `(${statuses.map((s) => `'${s}'`).join(", ")})`;
export const SETTLED_SQL = sqlList(SETTLED_STATUSES);
export const DECIDED_SQL = sqlList(DECIDED_STATUSES);

interface AddonRow {
  id: number;
  code: string;
  price_cents: number;
  extra_minutes: number;
  title: string;
  benefits: string;
}

interface AppointmentSlot {
  id: number;
  service_id: number;
  ends_at: string;
  /** Start of the same therapist's / room's next booking after this one ends (SLOT_COLUMNS). */
  next_therapist_at: string | null;
  next_room_at: string | null;
  /** Its booked-ahead add-ons' ids, comma-separated, or null for none (SLOT_COLUMNS). */
  booked_addon_ids: string | null;
}

/**
 * Columns for a query over `appointments a`: `next_therapist_at` and `next_room_at`, when the same therapist and the
 * same room are next booked at or after `a` ends (null = nothing later), and `booked_addon_ids`, the add-ons it was
 * booked with ahead (db/desk/booked-addons.ts; null = none, as most are). Read with the appointment itself, so a
 * check-in asks the database once.
 */
export const SLOT_COLUMNS = [
  ...["therapist", "room"].map(
    (who) => `(SELECT n.starts_at FROM appointments n
      WHERE n.${who}_id = a.${who}_id AND n.id != a.id AND n.status = 'booked' AND n.starts_at >= a.ends_at
      ORDER BY n.starts_at LIMIT 1) AS next_${who}_at`,
  ),
  "(SELECT group_concat(b.addon_id) FROM booked_addons b WHERE b.appointment_id = a.id) AS booked_addon_ids",
].join(",\n");

/** The slot's booked-ahead add-ons, by id. */
export const bookedAheadIds = (slot: AppointmentSlot): Set<number> =>
  new Set(slot.booked_addon_ids === null ? [] : slot.booked_addon_ids.split(",").map(Number));

/** Whose next booking leaves too little time: the kiosk words it from its catalogs. */
export type CapacityReason = "therapist" | "room";

const minutesFrom = (endMs: number, startsAt: string | null): number | null =>
  startsAt === null ? null : Math.floor((Date.parse(startsAt) - endMs) / 60_000);

/** Minutes free after the appointment before the same therapist's or room's next booking (null = none). */
export function freeMinutesAfter(slot: AppointmentSlot): { therapist: number | null; room: number | null } {
  const end = Date.parse(slot.ends_at);
  return { therapist: minutesFrom(end, slot.next_therapist_at), room: minutesFrom(end, slot.next_room_at) };
}

/** The tighter of the two limits: minutes free before the therapist's or room's next booking. */
export function freeMinutes(slot: AppointmentSlot, free = freeMinutesAfter(slot)): number | null {
  const limits = [free.therapist, free.room].filter((x): x is number => x !== null);
  return limits.length > 0 ? Math.max(0, Math.min(...limits)) : null;
}

/** Why `extraMinutes` more would collide with the next booking, or null when it fits. */
export function capacityProblem(
  slot: AppointmentSlot,
  extraMinutes: number,
  free = freeMinutesAfter(slot),
): CapacityReason | null {
  if (free.therapist !== null && free.therapist < extraMinutes) return "therapist";
  if (free.room !== null && free.room < extraMinutes) return "room";
  return null;
}

/** An add-on as a service's offer shows it, before this appointment's capacity is known. */
type CatalogEntry = Omit<OfferCard, "available" | "unavailableReason">;

/**
 * The catalogue as last read on a connection, per service and language; dropped whenever
 * `addon_catalog_version` (moved by triggers on every table a card is made of) has moved.
 */
const catalogs = new WeakMap<DB, { version: number; entries: Map<string, readonly CatalogEntry[]> }>();

function catalogFor(db: DB, serviceId: number, lang: Language): readonly CatalogEntry[] {
  const version = stmt(db, "SELECT version FROM addon_catalog_version WHERE id = 1").pluck().get() as number;
  let catalog = catalogs.get(db);
  if (catalog?.version !== version) {
    catalog = { version, entries: new Map() };
    catalogs.set(db, catalog);
  }
  const key = `${serviceId}:${lang}`;
  let entries = catalog.entries.get(key);
  if (!entries) {
    const rows = stmt(
      db,
      `SELECT a.id, a.code, a.price_cents, a.extra_minutes,
                COALESCE(t.title, en.title) AS title, COALESCE(t.benefits, en.benefits) AS benefits
         FROM addons a
         JOIN addon_services s ON s.addon_id = a.id AND s.service_id = ?
         LEFT JOIN addon_texts t ON t.addon_id = a.id AND t.lang = ?
         LEFT JOIN addon_texts en ON en.addon_id = a.id AND en.lang = 'en'
         WHERE a.active = 1
         ORDER BY a.sort_order, a.id`,
    ).all(serviceId, lang) as AddonRow[];
    entries = Object.freeze(
      rows.map((r) =>
        Object.freeze({
          addonId: r.id,
          code: r.code,
          title: r.title,
          benefits: Object.freeze(JSON.parse(r.benefits) as string[]) as string[],
          priceCents: r.price_cents,
          extraMinutes: r.extra_minutes,
          screening: kioskScreening(db, r.id, lang),
        }),
      ),
    );
    catalog.entries.set(key, entries);
  }
  return entries;
}

/**
 * The add-ons this appointment's service may carry, in display order, with copy in `lang`; never one the guest booked
 * ahead in the booking system (db/desk/booked-addons.ts): the booking already holds its time, so what is offered is
 * checked against the therapist's and room's next booking from the booking's end, as any add-on.
 */
export function offerCards(
  m: ReadModel,
  slot: AppointmentSlot,
  lang: Language,
  free = freeMinutesAfter(slot),
): OfferCard[] {
  const booked = bookedAheadIds(slot);
  const catalog = catalogFor(m.db, slot.service_id, lang);
  return (booked.size > 0 ? catalog.filter((entry) => !booked.has(entry.addonId)) : catalog).map((entry) => {
    const problem = capacityProblem(slot, entry.extraMinutes, free);
    return { ...entry, available: problem === null, unavailableReason: problem };
  });
}

/** One INSERT for all of an offer's lines: its SQL per line count, written once. */
const offerItemsSqls: string[] = [];
const offerItemsSql = (n: number): string =>
  (offerItemsSqls[n] ??=
    `INSERT INTO offer_items (offer_id, addon_id, shown, unavailable, price_cents, extra_minutes) VALUES ${Array(n).fill("(?, ?, ?, ?, ?, ?)").join(", ")}`);

/**
 * Opens an appointment's add-on offer at `at`, made at the kiosk or by the desk (the guest didn't
 * use the kiosk): one line per card, recording what was shown, what was unavailable (and why) and
 * the price and minutes quoted. Returns the offer's id.
 */
export function openOffer(
  m: Model,
  appointmentId: number,
  channel: CheckInChannel,
  cards: readonly OfferCard[],
  at = m.clock.now(),
): number {
  const { db } = m;
  const id = Number(
    stmt(
      db,
      "INSERT INTO offers (appointment_id, channel, status, offered_at, local_day) VALUES (?, ?, 'offered', ?, ?)",
    ).run(appointmentId, channel, at.toISOString(), localParts(at, getSettings(db).timeZone).day).lastInsertRowid,
  );
  if (cards.length > 0) {
    stmt(db, offerItemsSql(cards.length)).run(
      cards.flatMap((c) => [id, c.addonId, c.available ? 1 : 0, c.unavailableReason, c.priceCents, c.extraMinutes]),
    );
  }
  return id;
}
