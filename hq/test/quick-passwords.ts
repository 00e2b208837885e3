import { randomBytes, scrypt } from "node:crypto";
import { promisify } from "node:util";
import type * as Passwords from "../auth/passwords";

/** scrypt at 1/32 of the service's N and one lane (ln=15, p=3): a hash in about a millisecond. */
const QUICK = { ln: 10, r: 8, p: 1 };
const derive = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  length: number,
  options: object,
) => Promise<Buffer>;

/**
 * hq/auth/passwords.ts for the tests of what surrounds a password (the sign-in limits, device cookies, sessions), which
 * sign in again and again: owners' hashes made at a low scrypt cost and written as the service writes them, PHC
 * string and all, so the service's own verifyPassword (its bound on concurrent hashes included) checks every sign-in
 * against them, as it checks a hash an older release wrote at a lower cost. A sign-in then costs a millisecond, not
 * 0.3–0.9 s of scrypt at OWASP's cost; that cost and that bound are hq/auth/limits.test.ts's, on the real hashes.
 * A test file takes it with `vi.mock("../auth/passwords", …)`, its factory handing the real module to this function.
 */
export function quickPasswords(real: typeof Passwords): typeof Passwords {
  const hashPassword = async (password: string): Promise<string> => {
    const salt = randomBytes(16);
    const key = await derive(password.normalize("NFKC"), salt, 32, { N: 2 ** QUICK.ln, r: QUICK.r, p: QUICK.p });
    return `$scrypt$ln=${QUICK.ln},r=${QUICK.r},p=${QUICK.p}$${salt.toString("base64")}$${key.toString("base64")}`;
  };
  let decoy: Promise<string> | null = null;
  return {
    ...real,
    hashPassword,
    decoyHash: () => (decoy ??= hashPassword(randomBytes(32).toString("base64"))),
  };
}
