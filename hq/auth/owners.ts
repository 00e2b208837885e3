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
 * sign-in (a new browser's) counts against the account name from the client's network address
 * (an IPv6 client per /64): at most ACCOUNT_LIMIT in WINDOW_MINUTES and ACCOUNT_ADDRESS_DAY_LIMIT
 * in a day; against the address, at most ADDRESS_LIMIT in WINDOW_MINUTES over every account; and
 * against the account from every address, at most ACCOUNT_DAY_LIMIT in a day (whether or not the
 * account exists, so no lock names one). So a stranger who knows the owner's email locks out new
 * browsers at their own address only: the owner's new phone or a hotel PC elsewhere still signs
 * in, and one address can never set the account-wide lock alone (its day's share is smaller).
 * Guessing stays bounded: ACCOUNT_DAY_LIMIT a day on an account from new browsers, however many
 * addresses guess. Only many addresses together (ACCOUNT_DAY_LIMIT / ACCOUNT_ADDRESS_DAY_LIMIT of
 * them at least) can lock every new browser out for a day; the owner's own browsers still sign in, one of them can
 * make a one-time sign-in code that lets a new browser in (hq/auth/signin-codes.ts: it tries no password and clears no
 * failure), and replacing the password (owner-password) lifts the lock. An attempt is recorded as failed BEFORE its
 * password is checked (and the record dropped when it succeeds), so a burst of parallel guesses is
 * counted as it arrives and no more than the limit ever reach the password check. A refused attempt
 * is not recorded: a lock ends when the failure that set it leaves its window, as its message says.
 */
export const ACCOUNT_LIMIT = 5;
export const ACCOUNT_ADDRESS_DAY_LIMIT = 20;
export const ACCOUNT_DAY_LIMIT = 100;
export const ADDRESS_LIMIT = 20;
export const WINDOW_MINUTES = 15;
const DAY_MINUTES = 24 * 60;

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
 * Replaces an owner's password, ends every session of theirs (which stops every one-time sign-in code they made),
 * withdraws the trust of every browser they signed in with and lifts a lock on the account. False: no such owner.
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
      code: Extract<
        DashboardErrorCode,
        "WRONG_PASSWORD" | "ACCOUNT_LOCKED" | "ADDRESS_LOCKED" | "DEVICE_LOCKED" | "NEW_BROWSERS_LOCKED"
      >;
      message: string;
      retryAfterSeconds?: number;
    };

/** A wait as the owner reads it: "1 minute", "15 minutes", "2 hours" (past 90 minutes, in hours rounded up). */
const minutes = (seconds: number) => {
  const m = Math.max(1, Math.ceil(seconds / 60));
  const h = Math.ceil(m / 60);
  return m === 1 ? "1 minute" : m <= 90 ? `${m} minutes` : h === 24 ? "a day" : `${h} hours`;
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

/**
 * The failures each limit counts: a new browser's against its account from its address, its address, and its account
 * from every address; a device's against it. `$1` is the hash counted, `$5` the address beside an account.
 */
const SCOPES = {
  accountHere: "account_hash = $1 AND address_hash = $5 AND device_hash IS NULL",
  account: "account_hash = $1 AND device_hash IS NULL",
  address: "address_hash = $1 AND device_hash IS NULL",
  device: "device_hash = $1",
} as const;

/** One limit: the failures it counts, how many it allows in how many minutes, and what it refuses with. */
interface Limit {
  scope: keyof typeof SCOPES;
  limit: number;
  minutes: number;
  code: keyof typeof LOCKED;
  /** Whom the lock keeps out, for the wrong password's message ("then signing in … is locked"). */
  who: string;
}

/**
 * In one limit: how many failures in its window came before or with attempt `mine`, and in how many seconds the
 * oldest of the last `limit` before it leaves the window (when a lock set by them ends).
 */
async function standing(pool: Pool, l: Limit, hashes: [Buffer] | [Buffer, Buffer], mine: string) {
  const [hash, here] = hashes;
  const { rows } = await pool.query<{ n: string; wait: string | null }>(
    `SELECT (SELECT count(*) FROM signin_failures WHERE ${SCOPES[l.scope]} AND id <= $2 AND at > now() - make_interval(mins => $3)) AS n,
            (SELECT extract(epoch FROM at + make_interval(mins => $3) - now()) FROM signin_failures
              WHERE ${SCOPES[l.scope]} AND id < $2 AND at > now() - make_interval(mins => $3)
              ORDER BY id DESC OFFSET $4 - 1 LIMIT 1) AS wait`,
    [hash, mine, l.minutes, l.limit, ...(here ? [here] : [])],
  );
  return { ...l, count: Number(rows[0]?.n ?? 0), wait: Number(rows[0]?.wait ?? l.minutes * 60) };
}

const LOCKED = {
  ACCOUNT_LOCKED: (wait: string) =>
    `Too many failed sign-ins for this account from this network address. Signing in to it from a new browser here is locked for ${wait}; a browser you have signed in with before still can (and can make a one-time sign-in code for this one: New browser), and so can a new one elsewhere.`,
  ADDRESS_LOCKED: (wait: string) =>
    `Too many failed sign-ins from this network address. Signing in is locked for ${wait}; try again then.`,
  DEVICE_LOCKED: (wait: string) =>
    `Too many failed sign-ins from this browser. Signing in here is locked for ${wait}; try again then.`,
  NEW_BROWSERS_LOCKED: (wait: string) =>
    `Too many failed sign-ins for this account from many network addresses today. Signing in to it from a new browser is locked for ${wait}; a browser you have signed in with before still can, and can make a one-time sign-in code for this one (New browser); replacing the password (owner-password) lifts the lock.`,
};

const DEVICE: Limit = {
  scope: "device",
  limit: DEVICE_LIMIT,
  minutes: WINDOW_MINUTES,
  code: "DEVICE_LOCKED",
  who: "from this browser",
};
/** A new browser's limits, the account's own from every address first (its lock says the most). */
const NEW_BROWSER: Limit[] = [
  {
    scope: "account",
    limit: ACCOUNT_DAY_LIMIT,
    minutes: DAY_MINUTES,
    code: "NEW_BROWSERS_LOCKED",
    who: "to this account from a new browser",
  },
  {
    scope: "accountHere",
    limit: ACCOUNT_ADDRESS_DAY_LIMIT,
    minutes: DAY_MINUTES,
    code: "ACCOUNT_LOCKED",
    who: "to this account from this network address",
  },
  {
    scope: "accountHere",
    limit: ACCOUNT_LIMIT,
    minutes: WINDOW_MINUTES,
    code: "ACCOUNT_LOCKED",
    who: "to this account from this network address",
  },
  { scope: "address", limit: ADDRESS_LIMIT, minutes: WINDOW_MINUTES, code: "ADDRESS_LOCKED", who: "from here" },
];

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
  const limits = await Promise.all(
    device
      ? [standing(pool, DEVICE, [device], mine)]
      : NEW_BROWSER.map((l) =>
          standing(pool, l, l.scope === "address" ? [from] : l.scope === "account" ? [account] : [account, from], mine),
        ),
  );
  // Refused by the lock that lasts longest, so its wait is the whole of it.
  const locked = limits.filter((l) => l.count > l.limit).sort((a, b) => b.wait - a.wait)[0];
  if (locked) return refuse(locked.code, locked.wait);
  // The wrong password's message names the account's limit nearest (the address's is any account's, and told when set).
  const nearest = limits
    .filter((l) => l.scope !== "address")
    .reduce((a, b) => (b.limit - b.count < a.limit - a.count ? b : a));
  const left = nearest.limit - nearest.count;
  const owner = (
    await pool.query<{ id: string; password_hash: string }>(
      "SELECT id::text AS id, password_hash FROM owners WHERE email = $1",
      [input.email],
    )
  ).rows[0];
  const matches = await verifyPassword(input.password, owner?.password_hash ?? (await decoyHash()));
  if (owner && matches) {
    // A device's success clears that device's failures only, a new browser's those of its account at its address:
    // the owner signing in does not hand whoever is guessing elsewhere a fresh set of tries.
    if (device) await pool.query("DELETE FROM signin_failures WHERE device_hash = $1", [device]);
    else
      await pool.query(
        "DELETE FROM signin_failures WHERE account_hash = $1 AND address_hash = $2 AND device_hash IS NULL",
        [account, from],
      );
    const devices = await trustBrowser(pool, owner.id, held);
    return { ok: true, ownerId: owner.id, email: input.email, knownBrowser: device !== null, devices };
  }
  const wait = minutes(nearest.minutes * 60);
  return {
    ok: false,
    code: "WRONG_PASSWORD",
    message:
      left > 0
        ? `The email or password is wrong. ${left === 1 ? "1 more try" : `${left} more tries`}, then signing in ${nearest.who} is locked for ${wait}.`
        : `The email or password is wrong. Signing in ${nearest.who} is now locked for ${wait}.`,
  };
}
