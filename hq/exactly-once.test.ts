import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { request } from "node:http";
import { createServer } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { EventBatch } from "../contract/hq";
import type { DB } from "../db/open";
import { figuresOf } from "../contract/reports";
import { storeBookedAddons } from "../db/desk/booked-addons";
import { uptakeReport } from "../db/reports/reports";
import { nextBatch, savePairing, syncState } from "../db/sync/outbox";
import { requestPairing, SyncWorker } from "../db/sync/worker";
import { demoModel } from "../db/test/helpers";
import { addLocation } from "./pairing";
import { locationBreakdowns, locationFigures, weekdayHour } from "./reports";
import { breakdownsOfHeadOffice, breakdownsOfLocationReport, ofHeadOffice, ofLocationReport } from "./test/compare";
import { freshDatabase, pgUnavailable, type TestDatabase } from "./test/pg";

/**
 * Exactly once, end to end: three locations (each its own SQLite file in its own temp folder, the
 * demo spa's four weeks of history made through the domain layer, on different dates), the real
 * service in a child process on loopback, the real sync worker with real fetch, and faults on the
 * way: the head office down, each batch sent twice, answers lost after ingest, a request cut
 * mid-body, batches re-cut and sent last-first, the service killed with SIGKILL mid-ingest, and
 * (HQ_TEST_PG_RESTART=1, as root) PostgreSQL restarted. Then, per location, every figure of the
 * head office's report equals the location's own report for the same range, and the head office
 * holds each outbox event exactly once.
 */
const unavailable = await pgUnavailable();
const RANGE = { from: "2026-09-01", to: "2026-12-31" };
const pgRestart =
  process.env.HQ_TEST_PG_RESTART === "1" && process.getuid?.() === 0 && spawnSync("pg_lsclusters", ["-h"]).status === 0;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * New facts at a location, through the same tables the desk and printer write: tickets printed, offers voided and
 * changed, a check-in taken back.
 */
function liveActivity(db: DB, round: number): void {
  db.prepare("UPDATE print_jobs SET status = 'queued' WHERE id % 5 = ?").run(round % 5);
  db.prepare("UPDATE print_jobs SET status = 'printed' WHERE id % 5 = ?").run(round % 5);
  db.prepare(
    "UPDATE offers SET status = 'voided', void_reason = 'Guest changed their mind' WHERE status = 'confirmed' AND id % 13 = ?",
  ).run(round % 13);
  db.transaction(() => {
    const offers = db
      .prepare("SELECT id FROM offers WHERE status IN ('confirmed', 'accepted') AND id % 11 = ?")
      .pluck()
      .all(round % 11) as number[];
    for (const id of offers) {
      db.prepare("UPDATE offer_items SET final_selected = 1 - final_selected WHERE offer_id = ?").run(id);
      db.prepare("UPDATE offers SET status = 'changed' WHERE id = ?").run(id);
    }
  })();
  db.prepare(
    "DELETE FROM check_ins WHERE appointment_id = (SELECT max(appointment_id) FROM check_ins WHERE appointment_id % 17 = ?)",
  ).run(round % 17);
  // Re-imports of the booking system's file: a scalp massage booked ahead for some checked-in guests, dropped for
  // others (and booked again in a later round); the desk cancels one visit and reinstates another.
  const scalp = db.prepare("SELECT id FROM addons WHERE code = 'scalp'").pluck().get() as number;
  const checkedIn = (mod: number) =>
    db.prepare("SELECT appointment_id FROM check_ins WHERE appointment_id % 7 = ?").pluck().all(mod) as number[];
  db.transaction(() => {
    for (const id of checkedIn(round % 7)) storeBookedAddons(db, id, [{ id: scalp, minutes: 15 }]);
    for (const id of checkedIn((round + 3) % 7)) storeBookedAddons(db, id, []);
  })();
  db.prepare(
    "UPDATE appointments SET status = 'cancelled' WHERE id = (SELECT max(appointment_id) FROM booked_addons WHERE appointment_id % 5 = ?)",
  ).run(round % 5);
  db.prepare(
    "UPDATE appointments SET status = 'booked' WHERE id = (SELECT min(id) FROM appointments WHERE status = 'cancelled')",
  ).run();
}

describe.skipIf(unavailable !== null)(
  `exactly once through faults, 3 locations${unavailable ? ` — skipped: ${unavailable}` : ""}`,
  () => {
    let db: TestDatabase;
    let port: number;
    let url: string;
    let service: ChildProcess | null = null;

    const startService = async () => {
      service = spawn(process.execPath, ["--import", "tsx", "hq/main.ts", "serve"], {
        env: { ...process.env, HQ_DATABASE_URL: db.url, HQ_PORT: String(port), HQ_HOST: "127.0.0.1" },
        stdio: ["ignore", "ignore", "inherit"],
      });
      for (let i = 0; i < 200; i++) {
        if (
          await fetch(`${url}/v1/health`).then(
            (r) => r.ok,
            () => false,
          )
        )
          return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error("The head-office service did not start.");
    };
    const killService = async () => {
      const child = service;
      service = null;
      if (!child || child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGKILL");
      await exited;
    };

    // A fresh head-office database per run, so CI's second run of a failed test starts clean.
    beforeEach(async () => {
      db = await freshDatabase();
      port = await freePort();
      url = `http://127.0.0.1:${port}`;
    }, 180_000);
    afterEach(async () => {
      await killService();
      await db?.drop();
    });

    it("every figure of the head office's report equals each location's own; 0 events lost, 0 counted twice", async () => {
      const spas = [];
      for (const [name, at] of [
        ["Downtown", "2026-11-25T18:07:00.000Z"],
        ["Harbor", "2026-11-11T19:30:00.000Z"],
        ["Uptown", "2026-10-28T17:45:00.000Z"],
      ] as const) {
        const m = await demoModel(at);
        const { locationId, code } = await addLocation(db.pool, name);
        spas.push({ name, m, db: m.db, locationId, code });
      }
      const faults = { twice: 0, answersLost: 0, cut: 0, killed: 0, reversed: 0, pgRestarts: 0 };

      // Head office down ("a simulated day"): pairing and sending both fail; the locations keep everything.
      const [a, b, c] = spas as [(typeof spas)[number], (typeof spas)[number], (typeof spas)[number]];
      await expect(requestPairing(url, a.code)).rejects.toThrow(/can't be reached/);
      await startService();
      for (const s of spas) {
        const { locationId, token } = await requestPairing(url, s.code);
        savePairing(s.m, { kind: "system" }, { url, locationId, token });
      }
      await killService();
      for (const s of spas) {
        const worker = new SyncWorker({ model: { db: s.db }, minBackoffMs: 1 });
        expect((await worker.drain()).failed).toMatch(/unreachable/);
        expect(syncState(s.m).lastSyncAt).toBeNull();
        liveActivity(s.db, 1);
      }
      await startService();

      // A: every batch sent twice (a retry racing the first try): the second is a replay.
      const twice: typeof fetch = async (input, init) => {
        await fetch(input, init);
        faults.twice += 1;
        return fetch(input, init);
      };
      expect((await new SyncWorker({ model: { db: a.db }, fetch: twice }).drain()).failed).toBeNull();

      // B: every other answer lost after the head office ingested the batch; the worker sends it again.
      let calls = 0;
      const lossy: typeof fetch = async (input, init) => {
        const response = await fetch(input, init);
        if (calls++ % 2 === 0) {
          faults.answersLost += 1;
          throw new TypeError("fetch failed");
        }
        return response;
      };
      const workerB = new SyncWorker({ model: { db: b.db }, fetch: lossy, minBackoffMs: 1 });
      for (let i = 0; i < 100 && syncState(b.m).waiting > 0; i++) await workerB.drain();

      // C: a request cut mid-body (the connection drops after half the batch), then its outbox re-cut into batches of
      // 137 sent last-first, then the worker.
      const first = nextBatch(c.db, 500)!.batch;
      const creds = { token: c.db.prepare("SELECT token FROM hq_sync").pluck().get() as string };
      await new Promise<void>((resolve) => {
        const body = JSON.stringify(first);
        const req = request(`${url}/v1/events`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "content-length": Buffer.byteLength(body),
            authorization: `Bearer ${creds.token}`,
          },
        });
        req.on("error", () => resolve());
        req.on("close", () => resolve());
        // Counted when the half is handed over: the write's callback may never run if the service
        // answers or drops the connection first, and the cut has happened either way.
        faults.cut += 1;
        req.write(body.slice(0, body.length / 2), () => {
          setTimeout(() => {
            req.destroy();
            resolve();
          }, 50);
        });
      });
      const all = nextBatch(c.db, 1_000_000)!.batch;
      const recut: EventBatch[] = [];
      for (let i = 0; i < all.events.length; i += 137)
        recut.push({ ...all, batchId: crypto.randomUUID(), events: all.events.slice(i, i + 137) });
      for (const batch of recut.reverse()) {
        const res = await fetch(`${url}/v1/events`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${creds.token}` },
          body: JSON.stringify(batch),
        });
        expect(res.status).toBe(200);
        faults.reversed += 1;
      }
      expect((await new SyncWorker({ model: { db: c.db } }).drain()).failed).toBeNull();

      // More facts everywhere; the service is killed (SIGKILL) while ingesting, a random few ms into a request, and
      // restarted.
      for (const [round, s] of spas.entries()) {
        liveActivity(s.db, round + 2);
        let sends = 0;
        const pending: { kill?: Promise<void> } = {};
        const killing: typeof fetch = async (input, init) => {
          if (sends++ === 1) {
            pending.kill = new Promise<void>((resolve) =>
              setTimeout(() => void killService().then(resolve), Math.random() * 15),
            );
            faults.killed += 1;
          }
          return fetch(input, init);
        };
        const worker = new SyncWorker({ model: { db: s.db }, fetch: killing, batchSize: 200, minBackoffMs: 1 });
        await worker.drain();
        // The kill may land after the drain ended: wait for it, so the next round starts on a live service.
        await pending.kill;
        if (!service) await startService();
        for (let i = 0; i < 10 && syncState(s.m).waiting > 0; i++)
          await new SyncWorker({ model: { db: s.db }, minBackoffMs: 1 }).drain();
      }

      // PostgreSQL restarted under the running service (opt-in: it stops the cluster every test shares).
      if (pgRestart) {
        for (const s of spas) liveActivity(s.db, 7);
        spawnSync("pg_ctlcluster", ["15", "main", "restart"], { stdio: "inherit" });
        faults.pgRestarts += 1;
        for (const s of spas)
          for (let i = 0; i < 20 && syncState(s.m).waiting > 0; i++)
            await new SyncWorker({ model: { db: s.db }, minBackoffMs: 1 }).drain();
      }

      // Nothing left to send, and the figures agree, figure by figure.
      const heads = await locationFigures(db.pool, RANGE);
      for (const s of spas) {
        expect(syncState(s.m)).toMatchObject({ waiting: 0, lastError: null });
        const report = uptakeReport(s.m, { ...RANGE, grain: "day" });
        const local = { ...ofLocationReport(report), breakdowns: breakdownsOfLocationReport(report) };
        const head = heads.find((h) => h.locationId === s.locationId)!;
        const headBreakdowns = breakdownsOfHeadOffice(await locationBreakdowns(db.pool, RANGE, s.locationId));
        expect({ location: s.name, ...ofHeadOffice(head.counts, head.byAddon), breakdowns: headBreakdowns }).toEqual({
          location: s.name,
          ...local,
        });
        // The weekday × hour grid too: the range is whole months, so it is read from the month cells ingest keeps.
        const grid = await weekdayHour(db.pool, RANGE, s.locationId);
        expect(grid.map((c) => ({ weekday: c.weekday, hour: c.hour, figures: figuresOf(c.counts) }))).toEqual(
          report.weekdayHour,
        );
        expect(local.totals.checkIns).toBeGreaterThan(100);
        expect(Object.keys(local.breakdowns.language ?? {}).length).toBeGreaterThan(1);
        // 0 lost, 0 twice: the head office holds exactly the location's outbox, each event once.
        const outbox = s.db.prepare("SELECT count(*) AS n, max(seq) AS last FROM outbox").get() as {
          n: number;
          last: number;
        };
        const held = await db.pool.query<{ n: number; distinct_seq: number; received: string }>(
          `SELECT count(*)::int AS n, count(DISTINCT seq)::int AS distinct_seq, (SELECT events_received::text FROM locations WHERE id = $1) AS received
         FROM (SELECT set_config('app.scope', 'chain', false)) s, events WHERE location_id = $1`,
          [s.locationId],
        );
        expect({ location: s.name, ...held.rows[0] }).toEqual({
          location: s.name,
          n: outbox.n,
          distinct_seq: outbox.n,
          received: String(outbox.n),
        });
        expect(head.lastSeq).toBe(outbox.last);
      }
      console.log(
        `exactly once: ${JSON.stringify(faults)}; outbox ${spas.map((s) => s.db.prepare("SELECT count(*) FROM outbox").pluck().get()).join(" / ")} events`,
      );
      expect(faults, JSON.stringify(faults)).toMatchObject({ cut: 1, killed: 3 });
      expect(faults.twice).toBeGreaterThan(0);
      expect(faults.answersLost).toBeGreaterThan(0);
    }, 300_000);
  },
);
