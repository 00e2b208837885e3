// Child process of electron/fsync.test.ts, run under strace: opens an app core on a demo spa,
// books `n` guests for later today, then checks them in through the dispatcher between two
// marker system calls (an access() of a path that doesn't exist) so the trace can be cut to
// exactly the check-ins.
import { accessSync } from "node:fs";
import { insertAppointment } from "../../db/desk/appointments";
import { getSettings } from "../../db/settings";
import { localParts, zonedToUtc } from "../../db/time";
import { createAppCore } from "../core";

const [dataDir, count] = process.argv.slice(2);
const n = Number(count);
const mark = (name: string) => {
  try {
    accessSync(`/nonexistent-happyhead-fsync-${name}`);
  } catch {
    // the system call is the mark
  }
};

async function main(): Promise<void> {
  const timeZone = "America/New_York";
  const offset = zonedToUtc(localParts(new Date(), timeZone).day, "08:00", timeZone).getTime() - Date.now();
  const core = await createAppCore({
    dataDir: dataDir ?? "",
    seed: "demo",
    clock: { now: () => new Date(Date.now() + offset) },
  });
  const { db, clock } = core.model;
  const tz = getSettings(db).timeZone;
  const today = localParts(clock.now(), tz).day;
  const ids = db.transaction(() =>
    Array.from({ length: n }, (_, i) => {
      const therapistId = Number(
        db.prepare("INSERT INTO therapists (name) VALUES (?)").run(`Therapist F${i}`).lastInsertRowid,
      );
      const roomId = Number(db.prepare("INSERT INTO rooms (name) VALUES (?)").run(`Room F${i}`).lastInsertRowid);
      return insertAppointment(core.model, tz, {
        guestName: `Fsync Guest${i}`,
        phone: `55570${String(10000 + i)}`,
        serviceId: 1,
        therapistId,
        roomId,
        startsAt: zonedToUtc(today, "15:00", tz).toISOString(),
        source: "demo",
      });
    }),
  )();
  // The after-start work (full check, backup, the report cache's warm-up) is done before the count begins.
  await core.maintenance.settled();
  while (db.prepare("SELECT 1 FROM report_stale LIMIT 1").get() !== undefined)
    await new Promise((r) => setTimeout(r, 50));
  const kiosk = core.newSession("kiosk");
  // The kiosk acts only on bookings its own search returned (the search isn't what is counted here).
  for (const id of ids) kiosk.visitScope.add(id);
  mark("start");
  for (const appointmentId of ids) {
    const r = await core.dispatch(kiosk, "kiosk.checkIn", { appointmentId, lang: "en" });
    if (!r.ok) throw new Error(JSON.stringify(r));
  }
  mark("end");
  await core.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
