import { stmt } from "./stmt";
import type { Language } from "../contract/common";
import type { OfferCard } from "../contract/channels";
import type { DB } from "./open";
import { addMinutes } from "./time";

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
  therapist_id: number;
  room_id: number;
  ends_at: string;
}

/** Whose next booking leaves too little time: the kiosk words it from its catalogs. */
export type CapacityReason = "therapist" | "room";

/**
 * Minutes free after the appointment before the same therapist's or room's next booking
 * (null = nothing booked after it that day or later).
 */
export function freeMinutesAfter(db: DB, slot: AppointmentSlot): { therapist: number | null; room: number | null } {
  const next = (column: "therapist_id" | "room_id", param: string) =>
    `(SELECT starts_at FROM appointments
      WHERE ${column} = ${param} AND id != @id AND status = 'booked' AND starts_at >= @end
      ORDER BY starts_at LIMIT 1)`;
  const row = stmt(db, `SELECT ${next("therapist_id", "@therapist")} AS therapist, ${next("room_id", "@room")} AS room`).get({
    id: slot.id,
    end: slot.ends_at,
    therapist: slot.therapist_id,
    room: slot.room_id,
  }) as { therapist: string | null; room: string | null };
  const end = Date.parse(slot.ends_at);
  const minutesUntil = (startsAt: string | null) => (startsAt === null ? null : Math.floor((Date.parse(startsAt) - end) / 60_000));
  return { therapist: minutesUntil(row.therapist), room: minutesUntil(row.room) };
}

/** The tighter of the two limits: minutes free before the therapist's or room's next booking. */
export function freeMinutes(db: DB, slot: AppointmentSlot, free = freeMinutesAfter(db, slot)): number | null {
  const limits = [free.therapist, free.room].filter((x): x is number => x !== null);
  return limits.length > 0 ? Math.max(0, Math.min(...limits)) : null;
}

/** Why `extraMinutes` more would collide with the next booking, or null when it fits. */
export function capacityProblem(db: DB, slot: AppointmentSlot, extraMinutes: number, free = freeMinutesAfter(db, slot)): CapacityReason | null {
  if (free.therapist !== null && free.therapist < extraMinutes) return "therapist";
  if (free.room !== null && free.room < extraMinutes) return "room";
  return null;
}

/** The add-ons this appointment's service may carry, in display order, with copy in `lang`. */
export function offerCards(db: DB, slot: AppointmentSlot, lang: Language, known?: ReturnType<typeof freeMinutesAfter>): OfferCard[] {
  const rows = stmt(db, 
      `SELECT a.id, a.code, a.price_cents, a.extra_minutes,
              COALESCE(t.title, en.title) AS title, COALESCE(t.benefits, en.benefits) AS benefits
       FROM addons a
       JOIN addon_services s ON s.addon_id = a.id AND s.service_id = ?
       JOIN services sv ON sv.id = s.service_id AND sv.offer_addons = 1
       LEFT JOIN addon_texts t ON t.addon_id = a.id AND t.lang = ?
       LEFT JOIN addon_texts en ON en.addon_id = a.id AND en.lang = 'en'
       WHERE a.active = 1
       ORDER BY a.sort_order, a.id`,
    )
    .all(slot.service_id, lang) as AddonRow[];
  const free = known ?? (rows.length > 0 ? freeMinutesAfter(db, slot) : { therapist: null, room: null });
  return rows.map((r) => {
    const problem = capacityProblem(db, slot, r.extra_minutes, free);
    return {
      addonId: r.id,
      code: r.code,
      title: r.title,
      benefits: JSON.parse(r.benefits) as string[],
      priceCents: r.price_cents,
      extraMinutes: r.extra_minutes,
      available: problem === null,
      unavailableReason: problem,
    };
  });
}

/** End of the session including the chosen add-ons' minutes. */
export const endWithAddons = (endsAt: string, extraMinutes: number): string => addMinutes(endsAt, extraMinutes);
