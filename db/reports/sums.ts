import { z } from "zod";
import { dayNumber } from "../../contract/reports";
import { addDays } from "../time";
import { ADDON_MEASURES, MEASURES, type Counts } from "./measures";

/**
 * A range's figures summed per key of each breakdown, before names and order: what the report is assembled from
 * (db/reports/reports.ts, assembleReport), read from the cache's cells or counted straight from the source tables
 * (db/reports/source.ts). Sums of integers: two parts' sums add up key by key (addPackedSums).
 */
type AddonCounts = Record<(typeof ADDON_MEASURES)[number], number>;
/** A breakdown's row: its key (a service's or therapist's id, channel 0/1, language key, weekday × 24 + hour). */
type Keyed = { key: number } & Counts;
export interface ReportSums {
  /** Whole-day sums, in no order (the report lists every period of the range itself). */
  days: ({ local_day: string } & Counts)[];
  service: Keyed[];
  therapist: Keyed[];
  channel: Keyed[];
  language: Keyed[];
  weekdayHour: Keyed[];
  addons: ({ addon_id: number } & AddonCounts)[];
}

/** Each table's key column and its columns. */
const TABLES = {
  days: ["local_day", MEASURES],
  service: ["key", MEASURES],
  therapist: ["key", MEASURES],
  channel: ["key", MEASURES],
  language: ["key", MEASURES],
  weekdayHour: ["key", MEASURES],
  addons: ["addon_id", ADDON_MEASURES],
} as const satisfies Record<keyof ReportSums, readonly [string, readonly string[]]>;
type Table = keyof ReportSums;
const TABLE_NAMES = Object.keys(TABLES) as Table[];
type Row = Record<string, number | string>;

/**
 * ReportSums as they cross between threads: each table one Float64Array, its rows end to end, each row its key then
 * its columns (a day as its number of days since 1970-01-01), and two threads' parts added up as such: a year's
 * answer is checked, added up and unpacked in a few milliseconds. The same sums as arrays of objects, checked value
 * by value with zod and added up row object by row object, held the main thread 20-30 ms (zod compiling its fast
 * path the first time, then the garbage), 158 ms once on a busy machine.
 */
export type PackedSums = Record<Table, Float64Array<ArrayBuffer>>;

const dayOfNumber = (n: number) => addDays("1970-01-01", n);

/** The sums packed for a thread's message (packedSumsSchema checks them, unpackSums unpacks them). */
export function packSums(sums: ReportSums): PackedSums {
  const pack = (t: Table): Float64Array<ArrayBuffer> => {
    const [key, columns] = TABLES[t];
    const rows = sums[t] as Row[];
    const out = new Float64Array(rows.length * (1 + columns.length));
    rows.forEach((row, i) => {
      const at = i * (1 + columns.length);
      const k = row[key] ?? 0;
      out[at] = typeof k === "string" ? dayNumber(k) : k;
      columns.forEach((c, j) => (out[at + 1 + j] = Number(row[c])));
    });
    return out;
  };
  return Object.fromEntries(TABLE_NAMES.map((t) => [t, pack(t)])) as PackedSums;
}

/** The packed sums as ReportSums. */
export function unpackSums(packed: PackedSums): ReportSums {
  const unpack = (t: Table): Row[] => {
    const [key, columns] = TABLES[t];
    const table = packed[t];
    const rows: Row[] = [];
    for (let at = 0; at < table.length; at += 1 + columns.length) {
      const k = table[at] ?? 0;
      const row: Row = { [key]: t === "days" ? dayOfNumber(k) : k };
      columns.forEach((c, j) => (row[c] = table[at + 1 + j] ?? 0));
      rows.push(row);
    }
    return rows;
  };
  return Object.fromEntries(TABLE_NAMES.map((t) => [t, unpack(t)])) as unknown as ReportSums;
}

/** Two parts' packed sums (of disjoint check-ins) as one: rows of the same key added up, column by column. */
export function addPackedSums(a: PackedSums, b: PackedSums): PackedSums {
  const add = (t: Table): Float64Array<ArrayBuffer> => {
    const width = 1 + TABLES[t][1].length;
    const out = Array.from(a[t]);
    const rowOf = new Map<number, number>();
    for (let at = 0; at < out.length; at += width) rowOf.set(out[at] ?? 0, at);
    const other = b[t];
    for (let at = 0; at < other.length; at += width) {
      const key = other[at] ?? 0;
      const into = rowOf.get(key);
      if (into === undefined) {
        rowOf.set(key, out.length);
        for (let j = 0; j < width; j++) out.push(other[at + j] ?? 0);
      } else for (let j = 1; j < width; j++) out[into + j] = (out[into + j] ?? 0) + (other[at + j] ?? 0);
    }
    return Float64Array.from(out);
  };
  return Object.fromEntries(TABLE_NAMES.map((t) => [t, add(t)])) as PackedSums;
}

const packedTable = (width: number) =>
  z
    .instanceof(Float64Array<ArrayBuffer>)
    .refine((a) => a.length % width === 0 && a.every(Number.isSafeInteger), "A table of report sums was damaged.");

/** Packed sums as a thread's message brings them, checked: whole rows, every value a whole number. */
export const packedSumsSchema = z.object(
  Object.fromEntries(TABLE_NAMES.map((t) => [t, packedTable(1 + TABLES[t][1].length)])) as Record<
    Table,
    ReturnType<typeof packedTable>
  >,
);
