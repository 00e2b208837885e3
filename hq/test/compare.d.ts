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
    {
      shown: number;
      chosenAtKiosk: number;
      taken: number;
      revenueCents: number;
      extraMinutes: number;
    }
  >;
}
export declare const ofLocationReport: (r: UptakeReport) => Comparable;
export declare const ofHeadOffice: (
  counts: Counts,
  byAddon: {
    addon: string;
    counts: Record<AddonMeasure, number>;
  }[],
) => Comparable;
