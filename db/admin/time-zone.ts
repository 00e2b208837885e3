import type { ReadModel } from "../model";
import type { DB } from "../open";
import { stmt } from "../stmt";
import { zoneConverter, type ZoneConverter } from "../zone-converter";
import { ZONE_CHANGE_INLINE_MAX, type TimeZoneChange } from "../../contract/admin";
import { getSettings } from "../settings";
import { clockTimeLocal } from "../time";

/**
 * What a change of the spa's time zone does to what is stored (the back office's Kiosk settings save it; one
 * transaction with the setting and its audit row):
 *
 * - A booking keeps its wall-clock time: the "10:00" the booking system's export or the desk gave, read in the old
 *   zone, is 10:00 in the new one, on the same day; its instants move (its length kept). Past and checked-in bookings
 *   move too: the zone being corrected was wrong when they were booked, so their instants were; the check-in, a true
 *   instant, then sits beside its booking again, and a ticket already printed (which shows the wall-clock time) still
 *   agrees with it. A walk-in's booking is the exception: it starts when the guest was at the desk, an instant.
 * - An event keeps its instant (check-ins, offers, walk-ins' arrivals, tickets, audit rows), and every spa-local
 *   column derived from one is recomputed in the new zone.
 *
 * Only rows whose values change are written, so the report cache (the check-ins' triggers mark both days stale in
 * report_stale) and head office (the outbox's check-in trigger sends the visit's new day and hour; head office
 * refolds the visit) hear of exactly the visits that moved.
 */
export interface ZoneChangeCounts {
  /** Bookings whose instants moved to keep their wall-clock time. */
  bookingsMoved: number;
  /** Walk-ins' bookings (instants kept) whose day changed. */
  walkInBookingsRedated: number;
  /** Check-ins whose spa-local day, hour or weekday changed. */
  checkInsRedated: number;
  offersRedated: number;
  walkInsRedated: number;
  /** Restore gaps' booking times (wall clock kept, as the bookings'). */
  restoreGapsMoved: number;
}

/** The SQL functions a change runs with, registered on the connection for its statements. */
const FN = {
  day: "hh_zone_day",
  hour: "hh_zone_hour",
  weekday: "hh_zone_weekday",
  start: "hh_zone_wall_start",
  end: "hh_zone_wall_end",
} as const;

/**
 * One converter per zone and a one-row memo: SET and WHERE ask about the same instant several times a row. Returns
 * what forgets them (each change starts afresh: the converters' per-hour offsets are a change's, not the app's).
 */
function registerFunctions(db: DB): () => void {
  const converters = new Map<string, ZoneConverter>();
  const converter = (tz: string) => {
    let c = converters.get(tz);
    if (!c) converters.set(tz, (c = zoneConverter(tz)));
    return c;
  };
  let last: { iso: string; tz: string; parts: ReturnType<ZoneConverter["parts"]> } | null = null;
  const parts = (iso: unknown, tz: unknown) => {
    if (typeof iso !== "string" || typeof tz !== "string") throw new TypeError("instant and zone must be text");
    if (last?.iso !== iso || last.tz !== tz) last = { iso, tz, parts: converter(tz).parts(Date.parse(iso)) };
    return last.parts;
  };
  /** The instant showing, in `to`, the wall-clock time `iso` showed in `from` (seconds within the minute kept). */
  let lastStart: { iso: string; moved: string } | null = null;
  const wallStart = (iso: unknown, from: unknown, to: unknown): string => {
    if (typeof iso !== "string" || typeof from !== "string" || typeof to !== "string")
      throw new TypeError("instant and zones must be text");
    if (lastStart?.iso === iso) return lastStart.moved;
    const ms = Date.parse(iso);
    const p = converter(from).parts(ms);
    const withinMinute = ms - Math.floor(ms / 60_000) * 60_000;
    const moved = new Date(converter(to).toUtc(p.day, p.hour, p.minute) + withinMinute).toISOString();
    lastStart = { iso, moved };
    return moved;
  };
  const opts = { deterministic: true, varargs: false } as const;
  db.function(FN.day, opts, (iso: unknown, tz: unknown) => parts(iso, tz).day);
  db.function(FN.hour, opts, (iso: unknown, tz: unknown) => parts(iso, tz).hour);
  db.function(FN.weekday, opts, (iso: unknown, tz: unknown) => parts(iso, tz).weekday);
  db.function(FN.start, opts, wallStart);
  db.function(FN.end, opts, (start: unknown, end: unknown, from: unknown, to: unknown) => {
    const moved = Date.parse(wallStart(start, from, to)) - Date.parse(start as string);
    return new Date(Date.parse(end as string) + moved).toISOString();
  });
  return () => {
    converters.clear();
    last = null;
    lastStart = null;
  };
}

const day = (col: string) => `${FN.day}(${col}, @to)`;
const MOVED_START = `${FN.start}(starts_at, @from, @to)`;

/** The statements of a change, in order; each writes only rows whose values differ. */
export const ZONE_CHANGE_STATEMENTS: Record<keyof ZoneChangeCounts, string> = {
  bookingsMoved: `UPDATE appointments SET starts_at = ${MOVED_START}, ends_at = ${FN.end}(starts_at, ends_at, @from, @to),
      local_day = ${FN.day}(${MOVED_START}, @to)
    WHERE source != 'walk-in' AND (starts_at != ${MOVED_START} OR local_day != ${FN.day}(${MOVED_START}, @to))`,
  walkInBookingsRedated: `UPDATE appointments SET local_day = ${day("starts_at")}
    WHERE source = 'walk-in' AND local_day != ${day("starts_at")}`,
  checkInsRedated: `UPDATE check_ins
    SET local_day = ${day("checked_in_at")}, local_hour = ${FN.hour}(checked_in_at, @to),
        local_weekday = ${FN.weekday}(checked_in_at, @to)
    WHERE local_day != ${day("checked_in_at")} OR local_hour != ${FN.hour}(checked_in_at, @to)
       OR local_weekday != ${FN.weekday}(checked_in_at, @to)`,
  offersRedated: `UPDATE offers SET local_day = ${day("offered_at")} WHERE local_day != ${day("offered_at")}`,
  walkInsRedated: `UPDATE walk_ins SET local_day = ${day("arrived_at")} WHERE local_day != ${day("arrived_at")}`,
  restoreGapsMoved: `UPDATE restore_gaps SET starts_at = ${MOVED_START} WHERE starts_at != ${MOVED_START}`,
};

const registered = new WeakMap<DB, () => void>();

/**
 * Recomputes every stored spa-local value for a change of zone from `from` to `to`. Call inside the transaction that
 * saves the setting: all of it or none of it. Returns how many rows of each kind changed.
 */
export function applyZoneChange(db: DB, from: string, to: string): ZoneChangeCounts {
  let forget = registered.get(db);
  if (!forget) registered.set(db, (forget = registerFunctions(db)));
  const counts = {} as ZoneChangeCounts;
  try {
    for (const [key, sql] of Object.entries(ZONE_CHANGE_STATEMENTS) as [keyof ZoneChangeCounts, string][])
      counts[key] = from === to ? 0 : stmt(db, sql).run({ from, to }).changes;
  } finally {
    forget();
  }
  return counts;
}

const EFFECT_SQL = {
  // Counted up to one past the limit, through the tables' smallest index: a year's file is not read to say it is big.
  capped: `SELECT (SELECT count(*) FROM (SELECT 1 FROM appointments LIMIT @cap))
      + (SELECT count(*) FROM (SELECT 1 FROM check_ins LIMIT @cap))`,
  counts: `SELECT (SELECT count(*) FROM appointments WHERE source != 'walk-in') AS bookings,
      (SELECT count(*) FROM check_ins) AS check_ins`,
  nextBooking: `SELECT starts_at FROM appointments WHERE source != 'walk-in' AND starts_at >= ? AND status = 'booked'
    ORDER BY starts_at LIMIT 1`,
  lastBooking: "SELECT max(starts_at) FROM appointments WHERE source != 'walk-in'",
  lastCheckIn: "SELECT max(checked_in_at) FROM check_ins",
} as const;

/** What saving `to` as the spa's zone would do (the settings screen's warning): counts and one example of each. */
export function zoneChangeEffect(m: ReadModel, to: string): TimeZoneChange {
  const { db, clock } = m;
  const from = getSettings(db).timeZone;
  const rows = stmt(db, EFFECT_SQL.capped)
    .pluck()
    .get({ cap: ZONE_CHANGE_INLINE_MAX + 1 }) as number;
  const pauses = rows > ZONE_CHANGE_INLINE_MAX;
  const c = pauses
    ? { bookings: 0, check_ins: 0 }
    : (stmt(db, EFFECT_SQL.counts).get() as { bookings: number; check_ins: number });
  // The examples scan the tables (no index by start alone): asked only of a spa small enough to change at once.
  const next = pauses
    ? null
    : ((stmt(db, EFFECT_SQL.nextBooking).pluck().get(clock.now().toISOString()) as string | undefined) ?? null);
  const booking = pauses ? null : (next ?? (stmt(db, EFFECT_SQL.lastBooking).pluck().get() as string | null));
  const checkIn = pauses ? null : (stmt(db, EFFECT_SQL.lastCheckIn).pluck().get() as string | null);
  return {
    bookings: c.bookings,
    checkIns: c.check_ins,
    bookingTime: booking ? clockTimeLocal(booking, from) : null,
    checkIn: checkIn ? { before: clockTimeLocal(checkIn, from), after: clockTimeLocal(checkIn, to) } : null,
    pauses: from !== to && pauses,
  };
}
