import {
  bookedAheadPerRow,
  figuresOf,
  NO_BOOKED_AHEAD,
  type BookedAheadCounts,
  type Figures,
  type UptakeReport,
} from "../../contract/reports";
import type { Breakdowns } from "../reports";
import { aheadOf } from "../dashboard/compare";
import type { AddonMeasure, Counts } from "../fold";

/**
 * The figures two reports are compared on, figure by figure: the totals (every FIGURES count and
 * rate), the funnel and the desk's overrides, and per add-on code what was shown, chosen at the
 * kiosk, taken, earned and the minutes added.
 */
export interface Comparable {
  totals: ReturnType<typeof figuresOf>;
  /**
   * Per breakdown key: every figure (counts and rates), by hour the counts summed over weekdays; and the key's add-ons
   * booked ahead.
   */
  breakdowns?: Record<string, Record<string, Partial<Figures> & { booked: BookedAheadCounts }>>;
  funnel: {
    offered: number;
    accepted: number;
    confirmed: number;
    printed: number;
    deskReviewed: number;
    overridden: number;
  };
  byAddon: Record<
    string,
    { shown: number; chosenAtKiosk: number; taken: number; revenueCents: number; extraMinutes: number }
  >;
  /** Per add-on code booked ahead in the booking system: how many, their minutes and value (their own measure). */
  bookedAhead: Record<string, { count: number; minutes: number; valueCents: number }>;
}

/** The count figures (not the rates) of a report, the ones two reports can be summed and compared on. */
export const COUNT_KEYS = [
  "checkIns",
  "offered",
  "offeredMulti",
  "acceptedAtKiosk",
  "addedAtDesk",
  "confirmed",
  "voided",
  "taken",
  "takenMulti",
  "revenueCents",
  "extraMinutes",
] as const satisfies readonly (keyof Figures)[];
export type CountKey = (typeof COUNT_KEYS)[number];
export const countsOnly = (f: Figures): Record<CountKey, number> =>
  Object.fromEntries(COUNT_KEYS.map((k) => [k, f[k]])) as Record<CountKey, number>;

/** The location's breakdowns as the head office keys them, each key with its add-ons booked ahead. */
export function breakdownsOfLocationReport(r: UptakeReport): NonNullable<Comparable["breakdowns"]> {
  const ahead = bookedAheadPerRow(r.bookedAhead);
  const hours: NonNullable<Comparable["breakdowns"]>[string] = {};
  for (const c of r.weekdayHour) {
    const sum = (hours[String(c.hour)] ??= {
      ...Object.fromEntries(COUNT_KEYS.map((k) => [k, 0])),
      booked: NO_BOOKED_AHEAD,
    });
    for (const k of COUNT_KEYS) sum[k] = (sum[k] ?? 0) + c.figures[k];
    const b = ahead.weekdayHour(c);
    sum.booked = {
      count: sum.booked.count + b.count,
      minutes: sum.booked.minutes + b.minutes,
      valueCents: sum.booked.valueCents + b.valueCents,
    };
  }
  return {
    hour: hours,
    channel: Object.fromEntries(r.byChannel.map((c) => [c.channel, { ...c.figures, booked: ahead.channel(c) }])),
    language: Object.fromEntries(
      r.byLanguage.map((c) => [c.language ?? "none", { ...c.figures, booked: ahead.language(c) }]),
    ),
    service: Object.fromEntries(
      r.byService
        .filter((c) => c.figures.checkIns > 0)
        .map((c) => [c.name, { ...c.figures, booked: ahead.service(c) }]),
    ),
  };
}

export function breakdownsOfHeadOffice(b: Breakdowns): NonNullable<Comparable["breakdowns"]> {
  const by = (list: Breakdowns[keyof Breakdowns], counts = false) =>
    Object.fromEntries(
      list.map((c) => {
        const f = figuresOf(c.counts);
        return [c.key, { ...(counts ? countsOnly(f) : f), booked: aheadOf(c.booked) }];
      }),
    );
  return { hour: by(b.hour, true), channel: by(b.channel), language: by(b.language), service: by(b.service) };
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
    r.byAddon
      .filter((a) => a.shown + a.taken + a.chosenAtKiosk > 0)
      .map((a) => [
        a.code,
        {
          shown: a.shown,
          chosenAtKiosk: a.chosenAtKiosk,
          taken: a.taken,
          revenueCents: a.revenueCents,
          extraMinutes: a.extraMinutes,
        },
      ]),
  ),
  bookedAhead: Object.fromEntries(
    r.bookedAhead.byAddon.map((a) => [a.code, { count: a.count, minutes: a.minutes, valueCents: a.valueCents }]),
  ),
});

export const ofHeadOffice = (
  counts: Counts,
  byAddon: { addon: string; counts: Record<AddonMeasure, number> }[],
): Comparable => ({
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
      .map((a) => [
        a.addon,
        {
          shown: a.counts.shown,
          chosenAtKiosk: a.counts.chosen_kiosk,
          taken: a.counts.taken,
          revenueCents: a.counts.revenue_cents,
          extraMinutes: a.counts.extra_minutes,
        },
      ]),
  ),
  bookedAhead: Object.fromEntries(
    byAddon
      .filter((a) => a.counts.booked > 0)
      .map((a) => [
        a.addon,
        { count: a.counts.booked, minutes: a.counts.booked_minutes, valueCents: a.counts.booked_cents },
      ]),
  ),
});
