import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

/**
 * Owner passwords, hashed with scrypt (node:crypto) at OWASP's cost for it: N = 2^15, r = 8,
 * p = 3 (the equivalent of N = 2^17, p = 1 in 32 MiB instead of 128), a 16-byte random salt and a
 * 32-byte key, written as a PHC string (`$scrypt$ln=15,r=8,p=3$salt$key`, base64) so a later
 * cost still verifies the hashes made before it.
 */
const COST = { ln: 15, r: 8, p: 3 };
const KEY_BYTES = 32;
const MAXMEM = 128 * 1024 * 1024;

/**
 * At most this many scrypt runs at once (32 MiB each); the others wait their turn. A burst of
 * sign-ins from many addresses then costs queueing, not the memory that would take the whole
 * service (and the locations' ingest with it) down.
 */
export const MAX_CONCURRENT_HASHES = 2;
let running = 0;
const waiting: (() => void)[] = [];
/** How many scrypt runs are going now (for the test of the bound). */
export const hashesRunning = () => running;

async function derive(password: string, salt: Buffer, p: { ln: number; r: number; p: number }): Promise<Buffer> {
  // A finished run hands its slot straight to the next in line, so no newcomer can slip in between.
  if (running >= MAX_CONCURRENT_HASHES) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    const options: ScryptOptions = { N: 2 ** p.ln, r: p.r, p: p.p, maxmem: MAXMEM };
    return await new Promise<Buffer>((resolve, reject) =>
      scrypt(password.normalize("NFKC"), salt, KEY_BYTES, options, (error, key) =>
        error ? reject(error) : resolve(key),
      ),
    );
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, COST);
  return `$scrypt$ln=${COST.ln},r=${COST.r},p=${COST.p}$${salt.toString("base64")}$${key.toString("base64")}`;
}

const PHC = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;

/** Whether the password matches the stored hash; false (never a throw) for a hash this code did not write. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const m = PHC.exec(stored);
  if (!m) return false;
  const expected = Buffer.from(m[5]!, "base64");
  const key = await derive(password, Buffer.from(m[4]!, "base64"), {
    ln: Number(m[1]),
    r: Number(m[2]),
    p: Number(m[3]),
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/**
 * A hash no password matches, verified against when the account does not exist, so a wrong
 * email costs the same time as a wrong password and the answer's timing names no account.
 */
let decoy: Promise<string> | null = null;
export const decoyHash = (): Promise<string> => (decoy ??= hashPassword(randomBytes(32).toString("base64")));
