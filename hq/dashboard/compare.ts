import type { Pool } from "pg";
import type { ChainComparison, LocationReport } from "../../contract/dashboard";
import { figuresOf, funnelOf, ratio, type DateRange } from "../../contract/reports";
import type { Counts } from "../fold";
import { MEASURES } from "../migrations/0001-initial";
import { locationBreakdowns, locationFigures, weekdayHour } from "../reports";

/** Every location side by side for the range: the location report's figures (FIGURES) and each add-on's uptake. */
export async function chainComparison(pool: Pool, range: DateRange): Promise<ChainComparison> {
  const locations = await locationFigures(pool, range);
  const addons = [...new Set(locations.flatMap((l) => l.byAddon.map((a) => a.addon)))].sort();
  const sum = Object.fromEntries(MEASURES.map((m) => [m, locations.reduce((n, l) => n + l.counts[m], 0)])) as Counts;
  return {
    range: { from: range.from, to: range.to },
    addons,
    totals: figuresOf(sum),
    locations: locations.map((l) => ({
      locationId: l.locationId,
      name: l.name,
      lastSyncAt: l.lastSyncAt,
      figures: figuresOf(l.counts),
      byAddon: Object.fromEntries(
        l.byAddon.map((a) => [
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
 * One location's figures and breakdowns (and its weekday × hour grid) for the range; null for an id head office doesn't
 * know.
 */
export async function locationReport(pool: Pool, range: DateRange, locationId: string): Promise<LocationReport | null> {
  const [location] = await locationFigures(pool, range, [locationId]);
  if (!location) return null;
  const [b, grid] = await Promise.all([
    locationBreakdowns(pool, range, locationId),
    weekdayHour(pool, range, locationId),
  ]);
  const rows = (list: (typeof b)[keyof typeof b]) => list.map((r) => ({ key: r.key, figures: figuresOf(r.counts) }));
  return {
    range: { from: range.from, to: range.to },
    locationId: location.locationId,
    name: location.name,
    lastSyncAt: location.lastSyncAt,
    figures: figuresOf(location.counts),
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
    weekdayHour: grid.map((c) => ({ weekday: c.weekday, hour: c.hour, figures: figuresOf(c.counts) })),
  };
}
