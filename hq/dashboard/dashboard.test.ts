import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  chainComparisonSchema,
  dashboardErrorSchema,
  EXPORT_TABLE_TITLES,
  locationReportSchema,
  type ChainComparison,
  type LocationReport,
} from "../../contract/dashboard";
import type { Figures } from "../../contract/reports";
import { pairResponseSchema } from "../../contract/hq";
import { ACCOUNT_LIMIT, ADDRESS_LIMIT, addOwner, setOwnerPassword, WINDOW_MINUTES } from "../auth/owners";
import { ABSOLUTE_HOURS, IDLE_MINUTES } from "../auth/sessions";
import { addLocation } from "../pairing";
import { buildServer } from "../server";
import { batchOf, EventLog, visit } from "../test/events";
import { Browser, OWNER } from "../test/browser";
import { freshDatabase, pgUnavailable, type TestDatabase } from "../test/pg";

const unavailable = await pgUnavailable();
// Owners' passwords hashed at a low scrypt cost (hq/test/quick-passwords.ts): these tests sign in dozens of times.
vi.mock("../auth/passwords", async (real) =>
  (await import("../test/quick-passwords")).quickPasswords(await real<typeof import("../auth/passwords")>()),
);
const errorOf = (res: { json(): unknown }) => dashboardErrorSchema.parse(res.json()).error;

/**
 * What each figure column of an export must hold for a Figures of the dashboard's JSON, written
 * here from FIGURES' meaning (not from the export's code): counts as numbers, rates in percent
 * with one decimal, money in dollars, an undefined rate empty.
 */
type Value = string | number | null;
const percent = (r: number | null) => (r === null ? null : Math.round(r * 1000) / 10);
const FIGURE_COLUMNS: Record<string, (f: Figures) => Value> = {
  "Check-ins": (f) => f.checkIns,
  Offered: (f) => f.offered,
  "Accepted at kiosk": (f) => f.acceptedAtKiosk,
  "Added at desk": (f) => f.addedAtDesk,
  Confirmed: (f) => f.confirmed,
  Voided: (f) => f.voided,
  Taken: (f) => f.taken,
  "Take rate (%)": (f) => percent(f.takeRate),
  "Took both": (f) => f.takenMulti,
  "Both rate (%)": (f) => percent(f.bothRate),
  "Add-on revenue (USD)": (f) => f.revenueCents / 100,
  "Avg extra minutes": (f) => (f.avgExtraMinutes === null ? null : Math.round(f.avgExtraMinutes * 10) / 10),
};

/** A breakdown's columns of add-ons booked ahead, as a location's own exports name them (db/reports/export.ts). */
const BOOKED_COLUMNS = [
  "Booked ahead (booking system, not the kiosk)",
  "Booked-ahead minutes",
  "Booked-ahead value at menu price (USD)",
];

/** A table of an export as header → value per row; a CSV's text read back as the number or empty cell it stands for. */
type Table = { header: string[]; rows: Value[][] };
const csvTable = (body: Buffer): Table => {
  const text = body.toString("utf8");
  expect(text.startsWith("\uFEFF")).toBe(true);
  const records: string[][] = parse(text.slice(1), { record_delimiter: "\r\n" });
  const [header = [], ...rows] = records;
  return { header, rows: rows.map((r) => r.map((c) => (c === "" ? null : /^-?\d+(\.\d+)?$/.test(c) ? Number(c) : c))) };
};
async function xlsxTables(body: Buffer): Promise<Map<string, Table>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const out = new Map<string, Table>();
  wb.eachSheet((sheet) => {
    const rows: Value[][] = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const values = (row.values as Value[]).slice(1); // exceljs rows are 1-based
      rows.push(Array.from({ length: sheet.columnCount }, (_, i) => values[i] ?? null));
    });
    const [header = [], ...rest] = rows;
    out.set(sheet.name, { header: header.map(String), rows: rest });
  });
  return out;
}
/** Every figure column of `row` equals the figure of `f`, each one named in the failure. */
function expectFigures(t: Table, row: Value[] | undefined, f: Figures, where: string) {
  const columns = t.header.filter((h) => h in FIGURE_COLUMNS);
  expect(columns).toHaveLength(Object.keys(FIGURE_COLUMNS).length);
  for (const h of columns)
    expect({ where, h, value: row?.[t.header.indexOf(h)] }).toEqual({ where, h, value: FIGURE_COLUMNS[h]!(f) });
}

describe.skipIf(unavailable !== null)(
  `owner dashboard over PostgreSQL${unavailable ? ` — skipped: ${unavailable}` : ""}`,
  () => {
    let db: TestDatabase;
    let app: ReturnType<typeof buildServer>;
    const logs: string[] = [];
    const ids: string[] = [];

    beforeAll(async () => {
      db = await freshDatabase();
      app = buildServer({
        pool: db.pool,
        logStream: { write: (line) => void logs.push(line) },
        trustedProxies: ["loopback"],
      });
      await addOwner(db.pool, OWNER.email, OWNER.password);
      // Two locations with facts: Downtown sells the face massage to 2 of 2 (Ana booked a 20-minute scalp massage ahead
      // in the booking system); Harbor, on the version before booked-ahead add-ons, shows it to 1, who declines.
      for (const [name, guests] of [
        ["Downtown", ["ana", "ben"]],
        ["Harbor", []],
      ] as const) {
        const { locationId, code } = await addLocation(db.pool, name);
        const token = pairResponseSchema.parse(
          (await app.inject({ method: "POST", url: "/v1/pair", payload: { code } })).json(),
        ).token;
        const log = new EventLog();
        for (const g of guests) log.happyGuest(g);
        if (guests.length > 0)
          log.add("ana", "booked_ahead", { addons: [{ addon: "scalp", minutes: 20, priceCents: 2000 }] });
        if (guests.length === 0) log.decliningGuest("cai");
        const sent = await app.inject({
          method: "POST",
          url: "/v1/events",
          headers: { authorization: `Bearer ${token}` },
          payload: batchOf(locationId, log.events),
        });
        expect(sent.statusCode).toBe(200);
        ids.push(locationId);
      }
    });
    afterAll(async () => {
      await app?.close();
      await db?.drop();
    });

    it("an owner signs in and sees every location side by side; the cookie is HttpOnly and SameSite=Strict, Secure behind TLS", async () => {
      const browser = new Browser(app);
      expect(await browser.open()).toMatchObject({ signedIn: false });
      const before = await browser.request("GET", "/api/compare?from=2026-11-01&to=2026-11-30");
      expect(before.statusCode).toBe(401);
      expect(errorOf(before).code).toBe("SIGNED_OUT");

      const res = await browser.signIn(" Owner@Chain.example ");
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ signedIn: true, email: OWNER.email });
      const cookie = (res.cookies as { name: string; httpOnly?: boolean; sameSite?: string; secure?: boolean }[]).find(
        (c) => c.name === "hh_session",
      );
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict" });
      expect(cookie?.secure).toBeFalsy();

      const compare = await browser.request("GET", "/api/compare?from=2026-11-01&to=2026-11-30");
      expect(compare.statusCode).toBe(200);
      expect(compare.headers["cache-control"]).toBe("no-store");
      const body = chainComparisonSchema.parse(compare.json());
      expect(body.addons).toEqual(["face", "scalp"]);
      expect(
        body.locations.map((l) => [
          l.name,
          l.figures.checkIns,
          l.figures.taken,
          l.figures.revenueCents,
          l.byAddon.face?.takeRate,
        ]),
      ).toEqual([
        ["Downtown", 2, 2, 5000, 1],
        ["Harbor", 1, 0, 0, 0],
      ]);
      expect(body.locations.every((l) => l.lastSyncAt !== null)).toBe(true);

      const overTls = new Browser(app, "203.0.113.8", true);
      const secure = await overTls.signIn();
      expect(secure.statusCode).toBe(200);
      expect(secure.cookies).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            name: "__Host-hh_session",
            secure: true,
            httpOnly: true,
            sameSite: "Strict",
            path: "/",
          }),
        ]),
      );
    });

    it("a wrong password or an unknown email gets the same answer, with the tries left, and logs neither the email nor the password", async () => {
      const wrong = await new Browser(app, "198.51.100.1").signIn(OWNER.email, "not the passphrase");
      const unknown = await new Browser(app, "198.51.100.2").signIn("nobody@chain.example", "not the passphrase");
      for (const res of [wrong, unknown]) {
        expect(res.statusCode).toBe(401);
        expect(errorOf(res)).toEqual({
          code: "WRONG_PASSWORD",
          message: `The email or password is wrong. ${ACCOUNT_LIMIT - 1} more tries, then signing in to this account from this network address is locked for 15 minutes.`,
        });
      }
      const logged = logs.join("\n");
      for (const secret of ["not the passphrase", OWNER.password, "nobody@chain", OWNER.email, "198.51.100"])
        expect(logged).not.toContain(secret);
      const { rows } = await db.pool.query("SELECT * FROM signin_failures");
      expect(JSON.stringify(rows)).not.toMatch(/nobody|owner@|198\.51/);
      await setOwnerPassword(db.pool, OWNER.email, OWNER.password); // lifts the failures for the next tests
    });

    it(`locks an account at one network address after ${ACCOUNT_LIMIT} wrong passwords (even the right one is refused there, not elsewhere), with Retry-After, until the failures are ${WINDOW_MINUTES} minutes old`, async () => {
      const attacker = new Browser(app, "192.0.2.10");
      for (let i = 0; i < ACCOUNT_LIMIT; i++)
        expect((await attacker.signIn(OWNER.email, `guess ${i}`)).statusCode).toBe(401);
      for (const browser of [attacker, new Browser(app, "192.0.2.10")]) {
        const locked = await browser.signIn();
        expect(locked.statusCode).toBe(429);
        expect(Number(locked.headers["retry-after"])).toBeGreaterThan(14 * 60);
        expect(errorOf(locked)).toEqual({
          code: "ACCOUNT_LOCKED",
          message:
            "Too many failed sign-ins for this account from this network address. Signing in to it from a new browser here is locked for 15 minutes; a browser you have signed in with before still can (and can make a one-time sign-in code for this one: New browser), and so can a new one elsewhere.",
        });
      }
      // Parallel guesses are counted as they arrive: none reaches the password check.
      const burst = await Promise.all(
        Array.from({ length: 4 }, (_, i) => new Browser(app, "192.0.2.10").signIn(OWNER.email, `burst ${i}`)),
      );
      expect(burst.map((r) => errorOf(r).code)).toEqual(Array(4).fill("ACCOUNT_LOCKED"));
      // The owner on a new browser elsewhere signs in, and gives the attacker no fresh tries.
      expect((await new Browser(app, "192.0.2.11").signIn()).statusCode).toBe(200);
      expect(errorOf(await new Browser(app, "192.0.2.10").signIn()).code).toBe("ACCOUNT_LOCKED");
      // The lock ends when the failures leave the 15-minute window.
      await db.pool.query("UPDATE signin_failures SET at = at - interval '16 minutes'");
      expect((await attacker.signIn()).statusCode).toBe(200);
    });

    it(
      `locks an address after ${ADDRESS_LIMIT} failures across accounts (an IPv6 client by its /64), and only that address`,
      { timeout: 180_000 },
      async () => {
        // A client that picks a new address in its /64 for every guess is still one client.
        for (let i = 0; i < ADDRESS_LIMIT; i++) {
          const res = await new Browser(app, `2001:db8:5:6:${i.toString(16)}::1`).signIn(
            `victim${i % 5}@chain.example`,
            "Winter2026!",
          );
          expect(errorOf(res).code).toBe("WRONG_PASSWORD");
        }
        const locked = await new Browser(app, "2001:db8:5:6:ffff:ffff:ffff:ffff").signIn();
        expect(locked.statusCode).toBe(429);
        expect(errorOf(locked).code).toBe("ADDRESS_LOCKED");
        expect(errorOf(locked).message).toMatch(
          /^Too many failed sign-ins from this network address\. Signing in is locked for 1[45] minutes/,
        );
        expect((await new Browser(app, "2001:db8:5:7::1").signIn()).statusCode).toBe(200);
      },
    );

    it(`ends a session after ${IDLE_MINUTES} idle minutes or ${ABSOLUTE_HOURS} hours, and on sign-out`, async () => {
      const browser = new Browser(app, "203.0.113.50");
      const read = () => browser.request("GET", "/api/compare?from=2026-11-01&to=2026-11-30");
      expect((await browser.signIn()).statusCode).toBe(200);
      await db.pool.query(`UPDATE owner_sessions SET last_seen_at = now() - interval '${IDLE_MINUTES - 1} minutes'`);
      expect((await read()).statusCode).toBe(200); // in use: the idle clock restarts
      await db.pool.query(`UPDATE owner_sessions SET last_seen_at = now() - interval '${IDLE_MINUTES + 1} minutes'`);
      const secret = browser.cookies.get("hh_session");
      const idle = await read();
      expect(idle.statusCode).toBe(401);
      expect(errorOf(idle).code).toBe("SESSION_EXPIRED");
      expect(browser.cookies.has("hh_session")).toBe(false);
      // Every request the ended session was still sending hears the same.
      const again = await browser.request("GET", "/api/compare?from=2026-11-01&to=2026-11-30", undefined, {
        cookie: `hh_session=${secret}`,
      });
      expect(errorOf(again).code).toBe("SESSION_EXPIRED");

      await browser.open();
      expect((await browser.signIn()).statusCode).toBe(200);
      await db.pool.query(`UPDATE owner_sessions SET created_at = now() - interval '${ABSOLUTE_HOURS} hours 1 minute'`);
      expect(errorOf(await read()).code).toBe("SESSION_EXPIRED");

      await browser.open();
      expect((await browser.signIn()).statusCode).toBe(200);
      const out = await browser.post("/api/sign-out");
      expect(out.statusCode).toBe(200);
      expect(out.json()).toMatchObject({ signedIn: false });
      expect(errorOf(await read()).code).toBe("SIGNED_OUT");
    });

    it("refuses every state-changing request without the page's CSRF token, from another origin or site, and changes nothing", async () => {
      const victim = new Browser(app, "203.0.113.60");
      expect((await victim.signIn()).statusCode).toBe(200);
      const other = new Browser(app, "203.0.113.61");
      await other.open();
      const sessions = async () =>
        (await db.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM owner_sessions")).rows[0]!.n;
      const count = await sessions();
      const cases: [string, () => ReturnType<Browser["post"]>][] = [
        ["sign-out, no token", () => victim.post("/api/sign-out", {}, { "x-csrf-token": "" })],
        ["sign-out, another browser's token", () => victim.post("/api/sign-out", {}, { "x-csrf-token": other.csrf })],
        ["sign-out, from another origin", () => victim.post("/api/sign-out", {}, { origin: "https://evil.example" })],
        ["sign-out, cross-site fetch", () => victim.post("/api/sign-out", {}, { "sec-fetch-site": "cross-site" })],
        ["sign-in, no token", () => other.post("/api/sign-in", OWNER, { "x-csrf-token": "" })],
        ["sign-in, the victim's token", () => other.post("/api/sign-in", OWNER, { "x-csrf-token": victim.csrf })],
      ];
      for (const [what, call] of cases) {
        const res = await call();
        expect({ what, status: res.statusCode, code: errorOf(res).code }).toEqual({
          what,
          status: 403,
          code: "CSRF_REFUSED",
        });
      }
      expect(await sessions()).toBe(count);
      expect((await victim.request("GET", "/api/compare?from=2026-11-01&to=2026-11-30")).statusCode).toBe(200);
    });

    it("reads one location's breakdowns, and refuses an unknown or malformed location", async () => {
      const browser = new Browser(app, "203.0.113.80");
      expect((await browser.signIn()).statusCode).toBe(200);
      const res = await browser.request("GET", `/api/location?id=${ids[0]}&from=2026-11-01&to=2026-11-30`);
      expect(res.statusCode).toBe(200);
      const report = locationReportSchema.parse(res.json());
      expect({ name: report.name, checkIns: report.figures.checkIns }).toEqual({ name: "Downtown", checkIns: 2 });
      expect(report.service.map((r) => [r.key, r.figures.taken])).toEqual([["Swedish massage", 2]]);
      // Ana's add-on booked ahead in every breakdown, beside the kiosk's figures and never in them.
      const scalp = { count: 1, minutes: 20, valueCents: 2000 };
      for (const dim of ["service", "channel", "language", "hour", "weekdayHour"] as const)
        expect(report[dim].map((r) => r.booked)).toEqual([scalp]);
      expect(report.bookedAhead.total).toEqual(scalp);
      expect(report.language.map((r) => r.key)).toEqual(["es"]);
      expect(report.hour.map((r) => r.key)).toEqual(["9"]);
      expect(report.funnel.steps.map((st) => [st.key, st.count])).toEqual([
        ["offered", 2],
        ["accepted", 2],
        ["confirmed", 2],
        ["printed", 2],
      ]);
      const unknown = await browser.request(
        "GET",
        "/api/location?id=0190aaaa-0000-7000-8000-000000000000&from=2026-11-01&to=2026-11-30",
      );
      expect([unknown.statusCode, errorOf(unknown).code]).toEqual([404, "UNKNOWN_LOCATION"]);
      const malformed = await browser.request("GET", `/api/location?id=${ids[0]}&from=2026-11-30&to=2026-11-01`);
      expect([malformed.statusCode, errorOf(malformed).message]).toEqual([
        400,
        "The start date must be on or before the end date.",
      ]);
    });

    it("parses every query and body: a bad range or sign-in is refused with a specific message", async () => {
      const browser = new Browser(app, "203.0.113.70");
      expect((await browser.signIn()).statusCode).toBe(200);
      const cases: [string, () => ReturnType<Browser["post"]>, string][] = [
        [
          "range backwards",
          () => browser.request("GET", "/api/compare?from=2026-11-30&to=2026-11-01"),
          "The start date must be on or before the end date.",
        ],
        ["not a day", () => browser.request("GET", "/api/compare?from=yesterday&to=2026-11-01"), "Invalid ISO date"],
        [
          "extra field",
          () => browser.request("GET", "/api/compare?from=2026-11-01&to=2026-11-02&location=x"),
          "Unrecognized key",
        ],
        [
          "no password",
          () => browser.post("/api/sign-in", { email: OWNER.email, password: "" }),
          "Enter your password.",
        ],
        ["a query where none is read", () => browser.request("GET", "/api/session?debug=1"), "Unrecognized key"],
        ["a sign-out with a body", () => browser.post("/api/sign-out", { everywhere: true }), "Unrecognized key"],
        [
          "not JSON",
          () =>
            browser.request("POST", "/api/sign-in", undefined, {
              "content-type": "application/json",
              "x-csrf-token": browser.csrf,
            }),
          "",
        ],
      ];
      for (const [what, call, message] of cases) {
        const res = await call();
        expect({ what, status: res.statusCode, code: errorOf(res).code }).toEqual({
          what,
          status: 400,
          code: "MALFORMED_REQUEST",
        });
        expect(errorOf(res).message).toContain(message);
      }
    });

    it("says how to build the page when it is not built, and serves the built one", async () => {
      const unbuilt = buildServer({ pool: db.pool, logStream: null, webRoot: path.join(tmpdir(), "hq-web-not-built") });
      const res = await unbuilt.inject({ method: "GET", url: "/" });
      expect([res.statusCode, res.body]).toEqual([
        503,
        "The dashboard's page is not built: run `npm run build`, then restart `npm run hq`.",
      ]);
      await unbuilt.close();
      const built = mkdtempSync(path.join(tmpdir(), "hq-web-"));
      writeFileSync(path.join(built, "index.html"), "<!doctype html><title>Happy Head head office</title>");
      const served = buildServer({ pool: db.pool, logStream: null, webRoot: built });
      const page = await served.inject({ method: "GET", url: "/" });
      expect([page.statusCode, page.headers["content-type"], page.body]).toEqual([
        200,
        "text/html; charset=utf-8",
        expect.stringContaining("Happy Head"),
      ]);
      expect(page.headers["content-security-policy"]).toContain("script-src 'self'");
      expect((await served.inject({ method: "GET", url: "/../package.json" })).statusCode).toBe(404);
      await served.close();
      rmSync(built, { recursive: true });
    });

    it("serves every answer with a strict CSP and security headers", async () => {
      const res = await new Browser(app).request("GET", "/api/session");
      expect(res.headers["content-security-policy"]).toContain("script-src 'self'");
      expect(res.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
      expect(res.headers["content-security-policy"]).not.toContain("unsafe");
      expect(res.headers).toMatchObject({
        "x-content-type-options": "nosniff",
        "x-frame-options": "DENY",
        "referrer-policy": "no-referrer",
      });
    });

    it("row-level security still isolates: the dashboard's chain read writes nothing, and a location's token writes only its own rows", async () => {
      const client = await db.pool.connect();
      try {
        await client.query("BEGIN");
        await client.query("SELECT set_config('app.scope', 'chain', true)");
        await expect(
          client.query("INSERT INTO day_totals (location_id, local_day, check_ins) VALUES ($1, '2026-11-02', 99)", [
            ids[0],
          ]),
        ).rejects.toThrow(/row-level security/);
        await client.query("ROLLBACK");
        // Owner tables carry no location rights: an owner's session as app.token opens no location's rows.
        await client.query("BEGIN");
        const { rows } = await client.query<{ token_hash: Buffer }>("SELECT token_hash FROM owner_sessions LIMIT 1");
        await client.query("SELECT set_config('app.token', $1, true)", [rows[0]!.token_hash.toString("base64url")]);
        expect((await client.query<{ n: number }>("SELECT count(*)::int AS n FROM day_totals")).rows[0]!.n).toBe(0);
        await expect(
          client.query("INSERT INTO day_totals (location_id, local_day, check_ins) VALUES ($1, '2026-11-02', 99)", [
            ids[0],
          ]),
        ).rejects.toThrow(/row-level security/);
        await client.query("ROLLBACK");
      } finally {
        client.release();
      }
    });

    describe("exports", () => {
      const NOV = "from=2026-11-01&to=2026-11-30";
      const FORMULA = '=HYPERLINK("http://evil.example","Harbor")';
      let owner: Browser;
      const guests = ["ana", "ben", "cai", "dee", "eve"];
      beforeAll(async () => {
        // A third location whose name a spreadsheet would run as a formula, with a guest last month (the trend) and
        // this month.
        const { locationId, code } = await addLocation(db.pool, FORMULA);
        const token = pairResponseSchema.parse(
          (await app.inject({ method: "POST", url: "/v1/pair", payload: { code } })).json(),
        ).token;
        const log = new EventLog();
        log.happyGuest("dee", "2026-10-05");
        log.happyGuest("eve", "2026-11-03");
        const sent = await app.inject({
          method: "POST",
          url: "/v1/events",
          headers: { authorization: `Bearer ${token}` },
          payload: batchOf(locationId, log.events),
        });
        expect(sent.statusCode).toBe(200);
        owner = new Browser(app, "203.0.113.90");
        expect((await owner.signIn()).statusCode).toBe(200);
      });
      const json = async <T>(url: string, schema: { parse(v: unknown): T }) =>
        schema.parse((await owner.request("GET", url)).json());
      /** No guest's pseudonymous id leaves head office in a file (and no name: head office has none). */
      const expectNothingPersonal = (text: string) => {
        for (const g of guests) expect(text).not.toContain(visit(g));
        expect(text).not.toMatch(/\b(ana|ben|cai|dee|eve)\b/);
      };
      async function files(url: string, tables: readonly string[]) {
        const csv = new Map<string, Table>();
        for (const table of tables) {
          const res = await owner.request("GET", `${url}&format=csv&table=${table}`);
          expect([res.statusCode, res.headers["content-type"]]).toEqual([200, "text/csv; charset=utf-8"]);
          expectNothingPersonal(res.rawPayload.toString("utf8"));
          csv.set(table, csvTable(res.rawPayload));
        }
        const xlsx = await owner.request("GET", `${url}&format=xlsx`);
        expect(xlsx.statusCode).toBe(200);
        const sheets = await xlsxTables(xlsx.rawPayload);
        expectNothingPersonal(JSON.stringify([...sheets]));
        return { csv, sheets, xlsxName: xlsx.headers["content-disposition"] };
      }

      it("the comparison's CSV and Excel hold every figure of the dashboard's JSON, figure by figure, and no guest's id", async () => {
        const now = await json(`/api/compare?${NOV}`, chainComparisonSchema);
        const before = await json("/api/compare?from=2026-10-01&to=2026-10-30", chainComparisonSchema);
        const { csv, sheets, xlsxName } = await files(`/api/compare/export?${NOV}&preset=thisMonth`, [
          "locations",
          "addons",
          "trend",
        ]);
        expect(xlsxName).toBe('attachment; filename="happy-head_all-locations_report_2026-11-01_2026-11-30.xlsx"');
        const head = await owner.request("GET", `/api/compare/export?${NOV}&format=csv&table=addons`);
        expect(head.headers["content-disposition"]).toBe(
          'attachment; filename="happy-head_all-locations_addons_2026-11-01_2026-11-30.csv"',
        );
        const check = (locations: Table, addons: Table, trend: Table, c: ChainComparison, p: ChainComparison) => {
          expect(locations.rows.map((r) => r[0])).toEqual([...c.locations.map((l) => l.name), "All locations"]);
          c.locations.forEach((l, i) => expectFigures(locations, locations.rows[i], l.figures, l.name));
          expectFigures(locations, locations.rows.at(-1), c.totals, "all locations");
          const uptake = c.locations.flatMap((l) =>
            c.addons.flatMap((a) => {
              const f = l.byAddon[a];
              return f ? [[l.name, a, f.shown, f.taken, percent(f.takeRate), f.revenueCents / 100]] : [];
            }),
          );
          expect(addons.rows.map((r) => [r[0], String(r[1]).toLowerCase(), ...r.slice(2)])).toEqual(uptake);
          expect(trend.rows).toEqual(
            c.locations.map((l) => {
              const then = p.locations.find((x) => x.locationId === l.locationId)!.figures.takeRate;
              const change = l.figures.takeRate === null || then === null ? null : percent(l.figures.takeRate - then);
              return [l.name, percent(l.figures.takeRate), percent(then), change, l.lastSyncAt];
            }),
          );
        };
        // The formula-like name is text in both files: a leading apostrophe, as the location's own exports write it.
        const shown = (c: ChainComparison) => ({
          ...c,
          locations: c.locations.map((l) => ({ ...l, name: l.name === FORMULA ? `'${FORMULA}` : l.name })),
        });
        expect(now.locations.map((l) => l.name)).toContain(FORMULA);
        expect(before.locations.find((l) => l.name === FORMULA)?.figures.takeRate).toBe(1);
        check(csv.get("locations")!, csv.get("addons")!, csv.get("trend")!, shown(now), shown(before));
        expect([...sheets.keys()]).toEqual([
          "Summary",
          "By location",
          "Add-on uptake by location",
          "Booked ahead",
          "Trend and last sync",
        ]);
        check(
          sheets.get("By location")!,
          sheets.get("Add-on uptake by location")!,
          sheets.get("Trend and last sync")!,
          shown(now),
          shown(before),
        );
        const summary = new Map(sheets.get("Summary")!.rows.map((r) => [r[0], r[1]]));
        expect([summary.get("From"), summary.get("To"), summary.get("Check-ins"), summary.get("Taken")]).toEqual([
          "2026-11-01",
          "2026-11-30",
          now.totals.checkIns,
          now.totals.taken,
        ]);
      });

      it("a CSV for a spreadsheet that writes 1.234,56: the same table, fields split by semicolons, decimals with a comma", async () => {
        for (const url of [
          `/api/compare/export?${NOV}&format=csv&table=addons`,
          `/api/compare/export?${NOV}&format=csv`,
        ]) {
          const comma = csvTable((await owner.request("GET", url)).rawPayload);
          const res = await owner.request("GET", `${url}&csv=semicolon`);
          const text = res.rawPayload.toString("utf8");
          expect(text.startsWith("\uFEFF")).toBe(true);
          const records: string[][] = parse(text.slice(1), { record_delimiter: "\r\n", delimiter: ";" });
          expect(records.flat().some((c) => /^-?\d+\.\d+$/.test(c))).toBe(false);
          expect(records[0]).toEqual(comma.header);
          expect(
            records
              .slice(1)
              .map((r) => r.map((c) => (c === "" ? null : /^-?\d+(,\d+)?$/.test(c) ? Number(c.replace(",", ".")) : c))),
          ).toEqual(comma.rows);
        }
        expect((await owner.request("GET", `/api/compare/export?${NOV}&format=csv&csv=tab`)).statusCode).toBe(400);
      });
      it("a location's CSV and Excel hold every figure of its page's JSON: funnel, breakdowns, weekday × hour", async () => {
        const r = await json(`/api/location?id=${ids[0]}&${NOV}`, locationReportSchema);
        // 2 Nov 2026 is a Monday.
        expect(r.weekdayHour.map((c) => [c.weekday, c.hour, c.figures.checkIns])).toEqual([[1, 9, 2]]);
        const tables = ["funnel", "bookedAhead", "service", "channel", "language", "hour", "weekdayHour"] as const;
        const { csv, sheets, xlsxName } = await files(`/api/location/export?id=${ids[0]}&${NOV}`, tables);
        expect(xlsxName).toBe('attachment; filename="happy-head_downtown_report_2026-11-01_2026-11-30.xlsx"');
        const check = (get: (t: (typeof tables)[number]) => Table, report: LocationReport) => {
          const funnel = get("funnel");
          expect(funnel.rows.slice(0, 4).map((x) => x.slice(1, 4))).toEqual(
            report.funnel.steps.map((st) => [st.count, st.dropOff, percent(st.dropOffRate)]),
          );
          for (const dim of ["service", "channel", "language", "hour"] as const) {
            const t = get(dim);
            expect(t.rows).toHaveLength(report[dim].length);
            report[dim].forEach((row, i) => expectFigures(t, t.rows[i], row.figures, `${dim} ${row.key}`));
            // Then each row's add-ons booked ahead, in the columns (and their words) of the location's own exports.
            expect(t.header.slice(-3)).toEqual(BOOKED_COLUMNS);
            expect(t.rows.map((x) => x.slice(-3))).toEqual(
              report[dim].map((row) => [row.booked.count, row.booked.minutes, row.booked.valueCents / 100]),
            );
          }
          // Its add-ons booked ahead, their own table: Ana's scalp massage.
          expect(get("bookedAhead").rows).toEqual([
            ["Scalp", 1, 20, 20],
            ["All add-ons", 1, 20, 20],
          ]);
          expect(get("service").rows.map((x) => x[0])).toEqual(["Swedish massage"]);
          expect(get("language").rows.map((x) => x[0])).toEqual(["Spanish"]);
          expect(get("hour").rows.map((x) => x[0])).toEqual(["09:00–09:59"]);
          const grid = get("weekdayHour");
          expect(grid.rows.map((x) => x.slice(0, 2))).toEqual([["Mon", 9]]);
          report.weekdayHour.forEach((c, i) => expectFigures(grid, grid.rows[i], c.figures, `weekday ${c.weekday}`));
          expect(grid.header.slice(-3)).toEqual(BOOKED_COLUMNS);
          expect(grid.rows.map((x) => x.slice(-3))).toEqual([[1, 20, 20]]);
        };
        check((t) => csv.get(t)!, r);
        const titles = EXPORT_TABLE_TITLES;
        expect([...sheets.keys()]).toEqual(["Summary", ...tables.map((t) => titles[t])]);
        check((t) => sheets.get(titles[t])!, r);
      });

      it("refuses an export without a session, with a bad query, or of an unknown location, with a specific message", async () => {
        const stranger = new Browser(app, "203.0.113.91");
        const signedOut = await stranger.request("GET", `/api/compare/export?${NOV}&format=csv`);
        expect([signedOut.statusCode, errorOf(signedOut).code]).toEqual([401, "SIGNED_OUT"]);
        const cases: [string, number, string][] = [
          [`/api/compare/export?${NOV}&format=pdf`, 400, "Invalid option"],
          [`/api/compare/export?${NOV}&format=csv&table=checkins`, 400, "Invalid option"],
          [
            "/api/compare/export?from=2026-11-30&to=2026-11-01&format=csv",
            400,
            "The start date must be on or before the end date.",
          ],
          [`/api/location/export?id=${ids[0]}&${NOV}&format=csv&table=locations`, 400, "Invalid option"],
          [
            `/api/location/export?id=0190aaaa-0000-7000-8000-000000000000&${NOV}&format=xlsx`,
            404,
            "Head office has no such location",
          ],
        ];
        for (const [url, status, message] of cases) {
          const res = await owner.request("GET", url);
          expect({ url, status: res.statusCode }).toEqual({ url, status });
          expect(errorOf(res).message).toContain(message);
        }
      });
    });
  },
);
