import type { Pool } from "pg";
import type { DateRange } from "../contract/reports";
import { MEASURES } from "./migrations/0001-initial";
import { ADDON_COLUMNS, BOOKED_MEASURES } from "./migrations/0007-booked-ahead";
import { CELL_COLUMNS } from "./migrations/0008-booked-ahead-breakdowns";
import type { AddonMeasure, BookedCounts, Counts } from "./fold";

/**
 * Head-office figures, read from the day totals and cells only (never the events): per location, the counts
 * of the location's own report (FIGURES in contract/reports.ts) for a range of spa-local days,
 * and per add-on. Reads run with `app.scope = 'chain'`, which the row-level security policies
 * open for SELECT only.
 */

export interface LocationFigures {
  locationId: string;
  name: string;
  lastSyncAt: string | null;
  lastSeq: number;
  counts: Counts;
  byAddon: { addon: string; counts: Record<AddonMeasure, number> }[];
}

async function chainRead<T>(
  pool: Pool,
  read: (q: <R extends object>(sql: string, params: unknown[]) => Promise<R[]>) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN READ ONLY");
    await client.query("SELECT set_config('app.scope', 'chain', true)");
    const result = await read(
      async <R extends object>(sql: string, params: unknown[]) => (await client.query<R>(sql, params)).rows,
    );
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

const numbers = <K extends string>(keys: readonly K[], row: Record<string, string | null>) =>
  Object.fromEntries(keys.map((k) => [k, Number(row[k] ?? 0)])) as Record<K, number>;

/** A breakdown cell's counts: the kiosk's, and apart the add-ons booked ahead (0008; 0 from a location before them). */
export interface CellCounts {
  counts: Counts;
  booked: BookedCounts;
}
const cellCounts = (row: Record<string, string | null>): CellCounts => ({
  counts: numbers(MEASURES, row),
  booked: numbers(BOOKED_MEASURES, row),
});

/** The breakdowns the head office keeps per day (day_cells), each key with its counts. */
export type Breakdowns = Record<"hour" | "channel" | "language" | "service", ({ key: string } & CellCounts)[]>;

/**
 * One location's figures for the range broken down by hour of check-in, channel, kiosk language ('none': never used the
 * kiosk) and service, each key with its add-ons booked ahead apart.
 */
export async function locationBreakdowns(pool: Pool, range: DateRange, locationId: string): Promise<Breakdowns> {
  return chainRead(pool, async (q) => {
    const rows = await q<Record<string, string | null> & { dim: keyof Breakdowns; key: string }>(
      `SELECT dim, key, ${CELL_COLUMNS.map((m) => `sum(${m}) AS ${m}`).join(", ")}
       FROM day_cells WHERE location_id = $3::uuid AND local_day BETWEEN $1::date AND $2::date
       GROUP BY dim, key HAVING sum(check_ins) > 0 ORDER BY dim, key`,
      [range.from, range.to, locationId],
    );
    const out: Breakdowns = { hour: [], channel: [], language: [], service: [] };
    for (const r of rows) out[r.dim].push({ key: r.key, ...cellCounts(r) });
    return out;
  });
}

/** Every location's figures for the range (or the given locations'), side by side. */
export async function locationFigures(
  pool: Pool,
  range: DateRange,
  locationIds?: readonly string[],
): Promise<LocationFigures[]> {
  return chainRead(pool, async (q) => {
    const locations = await q<{ id: string; name: string; last_sync_at: string | null; last_seq: string }>(
      `SELECT id::text AS id, name, to_char(last_sync_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS last_sync_at, last_seq::text AS last_seq
       FROM locations WHERE $1::uuid[] IS NULL OR id = ANY($1::uuid[]) ORDER BY name`,
      [locationIds ?? null],
    );
    const totals = await q<Record<string, string | null> & { location_id: string }>(
      `SELECT location_id::text AS location_id, ${MEASURES.map((m) => `sum(${m}) AS ${m}`).join(", ")}
       FROM day_totals WHERE local_day BETWEEN $1::date AND $2::date AND ($3::uuid[] IS NULL OR location_id = ANY($3::uuid[]))
       GROUP BY location_id`,
      [range.from, range.to, locationIds ?? null],
    );
    const addons = await q<Record<string, string | null> & { location_id: string; addon: string }>(
      `SELECT location_id::text AS location_id, addon, ${ADDON_COLUMNS.map((m) => `sum(${m}) AS ${m}`).join(", ")}
       FROM day_addon_cells WHERE local_day BETWEEN $1::date AND $2::date AND ($3::uuid[] IS NULL OR location_id = ANY($3::uuid[]))
       GROUP BY location_id, addon HAVING sum(items) > 0 ORDER BY addon`,
      [range.from, range.to, locationIds ?? null],
    );
    return locations.map((l) => {
      const t = totals.find((r) => r.location_id === l.id);
      return {
        locationId: l.id,
        name: l.name,
        lastSyncAt: l.last_sync_at,
        lastSeq: Number(l.last_seq),
        counts: numbers(MEASURES, t ?? {}),
        byAddon: addons
          .filter((a) => a.location_id === l.id)
          .map((a) => ({ addon: a.addon, counts: numbers(ADDON_COLUMNS, a) })),
      };
    });
  });
}

/** One cell of the weekday × hour grid: weekday 0 = Sunday … 6, hour 0–23, spa-local. */
export interface WeekdayHourCell extends CellCounts {
  weekday: number;
  hour: number;
}

/**
 * Check-ins and their figures by spa-local weekday and hour over a range of spa-local days, for
 * one location or, without one, the whole chain. Each check-in counts at its own spa's local
 * time: the day and hour its location recorded in the spa's time zone at the instant of check-in
 * (times travel as UTC instants only inside the location), so a DST change neither loses nor
 * doubles an hour, and 9 am is 9 am in every location of a chain that spans time zones. Read from
 * the month cells (0003) for the range's whole months and the day cells by hour for its other
 * days (the weekday is the local day's); only cells with check-ins, in order.
 */
export async function weekdayHour(pool: Pool, range: DateRange, locationId?: string): Promise<WeekdayHourCell[]> {
  return chainRead(pool, async (q) => {
    // The whole months of the range are [lo, hi): from the month cells; its other days from the day cells.
    const rows = await q<Record<string, string | null> & { weekday: number; hour: number }>(
      `WITH b AS (
         SELECT CASE WHEN extract(day FROM $1::date) = 1 THEN $1::date ELSE (date_trunc('month', $1::date) + interval '1 month')::date END AS lo,
                date_trunc('month', $2::date + 1)::date AS hi
       ), cells AS (
         SELECT m.weekday::int AS weekday, m.hour::int AS hour, ${CELL_COLUMNS.map((x) => `m.${x}`).join(", ")}
         FROM month_hour_cells m, b WHERE m.month >= b.lo AND m.month < b.hi AND ($3::uuid IS NULL OR m.location_id = $3::uuid)
         UNION ALL
         SELECT extract(dow FROM d.local_day)::int, d.key::int, ${CELL_COLUMNS.map((x) => `d.${x}`).join(", ")}
         FROM day_cells d, b WHERE d.dim = 'hour' AND d.local_day BETWEEN $1::date AND $2::date AND NOT (d.local_day >= b.lo AND d.local_day < b.hi)
           AND ($3::uuid IS NULL OR d.location_id = $3::uuid)
       )
       SELECT weekday, hour, ${CELL_COLUMNS.map((m) => `sum(${m}) AS ${m}`).join(", ")} FROM cells
       GROUP BY 1, 2 HAVING sum(check_ins) > 0 ORDER BY 1, 2`,
      [range.from, range.to, locationId ?? null],
    );
    return rows.map((r) => ({ weekday: r.weekday, hour: r.hour, ...cellCounts(r) }));
  });
}
