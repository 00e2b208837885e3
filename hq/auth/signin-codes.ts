import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { Pool } from "pg";
import {
  SIGNIN_CODE_ALPHABET,
  SIGNIN_CODE_LENGTH,
  SIGNIN_CODE_MINUTES,
  SIGNIN_CODES_WAITING_MAX,
  type MadeSignInCode,
  type SignInCodeList,
} from "../../contract/dashboard";
import { sessionLive } from "./sessions";

/**
 * One-time sign-in codes: the way into a new browser while strangers' wrong passwords keep new browsers out of the
 * account (hq/auth/owners.ts NEW_BROWSERS_LOCKED, ACCOUNT_LOCKED). The owner, signed in on a browser of theirs, makes a
 * code; the new browser (their new phone, a laptop) signs in with it once, within SIGNIN_CODE_MINUTES, whatever lock
 * holds for passwords. A code is no password: it never lets a password be tried past a lock, and signing in with it
 * clears no failure a lock counts, so whoever is guessing gets no fresh tries.
 *
 * A code is 80 random bits (16 characters of Crockford's base 32): too many to guess in its 15 minutes at any rate the
 * service answers (2^80 codes; a million guesses a second for 15 minutes finds a live one with odds below 10^-15), so
 * a wrong code costs no lock. The table keeps its SHA-256 only, looked up by that hash as sessions are, so no
 * comparison with the code's text happens.
 *
 * A code works only while the session that made it is live: signing out there (or owner-password, which ends every
 * session) stops it. Sign-out is the owner's "I am done here": a code left on that screen, or sent in a message, should
 * not outlive it; and someone who took over that session cannot leave a working code behind once the owner signs it
 * out. PostgreSQL's clock alone says when a code was made and when it expires (the service's and the browsers' may
 * differ); the page counts down the seconds head office gives it.
 */
export const CODE_AUDIT_DAYS = 30;
/** How many of an owner's codes their list shows (the newest). */
export const CODE_LIST_MAX = 20;

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest();

function newCode(): string {
  // 10 bytes are 80 bits: each 5 of them one character.
  let bits = BigInt(`0x${randomBytes(10).toString("hex")}`);
  let code = "";
  for (let i = 0; i < SIGNIN_CODE_LENGTH; i++, bits >>= 5n) code = SIGNIN_CODE_ALPHABET[Number(bits & 31n)] + code;
  return code;
}

/** A code as the owner reads it: XXXX-XXXX-XXXX-XXXX. */
const shown = (code: string) => code.match(/.{4}/g)!.join("-");

/**
 * Makes a code for the owner of the live session `sessionSecret`, or says that SIGNIN_CODES_WAITING_MAX of theirs are
 * already waiting to be used.
 */
export async function makeSignInCode(
  pool: Pool,
  ownerId: string,
  sessionSecret: string,
): Promise<MadeSignInCode | { waiting: number }> {
  const code = newCode();
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    // One owner's codes are made one at a time, so two at once cannot both pass the count.
    await client.query("SELECT 1 FROM owners WHERE id = $1 FOR UPDATE", [ownerId]);
    await client.query("DELETE FROM owner_signin_codes WHERE made_at < now() - make_interval(days => $1)", [
      CODE_AUDIT_DAYS,
    ]);
    const waiting = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM owner_signin_codes c JOIN owner_sessions s ON s.token_hash = c.session_hash
       WHERE c.owner_id = $1 AND c.used_at IS NULL AND c.cancelled_at IS NULL AND c.expires_at > now() AND ${sessionLive("s")}`,
      [ownerId],
    );
    const n = waiting.rows[0]!.n;
    if (n >= SIGNIN_CODES_WAITING_MAX) {
      await client.query("ROLLBACK");
      return { waiting: n };
    }
    const { rows } = await client.query<{ id: string; seconds_left: number }>(
      `INSERT INTO owner_signin_codes (id, code_hash, owner_id, session_hash, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(mins => $5))
       RETURNING id::text AS id, ceil(extract(epoch FROM expires_at - now()))::int AS seconds_left`,
      [randomUUID(), sha256(code), ownerId, sha256(sessionSecret), SIGNIN_CODE_MINUTES],
    );
    await client.query("COMMIT");
    return { id: rows[0]!.id, code: shown(code), secondsLeft: rows[0]!.seconds_left };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** An owner's codes of the last CODE_AUDIT_DAYS, newest first, each as it stands by PostgreSQL's clock. */
export async function listSignInCodes(pool: Pool, ownerId: string): Promise<SignInCodeList> {
  const { rows } = await pool.query<SignInCodeList["codes"][number]>(
    `SELECT c.id::text AS id, to_json(c.made_at) #>> '{}' AS "madeAt",
            CASE WHEN c.used_at IS NOT NULL THEN 'used' WHEN c.cancelled_at IS NOT NULL THEN 'cancelled'
                 WHEN c.expires_at <= now() THEN 'expired' WHEN s.token_hash IS NULL THEN 'stopped' ELSE 'waiting' END AS state,
            to_json(coalesce(c.used_at, c.cancelled_at)) #>> '{}' AS "endedAt",
            CASE WHEN c.used_at IS NULL AND c.cancelled_at IS NULL AND s.token_hash IS NOT NULL
                 THEN greatest(0, ceil(extract(epoch FROM c.expires_at - now())))::int ELSE 0 END AS "secondsLeft"
     FROM owner_signin_codes c LEFT JOIN owner_sessions s ON s.token_hash = c.session_hash AND ${sessionLive("s")}
     WHERE c.owner_id = $1 AND c.made_at > now() - make_interval(days => $2)
     ORDER BY c.made_at DESC, c.id LIMIT $3`,
    [ownerId, CODE_AUDIT_DAYS, CODE_LIST_MAX],
  );
  return { codes: rows };
}

/** Cancels one of the owner's codes still waiting; false when it is not theirs or was used or had ended first. */
export async function cancelSignInCode(pool: Pool, ownerId: string, id: string): Promise<boolean> {
  const { rowCount } = await pool.query(
    `UPDATE owner_signin_codes SET cancelled_at = now()
     WHERE id = $1 AND owner_id = $2 AND used_at IS NULL AND cancelled_at IS NULL AND expires_at > now()`,
    [id, ownerId],
  );
  return rowCount === 1;
}

export type CodeSignIn = { ok: true; ownerId: string; email: string; codeId: string } | { ok: false; message: string };

const MAKE_ANOTHER = "Make a new one in a browser you are signed in with (New browser, at the top of the page).";
/** Why a code signed nobody in, for whoever holds it (they hold the code: its state is theirs to know). */
const REFUSED = {
  used: `This sign-in code has already been used: each code signs in one browser, once. ${MAKE_ANOTHER}`,
  cancelled: `This sign-in code was cancelled in the browser that made it. ${MAKE_ANOTHER}`,
  expired: `This sign-in code has expired: a code works for ${SIGNIN_CODE_MINUTES} minutes. ${MAKE_ANOTHER}`,
  stopped: `This sign-in code stopped working when the browser that made it signed out (or its session ended). ${MAKE_ANOTHER}`,
  unknown:
    "Head office made no such sign-in code. Check it against the browser that shows it (letters and digits, 16 of them).",
};

/**
 * Spends a code (normalized by signInCodeSchema) and names its owner, or says why it signs nobody in. Two browsers
 * sending the same code at once: one signs in, the other hears it was used.
 */
export async function redeemSignInCode(pool: Pool, code: string): Promise<CodeSignIn> {
  const hash = sha256(code);
  const { rows } = await pool.query<{ id: string; owner_id: string; email: string }>(
    `UPDATE owner_signin_codes c SET used_at = now() FROM owner_sessions s, owners o
     WHERE c.code_hash = $1 AND c.used_at IS NULL AND c.cancelled_at IS NULL AND c.expires_at > now()
       AND s.token_hash = c.session_hash AND ${sessionLive("s")} AND o.id = c.owner_id
     RETURNING c.id::text AS id, c.owner_id::text AS owner_id, o.email`,
    [hash],
  );
  const spent = rows[0];
  if (spent) return { ok: true, ownerId: spent.owner_id, email: spent.email, codeId: spent.id };
  const why = await pool.query<{ state: keyof typeof REFUSED }>(
    `SELECT CASE WHEN c.used_at IS NOT NULL THEN 'used' WHEN c.cancelled_at IS NOT NULL THEN 'cancelled'
                 WHEN c.expires_at <= now() THEN 'expired' ELSE 'stopped' END AS state
     FROM owner_signin_codes c WHERE c.code_hash = $1`,
    [hash],
  );
  return { ok: false, message: REFUSED[why.rows[0]?.state ?? "unknown"] };
}
