import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Pool } from "pg";

/**
 * Server-side sessions in PostgreSQL. The browser holds 256 random bits in an HttpOnly cookie;
 * the table holds their SHA-256 only, so a copy of the database signs nobody in. A session ends
 * on sign-out, after IDLE_MINUTES without a request of the owner's (what a page asks by itself, a
 * watch, counts none), or ABSOLUTE_HOURS after sign-in, whichever comes first; PostgreSQL's clock
 * decides, so every service process agrees.
 *
 * CSRF: every state-changing request carries a token that only a page of this origin can have
 * read: the HMAC of the browser's secret cookie (the session's, or before sign-in a random
 * pre-session cookie's). A cross-site form or script can make the browser send the cookie
 * (SameSite=Strict already stops that in current browsers) but can never read the answer that
 * names the token.
 */
export const IDLE_MINUTES = 30;
export const ABSOLUTE_HOURS = 12;

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest();

export const newSecret = (): string => randomBytes(32).toString("base64url");

/** The CSRF token that goes with a cookie's secret. */
export const csrfTokenOf = (secret: string): string =>
  createHmac("sha256", secret).update("happyhead-dashboard-csrf").digest("base64url");

export function csrfMatches(secret: string | undefined, token: string | undefined): boolean {
  if (!secret || !token) return false;
  const expected = Buffer.from(csrfTokenOf(secret));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Starts a session for an owner; returns the cookie's secret. */
export async function startSession(pool: Pool, ownerId: string): Promise<string> {
  const secret = newSecret();
  await pool.query("INSERT INTO owner_sessions (token_hash, owner_id) VALUES ($1, $2)", [sha256(secret), ownerId]);
  return secret;
}

/** The SQL condition that a session row (`alias`) is live: used within IDLE_MINUTES, begun within ABSOLUTE_HOURS. */
export const sessionLive = (alias: string) =>
  `${alias}.last_seen_at > now() - make_interval(mins => ${IDLE_MINUTES}) AND ${alias}.created_at > now() - make_interval(hours => ${ABSOLUTE_HOURS})`;

export type SessionLookup =
  { state: "live"; ownerId: string; email: string } | { state: "expired" } | { state: "unknown" };

/**
 * The session a cookie names, its idle clock restarted when the request is the owner's doing (`touch`); a request the
 * page makes by itself (a watch) leaves the clock where the owner's last action put it. An ended one is said to be
 * expired.
 */
export async function lookUpSession(pool: Pool, secret: string, touch = true): Promise<SessionLookup> {
  const hash = sha256(secret);
  const live = await pool.query<{ owner_id: string; email: string }>(
    touch
      ? `UPDATE owner_sessions s SET last_seen_at = now() FROM owners o
         WHERE s.token_hash = $1 AND o.id = s.owner_id AND ${sessionLive("s")}
         RETURNING s.owner_id::text AS owner_id, o.email`
      : `SELECT s.owner_id::text AS owner_id, o.email FROM owner_sessions s JOIN owners o ON o.id = s.owner_id
         WHERE s.token_hash = $1 AND ${sessionLive("s")}`,
    [hash],
  );
  const row = live.rows[0];
  if (row) return { state: "live", ownerId: row.owner_id, email: row.email };
  // An ended session stays a day, refusing, so every request it was still sending (a page asks
  // for two periods at once) hears "expired", not "signed out"; then it goes with the others.
  const ended = await pool.query("SELECT 1 FROM owner_sessions WHERE token_hash = $1", [hash]);
  await pool.query(
    `DELETE FROM owner_sessions
     WHERE last_seen_at < now() - make_interval(days => 1, mins => $1) OR created_at < now() - make_interval(days => 1, hours => $2)`,
    [IDLE_MINUTES, ABSOLUTE_HOURS],
  );
  return ended.rowCount ? { state: "expired" } : { state: "unknown" };
}

export async function endSession(pool: Pool, secret: string): Promise<void> {
  await pool.query("DELETE FROM owner_sessions WHERE token_hash = $1", [sha256(secret)]);
}

export async function endSessionsOf(pool: Pool, ownerId: string): Promise<void> {
  await pool.query("DELETE FROM owner_sessions WHERE owner_id = $1", [ownerId]);
}
