import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { pairResponseSchema } from "../contract/hq";
import { savePairing, syncState } from "../db/sync/outbox";
import { requestPairing, SyncWorker } from "../db/sync/worker";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { seedDemo } from "../db/demo/seed-demo";
import { openDatabase } from "../db/open";
import { modelOf } from "../db/model";
import { MEASURES } from "../hq/migrations/0001-initial";
import { addLocation } from "../hq/pairing";
import { locationFigures, weekdayHour } from "../hq/reports";
import { buildServer } from "../hq/server";
import { batchOf, EventLog } from "../hq/test/events";
import { freshDatabase, pgUnavailable, type TestDatabase } from "../hq/test/pg";
import { loopDelayFromNow, median, percentile, type BenchResult } from "./stats";

/**
 * The head office on the local PostgreSQL (HQ_TEST_DATABASE_URL, as the tests; each run makes
 * its own database and drops it), the service in this process on 127.0.0.1:
 * - hq-ingest: events/s ingested over HTTP in batches of 500 (8 events per visit, as a kiosk
 *   guest who takes an add-on), from 20 locations, 4 sending at once; target ≥ 10,000/s.
 * - hq-report: every location's figures for one year, side by side, p95 over 30 calls, on the
 *   day cells of 200 locations × 365 days (written directly: ingesting the ~7M check-ins they
 *   stand for would take this machine hours; reports read only the cells, whose size does not
 *   depend on the number of check-ins); target ≤ 1 s. And one location's year, p95 ≤ 200 ms, and
 *   the chain's weekday × hour grid for the year (reported beside them).
 * - hq-drain: a location's backlog (the demo spa's four weeks of history, through the real
 *   outbox and sync worker) drained into the head office; target ≤ 60 s. The main process's
 *   event-loop delay p95 while draining stands for what a kiosk tap would wait (the tap is
 *   served on that loop); target ≤ 100 ms.
 */

interface Hq {
  db: TestDatabase;
  url: string;
  close(): Promise<void>;
}

async function headOffice(): Promise<Hq | string> {
  const unavailable = await pgUnavailable();
  if (unavailable) return unavailable;
  const db = await freshDatabase();
  const app = buildServer({ pool: db.pool, logStream: null });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    db,
    url: `http://127.0.0.1:${port}`,
    async close() {
      await app.close();
      await db.drop();
    },
  };
}

async function pairNew(hq: Hq, name: string): Promise<{ id: string; token: string }> {
  const { locationId, code } = await addLocation(hq.db.pool, name);
  const res = await fetch(`${hq.url}/v1/pair`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ code }),
  });
  return { id: locationId, token: pairResponseSchema.parse(await res.json()).token };
}

const skipped = (name: string, why: string): BenchResult => ({ name, lines: [`skipped: ${why}`] });

/** CPU milliseconds the database's server processes have used (Linux /proc, same machine), or NaN where unreadable. */
async function postgresCpuMs(hq: Hq): Promise<number> {
  const { rows } = await hq.db.pool.query<{ pid: number }>(
    "SELECT pid FROM pg_stat_activity WHERE datname = current_database()",
  );
  try {
    return rows.reduce((sum, { pid }) => {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      return sum + (Number(fields[11]) + Number(fields[12])) * 10;
    }, 0);
  } catch {
    return Number.NaN;
  }
}

export async function benchHqIngest(): Promise<BenchResult> {
  const name = "head-office ingest, loopback HTTP, batches of 500 (target ≥ 10,000 events/s)";
  const hq = await headOffice();
  if (typeof hq === "string") return skipped(name, hq);
  try {
    const LOCATIONS = 20;
    const BATCHES = 10;
    const work: { token: string; body: string }[][] = [];
    for (let l = 0; l < LOCATIONS; l++) {
      const loc = await pairNew(hq, `Spa ${l}`);
      const log = new EventLog();
      for (let v = 0; v < (BATCHES * 500) / 8; v++)
        log.happyGuest(
          `${l}-${v}`,
          `2026-${String(1 + (v % 12)).padStart(2, "0")}-${String(1 + (v % 28)).padStart(2, "0")}`,
        );
      work.push(
        [...Array(BATCHES).keys()].map((b) => ({
          token: loc.token,
          body: JSON.stringify(batchOf(loc.id, log.events.slice(b * 500, b * 500 + 500))),
        })),
      );
    }
    const latencies: number[] = [];
    const send = async (w: { token: string; body: string }) => {
      const t = performance.now();
      const res = await fetch(`${hq.url}/v1/events`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${w.token}` },
        body: w.body,
      });
      if (res.status !== 200) throw new Error(`ingest answered ${res.status}`);
      latencies.push(performance.now() - t);
    };
    const queue = work.flat();
    const pg0 = await postgresCpuMs(hq);
    const cpu0 = process.cpuUsage();
    const started = performance.now();
    await Promise.all(
      [0, 1, 2, 3].map(async () => {
        for (let w = queue.shift(); w; w = queue.shift()) await send(w);
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const pgMs = (await postgresCpuMs(hq)) - pg0;
    const events = LOCATIONS * BATCHES * 500;
    const rate = events / seconds;
    const batches = LOCATIONS * BATCHES;
    const nodeMs = (cpu.user + cpu.system) / 1000 / batches;
    return {
      name,
      lines: [
        `${events} events from ${LOCATIONS} locations, 4 in flight: ${seconds.toFixed(2)} s, ${Math.round(rate)} events/s`,
        `per batch: median ${median(latencies).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms`,
        `CPU per batch of 500: ${nodeMs.toFixed(1)} ms in this process (service and senders), ${(pgMs / batches).toFixed(1)} ms in PostgreSQL's backends`,
      ],
      ratio: 10_000 / rate,
      target: 1,
    };
  } finally {
    await hq.close();
  }
}

export async function benchHqReport(): Promise<BenchResult> {
  const name = "head-office report, 200 locations × 1 year (target p95 ≤ 1 s; one location ≤ 200 ms)";
  const hq = await headOffice();
  if (typeof hq === "string") return skipped(name, hq);
  try {
    const LOCATIONS = Number(process.env.HAPPYHEAD_BENCH_HQ_LOCATIONS ?? 200);
    const t0 = performance.now();
    const ids: string[] = [];
    const hours = [...Array(14).keys()].map((h) => `('hour', '${h + 8}')`);
    const keys = [
      ...hours,
      "('channel', 'kiosk')",
      "('channel', 'desk')",
      "('language', 'en')",
      "('language', 'es')",
      "('language', 'none')",
    ];
    const services = [
      "Swedish massage",
      "Deep tissue massage",
      "Hot stone massage",
      "Prenatal massage",
      "Foot reflexology",
    ].map((s) => `('service', '${s}')`);
    for (let l = 0; l < LOCATIONS; l++) {
      const loc = await pairNew(hq, `Spa ${l}`);
      ids.push(loc.id);
      const client = await hq.db.pool.connect();
      try {
        await client.query("BEGIN");
        await client.query("SELECT set_config('app.token', $1, true)", [loc.token]);
        // About 96 check-ins a day (7M over 200 locations and a year), a share of them in each breakdown cell.
        await client.query(
          `INSERT INTO day_totals (location_id, local_day, ${MEASURES.join(", ")})
           SELECT $1, d::date, ${MEASURES.map(() => "(random() * 96)::int").join(", ")} FROM generate_series('2025-12-01'::date, '2026-11-30'::date, '1 day') d`,
          [loc.id],
        );
        await client.query(
          `INSERT INTO day_cells (location_id, local_day, dim, key, ${MEASURES.join(", ")})
           SELECT $1, d::date, k.dim, k.key, ${MEASURES.map(() => "(random() * 96)::int").join(", ")}
           FROM generate_series('2025-12-01'::date, '2026-11-30'::date, '1 day') d CROSS JOIN (VALUES ${[...keys, ...services].join(", ")}) AS k(dim, key)`,
          [loc.id],
        );
        // The month cells ingest keeps beside them (the hour cells' sums by month, weekday and hour).
        await client.query(
          `INSERT INTO month_hour_cells (location_id, month, weekday, hour, ${MEASURES.join(", ")})
           SELECT location_id, date_trunc('month', local_day)::date, extract(dow FROM local_day), key::smallint, ${MEASURES.map((m) => `sum(${m})`).join(", ")}
           FROM day_cells WHERE location_id = $1 AND dim = 'hour' GROUP BY 1, 2, 3, 4`,
          [loc.id],
        );
        await client.query(
          `INSERT INTO day_addon_cells (location_id, local_day, addon, items, shown, chosen_kiosk, taken, revenue_cents, extra_minutes)
           SELECT $1, d::date, a, 80, 70, 30, 28, 28 * 2500, 28 * 15 FROM generate_series('2025-12-01'::date, '2026-11-30'::date, '1 day') d CROSS JOIN (VALUES ('face'), ('scalp')) AS x(a)`,
          [loc.id],
        );
        await client.query("COMMIT");
      } finally {
        client.release();
      }
    }
    await hq.db.pool.query("ANALYZE");
    const fillS = (performance.now() - t0) / 1000;
    const year = { from: "2025-12-01", to: "2026-11-30" };
    const time = async (call: () => Promise<unknown>, n: number) => {
      const xs: number[] = [];
      for (let i = 0; i < n; i++) {
        const t = performance.now();
        await call();
        xs.push(performance.now() - t);
      }
      return xs;
    };
    const all = await time(() => locationFigures(hq.db.pool, year), 30);
    const one = await time(() => locationFigures(hq.db.pool, year, [ids[Math.floor(Math.random() * ids.length)]!]), 30);
    const grid = await time(() => weekdayHour(hq.db.pool, year), 10);
    const oneGrid = await time(() => weekdayHour(hq.db.pool, year, ids[Math.floor(Math.random() * ids.length)]), 30);
    return {
      name,
      lines: [
        `${LOCATIONS} locations × 365 days: a day's totals and ${keys.length + services.length} breakdown cells each (filled in ${fillS.toFixed(0)} s)`,
        `all locations, one year: median ${median(all).toFixed(0)} ms, p95 ${percentile(all, 95).toFixed(0)} ms`,
        `one location, one year: median ${median(one).toFixed(1)} ms, p95 ${percentile(one, 95).toFixed(1)} ms (target 200 ms: ratio ${(percentile(one, 95) / 200).toFixed(2)}x)`,
        `weekday × hour, all locations, one year: median ${median(grid).toFixed(0)} ms, p95 ${percentile(grid, 95).toFixed(0)} ms (as a report: target 1 s)`,
        `weekday × hour, one location, one year: median ${median(oneGrid).toFixed(1)} ms, p95 ${percentile(oneGrid, 95).toFixed(1)} ms (target 200 ms)`,
      ],
      ratio: percentile(all, 95) / 1000,
      target: 1,
    };
  } finally {
    await hq.close();
  }
}

export async function benchHqDrain(): Promise<BenchResult> {
  const name =
    "a location's backlog drained into the head office (target ≤ 60 s; event-loop delay p95 ≤ 100 ms while draining)";
  const hq = await headOffice();
  if (typeof hq === "string") return skipped(name, hq);
  try {
    const dir = mkdtempSync(path.join(tmpdir(), "happyhead-bench-hq-"));
    process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
    const m = modelOf(openDatabase(path.join(dir, "spa.sqlite3")), { now: () => new Date("2026-11-25T18:07:00.000Z") });
    await seedDemo(m);
    const { code } = await addLocation(hq.db.pool, "Busy Spa");
    const { locationId, token } = await requestPairing(hq.url, code);
    savePairing(m, { kind: "system" }, { url: hq.url, locationId, token });
    const backlog = syncState(m).waiting;
    const checkIns = m.db.prepare("SELECT count(*) FROM check_ins").pluck().get() as number;
    const loop = await loopDelayFromNow(5);
    const t = performance.now();
    const result = await new SyncWorker({ model: { db: m.db } }).drain();
    const seconds = (performance.now() - t) / 1000;
    loop.disable();
    if (result.failed) throw new Error(result.failed);
    const p95 = loop.percentile(95) / 1e6;
    return {
      name,
      lines: [
        `backlog: ${backlog} events (${checkIns} check-ins over four weeks, the demo spa) drained in ${seconds.toFixed(2)} s (${Math.round(backlog / seconds)} events/s)`,
        `event-loop delay while draining: p95 ${p95.toFixed(1)} ms, max ${(loop.max / 1e6).toFixed(1)} ms (target 100 ms: ratio ${(p95 / 100).toFixed(2)}x)`,
        `a 7-day backlog of a spa 10× as busy (~${Math.round((backlog / 4) * 10)} events) would take ~${((seconds / 4) * 10).toFixed(1)} s at this rate`,
      ],
      ratio: seconds / 60,
      target: 1,
    };
  } finally {
    await hq.close();
  }
}
