import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { Pool } from "pg";
import { type PairResponse, type SyncPosition } from "../contract/hq";
import { HqRefusal } from "./errors";

/**
 * Locations and their pairing. The head-office manager adds a location (`npm run hq --
 * add-location "Downtown"`) and reads its pairing code to the location's manager, who types it
 * into Back office → Head office; the location exchanges it once for its token. Codes (60 bits,
 * valid 24 hours, single use) and tokens (256 bits) are stored as SHA-256 only: both are random
 * enough that a fast hash is the right one, and the database can compare without the secret.
 */

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const CODE_HOURS = 24;

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest();

function newCode(): string {
  const bytes = randomBytes(12);
  return [...bytes].map((b) => CROCKFORD[b & 31]).join("");
}

/** A pairing code, as the manager reads it: XXXX-XXXX-XXXX. */
const shown = (code: string) => code.match(/.{4}/g)?.join("-") ?? code;

export async function addLocation(pool: Pool, name: string): Promise<{ locationId: string; code: string }> {
  const locationId = randomUUID();
  await pool.query("INSERT INTO locations (id, name) VALUES ($1, $2)", [locationId, name]);
  return { locationId, code: await newPairingCode(pool, locationId) };
}

/** A new code for a location (first pairing, a replaced machine, a revoked token). */
export async function newPairingCode(pool: Pool, locationId: string): Promise<string> {
  const code = newCode();
  await pool.query(
    `INSERT INTO pairing_codes (code_hash, location_id, expires_at) VALUES ($1, $2, now() + interval '${CODE_HOURS} hours')`,
    [sha256(code), locationId],
  );
  return shown(code);
}

/** Exchanges a live code for a new token (the code is spent). `code` is normalized by pairingCodeSchema. */
export async function redeemPairingCode(pool: Pool, code: string): Promise<PairResponse> {
  const token = randomBytes(32).toString("base64url");
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const { rows } = await client.query<{ location_id: string; name: string }>(
      `UPDATE pairing_codes p SET used_at = now() FROM locations l
       WHERE p.code_hash = $1 AND p.used_at IS NULL AND p.expires_at > now() AND l.id = p.location_id
       RETURNING p.location_id::text AS location_id, l.name`,
      [sha256(code)],
    );
    const row = rows[0];
    if (!row) {
      await client.query("ROLLBACK");
      throw new HqRefusal(
        "PAIRING_CODE_INVALID",
        "This pairing code is unknown, used or expired. Ask head office for a new one.",
      );
    }
    await client.query("INSERT INTO location_tokens (token_hash, location_id) VALUES ($1, $2)", [
      sha256(token),
      row.location_id,
    ]);
    await client.query("COMMIT");
    return { locationId: row.location_id, name: row.name, token };
  } catch (error) {
    if (!(error instanceof HqRefusal)) await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Revokes every live token of a location; its next batch is refused with REVOKED_TOKEN. Returns how many. */
export async function revokeTokens(pool: Pool, locationId: string): Promise<number> {
  const { rowCount } = await pool.query(
    "UPDATE location_tokens SET revoked_at = now() WHERE location_id = $1 AND revoked_at IS NULL",
    [locationId],
  );
  return rowCount ?? 0;
}

/** The token's location and the highest outbox seq the head office holds of it (GET /v1/position), or why not. */
export const positionOf = (pool: Pool, token: string): Promise<SyncPosition> => liveTokenLocation(pool, token);

/** The location of a live token, and its outbox position; refused when the token is unknown or revoked. */
export async function liveTokenLocation(pool: Pool, token: string): Promise<SyncPosition> {
  const { rows } = await pool.query<{ location_id: string; last_seq: string; revoked: boolean }>(
    `SELECT l.id::text AS location_id, l.last_seq::text AS last_seq, t.revoked_at IS NOT NULL AS revoked
     FROM location_tokens t JOIN locations l ON l.id = t.location_id WHERE t.token_hash = $1`,
    [sha256(token)],
  );
  const row = rows[0];
  if (!row)
    throw new HqRefusal("UNKNOWN_TOKEN", "This token is not known to the head office. Pair the location again.");
  if (row.revoked) throw new HqRefusal("REVOKED_TOKEN", "This location's token was revoked. Pair the location again.");
  return { locationId: row.location_id, lastSeq: Number(row.last_seq) };
}
