import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { dashboardErrorSchema } from "../../contract/dashboard";
import { DEVICE_DAYS, DEVICE_LIMIT } from "../auth/devices";
import {
  ACCOUNT_ADDRESS_DAY_LIMIT,
  ACCOUNT_DAY_LIMIT,
  ACCOUNT_LIMIT,
  ADDRESS_LIMIT,
  addOwner,
  setOwnerPassword,
} from "../auth/owners";
import { buildServer } from "../server";
import { Browser } from "../test/browser";
import { freshDatabase, pgUnavailable, type TestDatabase } from "../test/pg";

const unavailable = await pgUnavailable();
// Owners' passwords hashed at a low scrypt cost (hq/test/quick-passwords.ts): these tests sign in over a hundred times.
vi.mock("../auth/passwords", async (real) =>
  (await import("../test/quick-passwords")).quickPasswords(await real<typeof import("../auth/passwords")>()),
);
const errorOf = (res: { json(): unknown }) => dashboardErrorSchema.parse(res.json()).error;
type Cookie = { name: string; value: string; httpOnly?: boolean; sameSite?: string; secure?: boolean; maxAge?: number };
const cookie = (res: { cookies: unknown }, name: string) => (res.cookies as Cookie[]).find((c) => c.name === name);
const PASSWORD = "a long owner passphrase";
const ACCOUNT_LOCKED =
  "Too many failed sign-ins for this account from this network address. Signing in to it from a new browser here is locked for 15 minutes; a browser you have signed in with before still can (and can make a one-time sign-in code for this one: New browser), and so can a new one elsewhere.";

/**
 * The browsers an owner signed in with (device cookies, hq/auth/devices.ts), through the real HTTP service and
 * PostgreSQL: a stranger who knows the owner's email can lock out new browsers at their own address, not the owner's
 * own browsers nor a new one elsewhere.
 */
describe.skipIf(unavailable !== null)(
  `the owner's own browser under a stranger's lock${unavailable ? ` — skipped: ${unavailable}` : ""}`,
  () => {
    let db: TestDatabase;
    let app: ReturnType<typeof buildServer>;
    const logs: string[] = [];

    beforeAll(async () => {
      db = await freshDatabase();
      app = buildServer({
        pool: db.pool,
        logStream: { write: (line) => void logs.push(line) },
        trustedProxies: ["loopback"],
      });
    });
    afterAll(async () => {
      await app?.close();
      await db?.drop();
    });

    const signOut = async (browser: Browser) => {
      expect((await browser.post("/api/sign-out")).statusCode).toBe(200);
      await browser.open();
    };

    /** A stranger's wrong passwords for `email` until the account is locked for new browsers at `address`. */
    async function lockOut(email: string, address: string) {
      const stranger = new Browser(app, address);
      for (let i = 1; i < ACCOUNT_LIMIT; i++)
        expect(errorOf(await stranger.signIn(email, `guess ${i}`)).code).toBe("WRONG_PASSWORD");
      expect(errorOf(await stranger.signIn(email, "last guess"))).toEqual({
        code: "WRONG_PASSWORD",
        message:
          "The email or password is wrong. Signing in to this account from this network address is now locked for 15 minutes.",
      });
      expect(errorOf(await stranger.signIn(email, "one more guess")).code).toBe("ACCOUNT_LOCKED");
    }

    it("a stranger's wrong passwords lock new browsers out of the owner's account at the stranger's address only: the owner's browser and a new one elsewhere sign in", async () => {
      const email = "ana@chain.example";
      await addOwner(db.pool, email, PASSWORD);
      const home = new Browser(app, "203.0.113.20");
      const first = await home.signIn(email, PASSWORD);
      expect(first.statusCode).toBe(200);
      expect(cookie(first, "hh_device")).toMatchObject({
        httpOnly: true,
        sameSite: "Strict",
        path: "/",
        maxAge: DEVICE_DAYS * 86_400,
      });
      expect(cookie(first, "hh_device")?.secure).toBeFalsy();
      await signOut(home);
      expect([home.cookies.has("hh_session"), home.cookies.has("hh_device")]).toEqual([false, true]);
      const before = home.cookies.get("hh_device")!;

      await lockOut(email, "192.0.2.66");
      const strangers = new Browser(app, "192.0.2.66");
      const refused = await strangers.signIn(email, PASSWORD);
      expect([refused.statusCode, errorOf(refused)]).toEqual([
        429,
        { code: "ACCOUNT_LOCKED", message: ACCOUNT_LOCKED },
      ]);
      expect(Number(refused.headers["retry-after"])).toBeGreaterThan(14 * 60);

      const again = await home.signIn(email, PASSWORD);
      expect(again.statusCode).toBe(200);
      expect(await home.open()).toMatchObject({ signedIn: true, email });
      // Each sign-in replaces the browser's device: a copy of the old one is worth nothing.
      expect(home.cookies.get("hh_device")).not.toBe(before);
      // The owner's new phone, on another network, signs in; neither sign-in gives the stranger fresh tries.
      const phone = new Browser(app, "203.0.113.21");
      expect((await phone.signIn(email, PASSWORD)).statusCode).toBe(200);
      expect(errorOf(await strangers.signIn(email, PASSWORD)).code).toBe("ACCOUNT_LOCKED");

      // A typo at home says what it costs there.
      await signOut(home);
      const typo = await home.signIn(email, "a long owner passphrasw");
      expect([typo.statusCode, errorOf(typo)]).toEqual([
        401,
        {
          code: "WRONG_PASSWORD",
          message: `The email or password is wrong. ${DEVICE_LIMIT - 1} more tries, then signing in from this browser is locked for 15 minutes.`,
        },
      ]);
      expect((await home.signIn(email, PASSWORD)).statusCode).toBe(200);

      const overTls = new Browser(app, "203.0.113.22", true);
      expect(cookie(await overTls.signIn(email, PASSWORD), "__Host-hh_device")).toMatchObject({
        secure: true,
        httpOnly: true,
        sameSite: "Strict",
        path: "/",
      });
      const logged = logs.join("\n");
      for (const secret of [email, before, home.cookies.get("hh_device")!, "192.0.2.66", "203.0.113.2"])
        expect(logged).not.toContain(secret);
    });

    it(
      `a stranger who uses up the owner's network address (${ADDRESS_LIMIT} failures) locks out new browsers there, not the owner's`,
      { timeout: 180_000 },
      async () => {
        const email = "bea@chain.example";
        await addOwner(db.pool, email, PASSWORD);
        const home = new Browser(app, "198.51.100.40");
        expect((await home.signIn(email, PASSWORD)).statusCode).toBe(200);
        await signOut(home);
        for (let i = 0; i < ADDRESS_LIMIT; i++)
          expect(errorOf(await new Browser(app, "198.51.100.40").signIn(`x${i % 4}@chain.example`, "guess")).code).toBe(
            "WRONG_PASSWORD",
          );
        expect(errorOf(await new Browser(app, "198.51.100.40").signIn(email, PASSWORD)).code).toBe("ADDRESS_LOCKED");
        expect((await home.signIn(email, PASSWORD)).statusCode).toBe(200);
      },
    );

    it("a guesser who writes a new X-Forwarded-For for each guess is still one client: it is believed only from a proxy the configuration names", async () => {
      const email = "ivy@chain.example";
      await addOwner(db.pool, email, PASSWORD);
      // No proxy configured: every guess is the connection's, whatever address it claims.
      const directLogs: string[] = [];
      const direct = buildServer({ pool: db.pool, logStream: { write: (line) => void directLogs.push(line) } });
      try {
        for (let i = 1; i <= ACCOUNT_LIMIT; i++)
          expect(errorOf(await new Browser(direct, `198.18.0.${i}`).signIn(email, `guess ${i}`)).code).toBe(
            "WRONG_PASSWORD",
          );
        const locked = await new Browser(direct, "198.18.0.99").signIn(email, PASSWORD);
        expect([locked.statusCode, errorOf(locked).code]).toEqual([429, "ACCOUNT_LOCKED"]);
        // Whoever runs the service is told once which setting names the proxy, and never the addresses.
        const told = directLogs.filter((line) => line.includes("PROXY_NOT_TRUSTED"));
        expect(told).toHaveLength(1);
        expect(told[0]).toContain("set HQ_TRUSTED_PROXIES (loopback for a TLS proxy on this machine)");
        expect(directLogs.join("\n")).not.toContain("198.18.0");
      } finally {
        await direct.close();
      }
      // The proxy on loopback believed: a client connecting from elsewhere itself is its address, whatever it wrote.
      for (let i = 1; i <= ACCOUNT_LIMIT; i++)
        expect(
          errorOf(await new Browser(app, `198.18.1.${i}`, false, "192.0.2.80").signIn(email, `guess ${i}`)).code,
        ).toBe("WRONG_PASSWORD");
      const claimed = await new Browser(app, "198.18.1.99", false, "192.0.2.80").signIn(email, PASSWORD);
      expect([claimed.statusCode, errorOf(claimed).code]).toEqual([429, "ACCOUNT_LOCKED"]);
      // The owner, through the proxy from another network, signs in.
      expect((await new Browser(app, "203.0.113.60").signIn(email, PASSWORD)).statusCode).toBe(200);
    });

    it(`a stranger at one address can never lock the account everywhere: after its day's ${ACCOUNT_ADDRESS_DAY_LIMIT} failures it waits there for the day, and new browsers elsewhere sign in`, async () => {
      const email = "jo@chain.example";
      await addOwner(db.pool, email, PASSWORD);
      const messages: string[] = [];
      for (let round = 0; round < ACCOUNT_ADDRESS_DAY_LIMIT / ACCOUNT_LIMIT; round++) {
        for (let i = 0; i < ACCOUNT_LIMIT; i++) {
          const res = await new Browser(app, "192.0.2.90").signIn(email, `guess ${round}.${i}`);
          messages.push(errorOf(res).message);
        }
        // The stranger waits out each 15-minute lock.
        await db.pool.query("UPDATE signin_failures SET at = at - interval '16 minutes'");
      }
      expect(messages.slice(0, 2)).toEqual([
        "The email or password is wrong. 4 more tries, then signing in to this account from this network address is locked for 15 minutes.",
        "The email or password is wrong. 3 more tries, then signing in to this account from this network address is locked for 15 minutes.",
      ]);
      expect(messages.slice(-2)).toEqual([
        "The email or password is wrong. 1 more try, then signing in to this account from this network address is locked for a day.",
        "The email or password is wrong. Signing in to this account from this network address is now locked for a day.",
      ]);
      const locked = await new Browser(app, "192.0.2.90").signIn(email, PASSWORD);
      expect([locked.statusCode, errorOf(locked).code]).toEqual([429, "ACCOUNT_LOCKED"]);
      expect(errorOf(locked).message).toMatch(/from a new browser here is locked for 2[23] hours; /);
      expect(Number(locked.headers["retry-after"])).toBeGreaterThan(22 * 3600);
      expect((await new Browser(app, "203.0.113.70").signIn(email, PASSWORD)).statusCode).toBe(200);
    });

    it(`guesses from many addresses are bounded: after ${ACCOUNT_DAY_LIMIT} failures in a day on one account, new browsers wait; the owner's own browser signs in, and owner-password lifts the lock`, async () => {
      const email = "kim@chain.example";
      await addOwner(db.pool, email, PASSWORD);
      const home = new Browser(app, "203.0.113.75");
      expect((await home.signIn(email, PASSWORD)).statusCode).toBe(200);
      await signOut(home);
      // A day of guesses from all but one of ACCOUNT_DAY_LIMIT addresses, stored as the service stores a failure: the
      // SHA-256 of the email and of the address (hashing a password for each would take minutes).
      await db.pool.query(
        `INSERT INTO signin_failures (account_hash, address_hash)
         SELECT sha256(convert_to($1, 'UTF8')), sha256(convert_to('address:198.19.0.' || i, 'UTF8'))
         FROM generate_series(1, $2::int) i`,
        [email, ACCOUNT_DAY_LIMIT - 1],
      );
      expect(errorOf(await new Browser(app, "198.19.1.1").signIn(email, "one more guess")).message).toBe(
        "The email or password is wrong. Signing in to this account from a new browser is now locked for a day.",
      );
      const hotel = new Browser(app, "203.0.113.76");
      const refused = await hotel.signIn(email, PASSWORD);
      expect([refused.statusCode, errorOf(refused)]).toEqual([
        429,
        {
          code: "NEW_BROWSERS_LOCKED",
          message:
            "Too many failed sign-ins for this account from many network addresses today. Signing in to it from a new browser is locked for a day; a browser you have signed in with before still can, and can make a one-time sign-in code for this one (New browser); replacing the password (owner-password) lifts the lock.",
        },
      ]);
      expect(Number(refused.headers["retry-after"])).toBeGreaterThan(23 * 3600);
      expect((await home.signIn(email, PASSWORD)).statusCode).toBe(200);
      await setOwnerPassword(db.pool, email, PASSWORD);
      expect((await hotel.signIn(email, PASSWORD)).statusCode).toBe(200);
    });

    it("on an office computer two owners share, each stays trusted there: the cookie holds a device for each", async () => {
      const [gus, hal] = ["gus@chain.example", "hal@chain.example"];
      for (const email of [gus, hal]) await addOwner(db.pool, email, PASSWORD);
      const office = new Browser(app, "203.0.113.35");
      expect((await office.signIn(gus, PASSWORD)).statusCode).toBe(200);
      await signOut(office);
      expect((await office.signIn(hal, PASSWORD)).statusCode).toBe(200);
      await signOut(office);
      await lockOut(gus, "192.0.2.71");
      await lockOut(hal, "192.0.2.71");
      for (const email of [gus, hal]) {
        expect([email, (await office.signIn(email, PASSWORD)).statusCode]).toEqual([email, 200]);
        await signOut(office);
      }
    });

    it("a device cookie forged, tampered with, another owner's or copied before the owner's last sign-in unlocks nothing, and tells nothing of the account", async () => {
      const [bo, cy, dee] = ["bo@chain.example", "cy@chain.example", "dee@chain.example"];
      for (const email of [bo, cy, dee]) await addOwner(db.pool, email, PASSWORD);
      const bos = new Browser(app, "203.0.113.30");
      expect((await bos.signIn(bo, PASSWORD)).statusCode).toBe(200);
      const copied = bos.cookies.get("hh_device")!;
      expect((await bos.signIn(bo, PASSWORD)).statusCode).toBe(200);
      const current = bos.cookies.get("hh_device")!;
      const cys = new Browser(app, "203.0.113.31");
      expect((await cys.signIn(cy, PASSWORD)).statusCode).toBe(200);
      await lockOut(bo, "192.0.2.67");

      const cases: [string, string][] = [
        ["made up", randomBytes(32).toString("base64url")],
        ["tampered", `${current.slice(0, -1)}${current.endsWith("A") ? "B" : "A"}`],
        ["not a device cookie", "let-me-in"],
        ["another owner's", cys.cookies.get("hh_device")!],
        ["copied before the owner's last sign-in", copied],
      ];
      // At the address the account is locked at, a cookie that is not the owner's is no way past the lock.
      for (const [what, value] of cases) {
        const thief = new Browser(app, "192.0.2.67");
        thief.cookies.set("hh_device", value);
        const res = await thief.signIn(bo, PASSWORD);
        expect({ what, status: res.statusCode, code: errorOf(res).code }).toEqual({
          what,
          status: 429,
          code: "ACCOUNT_LOCKED",
        });
        expect(cookie(res, "hh_device")).toBeUndefined();
      }
      expect((await bos.signIn(bo, PASSWORD)).statusCode).toBe(200);

      // A real device of one owner, naming an existing account or none: the same answer as a browser without one.
      for (const email of [dee, "nobody@chain.example"]) {
        const holder = new Browser(app, "192.0.2.69");
        holder.cookies.set("hh_device", cys.cookies.get("hh_device")!);
        const res = await holder.signIn(email, "not the passphrase");
        expect([email, res.statusCode, errorOf(res)]).toEqual([
          email,
          401,
          {
            code: "WRONG_PASSWORD",
            message: `The email or password is wrong. ${ACCOUNT_LIMIT - 1} more tries, then signing in to this account from this network address is locked for 15 minutes.`,
          },
        ]);
        expect(cookie(res, "hh_device")).toBeUndefined();
      }
      // The database holds the devices' SHA-256 only.
      const { rows } = await db.pool.query("SELECT * FROM owner_devices");
      const stored = JSON.stringify(rows);
      for (const value of [current, cys.cookies.get("hh_device")!]) expect(stored).not.toContain(value);
    });

    it(`the owner's browser has a limit of its own: after ${DEVICE_LIMIT} wrong passwords it waits 15 minutes, other browsers do not`, async () => {
      const email = "eve@chain.example";
      await addOwner(db.pool, email, PASSWORD);
      const home = new Browser(app, "203.0.113.40");
      expect((await home.signIn(email, PASSWORD)).statusCode).toBe(200);
      await signOut(home);
      for (let i = 1; i <= DEVICE_LIMIT; i++) {
        const left = DEVICE_LIMIT - i;
        expect(errorOf(await home.signIn(email, `typo ${i}`)).message).toBe(
          left === 0
            ? "The email or password is wrong. Signing in from this browser is now locked for 15 minutes."
            : `The email or password is wrong. ${left === 1 ? "1 more try" : `${left} more tries`}, then signing in from this browser is locked for 15 minutes.`,
        );
      }
      const locked = await home.signIn(email, PASSWORD);
      expect([locked.statusCode, errorOf(locked)]).toEqual([
        429,
        {
          code: "DEVICE_LOCKED",
          message:
            "Too many failed sign-ins from this browser. Signing in here is locked for 15 minutes; try again then.",
        },
      ]);
      expect(Number(locked.headers["retry-after"])).toBeGreaterThan(14 * 60);
      // The browser's failures are its own: the account is not locked for any other browser.
      expect((await new Browser(app, "203.0.113.41").signIn(email, PASSWORD)).statusCode).toBe(200);

      // Parallel guesses from another of the owner's browsers are counted as they arrive: no more than the limit
      // reach the password check.
      const office = new Browser(app, "203.0.113.42");
      expect((await office.signIn(email, PASSWORD)).statusCode).toBe(200);
      await signOut(office);
      const burst = await Promise.all(Array.from({ length: 8 }, (_, i) => office.signIn(email, `burst ${i}`)));
      const codes = burst.map((r) => errorOf(r).code).sort();
      expect(codes).toEqual([...Array(3).fill("DEVICE_LOCKED"), ...Array(DEVICE_LIMIT).fill("WRONG_PASSWORD")]);

      // The lock ends when the browser's failures leave the 15-minute window.
      await db.pool.query("UPDATE signin_failures SET at = at - interval '16 minutes' WHERE device_hash IS NOT NULL");
      expect((await home.signIn(email, PASSWORD)).statusCode).toBe(200);
    });

    it("replacing the owner's password (owner-password) ends their sessions and the trust of every browser they signed in with", async () => {
      const email = "fay@chain.example";
      await addOwner(db.pool, email, PASSWORD);
      const home = new Browser(app, "203.0.113.50");
      expect((await home.signIn(email, PASSWORD)).statusCode).toBe(200);
      const replaced = "a new owner passphrase";
      expect(await setOwnerPassword(db.pool, email, replaced)).toBe(true);
      expect(errorOf(await home.request("GET", "/api/compare?from=2026-11-01&to=2026-11-30")).code).toBe("SIGNED_OUT");
      // Someone on the same network (the house's Wi-Fi) locks the account there: home is a new browser again.
      await lockOut(email, "203.0.113.50");
      await home.open();
      const res = await home.signIn(email, replaced);
      expect([res.statusCode, errorOf(res).code]).toEqual([429, "ACCOUNT_LOCKED"]);
      const { rows } = await db.pool.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM owner_devices d JOIN owners o ON o.id = d.owner_id WHERE o.email = $1",
        [email],
      );
      expect(rows[0]!.n).toBe(0);
    });
  },
);
