import { createHash } from "node:crypto";
import type { Pool } from "pg";
import { DEVICE_TOKENS_MAX } from "../../contract/dashboard";
import { newSecret } from "./sessions";

/**
 * Browsers an owner has signed in with ("device cookies", OWASP's Slow Down Online Guessing
 * Attacks with Device Cookies). The locks on new browsers' sign-ins (hq/auth/owners.ts: an
 * account's at one network address, and its own after many failures from many addresses) can be
 * set by anyone who knows the owner's email; a browser the owner signed in with before is refused
 * by none of them, and has a limit of its own instead (DEVICE_LIMIT failures in the window, then
 * that browser waits). So a stranger can lock out only browsers the owner never signed in with.
 *
 * The browser holds 256 random bits per owner in an HttpOnly cookie (contract/dashboard.ts
 * deviceCookieSchema); the table holds their SHA-256 and the owner's id only. A device counts only
 * for the owner it was made for, and for DEVICE_DAYS after the sign-in that made it: each sign-in
 * with it replaces it with a new one (a copy taken before is worth nothing from then on), and
 * replacing the owner's password withdraws every one of theirs.
 */
export const DEVICE_LIMIT = 5;
export const DEVICE_DAYS = 365;
/** The browsers one owner's trust extends to at most: the newest sign-ins'; an older one counts as unknown again. */
export const DEVICES_PER_OWNER = 20;

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest();

/**
 * The hash of the one of a browser's `tokens` that is a live device of the owner named `email`, or null (no such
 * owner, or none of the tokens is theirs): the answer depends on the tokens, never on whether the account exists.
 */
export async function deviceOf(pool: Pool, tokens: readonly string[], email: string): Promise<Buffer | null> {
  if (tokens.length === 0) return null;
  const { rows } = await pool.query<{ token_hash: Buffer }>(
    `SELECT d.token_hash FROM owner_devices d JOIN owners o ON o.id = d.owner_id
     WHERE d.token_hash = ANY($1::bytea[]) AND o.email = $2 AND d.created_at > now() - make_interval(days => $3)
     LIMIT 1`,
    [tokens.map(sha256), email, DEVICE_DAYS],
  );
  return rows[0]?.token_hash ?? null;
}

/**
 * Trusts the browser for the owner who just signed in with it: a new device replaces whatever of theirs it held; the
 * live devices of other owners it holds stay in its cookie behind it (at most DEVICE_TOKENS_MAX). Returns the cookie's
 * tokens.
 */
export async function trustBrowser(pool: Pool, ownerId: string, held: readonly string[]): Promise<string[]> {
  const token = newSecret();
  const hashes = held.map(sha256);
  await pool.query("DELETE FROM owner_devices WHERE created_at < now() - make_interval(days => $1)", [DEVICE_DAYS]);
  await pool.query("DELETE FROM owner_devices WHERE owner_id = $1 AND token_hash = ANY($2::bytea[])", [
    ownerId,
    hashes,
  ]);
  await pool.query("INSERT INTO owner_devices (token_hash, owner_id) VALUES ($1, $2)", [sha256(token), ownerId]);
  await pool.query(
    `DELETE FROM owner_devices WHERE owner_id = $1 AND token_hash NOT IN
       (SELECT token_hash FROM owner_devices WHERE owner_id = $1 ORDER BY created_at DESC LIMIT $2)`,
    [ownerId, DEVICES_PER_OWNER],
  );
  const { rows } = await pool.query<{ token_hash: Buffer }>(
    "SELECT token_hash FROM owner_devices WHERE token_hash = ANY($1::bytea[])",
    [hashes],
  );
  const live = held.filter((_, i) => rows.some((r) => r.token_hash.equals(hashes[i]!)));
  return [token, ...live].slice(0, DEVICE_TOKENS_MAX);
}

/** Withdraws the trust of every browser the owner signed in with. */
export async function forgetDevicesOf(pool: Pool, ownerId: string): Promise<void> {
  await pool.query("DELETE FROM owner_devices WHERE owner_id = $1", [ownerId]);
}
