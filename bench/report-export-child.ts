// Runs one CSV export of the check-ins in a range in a fresh process and prints what it cost:
// `node export-child.cjs DB FROM TO OUT` (bench/reports.ts bundles it). The parent reads the JSON line.
import { readFileSync } from "node:fs";
import { openReader, runExport } from "../db/reports/export";

/**
 * This process's peak RSS as the kernel counts it (Linux's VmHWM), or null elsewhere. Not
 * `resourceUsage().maxRSS`: on Linux that carries over the parent's peak through fork and exec,
 * so a child of a large bench process reported the parent's 240 MB as its own.
 */
function highWaterRss(): number | null {
  try {
    const kb = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
    return kb ? Number(kb) * 1024 : null;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const [file, from, to, out] = process.argv.slice(2);
  if (!file || !from || !to || !out) throw new Error("usage: DB FROM TO OUT");
  let peak = 0;
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const start = process.hrtime.bigint();
  let progressEvents = 0;
  const rows = await runExport({
    reader: openReader(file),
    range: { from, to },
    file: out,
    format: "csv",
    table: "checkins",
    report: null,
    signal: new AbortController().signal,
    onProgress: () => progressEvents++,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  clearInterval(sample);
  peak = Math.max(peak, process.memoryUsage().rss, highWaterRss() ?? 0);
  console.log(JSON.stringify({ rows, ms, peakRss: peak, progressEvents }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
