import { createHash } from "node:crypto";
import type { Pool, PoolClient } from "pg";
import { hqEventSchema, type BatchAccepted, type EventBatch, type HqEvent } from "../contract/hq";
import { HqRefusal } from "./errors";
import { cellKeysOf, foldVisit, type AddonFact, type VisitFacts } from "./fold";
import { MEASURES } from "./migrations/0001-initial";
import { ADDON_COLUMNS, BOOKED_MEASURES } from "./migrations/0007-booked-ahead";
import { CELL_COLUMNS } from "./migrations/0008-booked-ahead-breakdowns";

/**
 * Ingest of one batch, in ONE transaction: authenticate the token (inside the database: the
 * row-level security policies read it from `app.token`), record the batch id, insert the events
 * (ON CONFLICT DO NOTHING on the event id), recompute the facts of every visit that got a new
 * event from all of that visit's events, and move the day cells by the difference. A batch is in
 * whole or not at all: a connection cut mid-batch leaves nothing.
 *
 * Five round trips whatever the batch's size: BEGIN, the token, one statement that writes the
 * events and the batch id and reads back what the fold needs (INSERT_EVENTS), one that writes the
 * facts and moves the cells (MOVE_CELLS), COMMIT. Rows travel as one JSON parameter per table,
 * unpacked by `jsonb_to_recordset`: on a loaded machine a round trip costs a wake-up of each side,
 * and per-row work belongs in the database's C, not in escaping array literals. The two big
 * statements are named, so each pooled connection parses and plans them once.
 */

/**
 * The token's location, or why not. Also sets `app.token` for the transaction's policies, and
 * takes the location's lock: one batch of a location at a time, as the cells move by differences
 * computed from what is committed.
 */
async function authenticate(client: PoolClient, token: string): Promise<string> {
  const { rows } = await client.query<{ location_id: string; revoked: boolean }>(
    `SELECT set_config('app.token', $1, true), location_id::text AS location_id, revoked_at IS NOT NULL AS revoked, pg_advisory_xact_lock(hashtextextended(location_id::text, 0))
     FROM location_tokens WHERE token_hash = sha256(convert_to($1, 'UTF8'))`,
    [token],
  );
  const row = rows[0];
  if (!row)
    throw new HqRefusal("UNKNOWN_TOKEN", "This token is not known to the head office. Pair the location again.");
  if (row.revoked) throw new HqRefusal("REVOKED_TOKEN", "This location's token was revoked. Pair the location again.");
  return row.location_id;
}

interface KeptFacts {
  visit_id: string;
  local_day: string | null;
  hour: number | null;
  channel: "kiosk" | "desk" | null;
  lang: string | null;
  service: string | null;
  addons: AddonFact[];
  counts: Record<string, number>;
}

export async function ingestBatch(pool: Pool, token: string, batch: EventBatch): Promise<BatchAccepted> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    try {
      const result = await ingestIn(client, token, batch);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    }
  } finally {
    client.release();
  }
}

/** The columns of a visit's kept facts as `jsonb_to_recordset` reads them. */
const FACT_COLUMNS = `visit_id text, local_day date, hour smallint, channel text, lang text, service text, addons jsonb, ${CELL_COLUMNS.map((m) => `${m} bigint`).join(", ")}`;
const measureColumns = (names: readonly string[]) => names.map((m) => `${m} bigint`).join(", ");
const sumsOf = (table: string, names: readonly string[]) =>
  names.map((x) => `${x} = ${table}.${x} + excluded.${x}`).join(", ");

/**
 * One statement: the batch's new events inserted (a copy of one the head office holds is
 * dropped), the batch id recorded with its count, and what the fold needs back — the visits with
 * a new event, their events from earlier batches and their kept facts. The reads see the database
 * as it was before this statement, so "earlier" needs no filter. The events come as one JSON
 * parameter (the text the digest is made of), which PostgreSQL unpacks itself.
 */
const INSERT_EVENTS = `
WITH input AS (
  SELECT * FROM jsonb_to_recordset($3::jsonb) AS t(id uuid, seq bigint, visit text, kind text, at timestamptz, body jsonb)
), inserted AS (
  INSERT INTO events (location_id, id, seq, visit_id, kind, occurred_at, body, batch_id)
  SELECT $1, id, seq, visit, kind, at, body, $2 FROM input
  ON CONFLICT DO NOTHING
  RETURNING visit_id
), recorded AS (
  INSERT INTO batches (location_id, batch_id, digest, events, accepted)
  SELECT $1, $2, $4, $5, count(*) FROM inserted
  ON CONFLICT DO NOTHING
  RETURNING 1
), visits AS (SELECT DISTINCT visit_id FROM inserted)
SELECT (SELECT count(*) FROM inserted)::int AS accepted,
  EXISTS (SELECT 1 FROM recorded) AS recorded,
  (SELECT digest FROM batches WHERE location_id = $1 AND batch_id = $2) AS prior_digest,
  (SELECT coalesce(json_agg(visit_id), '[]') FROM visits) AS visits,
  (SELECT coalesce(json_agg(json_build_object('id', e.id, 'seq', e.seq, 'visit', e.visit_id,
      'at', to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'kind', e.kind, 'body', e.body)), '[]')
   FROM events e WHERE e.location_id = $1 AND e.visit_id = ANY ((SELECT array_agg(visit_id) FROM visits)::text[])) AS earlier,
  (SELECT coalesce(json_agg(json_build_object('visit_id', f.visit_id, 'local_day', f.local_day, 'hour', f.hour, 'channel', f.channel,
      'lang', f.lang, 'service', f.service, 'addons', f.addons, 'counts', json_build_object(${CELL_COLUMNS.map((m) => `'${m}', f.${m}`).join(", ")}))), '[]')
   FROM visit_facts f WHERE f.location_id = $1 AND f.visit_id = ANY ((SELECT array_agg(visit_id) FROM visits)::text[])) AS kept`;

/**
 * One statement: the visits' new facts written over their kept ones, the day totals and cells
 * (and the hour cells' sums by month, weekday and hour) moved by the differences, and the
 * location's sync position. Each table's rows come as one JSON
 * array of one parameter.
 */
const MOVE_CELLS = `
WITH facts AS (
  INSERT INTO visit_facts (location_id, visit_id, local_day, hour, channel, lang, service, addons, ${CELL_COLUMNS.join(", ")})
  SELECT $1, t.* FROM jsonb_to_recordset($2::jsonb) AS t(${FACT_COLUMNS})
  ON CONFLICT (location_id, visit_id) DO UPDATE SET local_day = excluded.local_day, hour = excluded.hour, channel = excluded.channel,
    lang = excluded.lang, service = excluded.service, addons = excluded.addons, ${CELL_COLUMNS.map((x) => `${x} = excluded.${x}`).join(", ")}
), totals AS (
  INSERT INTO day_totals (location_id, local_day, ${MEASURES.join(", ")})
  SELECT $1, t.* FROM jsonb_to_recordset($3::jsonb) AS t(local_day date, ${measureColumns(MEASURES)})
  ON CONFLICT (location_id, local_day) DO UPDATE SET ${sumsOf("day_totals", MEASURES)}
), cells AS (
  INSERT INTO day_cells (location_id, local_day, dim, key, ${CELL_COLUMNS.join(", ")})
  SELECT $1, t.* FROM jsonb_to_recordset($4::jsonb) AS t(local_day date, dim text, key text, ${measureColumns(CELL_COLUMNS)})
  ON CONFLICT (location_id, local_day, dim, key) DO UPDATE SET ${sumsOf("day_cells", CELL_COLUMNS)}
), month_cells AS (
  INSERT INTO month_hour_cells (location_id, month, weekday, hour, ${CELL_COLUMNS.join(", ")})
  SELECT $1, date_trunc('month', t.local_day)::date, extract(dow FROM t.local_day), t.key::smallint, ${CELL_COLUMNS.map((m) => `sum(t.${m})`).join(", ")}
  FROM jsonb_to_recordset($4::jsonb) AS t(local_day date, dim text, key text, ${measureColumns(CELL_COLUMNS)})
  WHERE t.dim = 'hour' GROUP BY 2, 3, 4
  ON CONFLICT (location_id, month, weekday, hour) DO UPDATE SET ${sumsOf("month_hour_cells", CELL_COLUMNS)}
), addon_cells AS (
  INSERT INTO day_addon_cells (location_id, local_day, addon, ${ADDON_COLUMNS.join(", ")})
  SELECT $1, t.* FROM jsonb_to_recordset($5::jsonb) AS t(local_day date, addon text, ${measureColumns(ADDON_COLUMNS)})
  ON CONFLICT (location_id, local_day, addon) DO UPDATE SET ${sumsOf("day_addon_cells", ADDON_COLUMNS)}
)
UPDATE locations SET last_sync_at = now(), last_seq = greatest(last_seq, $6), events_received = events_received + $7 WHERE id = $1`;

interface Inserted {
  accepted: number;
  recorded: boolean;
  prior_digest: Buffer | null;
  visits: string[];
  earlier: unknown[];
  kept: KeptFacts[];
}

async function ingestIn(client: PoolClient, token: string, batch: EventBatch): Promise<BatchAccepted> {
  const locationId = await authenticate(client, token);
  if (locationId !== batch.locationId)
    throw new HqRefusal("WRONG_LOCATION", "This batch names another location than its token's.");

  const events = JSON.stringify(batch.events);
  const digest = createHash("sha256").update(events).digest();
  const { rows } = await client.query<Inserted>({
    name: "hq-insert-events",
    text: INSERT_EVENTS,
    values: [locationId, batch.batchId, events, digest, batch.events.length],
  });
  const { accepted, recorded, prior_digest, visits, earlier, kept } = rows[0]!;
  // The batch id once: a replay or a conflict throws, and the transaction takes the events back with it.
  if (!recorded) {
    if (prior_digest?.equals(digest))
      throw new HqRefusal("BATCH_REPLAYED", "This batch was ingested before; nothing changed.");
    throw new HqRefusal(
      "BATCH_CONFLICT",
      "A batch with this id and other events was ingested before; nothing changed.",
    );
  }
  const moves =
    visits.length > 0 ? refold(visits, earlier, kept, batch) : { facts: [], totals: [], cells: [], addonCells: [] };
  await client.query({
    name: "hq-move-cells",
    text: MOVE_CELLS,
    values: [
      locationId,
      JSON.stringify(moves.facts),
      JSON.stringify(moves.totals),
      JSON.stringify(moves.cells),
      JSON.stringify(moves.addonCells),
      Math.max(...batch.events.map((x) => x.seq)),
      accepted,
    ],
  });
  return { batchId: batch.batchId, accepted, duplicates: batch.events.length - accepted };
}

const sumKey = (
  map: Map<string, Record<string, number>>,
  key: string,
  counts: Record<string, number>,
  sign: 1 | -1,
) => {
  const cell = map.get(key) ?? {};
  for (const [m, n] of Object.entries(counts)) cell[m] = (cell[m] ?? 0) + sign * n;
  map.set(key, cell);
};

/**
 * Recomputes the visits' facts from all their events and works out how the day cells move (new
 * minus kept). The batch's own events are at hand (parsed); the visits' earlier events, from
 * other batches, come from the database and are parsed again: what comes out of it is checked too.
 */
function refold(visits: readonly string[], earlier: readonly unknown[], kept: readonly KeptFacts[], batch: EventBatch) {
  const byVisit = new Map<string, HqEvent[]>();
  const add = (event: HqEvent) => {
    const list = byVisit.get(event.visit) ?? [];
    list.push(event);
    byVisit.set(event.visit, list);
  };
  const wanted = new Set(visits);
  // Each event once: one this batch repeats from an earlier batch (or twice within itself) is folded once.
  const seen = new Set<string>();
  for (const r of earlier) {
    const e = hqEventSchema.parse(r);
    seen.add(e.id);
    add(e);
  }
  for (const e of batch.events) {
    if (!wanted.has(e.visit) || seen.has(e.id)) continue;
    seen.add(e.id);
    add(e);
  }
  const keptByVisit = new Map(kept.map((k) => [k.visit_id, k]));

  const totals = new Map<string, Record<string, number>>();
  const cells = new Map<string, Record<string, number>>();
  const addonCells = new Map<string, Record<string, number>>();
  const apply = (f: VisitFacts, sign: 1 | -1) => {
    sumKey(totals, f.localDay, f.counts, sign);
    // The breakdown cells count the visit's add-ons booked ahead beside its kiosk figures (0008); the day totals don't.
    const cellCounts = { ...f.counts, ...f.booked };
    for (const { dim, key } of cellKeysOf(f)) sumKey(cells, JSON.stringify([f.localDay, dim, key]), cellCounts, sign);
    for (const a of f.addons) sumKey(addonCells, JSON.stringify([f.localDay, a.addon]), a.counts, sign);
  };
  const facts = visits.map((visit) => {
    const fresh = foldVisit(byVisit.get(visit) ?? []);
    const old = keptByVisit.get(visit);
    if (old?.local_day != null && old.hour != null && old.channel != null && old.service != null) {
      const counts = Object.fromEntries(MEASURES.map((m) => [m, Number(old.counts[m])])) as VisitFacts["counts"];
      // What the cells were moved by when these facts were kept.
      const booked = Object.fromEntries(BOOKED_MEASURES.map((m) => [m, Number(old.counts[m])])) as VisitFacts["booked"];
      apply(
        {
          localDay: old.local_day,
          hour: old.hour,
          channel: old.channel,
          lang: old.lang,
          service: old.service,
          counts,
          booked,
          addons: old.addons,
        },
        -1,
      );
    }
    if (fresh) apply(fresh, 1);
    return {
      visit_id: visit,
      local_day: fresh?.localDay ?? null,
      hour: fresh?.hour ?? null,
      channel: fresh?.channel ?? null,
      lang: fresh?.lang ?? null,
      service: fresh?.service ?? null,
      addons: fresh?.addons ?? [],
      ...Object.fromEntries(MEASURES.map((m) => [m, fresh?.counts[m] ?? 0])),
      ...Object.fromEntries(BOOKED_MEASURES.map((m) => [m, fresh?.booked[m] ?? 0])),
    };
  });
  return {
    facts,
    totals: [...totals.entries()].map(([local_day, c]) => ({ local_day, ...c })),
    cells: [...cells.entries()].map(([k, c]) => {
      const [local_day, dim, key] = JSON.parse(k) as [string, string, string];
      return { local_day, dim, key, ...c };
    }),
    // Every column of an add-on cell, 0 where no fact had it: a visit's facts kept before 0007 have no booked-ahead
    // counts, and a cell moved by those alone must not write NULL.
    addonCells: [...addonCells.entries()].map(([k, c]) => {
      const [local_day, addon] = JSON.parse(k) as [string, string];
      return { local_day, addon, ...Object.fromEntries(ADDON_COLUMNS.map((m) => [m, c[m] ?? 0])) };
    }),
  };
}
