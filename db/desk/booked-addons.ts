import type { Language } from "../../contract/common";
import type { DB } from "../open";
import { stmt } from "../stmt";

/**
 * A visit's add-ons booked ahead in the booking system (migration 0033): an import's add-on row joined to its massage
 * (db/import/visits.ts). The booking's length covers them (the therapist and room are held), so they add no minutes
 * after it; the kiosk never offers them again, the desk and the therapist's slip show them as add-ons booked ahead,
 * and neither the kiosk's offer reports nor the till's add-on file count them (the booking system sold them).
 */
export interface BookedAddon {
  id: number;
  /** As booked: part of the booking's own length. */
  minutes: number;
}

/** A booked-ahead add-on as shown: its code, its title in `lang` (English where none), its minutes as booked. */
export interface BookedAddonLine {
  addonId: number;
  code: string;
  title: string;
  minutes: number;
}

/** The appointment's booked-ahead add-ons, as an import stored them, by add-on id. */
export const bookedAddons = (db: DB, appointmentId: number): BookedAddon[] =>
  stmt(
    db,
    "SELECT addon_id AS id, extra_minutes AS minutes FROM booked_addons WHERE appointment_id = ? ORDER BY addon_id",
  ).all(appointmentId) as BookedAddon[];

/** The same add-ons for the same minutes, in any order. */
export const sameBookedAddons = (a: readonly BookedAddon[], b: readonly BookedAddon[]): boolean => {
  const key = (list: readonly BookedAddon[]) =>
    JSON.stringify([...list].sort((x, y) => x.id - y.id).map((x) => [x.id, x.minutes]));
  return key(a) === key(b);
};

/** Replaces the appointment's booked-ahead add-ons with `addons` (none: it has none). Inside the caller's write. */
export function storeBookedAddons(db: DB, appointmentId: number, addons: readonly BookedAddon[]): void {
  stmt(db, "DELETE FROM booked_addons WHERE appointment_id = ?").run(appointmentId);
  const insert = stmt(db, "INSERT INTO booked_addons (appointment_id, addon_id, extra_minutes) VALUES (?, ?, ?)");
  for (const a of addons) insert.run(appointmentId, a.id, a.minutes);
}

/** The appointment's booked-ahead add-ons as the guest, the desk or the slip reads them, in the catalog's order. */
export const bookedAddonLines = (db: DB, appointmentId: number, lang: Language = "en"): BookedAddonLine[] =>
  stmt(
    db,
    `SELECT b.addon_id AS addonId, a.code, COALESCE(t.title, en.title, a.code) AS title, b.extra_minutes AS minutes
     FROM booked_addons b JOIN addons a ON a.id = b.addon_id
     LEFT JOIN addon_texts t ON t.addon_id = a.id AND t.lang = ?
     LEFT JOIN addon_texts en ON en.addon_id = a.id AND en.lang = 'en'
     WHERE b.appointment_id = ? ORDER BY a.sort_order, a.id`,
  ).all(lang, appointmentId) as BookedAddonLine[];
