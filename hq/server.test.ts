import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_BATCH_BYTES, pairResponseSchema, type EventBatch } from "../contract/hq";
import { addLocation, revokeTokens } from "./pairing";
import { locationFigures } from "./reports";
import { buildServer } from "./server";
import { batchOf, EventLog } from "./test/events";
import { freshDatabase, pgUnavailable, type TestDatabase } from "./test/pg";

const unavailable = await pgUnavailable();
const DAY = { from: "2026-11-01", to: "2026-11-30" };

describe.skipIf(unavailable !== null)(
  `head-office service over PostgreSQL${unavailable ? ` — skipped: ${unavailable}` : ""}`,
  () => {
    let db: TestDatabase;
    let app: ReturnType<typeof buildServer>;
    const logs: string[] = [];
    const locations: { id: string; token: string; code: string }[] = [];

    const pair = async (code: string) => app.inject({ method: "POST", url: "/v1/pair", payload: { code } });
    const send = (token: string, payload: unknown) =>
      app.inject({
        method: "POST",
        url: "/v1/events",
        headers: { authorization: `Bearer ${token}` },
        payload: payload as object,
      });
    /** Everything the head office holds, as one comparable value. */
    const snapshot = async () => {
      const client = await db.pool.connect();
      try {
        await client.query("BEGIN");
        await client.query("SELECT set_config('app.scope', 'chain', true)");
        const rows = [];
        for (const t of [
          "events",
          "batches",
          "visit_facts",
          "day_totals",
          "day_cells",
          "day_addon_cells",
          "locations",
          "location_tokens",
        ]) {
          rows.push(
            (
              await client.query(
                `SELECT md5(string_agg(x::text, ',' ORDER BY x::text)) AS h, count(*) AS n FROM ${t} x`,
              )
            ).rows[0],
          );
        }
        await client.query("COMMIT");
        return rows;
      } finally {
        client.release();
      }
    };

    beforeAll(async () => {
      db = await freshDatabase();
      app = buildServer({ pool: db.pool, logStream: { write: (line) => void logs.push(line) } });
      for (const name of ["Downtown", "Harbor"]) {
        const { locationId, code } = await addLocation(db.pool, name);
        const res = await pair(code);
        expect(res.statusCode).toBe(200);
        const paired = pairResponseSchema.parse(res.json());
        expect(paired.locationId).toBe(locationId);
        locations.push({ id: locationId, token: paired.token, code });
      }
    });
    afterAll(async () => {
      await app?.close();
      await db?.drop();
    });

    it("pairs once per code and stores codes and tokens only hashed", async () => {
      const again = await pair(locations[0]!.code);
      expect(again.statusCode).toBe(400);
      expect(again.json()).toMatchObject({ error: { code: "PAIRING_CODE_INVALID" } });
      expect((await pair("not a code")).json()).toMatchObject({ error: { code: "PAIRING_CODE_INVALID" } });
      const { rows } = await db.pool.query<{ t: string }>(
        "SELECT encode(token_hash, 'hex') AS t FROM location_tokens UNION ALL SELECT encode(code_hash, 'hex') FROM pairing_codes",
      );
      for (const l of locations) {
        expect(JSON.stringify(rows)).not.toContain(l.token);
        expect(rows.map((r) => r.t)).not.toContain(l.token);
      }
    });

    it("ingests a batch, keeps per-day figures at ingest, and takes the same batch twice, re-cut or out of order as once", async () => {
      const [a] = locations;
      const log = new EventLog();
      log.happyGuest("ana");
      log.happyGuest("ben");
      log.add("cai", "check_in", {
        localDay: "2026-11-03",
        hour: 14,
        channel: "desk",
        lang: null,
        service: "Deep tissue",
      });
      const first = batchOf(a!.id, log.events.slice(0, 10));
      const res = await send(a!.token, first);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ batchId: first.batchId, accepted: 10, duplicates: 0 });

      // Replayed whole: refused as a replay, nothing changes.
      const before = await snapshot();
      const replay = await send(a!.token, first);
      expect(replay.statusCode).toBe(409);
      expect(replay.json()).toMatchObject({ error: { code: "BATCH_REPLAYED" } });
      expect(await snapshot()).toEqual(before);
      // Same id, other events: a conflict, nothing changes.
      const conflict = await send(a!.token, { ...first, events: log.events.slice(0, 9) });
      expect(conflict.json()).toMatchObject({ error: { code: "BATCH_CONFLICT" } });
      expect(await snapshot()).toEqual(before);

      // The rest, re-cut so batches overlap and arrive last-first.
      const rest = [batchOf(a!.id, log.events.slice(12)), batchOf(a!.id, log.events.slice(8, 14))];
      const answers = [];
      for (const b of rest) answers.push((await send(a!.token, b)).json());
      expect(answers).toEqual([
        { batchId: rest[0]!.batchId, accepted: log.events.length - 12, duplicates: 0 },
        { batchId: rest[1]!.batchId, accepted: 2, duplicates: 4 },
      ]);

      const [fig] = await locationFigures(db.pool, DAY, [a!.id]);
      expect(fig!.counts).toMatchObject({
        check_ins: 3,
        offered: 2,
        offered_multi: 2,
        accepted_kiosk: 2,
        added_desk: 0,
        confirmed: 2,
        voided: 0,
        taken: 2,
        revenue_cents: 5000,
        extra_minutes: 30,
        f_printed: 2,
      });
      expect(fig!.byAddon.map((x) => [x.addon, x.counts.shown, x.counts.taken])).toEqual([
        ["face", 2, 2],
        ["scalp", 2, 0],
      ]);
      expect(fig!.lastSeq).toBe(log.seq);
      const [other] = await locationFigures(db.pool, DAY, [locations[1]!.id]);
      expect(other!.counts.check_ins).toBe(0);
    });

    it("tells a location its own position (the highest seq it holds of it), and no one without a live token", async () => {
      const position = (authorization?: string) =>
        app.inject({ method: "GET", url: "/v1/position", ...(authorization ? { headers: { authorization } } : {}) });
      const [a, b] = locations;
      const log = new EventLog();
      log.happyGuest("dee");
      expect((await send(b!.token, batchOf(b!.id, log.events))).statusCode).toBe(200);
      const res = await position(`Bearer ${b!.token}`);
      expect({ status: res.statusCode, body: res.json<unknown>() }).toEqual({
        status: 200,
        body: { locationId: b!.id, lastSeq: log.seq },
      });
      expect((await position(`Bearer ${a!.token}`)).json()).toMatchObject({ locationId: a!.id });
      expect((await position()).json()).toMatchObject({ error: { code: "UNKNOWN_TOKEN" } });
      expect((await position(`Bearer ${"x".repeat(43)}`)).json()).toMatchObject({ error: { code: "UNKNOWN_TOKEN" } });
    });

    it("refuses bad input with a specific error, logs no personal data, and changes nothing", async () => {
      const [a, b] = locations;
      const log = new EventLog();
      log.happyGuest("dora");
      const good: EventBatch = batchOf(a!.id, log.events);
      const before = await snapshot();
      logs.length = 0;
      const cases: [string, () => ReturnType<typeof send>, number, string][] = [
        [
          "not JSON",
          () =>
            app.inject({
              method: "POST",
              url: "/v1/events",
              headers: { authorization: `Bearer ${a!.token}`, "content-type": "application/json" },
              payload: "{nope",
            }),
          400,
          "MALFORMED_BATCH",
        ],
        [
          "wrong shape",
          () =>
            send(a!.token, {
              ...good,
              events: [{ ...good.events[0], kind: "guest_name", body: { name: "Dora Díaz" } }],
            }),
          400,
          "MALFORMED_BATCH",
        ],
        ["extra key", () => send(a!.token, { ...good, guestPhone: "5550102233" }), 400, "MALFORMED_BATCH"],
        ["empty", () => send(a!.token, { ...good, events: [] }), 400, "MALFORMED_BATCH"],
        ["oversized", () => send(a!.token, { ...good, pad: "x".repeat(MAX_BATCH_BYTES) }), 413, "BATCH_TOO_LARGE"],
        ["future schema", () => send(a!.token, { ...good, schemaVersion: 2 }), 400, "UNKNOWN_SCHEMA_VERSION"],
        ["unknown token", () => send("A".repeat(43), good), 401, "UNKNOWN_TOKEN"],
        ["no token", () => app.inject({ method: "POST", url: "/v1/events", payload: good }), 401, "UNKNOWN_TOKEN"],
        ["another location's batch", () => send(b!.token, good), 403, "WRONG_LOCATION"],
      ];
      for (const [what, call, status, code] of cases) {
        const res = await call();
        expect({ what, status: res.statusCode, body: res.json() }).toMatchObject({
          what,
          status,
          body: { error: { code } },
        });
      }
      expect(await snapshot()).toEqual(before);
      const logged = logs.join("\n");
      for (const [, , , code] of cases) expect(logged).toContain(code);
      for (const secret of ["Dora", "5550102233", "Swedish", a!.token, b!.token, "nope"])
        expect(logged).not.toContain(secret);

      // Revoked: refused as such, and its events never land.
      const { locationId, code } = await addLocation(db.pool, "Revoked Spa");
      const token = pairResponseSchema.parse((await pair(code)).json()).token;
      await revokeTokens(db.pool, locationId);
      const beforeRevoked = await snapshot();
      const revoked = await send(token, batchOf(locationId, log.events));
      expect(revoked.statusCode).toBe(401);
      expect(revoked.json()).toMatchObject({ error: { code: "REVOKED_TOKEN" } });
      expect(await snapshot()).toEqual(beforeRevoked);
    });

    it("the database itself refuses location A's token writing location B's rows (row-level security)", async () => {
      const [a, b] = locations;
      const client = await db.pool.connect();
      const asA = async <T>(body: () => Promise<T>): Promise<T> => {
        await client.query("BEGIN");
        await client.query("SELECT set_config('app.token', $1, true)", [a!.token]);
        try {
          return await body();
        } finally {
          await client.query("ROLLBACK");
        }
      };
      try {
        // An insert of B's event under A's token: refused by the policy, whatever the app meant.
        await expect(
          asA(() =>
            client.query(
              "INSERT INTO events (location_id, id, seq, visit_id, kind, occurred_at, body, batch_id) VALUES ($1, $2, 1, 'x', 'check_in', now(), '{}', $3)",
              [b!.id, "01900000-0000-7000-8000-000000000001", randomUUID()],
            ),
          ),
        ).rejects.toThrow(/row-level security/);
        await expect(
          asA(() =>
            client.query(`INSERT INTO day_totals (location_id, local_day, check_ins) VALUES ($1, '2026-11-02', 1000)`, [
              b!.id,
            ]),
          ),
        ).rejects.toThrow(/row-level security/);
        // Moving A's own row to B is refused too; B's rows are invisible to A's token.
        await expect(
          asA(() => client.query("UPDATE day_totals SET location_id = $1 WHERE location_id = $2", [b!.id, a!.id])),
        ).rejects.toThrow(/row-level security/);
        expect(
          (await asA(() => client.query("UPDATE day_totals SET check_ins = 0 WHERE location_id = $1", [b!.id])))
            .rowCount,
        ).toBe(0);
        expect((await asA(() => client.query("DELETE FROM events WHERE location_id = $1", [b!.id]))).rowCount).toBe(0);
        // Partitions named directly show nothing and take nothing.
        expect((await asA(() => client.query("SELECT count(*)::int AS n FROM events_p0"))).rows[0]).toEqual({ n: 0 });
        // Without a token, nothing is visible; the chain scope reads but never writes.
        expect((await client.query("SELECT count(*)::int AS n FROM events")).rows[0]).toEqual({ n: 0 });
        await client.query("BEGIN");
        await client.query("SELECT set_config('app.scope', 'chain', true)");
        expect((await client.query<{ n: number }>("SELECT count(*)::int AS n FROM events")).rows[0]!.n).toBeGreaterThan(
          0,
        );
        await expect(client.query("DELETE FROM events")).resolves.toMatchObject({ rowCount: 0 });
        await client.query("ROLLBACK");
      } finally {
        client.release();
      }
    });
  },
);
