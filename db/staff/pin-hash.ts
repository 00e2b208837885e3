import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from "node:crypto";

/** Hashing and checking PINs and the spa's unlock code: scrypt, one check at a time. */
const scrypt = (pin: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> =>
  new Promise((resolve, reject) => scryptCb(pin, salt, keylen, opts, (e, k) => (e ? reject(e) : resolve(k))));

/** scrypt parameters: ~50 ms per guess on kiosk hardware, stored with the hash so they can grow. */
const PARAMS = { N: 16384, r: 8, p: 1 } as const;

export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(pin, salt, 32, PARAMS);
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString("base64")}$${key.toString("base64")}`;
}

export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !key) return false;
  const expected = Buffer.from(key, "base64");
  const actual = await scrypt(pin, Buffer.from(salt, "base64"), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return timingSafeEqual(actual, expected);
}

/**
 * PIN checks run one at a time. scrypt is async (the thread pool), so without this N parallel
 * guesses would all read "not locked" before any of them recorded its failure, and N parallel
 * scrypts would each take 16 MB. Serialized, the lock written by the fifth wrong PIN is seen by
 * every later guess before it is evaluated, and a hammered PIN channel costs one scrypt at a time.
 */
let pinQueue: Promise<unknown> = Promise.resolve();
export function serialized<T>(task: () => Promise<T>): Promise<T> {
  const run = pinQueue.then(task, task);
  pinQueue = run.catch(() => undefined);
  return run;
}
