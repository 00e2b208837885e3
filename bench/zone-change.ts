import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createAppCore } from "../electron/core";
import { WRITES_HELD_MESSAGE } from "../electron/background/gate";
import { getSettings } from "../db/settings";
import { BIG_CHECKINS, copyBigFile } from "./big-file";
import { DELAY_TARGET_MS, manager, prepareKiosk, walkInName } from "./never-wait";
import { gcPausesFromNow, loopDelayFromNow, percentile, type BenchResult } from "./stats";

/** A kiosk tap every this many ms, as in heavy-tasks. */
const TAP_EVERY_MS = 25;

/**
 * A manager corrects the spa's time zone on a busy year (BIG_CHECKINS check-ins and their bookings): the background
 * writer rewrites it all in one transaction, the file held (electron/background/gate.ts, holdWrites). Meanwhile a kiosk
 * taps through the dispatcher, a phone search and a walk-in in turns: the searches must answer, the walk-ins are
 * refused with WRITES_HELD_MESSAGE until the change is done. Target: the main thread's longest stall ≤ 50 ms.
 */
export async function benchZoneChange(): Promise<BenchResult> {
  const dir = mkdtempSync(path.join(tmpdir(), "happyhead-bench-zone-"));
  try {
    copyBigFile(dir);
    // Walk-ins allowed and today's guest the searches find, as in heavy-tasks.
    prepareKiosk(dir);
    const core = await createAppCore({ dataDir: dir, seed: "empty" });
    try {
      // The change alone: the after-start upkeep (retention, the cache's warm-up) is measured in heavy-tasks.
      await core.maintenance.stop();
      const m = await manager(core);
      const kiosk = core.newSession("kiosk");
      const from = getSettings(core.model.db).timeZone;
      const to = from === "America/Chicago" ? "America/Denver" : "America/Chicago";
      const current = await core.dispatch(m, "admin.kioskSettings", {});
      if (!current.ok) throw new Error(JSON.stringify(current));
      const { settings } = current.value as { settings: Record<string, unknown> };
      const reads: number[] = [];
      const writes: number[] = [];
      let refused = 0;
      let running = true;
      const tapping = (async () => {
        while (running) {
          const t = performance.now();
          const write = (reads.length + writes.length) % 2 === 1;
          const r = write
            ? await core.dispatch(kiosk, "kiosk.walkIn", { firstName: walkInName(), lang: "en" })
            : await core.dispatch(kiosk, "kiosk.findAppointments", { by: "phone", phone: "(212) 555-0199" });
          (write ? writes : reads).push(performance.now() - t);
          if (!r.ok) {
            if (!write || r.error.message !== WRITES_HELD_MESSAGE) throw new Error(JSON.stringify(r));
            refused++;
          }
          await new Promise((resolve) => setTimeout(resolve, TAP_EVERY_MS));
        }
      })();
      const delay = await loopDelayFromNow();
      const gc = gcPausesFromNow();
      const t0 = performance.now();
      const saved = await core.dispatch(m, "admin.saveKioskSettings", { ...settings, timeZone: to }, "person");
      const ms = performance.now() - t0;
      await new Promise((resolve) => setTimeout(resolve, 5));
      delay.disable();
      const longestGc = gc.stop();
      running = false;
      await tapping;
      if (!saved.ok) throw new Error(JSON.stringify(saved));
      const counts = JSON.parse(
        core.model.db
          .prepare("SELECT after_json FROM audit_log WHERE action = 'settings.time_zone' ORDER BY id DESC LIMIT 1")
          .pluck()
          .get() as string,
      ) as Record<string, number | string>;
      const rewritten = Object.values(counts).reduce<number>((n, v) => n + (typeof v === "number" ? v : 0), 0);
      const maxDelay = delay.max / 1e6;
      return {
        name: `time-zone change (${from} → ${to}) of a busy year, ${BIG_CHECKINS.toLocaleString("en-US")} check-ins, while a kiosk taps`,
        lines: [
          `took ${(ms / 1000).toFixed(2)} s for ${rewritten.toLocaleString("en-US")} rows rewritten (${((ms * 1000) / Math.max(1, rewritten)).toFixed(1)} µs a row, one transaction in the background writer)`,
          `max event-loop delay ${maxDelay.toFixed(1)} ms (≤ ${DELAY_TARGET_MS}: ${(maxDelay / DELAY_TARGET_MS).toFixed(2)}x; longest GC pause ${longestGc.toFixed(1)} ms)`,
          `kiosk meanwhile: ${reads.length} searches answered, p95 ${percentile(reads, 95).toFixed(1)} ms; ${writes.length} walk-ins, ${refused} refused saying why, p95 ${percentile(writes, 95).toFixed(1)} ms`,
        ],
        ratio: maxDelay / DELAY_TARGET_MS,
        target: 1,
      };
    } finally {
      await core.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
