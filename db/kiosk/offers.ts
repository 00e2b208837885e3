import { stmt } from "../stmt";
import type { Language } from "../../contract/common";
import type { OfferCard } from "../../contract/channels";
import type { DB } from "../open";
import { addMinutes } from "../time";

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
  /** Start of the same therapist's / room's next booking after this one ends (NEXT_BOOKINGS). */
  next_therapist_at: string | null;
  next_room_at: string | null;
}

/**
 * Columns `next_therapist_at` and `next_room_at` for a query over `appointments a`: when the same
 * therapist and the same room are next booked at or after `a` ends (null = nothing later). Read
 * with the appointment itself, so a check-in asks the database once.
 */
export const NEXT_BOOKINGS = ["therapist", "room"]
  .map(
    (who) => `(SELECT n.starts_at FROM appointments n
      WHERE n.${who}_id = a.${who}_id AND n.id != a.id AND n.status = 'booked' AND n.starts_at >= a.ends_at
      ORDER BY n.starts_at LIMIT 1) AS next_${who}_at`,
  )
  .join(",\n");

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
export function capacityProblem(slot: AppointmentSlot, extraMinutes: number, free = freeMinutesAfter(slot)): CapacityReason | null {
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
    const rows = stmt(db,
        `SELECT a.id, a.code, a.price_cents, a.extra_minutes,
                COALESCE(t.title, en.title) AS title, COALESCE(t.benefits, en.benefits) AS benefits
         FROM addons a
         JOIN addon_services s ON s.addon_id = a.id AND s.service_id = ?
         LEFT JOIN addon_texts t ON t.addon_id = a.id AND t.lang = ?
         LEFT JOIN addon_texts en ON en.addon_id = a.id AND en.lang = 'en'
         WHERE a.active = 1
         ORDER BY a.sort_order, a.id`,
      )
      .all(serviceId, lang) as AddonRow[];
    entries = Object.freeze(
      rows.map((r) =>
        Object.freeze({
          addonId: r.id,
          code: r.code,
          title: r.title,
          benefits: Object.freeze(JSON.parse(r.benefits) as string[]) as string[],
          priceCents: r.price_cents,
          extraMinutes: r.extra_minutes,
        }),
      ),
    );
    catalog.entries.set(key, entries);
  }
  return entries;
}

/** The add-ons this appointment's service may carry, in display order, with copy in `lang`. */
export function offerCards(db: DB, slot: AppointmentSlot, lang: Language, free = freeMinutesAfter(slot)): OfferCard[] {
  return catalogFor(db, slot.service_id, lang).map((entry) => {
    const problem = capacityProblem(slot, entry.extraMinutes, free);
    return { ...entry, available: problem === null, unavailableReason: problem };
  });
}

/** End of the session including the chosen add-ons' minutes. */
export const endWithAddons = (endsAt: string, extraMinutes: number): string => addMinutes(endsAt, extraMinutes);
