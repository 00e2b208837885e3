import { modelOf, type Model } from "../db/model";
import { systemClock } from "../db/time";
import { execFileSync, spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildSync } from "esbuild";
import type { DB } from "../db/open";
import { CHECKIN_EXPORT_SQL } from "../db/reports/checkin-rows";
import { rangeParts, REPORT_QUERIES, uptakeReport } from "../db/reports/reports";
import { refreshReportCache } from "../db/reports/cache";
import { generateCheckIns } from "../db/test/generate";
import { percentile, type BenchResult } from "./stats";

/**
 * Manager reports at a million check-ins (one busy year), on one generated database shared by
 * the three report benchmarks:
 * - report-uptake: the whole uptake report of the one-year range, p95 ≤ 200 ms, measured in the
 *   steady state the app lives in (the cache warm, a check-in of today changed before every
 *   call); the cold first build of the year's cache is printed too.
 * - report-export: CSV export rows/s against `sqlite3 -csv` running the same query (≥ 0.5×).
 * - report-export-rss: the export's peak RSS, measured in a child process (< 150 MB).
 */
const N = Number(process.env.HAPPYHEAD_BENCH_CHECKINS ?? 1_000_000);

interface Shared {
  dir: string;
  file: string;
  db: DB;
  m: Model;
  range: { from: string; to: string };
  genMs: number;
  export?: { rows: number; ms: number; peakRss: number; progressEvents: number; bytes: number };
}
let shared: Shared | undefined;

function setup(): Shared {
  if (shared) return shared;
  const dir = mkdtempSync(path.join(tmpdir(), "happyhead-bench-reports-"));
  process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, "million.sqlite3");
  const t = performance.now();
  const { db, firstDay, lastDay } = generateCheckIns(file, N);
  shared = {
    dir,
    file,
    db,
    m: modelOf(db, systemClock),
    range: { from: firstDay, to: lastDay },
    genMs: performance.now() - t,
  };
  return shared;
}

export async function benchReportUptake(): Promise<BenchResult> {
  const s = setup();
  const input = { ...s.range, grain: "day" as const };
  let t = performance.now();
  const cold = uptakeReport(s.m, input);
  const coldMs = performance.now() - t;
  const lastDayOffer = s.db
    .prepare(
      "SELECT o.id FROM appointments a JOIN offers o ON o.appointment_id = a.id WHERE a.local_day = ? ORDER BY o.id DESC LIMIT 1",
    )
    .pluck()
    .get(s.range.to) as number;
  const touch = s.db.prepare("UPDATE offers SET decided_at = ? WHERE id = ?");
  const grains = ["day", "week", "month"] as const;
  const times: number[] = [];
  const refreshes: number[] = [];
  for (let i = 0; i < 100; i++) {
    touch.run(new Date().toISOString(), lastDayOffer); // a desk decision today: today's check-in goes stale
    t = performance.now();
    uptakeReport(s.m, { ...input, grain: grains[i % 3] ?? "day" });
    times.push(performance.now() - t);
    // The refresh alone (the one changed check-in), for the line below.
    touch.run(new Date().toISOString(), lastDayOffer);
    t = performance.now();
    refreshReportCache(s.m, s.range.from, s.range.to);
    refreshes.push(performance.now() - t);
  }
  const cached: number[] = [];
  for (let i = 0; i < 40; i++) {
    t = performance.now();
    uptakeReport(s.m, input);
    cached.push(performance.now() - t);
  }
  const p95 = percentile(times, 95);
  const plan = (
    s.db.prepare(`EXPLAIN QUERY PLAN ${REPORT_QUERIES.therapist}`).all(rangeParts(s.range.from, s.range.to)) as {
      detail: string;
    }[]
  )
    .map((r) => r.detail)
    .join("; ");
  await Promise.resolve();
  return {
    name: `uptake report, one-year range (${s.range.from} … ${s.range.to}) over ${cold.totals.checkIns.toLocaleString("en-US")} check-ins`,
    lines: [
      `generator: ${N.toLocaleString("en-US")} check-ins (+ appointments, offers, items, tickets, print jobs) in ${(s.genMs / 1000).toFixed(1)} s (${Math.round(N / (s.genMs / 1000)).toLocaleString("en-US")} check-ins/s)`,
      `cold (first report: builds the cache for every check-in of the year): ${(coldMs / 1000).toFixed(2)} s`,
      `steady state (a check-in of today changed before each call, 100 calls, day/week/month): median ${percentile(times, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`,
      `of which the refresh of the changed check-in (100 calls): median ${percentile(refreshes, 50).toFixed(1)} ms, p95 ${percentile(refreshes, 95).toFixed(1)} ms`,
      `cache only (nothing changed, 40 calls): median ${percentile(cached, 50).toFixed(1)} ms, p95 ${percentile(cached, 95).toFixed(1)} ms`,
      `by-therapist plan: ${plan}`,
    ],
    ratio: p95 / 200,
    target: 1,
  };
}

function runChildExport(s: Shared): NonNullable<Shared["export"]> {
  if (s.export) return s.export;
  const out = path.join(s.dir, "export.csv");
  // Bundled to plain JavaScript first, so the measured process is the export, not a TS loader.
  const child = path.join(s.dir, "export-child.cjs");
  buildSync({
    entryPoints: [path.join(__dirname, "report-export-child.ts")],
    bundle: true,
    platform: "node",
    format: "cjs",
    packages: "external",
    outfile: child,
    logLevel: "error",
  });
  const r = spawnSync(process.execPath, [child, s.file, s.range.from, s.range.to, out], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
    env: { ...process.env, NODE_PATH: path.resolve(__dirname, "..", "node_modules") },
  });
  if (r.status !== 0) throw new Error(`export child failed: ${r.stderr}`);
  const line = r.stdout.trim().split("\n").pop() ?? "{}";
  s.export = {
    ...(JSON.parse(line) as { rows: number; ms: number; peakRss: number; progressEvents: number }),
    bytes: statSync(out).size,
  };
  rmSync(out, { force: true });
  return s.export;
}

export async function benchReportExport(): Promise<BenchResult> {
  const s = setup();
  const ours = runChildExport(s);
  const oursRate = ours.rows / (ours.ms / 1000);
  const lines = [
    `ours: ${ours.rows.toLocaleString("en-US")} rows in ${(ours.ms / 1000).toFixed(2)} s = ${Math.round(oursRate).toLocaleString("en-US")} rows/s (${(ours.bytes / 1e6).toFixed(0)} MB, ${ours.progressEvents} progress callbacks)`,
  ];
  let cli: string | null = null;
  try {
    cli = execFileSync("sqlite3", ["-version"], { encoding: "utf8" }).trim();
  } catch {
    lines.push("sqlite3 command-line tool not installed (apt package sqlite3): comparison skipped");
  }
  await Promise.resolve();
  if (!cli) return { name: "CSV export of one year of check-ins", lines };
  const sql = CHECKIN_EXPORT_SQL.replaceAll("@from", `'${s.range.from}'`).replaceAll("@to", `'${s.range.to}'`);
  const outFile = path.join(s.dir, "cli.csv");
  const fd = openSync(outFile, "w");
  const t = performance.now();
  const r = spawnSync("sqlite3", ["-readonly", "-csv", "-header", s.file, sql], { stdio: ["ignore", fd, "pipe"] });
  const cliMs = performance.now() - t;
  closeSync(fd);
  if (r.status !== 0) throw new Error(`sqlite3 failed: ${r.stderr.toString()}`);
  const cliRate = ours.rows / (cliMs / 1000);
  lines.push(
    `sqlite3 ${cli.split(" ")[0] ?? ""} -csv, same query: ${(cliMs / 1000).toFixed(2)} s = ${Math.round(cliRate).toLocaleString("en-US")} rows/s (${(statSync(outFile).size / 1e6).toFixed(0)} MB)`,
  );
  lines.push(
    `ours / sqlite3 = ${(oursRate / cliRate).toFixed(2)}× (target ≥ 0.5×; the ratio below is sqlite3 / ours, target ≤ 2)`,
  );
  rmSync(outFile, { force: true });
  return {
    name: "CSV export of one year of check-ins: rows/s vs sqlite3 .mode csv",
    lines,
    ratio: cliRate / oursRate,
    target: 2,
  };
}

export async function benchReportExportRss(): Promise<BenchResult> {
  const s = setup();
  const ours = runChildExport(s);
  await Promise.resolve();
  return {
    name: "CSV export of one year of check-ins: peak RSS of the exporting process",
    lines: [
      `peak RSS ${(ours.peakRss / 1e6).toFixed(1)} MB while writing ${ours.rows.toLocaleString("en-US")} rows (target < 150 MB)`,
    ],
    ratio: ours.peakRss / 150e6,
    target: 1,
  };
}
