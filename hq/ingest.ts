import { createHash } from "node:crypto";
import type { Pool, PoolClient } from "pg";
import { hqEventSchema, type BatchAccepted, type EventBatch, type HqEvent } from "../contract/hq";
import { HqRefusal } from "./errors";
import { cellKeysOf, foldVisit, type AddonFact, type VisitFacts } from "./fold";
import { ADDON_MEASURES, MEASURES } from "./migrations/0001-initial";

/**
 * Ingest of one batch, in ONE transaction: authenticate the token (inside the database: the
 * row-level security policies read it from `app.token`), record the batch id, insert the events
 * (ON CONFLICT DO NOTHING on the event id), recompute the facts of every visit that got a new
 * event from all of that visit's events, and move the day cells by the difference. A batch is in
 * whole or not at all: a connection cut mid-batch leaves nothing.
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
  if (!row) throw new HqRefusal("UNKNOWN_TOKEN", "This token is not known to the head office. Pair the location again.");
  if (row.revoked) throw new HqRefusal("REVOKED_TOKEN", "This location's token was revoked. Pair the location again.");
  return row.location_id;
}

const digestOf = (events: readonly HqEvent[]) => createHash("sha256").update(JSON.stringify(events)).digest();

interface KeptFacts {
  visit_id: string;
  local_day: string | null;
  hour: number | null;
  channel: "kiosk" | "desk" | null;
  lang: string | null;
  service: string | null;
  addons: AddonFact[];
  counts: Record<string, string>;
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

async function ingestIn(client: PoolClient, token: string, batch: EventBatch): Promise<BatchAccepted> {
  const locationId = await authenticate(client, token);
  if (locationId !== batch.locationId) throw new HqRefusal("WRONG_LOCATION", "This batch names another location than its token's.");

  const e = batch.events;
  const inserted = await client.query<{ visit_id: string }>(
    `INSERT INTO events (location_id, id, seq, visit_id, kind, occurred_at, body, batch_id)
     SELECT $1, t.id, t.seq, t.visit_id, t.kind, t.at, t.body, $2
     FROM unnest($3::uuid[], $4::bigint[], $5::text[], $6::text[], $7::timestamptz[], $8::jsonb[]) AS t(id, seq, visit_id, kind, at, body)
     ON CONFLICT DO NOTHING
     RETURNING visit_id`,
    [
      locationId,
      batch.batchId,
      e.map((x) => x.id),
      e.map((x) => x.seq),
      e.map((x) => x.visit),
      e.map((x) => x.kind),
      e.map((x) => x.at),
      e.map((x) => JSON.stringify(x.body)),
    ],
  );
  const accepted = inserted.rowCount ?? 0;

  // The batch id once (after the events, so the row is written once, with its count; a replay or
  // a conflict throws and the transaction takes the events back with it).
  const digest = digestOf(batch.events);
  const recorded = await client.query(
    "INSERT INTO batches (location_id, batch_id, digest, events, accepted) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
    [locationId, batch.batchId, digest, batch.events.length, accepted],
  );
  if (recorded.rowCount === 0) {
    const { rows } = await client.query<{ digest: Buffer }>("SELECT digest FROM batches WHERE location_id = $1 AND batch_id = $2", [
      locationId,
      batch.batchId,
    ]);
    if (rows[0]?.digest.equals(digest)) throw new HqRefusal("BATCH_REPLAYED", "This batch was ingested before; nothing changed.");
    throw new HqRefusal("BATCH_CONFLICT", "A batch with this id and other events was ingested before; nothing changed.");
  }
  const visits = [...new Set(inserted.rows.map((r) => r.visit_id))];
  if (visits.length > 0) await refreshVisits(client, locationId, visits, batch);

  await client.query(
    "UPDATE locations SET last_sync_at = now(), last_seq = greatest(last_seq, $2), events_received = events_received + $3 WHERE id = $1",
    [locationId, Math.max(...e.map((x) => x.seq)), accepted],
  );
  return { batchId: batch.batchId, accepted, duplicates: e.length - accepted };
}

const sumKey = (map: Map<string, Record<string, number>>, key: string, counts: Record<string, number>, sign: 1 | -1) => {
  const cell = map.get(key) ?? {};
  for (const [m, n] of Object.entries(counts)) cell[m] = (cell[m] ?? 0) + sign * n;
  map.set(key, cell);
};

/**
 * Recomputes the visits' facts from all their events and moves the day cells by new minus kept.
 * The batch's own events are at hand (parsed); only the visits' earlier events, from other
 * batches, are read back (and parsed again: what comes out of the database is checked too).
 */
async function refreshVisits(client: PoolClient, locationId: string, visits: string[], batch: EventBatch): Promise<void> {
  const { rows: eventRows } = await client.query<{ id: string; seq: string; visit: string; at: string; kind: string; body: unknown }>(
    `SELECT id::text AS id, seq::text AS seq, visit_id AS visit, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, kind, body
     FROM events WHERE location_id = $1 AND visit_id = ANY($2::text[]) AND batch_id <> $3`,
    [locationId, visits, batch.batchId],
  );
  const byVisit = new Map<string, HqEvent[]>();
  const add = (event: HqEvent) => {
    const list = byVisit.get(event.visit) ?? [];
    list.push(event);
    byVisit.set(event.visit, list);
  };
  const wanted = new Set(visits);
  // Each event once: one this batch repeats from an earlier batch (or twice within itself) is folded once.
  const seen = new Set<string>();
  for (const r of eventRows) {
    seen.add(r.id);
    add(hqEventSchema.parse({ ...r, seq: Number(r.seq) }));
  }
  for (const e of batch.events) {
    if (!wanted.has(e.visit) || seen.has(e.id)) continue;
    seen.add(e.id);
    add(e);
  }
  const { rows: kept } = await client.query<KeptFacts>(
    `SELECT visit_id, local_day::text AS local_day, hour, channel, lang, service, addons,
            json_build_object(${MEASURES.map((m) => `'${m}', ${m}`).join(", ")}) AS counts
     FROM visit_facts WHERE location_id = $1 AND visit_id = ANY($2::text[])`,
    [locationId, visits],
  );
  const keptByVisit = new Map(kept.map((k) => [k.visit_id, k]));

  const totals = new Map<string, Record<string, number>>();
  const cells = new Map<string, Record<string, number>>();
  const addonCells = new Map<string, Record<string, number>>();
  const apply = (f: VisitFacts, sign: 1 | -1) => {
    sumKey(totals, f.localDay, f.counts, sign);
    for (const { dim, key } of cellKeysOf(f)) sumKey(cells, JSON.stringify([f.localDay, dim, key]), f.counts, sign);
    for (const a of f.addons) sumKey(addonCells, JSON.stringify([f.localDay, a.addon]), a.counts, sign);
  };
  const fresh: { visit: string; facts: VisitFacts | null }[] = [];
  for (const visit of visits) {
    const facts = foldVisit(byVisit.get(visit) ?? []);
    const old = keptByVisit.get(visit);
    if (old?.local_day != null && old.hour != null && old.channel != null && old.service != null) {
      const counts = Object.fromEntries(MEASURES.map((m) => [m, Number(old.counts[m])])) as VisitFacts["counts"];
      apply(
        { localDay: old.local_day, hour: old.hour, channel: old.channel, lang: old.lang, service: old.service, counts, addons: old.addons },
        -1,
      );
    }
    if (facts) apply(facts, 1);
    fresh.push({ visit, facts });
  }

  await client.query(
    `INSERT INTO visit_facts (location_id, visit_id, local_day, hour, channel, lang, service, addons, ${MEASURES.join(", ")})
     SELECT $1, t.* FROM unnest($2::text[], $3::date[], $4::smallint[], $5::text[], $6::text[], $7::text[], $8::jsonb[], ${MEASURES.map((_, i) => `$${9 + i}::bigint[]`).join(", ")})
       AS t(visit_id, local_day, hour, channel, lang, service, addons, ${MEASURES.join(", ")})
     ON CONFLICT (location_id, visit_id) DO UPDATE SET local_day = excluded.local_day, hour = excluded.hour, channel = excluded.channel,
       lang = excluded.lang, service = excluded.service, addons = excluded.addons, ${MEASURES.map((x) => `${x} = excluded.${x}`).join(", ")}`,
    [
      locationId,
      fresh.map((v) => v.visit),
      fresh.map((v) => v.facts?.localDay ?? null),
      fresh.map((v) => v.facts?.hour ?? null),
      fresh.map((v) => v.facts?.channel ?? null),
      fresh.map((v) => v.facts?.lang ?? null),
      fresh.map((v) => v.facts?.service ?? null),
      fresh.map((v) => JSON.stringify(v.facts?.addons ?? [])),
      ...MEASURES.map((x) => fresh.map((v) => v.facts?.counts[x] ?? 0)),
    ],
  );

  const totalRows = [...totals.entries()];
  if (totalRows.length > 0) {
    await client.query(
      `INSERT INTO day_totals (location_id, local_day, ${MEASURES.join(", ")})
       SELECT $1, t.* FROM unnest($2::date[], ${MEASURES.map((_, i) => `$${3 + i}::bigint[]`).join(", ")}) AS t(local_day, ${MEASURES.join(", ")})
       ON CONFLICT (location_id, local_day) DO UPDATE SET ${MEASURES.map((x) => `${x} = day_totals.${x} + excluded.${x}`).join(", ")}`,
      [locationId, totalRows.map(([day]) => day), ...MEASURES.map((x) => totalRows.map(([, c]) => c[x] ?? 0))],
    );
  }
  const cellRows = [...cells.entries()].map(([k, c]) => ({ key: JSON.parse(k) as [string, string, string], c }));
  if (cellRows.length > 0) {
    await client.query(
      `INSERT INTO day_cells (location_id, local_day, dim, key, ${MEASURES.join(", ")})
       SELECT $1, t.* FROM unnest($2::date[], $3::text[], $4::text[], ${MEASURES.map((_, i) => `$${5 + i}::bigint[]`).join(", ")})
         AS t(local_day, dim, key, ${MEASURES.join(", ")})
       ON CONFLICT (location_id, local_day, dim, key) DO UPDATE SET ${MEASURES.map((x) => `${x} = day_cells.${x} + excluded.${x}`).join(", ")}`,
      [
        locationId,
        cellRows.map((r) => r.key[0]),
        cellRows.map((r) => r.key[1]),
        cellRows.map((r) => r.key[2]),
        ...MEASURES.map((x) => cellRows.map((r) => r.c[x] ?? 0)),
      ],
    );
  }
  const addonRows = [...addonCells.entries()].map(([k, c]) => ({ key: JSON.parse(k) as [string, string], c }));
  if (addonRows.length > 0) {
    await client.query(
      `INSERT INTO day_addon_cells (location_id, local_day, addon, ${ADDON_MEASURES.join(", ")})
       SELECT $1, t.* FROM unnest($2::date[], $3::text[], ${ADDON_MEASURES.map((_, i) => `$${4 + i}::bigint[]`).join(", ")})
         AS t(local_day, addon, ${ADDON_MEASURES.join(", ")})
       ON CONFLICT (location_id, local_day, addon) DO UPDATE SET ${ADDON_MEASURES.map((x) => `${x} = day_addon_cells.${x} + excluded.${x}`).join(", ")}`,
      [
        locationId,
        addonRows.map((r) => r.key[0]),
        addonRows.map((r) => r.key[1]),
        ...ADDON_MEASURES.map((x) => addonRows.map((r) => r.c[x] ?? 0)),
      ],
    );
  }
}
