import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { kioskSettings, saveKioskSettings as saveKioskSettingsHere } from "./kiosk";
import { zoneChangeEffect } from "./time-zone";
import { ZONE_CHANGE_INLINE_MAX } from "../../contract/admin";
import { insertAppointment } from "../desk/appointments";
import { arrivalsQueue } from "../desk/queue";
import { checkInAtKiosk } from "../kiosk/check-in";
import { findAppointments } from "../kiosk/search";
import { CHECKIN_HEADER } from "../reports/checkin-rows";
import { openReader, runExport } from "../reports/export";
import { uptakeReport } from "../reports/reports";
import { getSettings, saveSettings } from "../settings";
import { generateCheckIns } from "../test/generate";
import { demoModel, fixedClock, found, tempDir } from "../test/helpers";
import { manager, saveKioskSettings } from "../test/back-office";
import { anyZone, instantNear } from "../test/zones";
import { clockTimeLocal, localParts, zonedToUtc } from "../time";
import { modelOf, type Model } from "../model";

const LA = "America/Los_Angeles";
const MADRID = "Europe/Madrid";

const changeZone = (m: Model, timeZone: string) =>
  saveKioskSettings(m, manager(m), { ...kioskSettings(m).settings, timeZone });

/** A booking as an import writes it (wall-clock time in the zone of the day), with its booking code. */
function book(m: Model, code: string, day: string, time: string, source: "import" | "walk-in" = "import"): number {
  const tz = getSettings(m.db).timeZone;
  return insertAppointment(m, tz, {
    guestName: `Guest ${code}`,
    phone: "5550001111",
    serviceId: 1,
    therapistId: 1,
    roomId: 1,
    startsAt: zonedToUtc(day, time, tz).toISOString(),
    source,
    bookingCode: code,
  });
}

describe("changing the spa's time zone", () => {
  it("Los Angeles → Madrid: a guest booked at 10:00 checks in at the kiosk and is on the desk's list at 10:00", async () => {
    const m = await demoModel(); // Wed 25 Nov 2026, 10:07 in Los Angeles
    const ana = book(m, "ANA100", "2026-11-26", "10:00");
    const todays = arrivalsQueue(m).items.map((i) => [i.guestName, clockTimeLocal(i.startsAt, LA)]);

    changeZone(m, MADRID);

    // Thursday, 09:45 in Madrid: Ana's 10:00 is today's, at 10:00.
    m.clock.set("2026-11-26T08:45:00.000Z");
    const match = found(findAppointments(m, { by: "code", code: "ANA100" })[0], "Ana at the kiosk");
    expect(clockTimeLocal(match.startsAt, MADRID)).toBe("10:00 AM");
    expect(checkInAtKiosk(m, ana, "en").created).toBe(true);
    const queue = arrivalsQueue(m);
    expect(queue.day).toBe("2026-11-26");
    const row = found(
      queue.items.find((i) => i.appointmentId === ana),
      "Ana on the desk's list",
    );
    expect(clockTimeLocal(row.startsAt, MADRID)).toBe("10:00 AM");
    expect(row.checkedInAt).toBe("2026-11-26T08:45:00.000Z");
    // Wednesday's bookings are Wednesday's still, each at the time it was booked for.
    expect(arrivalsQueue(m, "2026-11-25").items.map((i) => [i.guestName, clockTimeLocal(i.startsAt, MADRID)])).toEqual(
      todays,
    );
  });

  it("check-ins keep the moment they happened: yesterday's land on their Madrid days in the report and the CSV", async () => {
    const m = await demoModel();
    const range = { from: "2026-10-27", to: "2026-11-26" };
    uptakeReport(m, { ...range, grain: "day" }); // the cache is warm with the Los Angeles days
    const instants = m.db.prepare("SELECT checked_in_at FROM check_ins").pluck().all() as string[];
    // A check-in at 16:30 on Tuesday in Los Angeles is Wednesday 01:30 in Madrid.
    const late = instants.filter((at) => localParts(at, LA).day === "2026-11-24" && localParts(at, LA).hour >= 15);
    expect(late.length).toBeGreaterThan(0);
    expect(late.every((at) => localParts(at, MADRID).day === "2026-11-25")).toBe(true);

    changeZone(m, MADRID);

    const byDay = new Map<string, number>();
    const byWeekdayHour = new Map<string, number>();
    for (const at of instants) {
      const p = localParts(at, MADRID);
      byDay.set(p.day, (byDay.get(p.day) ?? 0) + 1);
      byWeekdayHour.set(`${p.weekday} ${p.hour}`, (byWeekdayHour.get(`${p.weekday} ${p.hour}`) ?? 0) + 1);
    }
    const report = uptakeReport(m, { ...range, grain: "day" });
    expect(report.timeZone).toBe(MADRID);
    for (const row of report.overTime)
      expect([row.period, row.figures.checkIns]).toEqual([row.period, byDay.get(row.period) ?? 0]);
    expect(new Map(report.weekdayHour.map((c) => [`${c.weekday} ${c.hour}`, c.figures.checkIns]))).toEqual(
      byWeekdayHour,
    );

    // Head office hears each visit's new day and hour: the last check-in event of every visit says them.
    const lastEvents = m.db
      .prepare(
        `SELECT c.checked_in_at, json_extract(o.body, '$.localDay') AS day, json_extract(o.body, '$.hour') AS hour
         FROM check_ins c JOIN outbox o ON o.seq = (SELECT max(seq) FROM outbox WHERE appointment_id = c.appointment_id AND kind = 'check_in')`,
      )
      .all() as { checked_in_at: string; day: string; hour: number }[];
    expect(lastEvents).toHaveLength(instants.length);
    for (const e of lastEvents) {
      const p = localParts(e.checked_in_at, MADRID);
      expect([e.day, e.hour]).toEqual([p.day, p.hour]);
    }

    const file = path.join(tempDir(), "checkins.csv");
    await runExport({
      reader: openReader(m.db.name),
      range,
      file,
      format: "csv",
      table: "checkins",
      report: null,
      signal: new AbortController().signal,
      onProgress: () => undefined,
    });
    const rows: string[][] = parse(readFileSync(file, "utf8").slice(1), { record_delimiter: "\r\n" });
    const col = (name: (typeof CHECKIN_HEADER)[number]) => CHECKIN_HEADER.indexOf(name);
    const csvDays = new Map<string, number>();
    for (const r of rows.slice(1)) csvDays.set(r[col("Date")] ?? "", (csvDays.get(r[col("Date")] ?? "") ?? 0) + 1);
    expect(csvDays).toEqual(byDay);
  });

  it("says what it will do before the save, and the save is audited with what it changed", async () => {
    const m = await demoModel();
    m.clock.set("2026-11-25T17:55:00.000Z"); // 09:55 in Los Angeles
    book(m, "ANA100", "2026-11-25", "09:57");
    const checkIns = m.db.prepare("SELECT count(*) FROM check_ins").pluck().get() as number;
    const bookings = m.db.prepare("SELECT count(*) FROM appointments WHERE source != 'walk-in'").pluck().get();
    const last = m.db.prepare("SELECT max(checked_in_at) FROM check_ins").pluck().get() as string;
    expect(zoneChangeEffect(m, MADRID)).toEqual({
      bookings,
      checkIns,
      bookingTime: "9:57 AM",
      checkIn: { before: clockTimeLocal(last, LA), after: clockTimeLocal(last, MADRID) },
      pauses: false,
    });
    changeZone(m, MADRID);
    const audit = m.db
      .prepare("SELECT before_json, after_json FROM audit_log WHERE action = 'settings.time_zone'")
      .get() as {
      before_json: string;
      after_json: string;
    };
    expect(JSON.parse(audit.before_json)).toEqual({ timeZone: LA });
    expect(JSON.parse(audit.after_json)).toMatchObject({
      timeZone: MADRID,
      bookingsMoved: bookings,
      checkInsRedated: checkIns,
    });
  });

  it("is all or nothing: a failure part-way leaves every booking, check-in, setting and outbox event as it was", async () => {
    const m = await demoModel();
    m.db
      .prepare("INSERT INTO walk_ins (first_name, lang, arrived_at, local_day) VALUES ('Zoe', 'en', ?, ?)")
      .run("2026-11-25T07:30:00.000Z", "2026-11-24");
    const snapshot = () =>
      ["appointments", "check_ins", "offers", "walk_ins", "outbox", "report_stale", "settings", "audit_log"].map((t) =>
        m.db.prepare(`SELECT * FROM ${t}`).all(),
      );
    const before = snapshot();
    // Walk-ins are rewritten after the bookings and check-ins.
    m.db.exec("CREATE TEMP TRIGGER boom BEFORE UPDATE ON walk_ins BEGIN SELECT RAISE(ABORT, 'disk trouble'); END");
    expect(() => changeZone(m, MADRID)).toThrow("disk trouble");
    expect(snapshot()).toEqual(before);
    expect(getSettings(m.db).timeZone).toBe(LA);
  });

  it("a file with more bookings and check-ins than a save rewrites at once: the windows' save changes nothing, the held one all", () => {
    const { db } = generateCheckIns(path.join(tempDir(), "big.sqlite3"), ZONE_CHANGE_INLINE_MAX / 2 + 1);
    const m = modelOf(db, fixedClock("2026-11-25T18:00:00.000Z"));
    db.prepare(
      "INSERT INTO staff (name, role, pin_hash, created_at) VALUES ('Mia', 'manager', 'x', '2026-01-01')",
    ).run();
    expect(zoneChangeEffect(m, MADRID).pauses).toBe(true);
    const row = () =>
      db.prepare("SELECT local_day, starts_at FROM appointments WHERE id = 1").get() as {
        local_day: string;
        starts_at: string;
      };
    const before = row();
    const settings = { ...kioskSettings(m).settings, languages: ["en" as const], timeZone: MADRID };
    expect(() => saveKioskSettings(m, manager(m), settings)).toThrow(
      expect.objectContaining({
        field: "timeZone",
        message: expect.stringContaining("more than 10,000 bookings and check-ins, so nothing was saved. Save again"),
      }),
    );
    expect(row()).toEqual(before);
    expect(getSettings(db).timeZone).toBe(LA);
    saveKioskSettingsHere(m, manager(m), settings, "held");
    expect(getSettings(db).timeZone).toBe(MADRID);
    // The booking keeps its wall-clock time: its instant moves by the zones' difference (9 hours in November).
    expect(Date.parse(row().starts_at) - Date.parse(before.starts_at)).toBe(-9 * 3_600_000);
    db.close();
  });

  it("every derived local column is localParts(instant, new zone) afterwards, and bookings keep their wall clock", async () => {
    const m = await demoModel();
    const { db } = m;
    const ROLLBACK = new Error("rollback");
    const insert = {
      booking: db.prepare(
        `INSERT INTO appointments (booking_code, guest_name, phone_key, phone, service_id, therapist_id, room_id,
           starts_at, ends_at, local_day, source, created_at) VALUES (?, 'P', '1', '1', 1, 1, 1, ?, ?, ?, ?, ?)`,
      ),
      checkIn: db.prepare(
        `INSERT INTO check_ins (appointment_id, checked_in_at, channel, local_day, local_hour, local_weekday)
         VALUES (?, ?, 'kiosk', ?, ?, ?)`,
      ),
      offer: db.prepare(
        "INSERT INTO offers (appointment_id, channel, status, offered_at, local_day) VALUES (?, 'kiosk', 'offered', ?, ?)",
      ),
      walkIn: db.prepare("INSERT INTO walk_ins (first_name, lang, arrived_at, local_day) VALUES ('W', 'en', ?, ?)"),
    };
    const iso = (ms: number) => new Date(ms).toISOString();
    const scenario = fc.tuple(anyZone, anyZone).chain(([from, to]) =>
      fc.tuple(
        fc.constant(from),
        fc.constant(to),
        fc.array(
          fc.tuple(fc.oneof(instantNear(from), instantNear(to)), fc.integer({ min: 5, max: 300 }), fc.boolean()),
          {
            minLength: 1,
            maxLength: 12,
          },
        ),
      ),
    );
    fc.assert(
      fc.property(scenario, ([from, to, rows]) => {
        try {
          db.transaction(() => {
            db.prepare("DELETE FROM settings WHERE key = 'timeZone'").run();
            saveSettings(db, { timeZone: from });
            const ids: { id: number; startsAt: string; endsAt: string; walkIn: boolean }[] = [];
            rows.forEach(([ms, minutes, walkIn], i) => {
              const startsAt = iso(ms + (i % 7) * 1000);
              const endsAt = iso(ms + minutes * 60_000);
              const id = Number(
                insert.booking.run(
                  `P${i}`,
                  startsAt,
                  endsAt,
                  localParts(startsAt, from).day,
                  walkIn ? "walk-in" : "import",
                  startsAt,
                ).lastInsertRowid,
              );
              const p = localParts(startsAt, from);
              insert.checkIn.run(id, startsAt, p.day, p.hour, p.weekday);
              insert.offer.run(id, startsAt, p.day);
              insert.walkIn.run(startsAt, p.day);
              ids.push({ id, startsAt, endsAt, walkIn });
            });
            changeZone(m, to);
            expect(getSettings(db).timeZone).toBe(to);
            for (const b of ids) {
              const a = db.prepare("SELECT starts_at, ends_at, local_day FROM appointments WHERE id = ?").get(b.id) as {
                starts_at: string;
                ends_at: string;
                local_day: string;
              };
              const wall = localParts(b.startsAt, from);
              const hhmm = `${String(wall.hour).padStart(2, "0")}:${String(wall.minute).padStart(2, "0")}`;
              const moved = zonedToUtc(wall.day, hhmm, to).getTime() + (Date.parse(b.startsAt) % 60_000);
              // The same zone saved again changes nothing (zonedToUtc may read a repeated hour the other way).
              expect(a.starts_at).toBe(b.walkIn || from === to ? b.startsAt : iso(moved));
              expect(Date.parse(a.ends_at) - Date.parse(a.starts_at)).toBe(
                Date.parse(b.endsAt) - Date.parse(b.startsAt),
              );
              expect(a.local_day).toBe(localParts(a.starts_at, to).day);
              const c = db.prepare("SELECT * FROM check_ins WHERE appointment_id = ?").get(b.id) as Record<
                string,
                unknown
              >;
              const p = localParts(b.startsAt, to);
              expect([c.checked_in_at, c.local_day, c.local_hour, c.local_weekday]).toEqual([
                b.startsAt,
                p.day,
                p.hour,
                p.weekday,
              ]);
              const o = db.prepare("SELECT offered_at, local_day FROM offers WHERE appointment_id = ?").get(b.id);
              expect(o).toEqual({ offered_at: b.startsAt, local_day: p.day });
            }
            const walkIns = db.prepare("SELECT arrived_at, local_day FROM walk_ins").all() as {
              arrived_at: string;
              local_day: string;
            }[];
            for (const w of walkIns) expect(w.local_day).toBe(localParts(w.arrived_at, to).day);
            throw ROLLBACK;
          })();
        } catch (e) {
          if (e !== ROLLBACK) throw e;
        } finally {
          saveSettings(db, {}); // the settings' cache forgets the rolled-back zone
        }
      }),
      { numRuns: 150 },
    );
  });
});
