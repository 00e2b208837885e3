import type { Pool } from "pg";
import type { ChainComparison, HeadOfficeBookedAhead, LocationReport } from "../../contract/dashboard";
import { figuresOf, funnelOf, ratio, type BookedAheadCounts, type DateRange } from "../../contract/reports";
import type { BookedCounts, Counts } from "../fold";
import { MEASURES } from "../migrations/0001-initial";
import { locationBreakdowns, locationFigures, weekdayHour, type LocationFigures } from "../reports";

type AddonRow = LocationFigures["byAddon"][number];
/** An add-on cell of the kiosk's offer: any but one only booked ahead (shown to nobody at the kiosk). */
const atKiosk = (a: AddonRow) => a.counts.booked === 0 || a.counts.shown > 0;

/** Booked-ahead counts as head office keeps them, as the reports name them (FIGURES bookedAhead…). */
export const aheadOf = (c: BookedCounts): BookedAheadCounts => ({
  count: c.booked,
  minutes: c.booked_minutes,
  valueCents: c.booked_cents,
});

/** A location's add-ons booked ahead (FIGURES bookedAhead…), per add-on and in all. */
function bookedAheadOf(byAddon: readonly AddonRow[]): HeadOfficeBookedAhead {
  const rows = byAddon.filter((a) => a.counts.booked > 0).map((a) => ({ addon: a.addon, ...aheadOf(a.counts) }));
  const sum = (k: "count" | "minutes" | "valueCents") => rows.reduce((n, r) => n + r[k], 0);
  return { total: { count: sum("count"), minutes: sum("minutes"), valueCents: sum("valueCents") }, byAddon: rows };
}

/**
 * Every location side by side for the range: the location report's figures (FIGURES), each add-on's uptake at the
 * kiosk, and the add-ons booked ahead, apart.
 */
export async function chainComparison(pool: Pool, range: DateRange): Promise<ChainComparison> {
  const locations = await locationFigures(pool, range);
  const addons = [...new Set(locations.flatMap((l) => l.byAddon.filter(atKiosk).map((a) => a.addon)))].sort();
  const booked = locations.map((l) => bookedAheadOf(l.byAddon));
  const bookedSum = (k: "count" | "minutes" | "valueCents") => booked.reduce((n, b) => n + b.total[k], 0);
  const sum = Object.fromEntries(MEASURES.map((m) => [m, locations.reduce((n, l) => n + l.counts[m], 0)])) as Counts;
  return {
    range: { from: range.from, to: range.to },
    addons,
    totals: figuresOf(sum),
    bookedAddons: [...new Set(booked.flatMap((b) => b.byAddon.map((a) => a.addon)))].sort(),
    bookedAhead: { count: bookedSum("count"), minutes: bookedSum("minutes"), valueCents: bookedSum("valueCents") },
    locations: locations.map((l, i) => ({
      locationId: l.locationId,
      name: l.name,
      lastSyncAt: l.lastSyncAt,
      figures: figuresOf(l.counts),
      bookedAhead: booked[i] ?? bookedAheadOf([]),
      byAddon: Object.fromEntries(
        l.byAddon.filter(atKiosk).map((a) => [
          a.addon,
          {
            shown: a.counts.shown,
            taken: a.counts.taken,
            takeRate: ratio(a.counts.taken, a.counts.shown),
            revenueCents: a.counts.revenue_cents,
          },
        ]),
      ),
    })),
  };
}

/**
 * One location's figures and breakdowns (and its weekday × hour grid), each row with its add-ons booked ahead, for the
 * range; null for an id head office doesn't know.
 */
export async function locationReport(pool: Pool, range: DateRange, locationId: string): Promise<LocationReport | null> {
  const [location] = await locationFigures(pool, range, [locationId]);
  if (!location) return null;
  const [b, grid] = await Promise.all([
    locationBreakdowns(pool, range, locationId),
    weekdayHour(pool, range, locationId),
  ]);
  const rows = (list: (typeof b)[keyof typeof b]) =>
    list.map((r) => ({ key: r.key, figures: figuresOf(r.counts), booked: aheadOf(r.booked) }));
  return {
    range: { from: range.from, to: range.to },
    locationId: location.locationId,
    name: location.name,
    lastSyncAt: location.lastSyncAt,
    figures: figuresOf(location.counts),
    bookedAhead: bookedAheadOf(location.byAddon),
    funnel: funnelOf({
      offered: location.counts.offered,
      accepted: location.counts.f_accepted,
      confirmed: location.counts.f_confirmed,
      printed: location.counts.f_printed,
      deskReviewed: location.counts.desk_reviewed,
      overridden: location.counts.overridden,
    }),
    service: rows(b.service),
    channel: rows(b.channel),
    language: rows(b.language),
    hour: rows(b.hour).sort((x, y) => Number(x.key) - Number(y.key)),
    weekdayHour: grid.map((c) => ({
      weekday: c.weekday,
      hour: c.hour,
      figures: figuresOf(c.counts),
      booked: aheadOf(c.booked),
    })),
  };
}
