// `npm run bench [-- name…]`: speed and memory targets, printed as measured ratios. Never part of
// `npm test`: timings belong here, not in assertions. Each bench runs in a process of its own (./child.ts).
import { benchCheckIn } from "./checkin";
import { benchImport } from "./import";
import { benchConfirmToCups, benchEscPosRender } from "./printing";
import { benchDeskArrival, benchDeskOpen, benchDeskQueue } from "./desk";
import { benchReportExport, benchReportExportRss, benchReportUptake } from "./reports";
import { benchKioskPaint, benchKioskPaintThrottled, benchKioskSize, benchKioskTaps, benchScreeningTaps } from "./kiosk";
import { benchHqDrain, benchHqIngest, benchHqReport } from "./hq";
import { writeFileSync } from "node:fs";
import { benchInOwnProcess } from "./child";
import { availableParallelism, loadavg } from "node:os";
import type { BenchResult } from "./stats";
import {
  benchHeavyTasks,
  benchHeavyTasksSlowDisk,
  benchKioskPaintHeavy,
  benchKioskPaintHeavyThrottled,
  benchLaunch,
} from "./never-wait";
import { benchYearCalls } from "./year-calls";
import { benchZoneChange } from "./zone-change";

const benches: Record<string, () => Promise<BenchResult>> = {
  checkin: () => benchCheckIn(),
  "escpos-render": () => benchEscPosRender(),
  "confirm-to-cups": () => benchConfirmToCups(),
  "desk-arrival": () => benchDeskArrival(),
  "desk-queue": () => benchDeskQueue(),
  "desk-open": () => benchDeskOpen(),
  "report-uptake": () => benchReportUptake(),
  "report-export": () => benchReportExport(),
  "report-export-rss": () => benchReportExportRss(),
  "kiosk-paint": () => benchKioskPaint(),
  "kiosk-size": () => benchKioskSize(),
  "kiosk-taps": () => benchKioskTaps(),
  "kiosk-screening-taps": () => benchScreeningTaps(),
  "hq-ingest": () => benchHqIngest(),
  "hq-report": () => benchHqReport(),
  "hq-drain": () => benchHqDrain(),
  "kiosk-paint-throttled": () => benchKioskPaintThrottled(),
  "heavy-tasks": () => benchHeavyTasks(),
  "heavy-tasks-slow-disk": () => benchHeavyTasksSlowDisk(),
  "kiosk-paint-heavy": () => benchKioskPaintHeavy(),
  "kiosk-paint-heavy-throttled": () => benchKioskPaintHeavyThrottled(),
  launch: () => benchLaunch(),
  "import-10k": () => benchImport(),
  "year-calls": () => benchYearCalls(),
  "zone-change": () => benchZoneChange(),
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith("-"));
  let missed = 0;
  for (const [key, bench] of Object.entries(benches)) {
    if (wanted.length > 0 && !wanted.includes(key)) continue;
    // Run as a child (benchInOwnProcess): the result goes to the parent, which prints it.
    const r = process.env.BENCH_RESULT_FILE ? await bench() : await benchInOwnProcess(key);
    if (process.env.BENCH_RESULT_FILE) {
      writeFileSync(process.env.BENCH_RESULT_FILE, JSON.stringify(r));
      continue;
    }
    console.log(`\n== ${key}: ${r.name}`);
    // Ratios of CPU-heavier work rise under load: every figure says what else the machine was doing.
    console.log(
      `   machine: load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(" / ")} (1 / 5 / 15 min) on ${availableParallelism()} cores`,
    );
    for (const line of r.lines) console.log(`   ${line}`);
    if (r.ratio !== undefined && r.target !== undefined) {
      const ok = r.ratio <= r.target;
      if (!ok) missed++;
      console.log(`   ratio ${r.ratio.toFixed(2)}x (target ≤ ${r.target}x) ${ok ? "OK" : "MISSED"}`);
    }
    for (const m of r.more ?? []) {
      const ok = m.ratio <= m.target;
      if (!ok) missed++;
      console.log(`   ${m.label}: ratio ${m.ratio.toFixed(2)}x (target ≤ ${m.target}x) ${ok ? "OK" : "MISSED"}`);
    }
  }
  if (!process.env.BENCH_RESULT_FILE)
    console.log(missed === 0 ? "\nAll benchmark targets met." : `\n${missed} benchmark target(s) missed.`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
