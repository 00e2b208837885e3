import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  cancelledSignInCodeSchema,
  dashboardErrorSchema,
  madeSignInCodeSchema,
  type MadeSignInCode,
  SIGNIN_CODE_MINUTES,
  SIGNIN_CODES_WAITING_MAX,
  signInCodeListSchema,
} from "../../contract/dashboard";
import { ACCOUNT_DAY_LIMIT, ACCOUNT_LIMIT, addOwner, setOwnerPassword } from "../auth/owners";
import { buildServer } from "../server";
import { Browser } from "../test/browser";
import { freshDatabase, pgUnavailable, type TestDatabase } from "../test/pg";

const unavailable = await pgUnavailable();
const errorOf = (res: { json(): unknown }) => dashboardErrorSchema.parse(res.json()).error;
const PASSWORD = "a long owner passphrase";
const MAKE_ANOTHER = "Make a new one in a browser you are signed in with (New browser, at the top of the page).";

/**
 * One-time sign-in codes (hq/auth/signin-codes.ts) through the real HTTP service and PostgreSQL: while strangers'
 * guesses from many addresses keep every new browser out of the owner's account, the owner's own browser makes a code
 * and their new phone signs in with it, once; the locks on passwords stay as they were.
 */
describe.skipIf(unavailable !== null)(
  `one-time sign-in codes${unavailable ? ` — skipped: ${unavailable}` : ""}`,
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
      vi.useRealTimers();
      await app?.close();
      await db?.drop();
    });

    /** A new owner, signed in on a browser of theirs at home. */
    async function ownerAtHome(email: string, address: string) {
      await addOwner(db.pool, email, PASSWORD);
      const home = new Browser(app, address);
      expect((await home.signIn(email, PASSWORD)).statusCode).toBe(200);
      return home;
    }
    const makeCode = async (browser: Browser) => {
      const res = await browser.post("/api/sign-in-codes");
      expect(res.statusCode).toBe(200);
      return madeSignInCodeSchema.parse(res.json());
    };
    const listOf = async (browser: Browser) =>
      signInCodeListSchema.parse((await browser.request("GET", "/api/sign-in-codes")).json()).codes;
    const useCode = async (browser: Browser, code: string) => {
      if (!browser.csrf) await browser.open();
      const res = await browser.post("/api/sign-in-with-code", { code });
      if (res.statusCode === 200) await browser.open();
      return res;
    };
    /** A day of guesses on the account from ACCOUNT_DAY_LIMIT addresses, as the service stores them (hashes only). */
    const lockNewBrowsers = (email: string) =>
      db.pool.query(
        `INSERT INTO signin_failures (account_hash, address_hash)
         SELECT sha256(convert_to($1, 'UTF8')), sha256(convert_to('address:198.19.' || (i / 200) || '.' || (i % 200), 'UTF8'))
         FROM generate_series(1, $2::int) i`,
        [email, ACCOUNT_DAY_LIMIT],
      );
    const failuresOf = async (email: string) =>
      (
        await db.pool.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM signin_failures WHERE account_hash = sha256(convert_to($1, 'UTF8'))",
          [email],
        )
      ).rows[0]!.n;

    it("while guesses from many addresses lock every new browser out, the owner's browser makes a code and their new phone signs in with it once; the locks on passwords and their counts stay", async () => {
      const email = "ana@chain.example";
      const home = await ownerAtHome(email, "203.0.113.20");
      await lockNewBrowsers(email);
      const phone = new Browser(app, "203.0.113.99");
      expect(errorOf(await phone.signIn(email, PASSWORD)).code).toBe("NEW_BROWSERS_LOCKED");
      const before = await failuresOf(email);

      const made = await makeCode(home);
      expect(made.code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){3}[0-9A-HJKMNP-TV-Z]{4}$/);
      expect(made.secondsLeft).toBeGreaterThan(SIGNIN_CODE_MINUTES * 60 - 5);
      expect(made.secondsLeft).toBeLessThanOrEqual(SIGNIN_CODE_MINUTES * 60);
      const listed = await listOf(home);
      expect(listed).toEqual([
        { id: made.id, madeAt: expect.any(String), state: "waiting", endedAt: null, secondsLeft: expect.any(Number) },
      ]);
      // The code is shown once: no list, no table, no log holds it.
      expect(JSON.stringify(listed)).not.toContain(made.code.slice(0, 4));
      const stored = JSON.stringify((await db.pool.query("SELECT * FROM owner_signin_codes")).rows);
      expect(stored).not.toContain(made.code.replace(/-/g, ""));

      // Typed on a phone: lower case, spaces for dashes, an O for a zero, an l for a one.
      const typed = ` ${made.code.toLowerCase().replace(/-/g, " ").replace(/0/g, "o").replace(/1/g, "l")} `;
      const res = await useCode(phone, typed);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ signedIn: true, email });
      expect((await phone.request("GET", "/api/compare?from=2026-11-01&to=2026-11-30")).statusCode).toBe(200);
      expect(phone.cookies.has("hh_device")).toBe(true);

      // Used once: another browser, or the same one again, hears so.
      const again = await useCode(new Browser(app, "192.0.2.50"), made.code);
      expect([again.statusCode, errorOf(again)]).toEqual([
        401,
        {
          code: "SIGNIN_CODE_REFUSED",
          message: `This sign-in code has already been used: each code signs in one browser, once. ${MAKE_ANOTHER}`,
        },
      ]);
      expect((await listOf(home))[0]).toMatchObject({ state: "used", endedAt: expect.any(String), secondsLeft: 0 });

      // Nothing a lock counts was cleared: new browsers still wait, at the guessers' addresses and elsewhere.
      expect(await failuresOf(email)).toBe(before);
      for (const address of ["198.19.0.7", "203.0.113.98"])
        expect(errorOf(await new Browser(app, address).signIn(email, PASSWORD)).code).toBe("NEW_BROWSERS_LOCKED");
      // The phone is the owner's browser now: signed out, it signs in with the password under its own limit only.
      expect((await phone.post("/api/sign-out")).statusCode).toBe(200);
      await phone.open();
      expect((await phone.signIn(email, PASSWORD)).statusCode).toBe(200);

      const logged = logs.join("\n");
      for (const secret of [made.code, made.code.replace(/-/g, ""), email, "203.0.113.99"])
        expect(logged).not.toContain(secret);
      expect(logged).toContain("owner signed in with a one-time code");
    });

    it("a code is no way to try passwords past a lock: wrong codes sign nobody in, lock nothing and count nowhere, and a password with a code is refused", async () => {
      const email = "bea@chain.example";
      await ownerAtHome(email, "203.0.113.30");
      const stranger = new Browser(app, "192.0.2.66");
      for (let i = 1; i <= ACCOUNT_LIMIT; i++) await stranger.signIn(email, `guess ${i}`);
      expect(errorOf(await stranger.signIn(email, PASSWORD)).code).toBe("ACCOUNT_LOCKED");
      const failures = await failuresOf(email);
      const total = (await db.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM signin_failures")).rows[0]!.n;

      const cases: [string, object, string][] = [
        ["a made-up code", { code: "7K3M-Q9PX-2D4H-WT6B" }, "Head office made no such sign-in code."],
        ["too short", { code: "7K3M-Q9PX" }, "A sign-in code is 16 letters and digits, as its browser shows it."],
        ["a U (not in the alphabet)", { code: "UUUU-UUUU-UUUU-UUUU" }, "A sign-in code is 16 letters and digits"],
        ["a password beside a code", { code: "7K3M-Q9PX-2D4H-WT6B", password: PASSWORD }, "Unrecognized key"],
        ["an email and password", { email, password: PASSWORD }, ""],
      ];
      for (const [what, body, says] of cases) {
        const res = await stranger.post("/api/sign-in-with-code", body);
        const refused = errorOf(res);
        expect({ what, status: res.statusCode, code: refused.code }).toEqual({
          what,
          status: 401,
          code: "SIGNIN_CODE_REFUSED",
        });
        expect(refused.message).toContain(says);
        expect(res.cookies).toEqual([]);
      }
      expect(errorOf(await stranger.signIn(email, PASSWORD)).code).toBe("ACCOUNT_LOCKED");
      expect(await failuresOf(email)).toBe(failures);
      expect((await db.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM signin_failures")).rows[0]!.n).toBe(
        total,
      );
    });

    it("two browsers sending the same code at once: one signs in, the other hears it was used", async () => {
      const home = await ownerAtHome("cy@chain.example", "203.0.113.40");
      const { code } = await makeCode(home);
      const browsers = Array.from({ length: 6 }, (_, i) => new Browser(app, `203.0.113.${41 + i}`));
      for (const b of browsers) await b.open();
      const answers = await Promise.all(browsers.map((b) => b.post("/api/sign-in-with-code", { code })));
      expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 401, 401, 401, 401, 401]);
      for (const r of answers.filter((a) => a.statusCode === 401))
        expect(errorOf(r).message).toMatch(/^This sign-in code has already been used/);
    });

    it(`a code works for ${SIGNIN_CODE_MINUTES} minutes by PostgreSQL's clock, whatever the service's clock says`, async () => {
      const home = await ownerAtHome("dee@chain.example", "203.0.113.50");
      vi.useFakeTimers({ toFake: ["Date"] });
      try {
        // The service's clock two hours behind the database's: a code made now still works.
        vi.setSystemTime(Date.now() - 2 * 3600_000);
        const behind = await makeCode(home);
        expect(behind.secondsLeft).toBeGreaterThan(SIGNIN_CODE_MINUTES * 60 - 5);
        expect((await useCode(new Browser(app, "203.0.113.51"), behind.code)).statusCode).toBe(200);
        // Two hours ahead: a code the database made 16 minutes ago has expired, one made 14 minutes ago works.
        vi.setSystemTime(Date.now() + 4 * 3600_000);
        const [old, recent] = [await makeCode(home), await makeCode(home)];
        await db.pool.query(
          "UPDATE owner_signin_codes SET made_at = made_at - $2::interval, expires_at = expires_at - $2::interval WHERE id = $1",
          [old.id, "16 minutes"],
        );
        await db.pool.query(
          "UPDATE owner_signin_codes SET made_at = made_at - $2::interval, expires_at = expires_at - $2::interval WHERE id = $1",
          [recent.id, "14 minutes"],
        );
        const expired = await useCode(new Browser(app, "203.0.113.52"), old.code);
        expect(errorOf(expired).message).toBe(
          `This sign-in code has expired: a code works for ${SIGNIN_CODE_MINUTES} minutes. ${MAKE_ANOTHER}`,
        );
        const listed = await listOf(home);
        expect(listed.find((c) => c.id === old.id)).toMatchObject({ state: "expired", secondsLeft: 0 });
        const left = listed.find((c) => c.id === recent.id)!.secondsLeft;
        expect(left).toBeGreaterThan(55);
        expect(left).toBeLessThanOrEqual(120);
        expect((await useCode(new Browser(app, "203.0.113.53"), recent.code)).statusCode).toBe(200);
      } finally {
        vi.useRealTimers();
      }
    });

    it("signing out in the browser that made a code stops it, as does owner-password; a code made in another of the owner's sessions keeps working", async () => {
      const email = "eve@chain.example";
      const home = await ownerAtHome(email, "203.0.113.60");
      const office = new Browser(app, "203.0.113.61");
      expect((await office.signIn(email, PASSWORD)).statusCode).toBe(200);
      const fromHome = await makeCode(home);
      const fromOffice = await makeCode(office);
      expect((await home.post("/api/sign-out")).statusCode).toBe(200);
      const stopped = await useCode(new Browser(app, "203.0.113.62"), fromHome.code);
      expect(errorOf(stopped)).toEqual({
        code: "SIGNIN_CODE_REFUSED",
        message: `This sign-in code stopped working when the browser that made it signed out (or its session ended). ${MAKE_ANOTHER}`,
      });
      const states = await listOf(office);
      expect(states.map((c) => [c.id, c.state])).toEqual(
        expect.arrayContaining([
          [fromHome.id, "stopped"],
          [fromOffice.id, "waiting"],
        ]),
      );
      // A new password ends every session: the office's code stops too.
      await setOwnerPassword(db.pool, email, PASSWORD);
      expect(errorOf(await useCode(new Browser(app, "203.0.113.63"), fromOffice.code)).message).toMatch(
        /^This sign-in code stopped working when the browser that made it signed out/,
      );
    });

    it(`the owner cancels a code they will not use; at most ${SIGNIN_CODES_WAITING_MAX} wait at once; another owner's code cannot be cancelled`, async () => {
      const home = await ownerAtHome("fay@chain.example", "203.0.113.70");
      const other = await ownerAtHome("gus@chain.example", "203.0.113.71");
      const codes: MadeSignInCode[] = [];
      for (let i = 0; i < SIGNIN_CODES_WAITING_MAX; i++) codes.push(await makeCode(home));
      const full = await home.post("/api/sign-in-codes");
      expect([full.statusCode, errorOf(full)]).toEqual([
        409,
        {
          code: "SIGNIN_CODES_WAITING",
          message: `${SIGNIN_CODES_WAITING_MAX} sign-in codes are waiting to be used, the most there may be. Use one, or cancel one you will not use, then make another.`,
        },
      ]);
      // Another owner can neither cancel nor see it.
      const theirs = cancelledSignInCodeSchema.parse(
        (await other.post("/api/sign-in-codes/cancel", { id: codes[0]!.id })).json(),
      );
      expect(theirs).toEqual({ cancelled: false, codes: [] });

      const cancelled = cancelledSignInCodeSchema.parse(
        (await home.post("/api/sign-in-codes/cancel", { id: codes[0]!.id })).json(),
      );
      expect(cancelled.cancelled).toBe(true);
      expect(cancelled.codes.find((c) => c.id === codes[0]!.id)).toMatchObject({ state: "cancelled", secondsLeft: 0 });
      expect(errorOf(await useCode(new Browser(app, "203.0.113.72"), codes[0]!.code)).message).toBe(
        `This sign-in code was cancelled in the browser that made it. ${MAKE_ANOTHER}`,
      );
      // A code used before the owner could cancel it: the cancel says so, and the list shows it used.
      expect((await useCode(new Browser(app, "203.0.113.73"), codes[1]!.code)).statusCode).toBe(200);
      const late = cancelledSignInCodeSchema.parse(
        (await home.post("/api/sign-in-codes/cancel", { id: codes[1]!.id })).json(),
      );
      expect([late.cancelled, late.codes.find((c) => c.id === codes[1]!.id)?.state]).toEqual([false, "used"]);
      expect((await home.post("/api/sign-in-codes")).statusCode).toBe(200);
      expect(errorOf(await home.post("/api/sign-in-codes/cancel", { id: "not an id" })).code).toBe("MALFORMED_REQUEST");
    });

    it("making, cancelling and using a code need the page's CSRF token and a session; a refused one changes nothing", async () => {
      const home = await ownerAtHome("hal@chain.example", "203.0.113.80");
      const { code, id } = await makeCode(home);
      const [tokenless, crossSite] = [new Browser(app, "203.0.113.81"), new Browser(app, "203.0.113.82")];
      await tokenless.open();
      await crossSite.open();
      const refused = [
        await home.post("/api/sign-in-codes", {}, { "x-csrf-token": "forged" }),
        await home.post("/api/sign-in-codes/cancel", { id }, { origin: "https://evil.example" }),
        await tokenless.post("/api/sign-in-with-code", { code }, { "x-csrf-token": "" }),
        await crossSite.post("/api/sign-in-with-code", { code }, { "sec-fetch-site": "cross-site" }),
      ];
      expect(refused.map((r) => [r.statusCode, errorOf(r).code])).toEqual(Array(4).fill([403, "CSRF_REFUSED"]));
      const signedOut = new Browser(app, "203.0.113.83");
      await signedOut.open();
      expect(errorOf(await signedOut.post("/api/sign-in-codes")).code).toBe("SIGNED_OUT");
      expect(errorOf(await signedOut.request("GET", "/api/sign-in-codes")).code).toBe("SIGNED_OUT");
      expect((await listOf(home)).map((c) => [c.id, c.state])).toEqual([[id, "waiting"]]);
      expect((await useCode(new Browser(app, "203.0.113.84"), code)).statusCode).toBe(200);
    });
  },
);
