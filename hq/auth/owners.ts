import { createHash, randomUUID } from "node:crypto";
import ipaddr from "ipaddr.js";
import type { Pool } from "pg";
import type { DashboardErrorCode, SignIn } from "../../contract/dashboard";
import { DEVICE_LIMIT, deviceOf, forgetDevicesOf, trustBrowser } from "./devices";
import { decoyHash, hashPassword, verifyPassword } from "./passwords";
import { endSessionsOf } from "./sessions";

/**
 * Owner accounts and signing in. The first owner is made on the command line (`npm run hq --
 * add-owner <email>`); a forgotten password is replaced there too (`owner-password`), which
 * signs the owner out everywhere and withdraws the trust of every browser they signed in with.
 *
 * The rate limit counts failed sign-ins in PostgreSQL, so it holds across restarts and across
 * several service processes. A sign-in from a browser the owner has signed in with before (one
 * carrying a device of the account it names, hq/auth/devices.ts) counts against that browser
 * only: at most DEVICE_LIMIT in any WINDOW_MINUTES, and no other lock refuses it. Any other
 * sign-in counts against the account name, at most ACCOUNT_LIMIT (whether or not it exists, so
 * the lock names no account), and the client address, at most ADDRESS_LIMIT (an IPv6 client per
 * /64). So a stranger who knows the owner's email can lock out new browsers, never the owner's
 * own. An attempt is recorded as failed BEFORE its password is checked (and the record dropped
 * when it succeeds), so a burst of parallel guesses is counted as it arrives and no more than the
 * limit ever reach the password check. A refused attempt is not recorded: the lock ends
 * WINDOW_MINUTES after the failure that set it, as its message says.
 */
export const ACCOUNT_LIMIT = 5;
export const ADDRESS_LIMIT = 20;
export const WINDOW_MINUTES = 15;

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest();

export class OwnerExistsError extends Error {
  constructor(email: string) {
    super(`An owner ${email} already exists; use owner-password to replace the password.`);
  }
}

export async function addOwner(pool: Pool, email: string, password: string): Promise<string> {
  const id = randomUUID();
  const { rowCount } = await pool.query(
    "INSERT INTO owners (id, email, password_hash) VALUES ($1, $2, $3) ON CONFLICT (email) DO NOTHING",
    [id, email, await hashPassword(password)],
  );
  if (rowCount !== 1) throw new OwnerExistsError(email);
  return id;
}

/**
 * Replaces an owner's password, ends every session of theirs, withdraws the trust of every browser they signed in with
 * and lifts a lock on the account. False: no such owner.
 */
export async function setOwnerPassword(pool: Pool, email: string, password: string): Promise<boolean> {
  const { rows } = await pool.query<{ id: string }>(
    "UPDATE owners SET password_hash = $2, password_at = now() WHERE email = $1 RETURNING id::text AS id",
    [email, await hashPassword(password)],
  );
  if (!rows[0]) return false;
  await endSessionsOf(pool, rows[0].id);
  await forgetDevicesOf(pool, rows[0].id);
  await pool.query("DELETE FROM signin_failures WHERE account_hash = $1", [sha256(email)]);
  return true;
}

export type SignInOutcome =
  | {
      ok: true;
      ownerId: string;
      email: string;
      /** Whether the browser was one the owner had signed in with before. */
      knownBrowser: boolean;
      /** The browser's device cookie from now on (contract/dashboard.ts deviceCookieSchema). */
      devices: string[];
    }
  | {
      ok: false;
      code: Extract<DashboardErrorCode, "WRONG_PASSWORD" | "ACCOUNT_LOCKED" | "ADDRESS_LOCKED" | "DEVICE_LOCKED">;
      message: string;
      retryAfterSeconds?: number;
    };

const minutes = (seconds: number) => {
  const m = Math.max(1, Math.ceil(seconds / 60));
  return m === 1 ? "1 minute" : `${m} minutes`;
};

/**
 * The network a client address stands for in the per-address limit: an IPv4 address itself, an
 * IPv6 address its /64 (one subscriber's prefix: a client picks any of its 2^64 addresses at
 * will, so counting per /128 would count nothing), an IPv4-mapped IPv6 address as the IPv4.
 */
export function addressKey(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const ip = ipaddr.process(address);
  return ip.kind() === "ipv4"
    ? ip.toString()
    : `${ipaddr.IPv6.networkAddressFromCIDR(`${ip.toString()}/64`).toString()}/64`;
}

/** The failures each limit counts: an unknown browser's against its account and address, a device's against it. */
const SCOPES = {
  account: "account_hash = $1 AND device_hash IS NULL",
  address: "address_hash = $1 AND device_hash IS NULL",
  device: "device_hash = $1",
} as const;

/**
 * In one scope: how many failures in the window came before or with attempt `mine`, and in how
 * many seconds the oldest of the last `limit` before it leaves the window (when a lock set by
 * them ends).
 */
async function standing(pool: Pool, scope: keyof typeof SCOPES, hash: Buffer, mine: string, limit: number) {
  const { rows } = await pool.query<{ n: string; wait: string | null }>(
    `SELECT (SELECT count(*) FROM signin_failures WHERE ${SCOPES[scope]} AND id <= $2 AND at > now() - make_interval(mins => $3)) AS n,
            (SELECT extract(epoch FROM at + make_interval(mins => $3) - now()) FROM signin_failures
              WHERE ${SCOPES[scope]} AND id < $2 AND at > now() - make_interval(mins => $3)
              ORDER BY id DESC OFFSET $4 - 1 LIMIT 1) AS wait`,
    [hash, mine, WINDOW_MINUTES, limit],
  );
  return { count: Number(rows[0]?.n ?? 0), wait: Number(rows[0]?.wait ?? WINDOW_MINUTES * 60) };
}

const LOCKED = {
  ACCOUNT_LOCKED: (wait: string) =>
    `Too many failed sign-ins for this account. Signing in from a new browser is locked for ${wait}; a browser you have signed in with before still can.`,
  ADDRESS_LOCKED: (wait: string) =>
    `Too many failed sign-ins from this network address. Signing in is locked for ${wait}; try again then.`,
  DEVICE_LOCKED: (wait: string) =>
    `Too many failed sign-ins from this browser. Signing in here is locked for ${wait}; try again then.`,
};

/**
 * Checks a sign-in under the rate limit. `address` is the client's (the TLS proxy's X-Forwarded-For when there is
 * one); `held` the tokens of the browser's device cookie, if any.
 */
export async function signIn(
  pool: Pool,
  input: SignIn,
  address: string,
  held: readonly string[] = [],
): Promise<SignInOutcome> {
  const account = sha256(input.email);
  const from = sha256(`address:${addressKey(address)}`);
  // Old failures go first: they count for nothing and the table stays a day's worth at most.
  await pool.query("DELETE FROM signin_failures WHERE at < now() - interval '1 day'");
  // A device of another account, an old or a made-up one is no device: the sign-in is an unknown browser's, answered
  // alike whether the account it names exists or not.
  const device = await deviceOf(pool, held, input.email);
  const { rows } = await pool.query<{ id: string }>(
    "INSERT INTO signin_failures (account_hash, address_hash, device_hash) VALUES ($1, $2, $3) RETURNING id",
    [account, from, device],
  );
  const mine = rows[0]!.id;
  const refuse = async (code: keyof typeof LOCKED, wait: number): Promise<SignInOutcome> => {
    await pool.query("DELETE FROM signin_failures WHERE id = $1", [mine]);
    const retryAfterSeconds = Math.max(1, Math.ceil(wait));
    return { ok: false, code, retryAfterSeconds, message: LOCKED[code](minutes(retryAfterSeconds)) };
  };
  let left: number;
  if (device) {
    const device_ = await standing(pool, "device", device, mine, DEVICE_LIMIT);
    if (device_.count > DEVICE_LIMIT) return refuse("DEVICE_LOCKED", device_.wait);
    left = DEVICE_LIMIT - device_.count;
  } else {
    const account_ = await standing(pool, "account", account, mine, ACCOUNT_LIMIT);
    const address_ = await standing(pool, "address", from, mine, ADDRESS_LIMIT);
    if (account_.count > ACCOUNT_LIMIT) return refuse("ACCOUNT_LOCKED", account_.wait);
    if (address_.count > ADDRESS_LIMIT) return refuse("ADDRESS_LOCKED", address_.wait);
    left = ACCOUNT_LIMIT - account_.count;
  }

  const owner = (
    await pool.query<{ id: string; password_hash: string }>(
      "SELECT id::text AS id, password_hash FROM owners WHERE email = $1",
      [input.email],
    )
  ).rows[0];
  const matches = await verifyPassword(input.password, owner?.password_hash ?? (await decoyHash()));
  if (owner && matches) {
    // A device's success clears that device's failures only: the owner signing in does not hand whoever is guessing
    // from unknown browsers a fresh set of tries.
    if (device) await pool.query("DELETE FROM signin_failures WHERE device_hash = $1", [device]);
    else await pool.query("DELETE FROM signin_failures WHERE account_hash = $1 AND device_hash IS NULL", [account]);
    const devices = await trustBrowser(pool, owner.id, held);
    return { ok: true, ownerId: owner.id, email: input.email, knownBrowser: device !== null, devices };
  }
  const where = device ? "signing in from this browser" : "signing in";
  return {
    ok: false,
    code: "WRONG_PASSWORD",
    message:
      left > 0
        ? `The email or password is wrong. ${left === 1 ? "1 more try" : `${left} more tries`}, then ${where} is locked for ${WINDOW_MINUTES} minutes.`
        : device
          ? `The email or password is wrong. Signing in from this browser is now locked for ${WINDOW_MINUTES} minutes.`
          : `The email or password is wrong. Signing in to this account from a new browser is now locked for ${WINDOW_MINUTES} minutes.`,
  };
}
