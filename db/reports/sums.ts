import { z } from "zod";
import { ADDON_MEASURES, MEASURES } from "./measures";

/**
 * A range's figures summed per key of each breakdown, before names and order: what the report is assembled from
 * (db/reports/reports.ts, assembleReport), read from the cache's cells or counted straight from the source tables
 * (db/reports/source.ts). Sums of integers: two parts' sums add up key by key (addSums).
 */
const count = z.number().int();
const measures = Object.fromEntries(MEASURES.map((m) => [m, count])) as Record<(typeof MEASURES)[number], typeof count>;
const addonMeasures = Object.fromEntries(ADDON_MEASURES.map((m) => [m, count])) as Record<
  (typeof ADDON_MEASURES)[number],
  typeof count
>;
/** A breakdown's row: its key (a service's or therapist's id, channel 0/1, language key, weekday × 24 + hour). */
const keyed = z.object({ key: count, ...measures });
export const reportSumsSchema = z.object({
  /** Whole-day sums, in no order (the report lists every period of the range itself). */
  days: z.array(z.object({ local_day: z.string(), ...measures })),
  service: z.array(keyed),
  therapist: z.array(keyed),
  channel: z.array(keyed),
  language: z.array(keyed),
  weekdayHour: z.array(keyed),
  addons: z.array(z.object({ addon_id: count, ...addonMeasures })),
});
export type ReportSums = z.infer<typeof reportSumsSchema>;
export type Breakdown = Exclude<keyof ReportSums, "days" | "addons">;
export const BREAKDOWN_NAMES = [
  "service",
  "therapist",
  "channel",
  "language",
  "weekdayHour",
] as const satisfies Breakdown[];

/** Rows with the same key summed, column by column (the other columns: the first row's). */
function summedBy<R extends Record<string, number | string>>(
  rows: R[],
  keyOf: (r: R) => number | string,
  columns: readonly string[],
): R[] {
  const byKey = new Map<number | string, Record<string, number | string>>();
  for (const row of rows) {
    const sum = byKey.get(keyOf(row));
    if (!sum) byKey.set(keyOf(row), { ...row });
    else for (const c of columns) sum[c] = Number(sum[c]) + Number(row[c]);
  }
  return [...byKey.values()] as R[];
}

/** Two parts' sums (of disjoint check-ins) as one. */
export function addSums(a: ReportSums, b: ReportSums): ReportSums {
  const out: ReportSums = {
    days: summedBy([...a.days, ...b.days], (r) => r.local_day, MEASURES),
    service: [],
    therapist: [],
    channel: [],
    language: [],
    weekdayHour: [],
    addons: summedBy([...a.addons, ...b.addons], (r) => r.addon_id, ADDON_MEASURES),
  };
  for (const name of BREAKDOWN_NAMES) out[name] = summedBy([...a[name], ...b[name]], (r) => r.key, MEASURES);
  return out;
}
