// What the children run under strace share (fsync-child.ts, wal-start-child.ts): marks in the trace, an app core on
// the demo spa at 10:00 today, guests booked for later today, and a wait for the after-start work.
import { accessSync } from "node:fs";
import { morningClock } from "../../db/demo/clock";
import { insertAppointment } from "../../db/desk/appointments";
import { getSettings } from "../../db/settings";
import { localParts, zonedToUtc } from "../../db/time";
import { createAppCore, type AppCore } from "../core";

/** A marker system call in the trace: an access() of a path that doesn't exist, named `${prefix}-${name}`. */
export const marker =
  (prefix: string) =>
  (name: string): void => {
    try {
      accessSync(`/nonexistent-${prefix}-${name}`);
    } catch {
      // the system call is the mark
    }
  };

/** The app core on the demo spa in `dataDir`, its clock at 10:00 today (the guests booked below are still to come). */
export const openDemoCore = (dataDir: string): Promise<AppCore> =>
  createAppCore({ dataDir, seed: "demo", clock: morningClock() });

/**
 * `n` guests booked at 15:00 today, each with a therapist and a room of their own (free after the session: every
 * check-in opens its add-on offer). Returns their appointment ids.
 */
export function bookLaterToday(core: AppCore, n: number, name: string): number[] {
  const { db, clock } = core.model;
  const tz = getSettings(db).timeZone;
  const startsAt = zonedToUtc(localParts(clock.now(), tz).day, "15:00", tz).toISOString();
  const staff = db.prepare("INSERT INTO therapists (name) VALUES (?)");
  const room = db.prepare("INSERT INTO rooms (name) VALUES (?)");
  return db.transaction(() =>
    Array.from({ length: n }, (_, i) =>
      insertAppointment(core.model, tz, {
        guestName: `${name} Guest${i}`,
        phone: `5557${String(100000 + i)}`,
        serviceId: 1,
        therapistId: Number(staff.run(`${name} Therapist${i}`).lastInsertRowid),
        roomId: Number(room.run(`${name} Room${i}`).lastInsertRowid),
        startsAt,
        source: "demo",
      }),
    ),
  )();
}

/** Once the after-start work (full check, backup, the report cache's warm-up) is done: its commits are the workers'. */
export async function afterStartWork(core: AppCore): Promise<void> {
  await core.maintenance.settled();
  while (core.model.db.prepare("SELECT 1 FROM report_stale LIMIT 1").get() !== undefined)
    await new Promise((r) => setTimeout(r, 50));
}
