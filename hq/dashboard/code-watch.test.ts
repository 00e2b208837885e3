import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  dashboardErrorSchema,
  madeSignInCodeSchema,
  SIGNIN_CODE_MINUTES,
  signInCodeListSchema,
} from "../../contract/dashboard";
import { addOwner } from "../auth/owners";
import { IDLE_MINUTES } from "../auth/sessions";
import { buildServer } from "../server";
import { Browser } from "../test/browser";
import { freshDatabase, pgUnavailable, type TestDatabase } from "../test/pg";

const unavailable = await pgUnavailable();
const errorOf = (res: { json(): unknown }) => dashboardErrorSchema.parse(res.json()).error;
const PASSWORD = "a long owner passphrase";
/** How often the New browser page asks what became of the code on screen (hq/web/NewBrowser.tsx). */
const WATCH_SECONDS = 3;

/**
 * While a code waits on the New browser page, the page asks head office every few seconds what became of it
 * (`GET /api/sign-in-codes?watch=1`). Those asks are the page's, not the owner's: through the real service and
 * PostgreSQL, the session still ends IDLE_MINUTES after the owner's last action, with a code on screen the whole time.
 *
 * The clock: PostgreSQL's `now()` decides when a session or a code ends, and it cannot be set, so the test moves every
 * stored time of the sessions and codes back instead (`elapse`): to every `now()` comparison that is the clock moving
 * on, and 45 minutes of watching take a second.
 */
describe.skipIf(unavailable !== null)(
  `the code watch keeps no session awake${unavailable ? ` — skipped: ${unavailable}` : ""}`,
  () => {
    let db: TestDatabase;
    let app: ReturnType<typeof buildServer>;

    beforeAll(async () => {
      db = await freshDatabase();
      app = buildServer({ pool: db.pool, logStream: null, trustedProxies: ["loopback"] });
    });
    afterAll(async () => {
      await app?.close();
      await db?.drop();
    });

    /** The clock moves on `seconds`. */
    const elapse = async (seconds: number) => {
      const by = `${seconds} seconds`;
      await db.pool.query(
        "UPDATE owner_sessions SET created_at = created_at - $1::interval, last_seen_at = last_seen_at - $1::interval",
        [by],
      );
      await db.pool.query(
        `UPDATE owner_signin_codes SET made_at = made_at - $1::interval, expires_at = expires_at - $1::interval,
           used_at = used_at - $1::interval, cancelled_at = cancelled_at - $1::interval`,
        [by],
      );
    };
    const watch = (browser: Browser) => browser.request("GET", "/api/sign-in-codes?watch=1");
    /** The page watching the code on screen for `seconds`, every WATCH_SECONDS; the last answer. */
    const watchFor = async (browser: Browser, seconds: number) => {
      let last = await watch(browser);
      for (let t = WATCH_SECONDS; t <= seconds; t += WATCH_SECONDS) {
        await elapse(WATCH_SECONDS);
        last = await watch(browser);
        if (last.statusCode !== 200) break;
      }
      return last;
    };
    const ownerAtHome = async (email: string, address: string) => {
      await addOwner(db.pool, email, PASSWORD);
      const home = new Browser(app, address);
      expect((await home.signIn(email, PASSWORD)).statusCode).toBe(200);
      return home;
    };

    it(`with a code on screen, the session still ends ${IDLE_MINUTES} minutes after the owner made it, not ${IDLE_MINUTES + SIGNIN_CODE_MINUTES}`, async () => {
      const home = await ownerAtHome("ivy@chain.example", "203.0.113.90");
      // The owner's last action: making the code. The page then watches it until it expires unused.
      expect((await home.post("/api/sign-in-codes")).statusCode).toBe(200);
      const watched = await watchFor(home, SIGNIN_CODE_MINUTES * 60);
      expect(signInCodeListSchema.parse(watched.json()).codes.map((c) => c.state)).toEqual(["expired"]);
      // Half a minute before the session's end a watch still hears the list (and moves nothing)…
      await elapse((IDLE_MINUTES - SIGNIN_CODE_MINUTES) * 60 - 30);
      expect((await watch(home)).statusCode).toBe(200);
      // …and a minute later the session has ended: the page is told so, as for any request.
      await elapse(60);
      const ended = await watch(home);
      expect([ended.statusCode, errorOf(ended).code]).toEqual([401, "SESSION_EXPIRED"]);
    });

    it("the owner's own requests keep the session awake; the watches between them do not count", async () => {
      const home = await ownerAtHome("jon@chain.example", "203.0.113.91");
      expect((await home.post("/api/sign-in-codes")).statusCode).toBe(200);
      await watchFor(home, 10 * 60);
      // Ten minutes in, the owner opens the list themselves (the page's first ask when they open New browser).
      expect((await home.request("GET", "/api/sign-in-codes")).statusCode).toBe(200);
      expect((await watchFor(home, (IDLE_MINUTES - 1) * 60)).statusCode).toBe(200);
      await elapse(2 * 60);
      expect(errorOf(await watch(home)).code).toBe("SESSION_EXPIRED");
    });

    it("a session that ends while a code waits stops the code, and the watch hears the session's end", async () => {
      const home = await ownerAtHome("kim@chain.example", "203.0.113.92");
      const made = await home.post("/api/sign-in-codes");
      const { code } = madeSignInCodeSchema.parse(made.json());
      // Signed in 12 hours ago, a minute from now: the absolute limit ends the session while the code waits.
      await db.pool.query("UPDATE owner_sessions SET created_at = created_at - interval '11 hours 59 minutes'");
      const ended = await watchFor(home, 5 * 60);
      expect([ended.statusCode, errorOf(ended).code]).toEqual([401, "SESSION_EXPIRED"]);
      const phone = new Browser(app, "203.0.113.94");
      await phone.open();
      const refused = await phone.post("/api/sign-in-with-code", { code });
      expect([refused.statusCode, errorOf(refused).code]).toEqual([401, "SIGNIN_CODE_REFUSED"]);
    });

    it("a watch's query is parsed like any request's: anything but watch=1 is refused and counts as nothing", async () => {
      const home = await ownerAtHome("lee@chain.example", "203.0.113.93");
      await elapse((IDLE_MINUTES - 1) * 60);
      for (const query of ["watch=0", "watch=true", "watch=1&watch=1", "watch=1&owner=me", "since=0"]) {
        const res = await home.request("GET", `/api/sign-in-codes?${query}`);
        expect([query, res.statusCode, errorOf(res).code]).toEqual([query, 400, "MALFORMED_REQUEST"]);
      }
      expect(errorOf(await home.request("GET", "/api/sign-in-codes?watch=2")).message).toBe(
        "watch is 1 (the page asking by itself) or left out.",
      );
      // None of them restarted the idle clock: two minutes on, the session has ended.
      await elapse(2 * 60);
      expect(errorOf(await watch(home)).code).toBe("SESSION_EXPIRED");
    });
  },
);
