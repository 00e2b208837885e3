import fc from "fast-check";
import { offsetMinutes } from "../time";
import { isIanaTimeZone } from "../../contract/admin";

/**
 * Zones with the awkward cases: DST both ways, half-hour shifts (Lord Howe), midnight changes (Santiago), none; those
 * the settings accept (this runtime's names: Node's ICU lists Asia/Calcutta, not Asia/Kolkata).
 */
export const AWKWARD_ZONES = (
  [
    "UTC",
    "America/Los_Angeles",
    "Europe/Madrid",
    "Australia/Lord_Howe",
    "America/Santiago",
    "Asia/Kolkata",
    "Asia/Calcutta",
    "Asia/Kathmandu",
    "Pacific/Chatham",
    "America/St_Johns",
    "Europe/London",
    "Pacific/Apia",
  ] as const
).filter(isIanaTimeZone);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const edges = new Map<string, number[]>();
/** The instants in [2025, 2028) at which a zone's offset changes (to the minute; no zone changes twice in a day). */
export function transitions(zone: string): number[] {
  let found = edges.get(zone);
  if (found) return found;
  found = [];
  for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2028, 0, 1); t += DAY) {
    if (offsetMinutes(t, zone) === offsetMinutes(t + DAY, zone)) continue;
    let lo = t;
    let hi = t + DAY;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (offsetMinutes(mid, zone) === offsetMinutes(lo, zone)) lo = mid;
      else hi = mid;
    }
    found.push(hi);
  }
  edges.set(zone, found);
  return found;
}

/** Any zone this runtime knows, the awkward ones more often. */
export const anyZone = fc.oneof(
  fc.constantFrom(...AWKWARD_ZONES),
  fc.constantFrom(...Intl.supportedValuesOf("timeZone").filter(isIanaTimeZone)),
);

/** An instant (ms) in `zone`'s years 2025–2027, half the time within three hours of one of its offset changes. */
export const instantNear = (zone: string): fc.Arbitrary<number> => {
  const any = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 0, 1) - 1 });
  const edges = transitions(zone);
  if (edges.length === 0) return any;
  const near = fc
    .tuple(fc.constantFrom(...edges), fc.integer({ min: -3 * HOUR, max: 3 * HOUR }))
    .map(([edge, d]) => edge + d);
  return fc.oneof(any, near);
};
