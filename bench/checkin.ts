import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { insertAppointment } from "../db/appointments";
import { openDatabase } from "../db/open";
import { getSettings } from "../db/settings";
import { localParts, zonedToUtc } from "../db/time";
import { createAppCore } from "../electron/core";
import { median, percentile, type BenchResult } from "./stats";

/**
 * Kiosk check-in through the whole main-process path (dispatch: validate with the contract,
 * authorize, one transaction with check-in + offer + audit rows) against a raw better-sqlite3
 * single-row insert with the same pragmas (WAL, synchronous=FULL) on the same disk.
 */
export async function benchCheckIn(n = 400): Promise<BenchResult> {
  const dir = mkdtempSync(path.join(tmpdir(), "happyhead-bench-"));
  try {
    const core = await createAppCore({ dataDir: path.join(dir, "app"), seed: "demo" });
    const { db, clock } = core.model;
    const tz = getSettings(db).timeZone;
    const today = localParts(clock.now(), tz).day;
    const ids = db.transaction(() =>
      Array.from({ length: n }, (_, i) =>
        insertAppointment(db, clock, tz, {
          guestName: `Bench Guest${i}`,
          phone: `55590${String(10000 + i)}`,
          serviceId: 1,
          therapistId: 1 + (i % 5),
          roomId: 1 + (i % 5),
          startsAt: new Date(zonedToUtc(today, "08:00", tz).getTime() + (i % 700) * 60_000).toISOString(),
          source: "demo",
        }),
      ),
    )();
    const kiosk = core.newSession("kiosk");
    const raw = openDatabase(path.join(dir, "raw.sqlite3"), { migrations: [{ version: 1, name: "raw", sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, appointment_id INTEGER, at TEXT)" }] });
    const insert = raw.prepare("INSERT INTO t (appointment_id, at) VALUES (?, ?)");
    // Interleaved, one of each per round, so both see the same disk and the same machine load.
    const domain: number[] = [];
    const rawMs: number[] = [];
    for (const id of ids) {
      let t = process.hrtime.bigint();
      const r = await core.dispatch(kiosk, "kiosk.checkIn", { appointmentId: id, lang: "en" });
      domain.push(Number(process.hrtime.bigint() - t) / 1e6);
      if (!(r as { ok: boolean }).ok) throw new Error(`check-in failed: ${JSON.stringify(r)}`);
      t = process.hrtime.bigint();
      insert.run(id, new Date().toISOString());
      rawMs.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    core.close();
    raw.close();
    const d = median(domain);
    const r = median(rawMs);
    const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    return {
      name: "kiosk check-in (dispatch+validate+tx+audit) vs raw insert, synchronous=FULL",
      lines: [
        `check-ins: ${ids.length}; median ${d.toFixed(3)} ms (${Math.round(1000 / d)} commits/s); raw insert median ${r.toFixed(3)} ms (${Math.round(1000 / r)} commits/s)`,
        `p95: check-in ${percentile(domain, 95).toFixed(3)} ms, raw insert ${percentile(rawMs, 95).toFixed(3)} ms; sustained: ${Math.round((ids.length * 1000) / total(domain))} check-ins/s vs ${Math.round((ids.length * 1000) / total(rawMs))} raw commits/s`,
      ],
      ratio: d / r,
      target: 1.5,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
