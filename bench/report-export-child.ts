// Runs one CSV export of the check-ins in a range in a fresh process and prints what it cost:
// `node export-child.cjs DB FROM TO OUT` (bench/reports.ts bundles it). The parent reads the JSON line.
import { openReader, runExport } from "../db/report-export";

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
  peak = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
  console.log(JSON.stringify({ rows, ms, peakRss: peak, progressEvents}));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
