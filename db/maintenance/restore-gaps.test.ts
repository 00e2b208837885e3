import { copyFileSync, openSync, writeFileSync, writeSync, closeSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createBackup } from "./backup";
import { dismissRestoreGaps, openRestoreGaps, recordRestoreGaps } from "./restore-gaps";
import { checkInAtKiosk } from "../kiosk/check-in";
import { chooseAddons } from "../kiosk/choose";
import { checkInAtDesk } from "../desk/appointment";
import { insertAppointment } from "../desk/appointments";
import { modelOf, type Model } from "../model";
import { connect, openDatabase } from "../open";
import { getSettings, spaToday } from "../settings";
import { riley } from "../test/desk";
import { demoModel, tempDir } from "../test/helpers";

/**
 * The demo spa backed up, then two of today's guests check in (one at the kiosk, one at the desk) and a walk-in is
 * booked and checked in: what a restore of that backup loses. Returns the live model (the file the restore replaces)
 * and the backup opened as the restored data, on the same clock.
 */
async function afterTheBackup() {
  const live = await demoModel();
  const dir = tempDir();
  const backup = await createBackup(live, path.join(dir, "backups"), "manual");
  const now = live.clock.now().toISOString();
  const [first, second] = live.db
    .prepare(
      `SELECT a.id FROM appointments a WHERE a.local_day = ? AND a.status = 'booked' AND a.ends_at > ?
         AND NOT EXISTS (SELECT 1 FROM check_ins c WHERE c.appointment_id = a.id) ORDER BY a.starts_at, a.id LIMIT 2`,
    )
    .pluck()
    .all(spaToday(live), now) as number[];
  if (first === undefined || second === undefined) throw new Error("the demo spa has two guests still to come");
  // The first chooses an add-on at the kiosk: the restore's list carries it, for the therapist's ticket.
  const card = checkInAtKiosk(live, first, "en").visit.offer.cards.find((c) => c.available);
  if (!card) throw new Error("the demo spa's first guest to come has room for an add-on");
  chooseAddons(live, { appointmentId: first, addonIds: [card.addonId], offerMs: 3000, lang: "en" });
  live.clock.advance(1);
  checkInAtDesk(live, riley, second);
  live.clock.advance(1);
  const walkIn = live.db.transaction(() =>
    insertAppointment(live, getSettings(live.db).timeZone, {
      guestName: "Sam Walk-In",
      phone: "5550100999",
      serviceId: 1,
      therapistId: 1,
      roomId: 1,
      startsAt: new Date(Date.parse(now) + 2 * 3_600_000).toISOString(),
      source: "walk-in",
    }),
  )();
  checkInAtDesk(live, riley, walkIn);
  const restoredFile = path.join(dir, "restored.sqlite3");
  copyFileSync(path.join(dir, "backups", backup.name), restoredFile);
  const restored: Model = modelOf(openDatabase(restoredFile), live.clock);
  const codeOf = (id: number) =>
    live.db.prepare("SELECT booking_code FROM appointments WHERE id = ?").pluck().get(id) as string;
  const nameOf = (id: number) =>
    live.db.prepare("SELECT guest_name FROM appointments WHERE id = ?").pluck().get(id) as string;
  return { live, restored, dir, first, second, walkIn, codeOf, nameOf, chosen: card.title };
}

describe("what a restore left out, for the desk", () => {
  it("lists the day's check-ins made after the backup: the restored bookings by guest, a booking made since by its code; checked in again, then dismissed", async () => {
    const { live, restored, first, second, walkIn, codeOf, nameOf, chosen } = await afterTheBackup();

    expect(recordRestoreGaps(restored, live.db.name)).toEqual({ recorded: 3, complete: true });
    const gaps = openRestoreGaps(restored);
    expect(
      gaps.map((g) => [g.appointmentId, g.guestName, g.bookingCode, g.channel, g.addons, g.checkedInAgain]),
    ).toEqual([
      [first, nameOf(first), codeOf(first), "kiosk", [chosen], false],
      [second, nameOf(second), codeOf(second), "desk", [], false],
      // Booked after the backup: not in the restored data, so no guest to name there; its code and time are.
      [null, null, codeOf(walkIn), "desk", [], false],
    ]);
    // No guest's details are kept in the list itself.
    const columns = (restored.db.pragma("table_info(restore_gaps)") as { name: string }[]).map((c) => c.name);
    expect(columns.filter((c) => /name|phone/.test(c))).toEqual(["service_name"]);

    // The desk checks the first guest in again from the queue: the list says so.
    checkInAtDesk(restored, riley, first);
    expect(openRestoreGaps(restored).map((g) => g.checkedInAgain)).toEqual([true, false, false]);
    // Read again (a second restore the same day): nothing listed twice, nothing checked in again listed.
    expect(recordRestoreGaps(restored, live.db.name)).toEqual({ recorded: 0, complete: true });

    expect(dismissRestoreGaps(restored, riley)).toBe(3);
    expect(openRestoreGaps(restored)).toEqual([]);
    expect(
      restored.db.prepare("SELECT actor FROM audit_log WHERE action = 'restore_gaps.dismiss'").pluck().all(),
    ).toEqual(["staff:Riley Chen"]);
    expect(dismissRestoreGaps(restored, riley)).toBe(0);
  });

  it("a list not dismissed is the day's: the next day's desk does not see it", async () => {
    const { live, restored } = await afterTheBackup();
    expect(recordRestoreGaps(restored, live.db.name).recorded).toBe(3);
    live.clock.advance(24 * 60);
    expect(openRestoreGaps(restored)).toEqual([]);
  });

  it("a replaced file that is not a database, is missing, or is damaged lists what it can and says it could not read it all", async () => {
    const { live, restored, dir } = await afterTheBackup();
    const text = path.join(dir, "text.sqlite3");
    writeFileSync(text, "this is not a database, only a file with its name ".repeat(200));
    expect(recordRestoreGaps(restored, text)).toEqual({ recorded: 0, complete: false });
    expect(recordRestoreGaps(restored, path.join(dir, "gone.sqlite3"))).toEqual({ recorded: 0, complete: false });

    // The live file copied as a crash leaves it, then every page after the first two overwritten with noise.
    live.db.pragma("wal_checkpoint(TRUNCATE)");
    const damaged = path.join(dir, "damaged.sqlite3");
    copyFileSync(live.db.name, damaged);
    const fd = openSync(damaged, "r+");
    const noise = Buffer.alloc(statSync(damaged).size - 8192, 0xa5);
    writeSync(fd, noise, 0, noise.length, 8192);
    closeSync(fd);
    expect(recordRestoreGaps(restored, damaged)).toEqual({ recorded: 0, complete: false });
    expect(openRestoreGaps(restored)).toEqual([]);
  });

  it("rows of a file that is not the spa's own are taken only where each value fits the list: the others are left out", async () => {
    const { restored, dir } = await afterTheBackup();
    const foreign = path.join(dir, "foreign.sqlite3");
    const db = connect(foreign);
    db.exec(`CREATE TABLE services (id INTEGER PRIMARY KEY, name TEXT);
      CREATE TABLE appointments (id INTEGER PRIMARY KEY, booking_code TEXT, starts_at TEXT, service_id INTEGER);
      CREATE TABLE check_ins (appointment_id INTEGER, checked_in_at TEXT, channel TEXT, local_day TEXT);`);
    const today = spaToday(restored);
    const at = restored.clock.now().toISOString();
    db.prepare("INSERT INTO services VALUES (1, 'Swedish massage'), (2, ?)").run("x".repeat(5_000));
    const rows: [string, string, number, string, string][] = [
      ["QX7Z2K", at, 1, at, "kiosk"], // fits: listed, its booking not in the restored data
      ["A".repeat(80), at, 1, at, "kiosk"], // a booking code no booking of the spa's has
      ["QX7Z2L", "tomorrow at ten", 1, at, "desk"], // not an instant
      ["QX7Z2M", at, 2, at, "desk"], // a service name past the limit
      ["QX7Z2N", at, 1, at, "phone"], // no such way to check in
    ];
    rows.forEach(([code, startsAt, serviceId, checkedInAt, channel], i) => {
      db.prepare("INSERT INTO appointments VALUES (?, ?, ?, ?)").run(100 + i, code, startsAt, serviceId);
      db.prepare("INSERT INTO check_ins VALUES (?, ?, ?, ?)").run(100 + i, checkedInAt, channel, today);
    });
    db.close();
    expect(recordRestoreGaps(restored, foreign)).toEqual({ recorded: 1, complete: false });
    expect(openRestoreGaps(restored).map((g) => [g.bookingCode, g.appointmentId, g.serviceName])).toEqual([
      ["QX7Z2K", null, "Swedish massage"],
    ]);
  });
});
