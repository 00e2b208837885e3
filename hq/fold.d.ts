import type { HqEvent } from "../contract/hq";
import { ADDON_MEASURES, MEASURES } from "./migrations/0001-initial";
/**
 * A visit's contribution to the head office's figures, from all its events: the same counts, by
 * the same rules, as the location's own report cache (the FACTS query in db/reports.ts, FIGURES
 * in contract/reports.ts). Events are folded in the location's outbox order (seq), so the result
 * depends only on which events arrived, never on the order or the batches they came in.
 */
export type Measure = (typeof MEASURES)[number];
export type Counts = Record<Measure, number>;
export type AddonMeasure = (typeof ADDON_MEASURES)[number];
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
    addons: AddonFact[];
}
/** The facts of a visit whose events are given in any order; null when it is not checked in. */
export declare function foldVisit(events: readonly HqEvent[]): VisitFacts | null;
/** The day cells (dim, key) a visit's facts count in. */
export declare function cellKeysOf(f: VisitFacts): {
    dim: string;
    key: string;
}[];
