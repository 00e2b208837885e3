import type { Pool } from "pg";
import {
  chainOfferSchema,
  offerReleaseSchema,
  type ChainOffer,
  type OfferRelease,
  type ReleaseInput,
} from "../contract/head-office";

/**
 * Chain-wide offers (migration 0004): the owner publishes the chain's add-on offers as a
 * numbered release; each location pulls the newest one newer than what it applied
 * (GET /v1/offers?after=N) and applies it in one transaction (db/sync/chain-offers.ts).
 */

/** The lock that numbers releases one at a time. */
const PUBLISH_LOCK = 0x4848_0004;

interface OfferRow {
  release_number: number;
  addon_code: string;
  price_cents: number;
  extra_minutes: number;
  texts: unknown;
  services: string[];
  screening: unknown;
  allow_local_override: boolean;
}

const offerOf = (r: OfferRow): ChainOffer =>
  chainOfferSchema.parse({
    code: r.addon_code,
    priceCents: r.price_cents,
    extraMinutes: r.extra_minutes,
    texts: r.texts,
    services: r.services,
    screening: r.screening,
    allowLocalOverride: r.allow_local_override,
  });

/**
 * Publishes `input` (parsed by releaseInputSchema) as the chain's next release, by `ownerId`; returns it. With
 * `basedOn` (the newest release number the owner was shown, null for none), nothing is published if the newest is
 * another by then: the newest is returned instead (0: none), with who published it.
 */
export async function publishRelease(
  pool: Pool,
  ownerId: string,
  input: ReleaseInput,
  basedOn?: number | null,
): Promise<{ published: OfferRelease } | { newer: { number: number; publishedBy: string } }> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock($1)", [PUBLISH_LOCK]);
    if (basedOn !== undefined) {
      const newest = await client.query<{ number: number; email: string }>(
        `SELECT r.number, o.email FROM offer_releases r JOIN owners o ON o.id = r.published_by
         ORDER BY r.number DESC LIMIT 1`,
      );
      const row = newest.rows[0];
      if ((row?.number ?? null) !== basedOn) {
        await client.query("ROLLBACK");
        return { newer: { number: row?.number ?? 0, publishedBy: row?.email ?? "" } };
      }
    }
    const { rows } = await client.query<{ number: number; published_at: Date }>(
      `INSERT INTO offer_releases (number, published_by)
       SELECT coalesce(max(number), 0) + 1, $1 FROM offer_releases RETURNING number, published_at`,
      [ownerId],
    );
    const { number, published_at } = rows[0]!;
    for (const [position, o] of input.offers.entries()) {
      await client.query(
        `INSERT INTO offer_release_offers
           (release_number, position, addon_code, price_cents, extra_minutes, texts, services, screening, allow_local_override)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          number,
          position,
          o.code,
          o.priceCents,
          o.extraMinutes,
          JSON.stringify(o.texts),
          o.services,
          JSON.stringify(o.screening),
          o.allowLocalOverride,
        ],
      );
    }
    await client.query("COMMIT");
    return {
      published: offerReleaseSchema.parse({ number, publishedAt: published_at.toISOString(), offers: input.offers }),
    };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** The newest `limit` releases, newest first, with who published each. */
export async function listReleases(pool: Pool, limit = 20): Promise<(OfferRelease & { publishedBy: string })[]> {
  const { rows } = await pool.query<{ number: number; published_at: Date; email: string }>(
    `SELECT r.number, r.published_at, o.email FROM offer_releases r JOIN owners o ON o.id = r.published_by
     ORDER BY r.number DESC LIMIT $1`,
    [limit],
  );
  const offers = await offersOf(
    pool,
    rows.map((r) => r.number),
  );
  return rows.map((r) => ({
    number: r.number,
    publishedAt: r.published_at.toISOString(),
    publishedBy: r.email,
    offers: offers.get(r.number) ?? [],
  }));
}

/** The newest release when its number is above `after`, else null. */
export async function releaseAfter(pool: Pool, after: number): Promise<OfferRelease | null> {
  const { rows } = await pool.query<{ number: number; published_at: Date }>(
    "SELECT number, published_at FROM offer_releases WHERE number > $1 ORDER BY number DESC LIMIT 1",
    [after],
  );
  const row = rows[0];
  if (!row) return null;
  const offers = await offersOf(pool, [row.number]);
  return offerReleaseSchema.parse({
    number: row.number,
    publishedAt: row.published_at.toISOString(),
    offers: offers.get(row.number),
  });
}

async function offersOf(pool: Pool, releases: number[]): Promise<Map<number, ChainOffer[]>> {
  const { rows } = await pool.query<OfferRow>(
    "SELECT * FROM offer_release_offers WHERE release_number = ANY($1) ORDER BY release_number, position",
    [releases],
  );
  const byRelease = new Map<number, ChainOffer[]>();
  for (const r of rows) byRelease.set(r.release_number, [...(byRelease.get(r.release_number) ?? []), offerOf(r)]);
  return byRelease;
}
