import { languageNames, type Language } from "../../contract/common";
import type { Cell } from "../../contract/csv";
import { WEEKDAYS } from "../../contract/report-tables";
import { localParts, offsetMinutes } from "../time";

/**
 * What one check-in is in the exports: the rows' SQL (whole, and a page at a time), the check-ins CSV's columns and
 * each row's cells in the spa's time. ./export.ts writes them to files.
 */

/** One row per check-in of the range, in day order; also what `sqlite3 -csv` runs in the benchmark. */
export const CHECKIN_EXPORT_SQL = /* sql */ `
SELECT c.local_day, c.checked_in_at, c.local_hour, c.local_weekday, c.channel, a.external_id, a.booking_code, a.starts_at,
       s.name AS service, t.name AS therapist,
       coalesce(o.status, 'no offer') AS status,
       coalesce((SELECT group_concat(ad.code, ' + ') FROM offer_items i JOIN addons ad ON ad.id = i.addon_id
                 WHERE i.offer_id = o.id AND i.shown = 1), '') AS offered,
       coalesce((SELECT group_concat(ad.code, ' + ') FROM offer_items i JOIN addons ad ON ad.id = i.addon_id
                 WHERE i.offer_id = o.id AND i.guest_selected = 1), '') AS chose,
       coalesce((SELECT group_concat(ad.code, ' + ') FROM offer_items i JOIN addons ad ON ad.id = i.addon_id
                 WHERE i.offer_id = o.id AND i.final_selected = 1 AND o.status != 'voided'), '') AS final,
       coalesce((SELECT sum(i.price_cents) FROM offer_items i WHERE i.offer_id = o.id AND i.final_selected = 1 AND o.status != 'voided'), 0) AS cents,
       coalesce((SELECT sum(i.extra_minutes) FROM offer_items i WHERE i.offer_id = o.id AND i.final_selected = 1 AND o.status != 'voided'), 0) AS minutes,
       EXISTS (SELECT 1 FROM tickets tk CROSS JOIN print_jobs j ON j.ticket_id = tk.id WHERE tk.appointment_id = c.appointment_id AND j.status = 'printed') AS printed,
       c.lang, coalesce((SELECT group_concat(ad.code || ' ' || b.extra_minutes || ' min', ' + ') FROM booked_addons b JOIN addons ad
                 ON ad.id = b.addon_id WHERE b.appointment_id = c.appointment_id AND a.status != 'cancelled'), '') AS booked
FROM check_ins c
JOIN appointments a ON a.id = c.appointment_id
JOIN services s ON s.id = a.service_id
JOIN therapists t ON t.id = a.therapist_id
LEFT JOIN offers o ON o.appointment_id = c.appointment_id
WHERE c.local_day BETWEEN @from AND @to
ORDER BY c.local_day, c.checked_in_at, c.appointment_id`;

/**
 * CHECKIN_EXPORT_SQL a page at a time: the next @limit rows after the key (@day, @at, @id) of the
 * last row written. Each page is its own short read: an export that held one read open for its
 * whole length kept the WAL from being checkpointed and reset, and every kiosk write meanwhile
 * waited ~230 ms on the main thread (measured: walk-ins at 230 ms each during a 200,000-row export,
 * at most 52 ms without it). The index check_ins_by_day serves the key, so each page is a seek.
 */
export const CHECKIN_EXPORT_PAGE_SQL = `${CHECKIN_EXPORT_SQL.replace(
  "SELECT c.local_day,",
  "SELECT c.appointment_id, c.local_day,",
).replace(
  "ORDER BY",
  "AND (c.local_day, c.checked_in_at, c.appointment_id) > (@day, @at, @id)\nORDER BY",
)}\nLIMIT @limit`;

/**
 * The check-ins CSV's columns (README "Check-ins CSV" says what each holds). Dates and times are the
 * spa's; a row is matched to the booking system by "Booking system ID" and to the app by "Booking
 * code", never by an internal number. The last two make every check-in's time one instant, the
 * night the clocks go back too (01:30 twice): "Check-in (UTC)" sorts in true order and matches a
 * POS's own UTC stamps, "Check-in UTC offset" says which 01:30 the spa's clock showed.
 */
export const CHECKIN_HEADER = [
  "Date",
  "Check-in time",
  "Hour",
  "Weekday",
  "Check-in channel",
  "Booking system ID",
  "Booking code",
  "Appointment start",
  "Service",
  "Therapist",
  "Offer status",
  "Add-ons shown",
  "Guest chose",
  "Final add-ons",
  "Add-on revenue (USD)",
  "Extra minutes",
  "Ticket printed",
  "Kiosk language",
  "Booked ahead (booking system)",
  "Check-in (UTC)",
  "Check-in UTC offset",
] as const;

export interface CheckInRow {
  appointment_id: number;
  local_day: string;
  checked_in_at: string;
  local_hour: number;
  local_weekday: number;
  channel: string;
  external_id: string | null;
  booking_code: string;
  starts_at: string;
  service: string;
  therapist: string;
  status: string;
  offered: string;
  chose: string;
  final: string;
  cents: number;
  minutes: number;
  printed: number;
  /** The language of a kiosk check-in; null at the desk. */
  lang: Language | null;
  booked: string;
}

/**
 * An instant's spa-local day and 'HH:MM' (24-hour), what a spreadsheet sorts and an accountant reads, and the
 * zone's offset from UTC then, which tells the two 01:30s of the night the clocks go back apart.
 */
type LocalMinute = { day: string; clock: string; offset: string };
const two = (n: number) => String(n).padStart(2, "0");

/**
 * An offset from UTC as the check-ins file writes it: "UTC-04:00", "UTC+10:30", "UTC+00:00". Not the bare ISO 8601
 * "-04:00": a spreadsheet reads that as a negative time or a formula, and the formula guard would write it "'-04:00".
 */
export function utcOffsetText(minutes: number): string {
  const size = Math.abs(minutes);
  return `UTC${minutes < 0 ? "-" : "+"}${two(Math.floor(size / 60))}:${two(size % 60)}`;
}

/**
 * A stored instant to the second, as ISO 8601 in UTC ("2026-11-01T05:30:12Z"): sorts as text in true order. The app
 * stores instants as toISOString writes them ("2026-11-01T05:30:12.345Z"), cut here without parsing; any other form
 * is parsed.
 */
export const utcSecond = (instant: string): string =>
  `${(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(instant) ? instant : new Date(Date.parse(instant)).toISOString()).slice(0, 19)}Z`;

/**
 * The spa-local day, clock and UTC offset of an instant, remembered by its UTC minute for one export (every UTC
 * offset in use since 1972 is whole minutes, so an instant's minute decides them): the rows come in
 * day order, a day's check-ins and appointment starts fall in a few hundred minutes, and three
 * look-ups through Intl per row, about 1.2 µs each, were a fifth of a 1,000,000-row export. At most
 * MINUTES_KEPT are kept (forgotten all at once, a few days' worth): with 100,000 the export's peak
 * memory was 164 MB, 145 MB with these.
 */
const MINUTES_KEPT = 4096;
export function localMinutes(timeZone: string): (instant: string) => LocalMinute {
  const seen = new Map<number, LocalMinute>();
  return (instant) => {
    const minute = Math.floor(Date.parse(instant) / 60_000);
    let local = seen.get(minute);
    if (!local) {
      const p = localParts(instant, timeZone);
      local = {
        day: p.day,
        clock: `${two(p.hour)}:${two(p.minute)}`,
        offset: utcOffsetText(offsetMinutes(minute * 60_000, timeZone)),
      };
      if (seen.size >= MINUTES_KEPT) seen.clear();
      seen.set(minute, local);
    }
    return local;
  };
}

export function checkInCells(r: CheckInRow, local: (instant: string) => LocalMinute): Cell[] {
  const at = local(r.checked_in_at);
  const start = local(r.starts_at);
  return [
    r.local_day,
    at.clock,
    r.local_hour,
    WEEKDAYS[r.local_weekday] ?? "",
    r.channel,
    r.external_id ?? "",
    r.booking_code,
    `${start.day} ${start.clock}`,
    r.service,
    r.therapist,
    r.status,
    r.offered,
    r.chose,
    r.final,
    r.cents / 100,
    r.minutes,
    r.printed ? "yes" : "no",
    r.lang === null ? "" : languageNames[r.lang],
    r.booked,
    utcSecond(r.checked_in_at),
    at.offset,
  ];
}
