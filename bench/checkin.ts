import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { insertAppointment } from "../db/appointments";
import { openDatabase } from "../db/open";
import { getSettings } from "../db/settings";
import { localParts, zonedToUtc } from "../db/time";
import type { KioskVisit } from "../contract/kiosk";
import { createAppCore } from "../electron/core";
import { median, percentile, type BenchResult } from "./stats";

/**
 * Kiosk check-in through the whole main-process path (dispatch: validate with the contract,
 * authorize, one transaction with check-in + audit + add-on offer and its items, output checked) against a raw better-sqlite3
 * single-row insert with the same pragmas (WAL, synchronous=FULL) on the same disk.
 */
export async function benchCheckIn(n = 400): Promise<BenchResult> {
  const dir = mkdtempSync(path.join(tmpdir(), "happyhead-bench-"));
  try {
    const core = await createAppCore({ dataDir: path.join(dir, "app"), seed: "demo" });
    const { db, clock } = core.model;
    const tz = getSettings(db).timeZone;
    const today = localParts(clock.now(), tz).day;
    // The usual check-in: the guest's therapist and room are free long enough after the session for
    // both add-ons, so every check-in also writes its offer and offer items. A therapist and a
    // room per four guests, two hours apart, keeps it so for all n.
    const rooms = Math.ceil(n / 4);
    const ids = db.transaction(() => {
      const staffIds = Array.from({ length: rooms }, (_, i) => ({
        therapist: Number(db.prepare("INSERT INTO therapists (name) VALUES (?)").run(`Bench Therapist${i}`).lastInsertRowid),
        room: Number(db.prepare("INSERT INTO rooms (name) VALUES (?)").run(`Bench Room${i}`).lastInsertRowid),
      }));
      return Array.from({ length: n }, (_, i) => {
        const { therapist, room } = staffIds[Math.floor(i / 4)] ?? { therapist: 1, room: 1 };
        return insertAppointment(db, clock, tz, {
          guestName: `Bench Guest${i}`,
          phone: `55590${String(10000 + i)}`,
          serviceId: 1,
          therapistId: therapist,
          roomId: room,
          startsAt: zonedToUtc(today, `${String(8 + 2 * (i % 4)).padStart(2, "0")}:00`, tz).toISOString(),
          source: "demo",
        });
      });
    })();
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
      if (!r.ok) throw new Error(`check-in failed: ${JSON.stringify(r)}`);
      if ((r.value as KioskVisit).offer.status !== "offered") throw new Error("the bench check-in made no add-on offer");
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
      name: "kiosk check-in through dispatch (validate, authorize, one transaction: check-in, audit, add-on offer and its lines) vs raw single-row insert, synchronous=FULL",
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
