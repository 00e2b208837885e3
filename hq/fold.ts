import type { HqEvent } from "../contract/hq";
import { MEASURES } from "./migrations/0001-initial";
import { ADDON_COLUMNS, BOOKED_MEASURES } from "./migrations/0007-booked-ahead";

/**
 * A visit's contribution to the head office's figures, from all its events: the same counts, by
 * the same rules, as the location's own report cache (the FACTS query in db/reports.ts, FIGURES
 * in contract/reports.ts). Events are folded in the location's outbox order (seq), so the result
 * depends only on which events arrived, never on the order or the batches they came in.
 */
export type Measure = (typeof MEASURES)[number];
export type Counts = Record<Measure, number>;
/** An add-on cell's columns: the kiosk's offer line and the add-on booked ahead (0007). */
export type AddonMeasure = (typeof ADDON_COLUMNS)[number];
/** A visit's add-ons booked ahead in all: how many, their minutes and value (0007); its breakdown cells keep them. */
export type BookedMeasure = (typeof BOOKED_MEASURES)[number];
export type BookedCounts = Record<BookedMeasure, number>;
export interface AddonFact {
  addon: string;
  counts: Record<AddonMeasure, number>;
}
export interface VisitFacts {
  localDay: string;
  hour: number;
  channel: "kiosk" | "desk";
  lang: string | null;
  service: string;
  counts: Counts;
  /** Its add-ons' booked-ahead counts summed: what its breakdown cells count beside the kiosk's, never in them. */
  booked: BookedCounts;
  addons: AddonFact[];
}

interface Line {
  shown: boolean;
  guest: boolean;
  final: boolean;
  priceCents: number;
  minutes: number;
}

/** The facts of a visit whose events are given in any order; null when it is not checked in. */
export function foldVisit(events: readonly HqEvent[]): VisitFacts | null {
  const ordered = [...events].sort((a, b) => a.seq - b.seq || (a.id < b.id ? -1 : 1));
  let checkIn: Extract<HqEvent, { kind: "check_in" }>["body"] | null = null;
  let service: string | null = null;
  let offer: { channel: "kiosk" | "desk"; status: string } | null = null;
  const lines = new Map<string, Line>();
  /** The add-ons booked ahead, as the visit's last booked_ahead event listed them (none from a location before it). */
  let booked = new Map<string, { minutes: number; priceCents: number }>();
  let printed = false;
  for (const e of ordered) {
    switch (e.kind) {
      case "check_in":
        checkIn = e.body;
        service = e.body.service;
        break;
      case "check_in_undone":
        checkIn = null;
        break;
      case "service_changed":
        service = e.body.service;
        break;
      case "offer_shown":
      case "offer_accepted":
      case "offer_declined":
      case "desk_confirmed":
      case "desk_changed":
      case "desk_voided":
        offer = e.body;
        break;
      case "offer_removed":
        offer = null;
        lines.clear();
        break;
      case "offer_line":
        lines.set(e.body.addon, e.body);
        break;
      case "offer_line_removed":
        lines.delete(e.body.addon);
        break;
      case "ticket_printed":
        printed = true;
        break;
      case "booked_ahead":
        booked = new Map(e.body.addons.map((a) => [a.addon, a]));
        break;
    }
  }
  if (!checkIn) return null;

  const items = offer ? [...lines.entries()] : [];
  const sum = (f: (l: Line) => number) => items.reduce((n, [, l]) => n + f(l), 0);
  const shownN = sum((l) => +l.shown);
  // Put to the guest: shown at the kiosk, or added by the desk (which may add one the kiosk hid).
  const putN = sum((l) => +(l.shown || l.final));
  const choseN = sum((l) => +l.guest);
  const finalN = sum((l) => +l.final);
  const addedN = sum((l) => +(l.final && !l.guest));
  const diffN = sum((l) => +(l.final !== l.guest));
  const status = offer?.status ?? "";
  const offerChannel = offer?.channel ?? "";
  const v = status !== "voided";
  const settled = status === "confirmed" || status === "changed";
  const accepted = putN > 0 && (choseN > 0 || (v && finalN > 0));
  const confirmed = accepted && settled && finalN > 0;
  const reviewed = shownN > 0 && offerChannel === "kiosk" && (settled || status === "voided");
  const counts: Counts = {
    check_ins: 1,
    offered: +(putN > 0),
    offered_multi: +(putN > 1),
    accepted_kiosk: +(offerChannel === "kiosk" && choseN > 0),
    added_desk: +(v && addedN > 0),
    confirmed: +settled,
    voided: +(status === "voided"),
    taken: +(v && finalN > 0),
    taken_multi: +(v && finalN > 1),
    revenue_cents: v ? sum((l) => (l.final ? l.priceCents : 0)) : 0,
    extra_minutes: v ? sum((l) => (l.final ? l.minutes : 0)) : 0,
    f_accepted: +accepted,
    f_confirmed: +confirmed,
    f_printed: +(confirmed && printed),
    desk_reviewed: +reviewed,
    overridden: +(reviewed && (status === "voided" ? choseN > 0 : diffN > 0)),
  };
  // One fact per add-on: its offer line's counts, and its own booked-ahead ones (the location's report cache merges the
  // two the same way, db/reports/cache-sql.ts).
  const lineOf = new Map(items);
  const addons = [...new Set([...lineOf.keys(), ...booked.keys()])].map((addon) => {
    const l = lineOf.get(addon);
    const b = booked.get(addon);
    return {
      addon,
      counts: {
        items: 1,
        shown: +(l !== undefined && (l.shown || l.final)),
        chosen_kiosk: +(l !== undefined && offerChannel === "kiosk" && l.guest),
        taken: +(l !== undefined && v && l.final),
        revenue_cents: l && v && l.final ? l.priceCents : 0,
        extra_minutes: l && v && l.final ? l.minutes : 0,
        booked: +(b !== undefined),
        booked_minutes: b?.minutes ?? 0,
        booked_cents: b?.priceCents ?? 0,
      },
    };
  });
  return {
    localDay: checkIn.localDay,
    hour: checkIn.hour,
    channel: checkIn.channel,
    lang: checkIn.lang,
    service: service ?? checkIn.service,
    counts,
    booked: bookedOf(addons),
    addons,
  };
}

/** Add-on facts' booked-ahead counts summed; a fact kept before 0007 has none of them: 0. */
export const bookedOf = (addons: readonly { counts: Partial<Record<BookedMeasure, number>> }[]): BookedCounts =>
  Object.fromEntries(
    BOOKED_MEASURES.map((m) => [m, addons.reduce((n, a) => n + Number(a.counts[m] ?? 0), 0)]),
  ) as BookedCounts;

/** The breakdown cells (dim, key) a visit's facts count in, besides its day's totals. */
export function cellKeysOf(f: VisitFacts): { dim: string; key: string }[] {
  return [
    { dim: "hour", key: String(f.hour) },
    { dim: "channel", key: f.channel },
    { dim: "language", key: f.lang ?? "none" },
    { dim: "service", key: f.service },
  ];
}
