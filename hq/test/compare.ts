import type { UptakeReport } from "../../contract/reports";
import { figuresOf } from "../../db/reports/reports";
import type { AddonMeasure, Counts } from "../fold";

/**
 * The figures two reports are compared on, figure by figure: the totals (every FIGURES count and
 * rate), the funnel and the desk's overrides, and per add-on code what was shown, chosen at the
 * kiosk, taken, earned and the minutes added.
 */
export interface Comparable {
  totals: ReturnType<typeof figuresOf>;
  funnel: { offered: number; accepted: number; confirmed: number; printed: number; deskReviewed: number; overridden: number };
  byAddon: Record<string, { shown: number; chosenAtKiosk: number; taken: number; revenueCents: number; extraMinutes: number }>;
}

export const ofLocationReport = (r: UptakeReport): Comparable => ({
  totals: r.totals,
  funnel: {
    offered: r.funnel.steps[0]!.count,
    accepted: r.funnel.steps[1]!.count,
    confirmed: r.funnel.steps[2]!.count,
    printed: r.funnel.steps[3]!.count,
    deskReviewed: r.funnel.deskReviewed,
    overridden: r.funnel.overridden,
  },
  byAddon: Object.fromEntries(
    r.byAddon.filter((a) => a.shown + a.taken + a.chosenAtKiosk > 0).map((a) => [a.code, { shown: a.shown, chosenAtKiosk: a.chosenAtKiosk, taken: a.taken, revenueCents: a.revenueCents, extraMinutes: a.extraMinutes }]),
  ),
});

export const ofHeadOffice = (counts: Counts, byAddon: { addon: string; counts: Record<AddonMeasure, number> }[]): Comparable => ({
  totals: figuresOf(counts),
  funnel: {
    offered: counts.offered,
    accepted: counts.f_accepted,
    confirmed: counts.f_confirmed,
    printed: counts.f_printed,
    deskReviewed: counts.desk_reviewed,
    overridden: counts.overridden,
  },
  byAddon: Object.fromEntries(
    byAddon
      .filter((a) => a.counts.shown + a.counts.taken + a.counts.chosen_kiosk > 0)
      .map((a) => [a.addon, { shown: a.counts.shown, chosenAtKiosk: a.counts.chosen_kiosk, taken: a.counts.taken, revenueCents: a.counts.revenue_cents, extraMinutes: a.counts.extra_minutes }]),
  ),
});
