import type { ReadModel } from "../model";
import { stmt } from "../stmt";
import { toCsv } from "../../contract/csv";
import { SETTLED_SQL } from "../kiosk/offers";
import { getSettings } from "../settings";
import { formatLocal } from "../time";

/**
 * The confirmed add-ons of a spa-local day as CSV for the POS to ring up: one row per add-on,
 * with the appointment's external id (the POS's own key; the booking code when it has none)
 * and the price quoted to the guest. Voided add-ons and cancelled appointments are left out, and so are the add-ons
 * booked ahead in the booking system (db/desk/booked-addons.ts, never an offer line): the booking system sold them with
 * the booking, and the till would ring them up a second time.
 */
export function exportConfirmedAddons(m: ReadModel, day: string): { filename: string; content: string } {
  const { db } = m;
  const rows = stmt(
    db,
    `SELECT a.external_id, a.booking_code, a.starts_at, c.checked_in_at, ad.code, t.title, i.price_cents
     FROM offers o JOIN appointments a ON a.id = o.appointment_id
     JOIN offer_items i ON i.offer_id = o.id AND i.final_selected = 1
     JOIN addons ad ON ad.id = i.addon_id JOIN addon_texts t ON t.addon_id = ad.id AND t.lang = 'en'
     LEFT JOIN check_ins c ON c.appointment_id = a.id
     WHERE a.local_day = ? AND o.status IN ${SETTLED_SQL} AND a.status != 'cancelled'
     ORDER BY a.starts_at, a.id, ad.sort_order`,
  ).all(day) as {
    external_id: string | null;
    booking_code: string;
    starts_at: string;
    checked_in_at: string | null;
    code: string;
    title: string;
    price_cents: number;
  }[];
  const tz = getSettings(db).timeZone;
  const clock = (iso: string) => formatLocal(iso, tz, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  // README "POS add-on export" documents each column. Every row carries both keys a till can match:
  // the booking system's ID (blank for a booking made in this app) and the app's booking code.
  const content = toCsv(
    ["Date", "Appointment start", "Booking system ID", "Booking code", "Checked in", "Add-on code", "Add-on", "Price"],
    rows.map((r) => [
      day,
      clock(r.starts_at),
      r.external_id ?? "",
      r.booking_code,
      r.checked_in_at === null ? "" : clock(r.checked_in_at),
      r.code,
      r.title,
      r.price_cents / 100,
    ]),
  );
  return { filename: `happyhead-addons-${day}.csv`, content };
}
