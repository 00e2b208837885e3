import fc from "fast-check";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLOCK_AHEAD_MAX_DAYS } from "../../contract/maintenance";
import { appendAudit } from "../audit";
import { checkInAtKiosk } from "../kiosk/check-in";
import { savePreferences } from "../preferences/preferences";
import { appointmentIdOf, demoModel, tempDir } from "../test/helpers";
import { eraseExpiredGuestDetails } from "../test/retention";
import { DAY_MS } from "../time";
import { createBackup, swapInBackup } from "./backup";
import { believed, clockTrust, confirmClock, erasingNow } from "./clock-trust";
import { DomainError } from "../errors";
import { connect } from "../open";
import { modelOf } from "../model";

const MANAGER = { kind: "staff", staffId: 1, name: "Dana Manager" } as const;
const phonesBefore = (m: Awaited<ReturnType<typeof demoModel>>, day: string) =>
  m.db.prepare("SELECT count(*) FROM appointments WHERE local_day < ? AND phone != ''").pluck().get(day) as number;

/** The stored allergies of a visit's preferences (the therapist's slip's alert), read as stored. */
const allergiesOf = (m: Awaited<ReturnType<typeof demoModel>>, id: number) =>
  m.db.prepare("SELECT allergies FROM guest_preferences WHERE appointment_id = ?").pluck().get(id);

describe("erasing by date believes the clock only so far ahead", () => {
  it("believes a reading up to CLOCK_AHEAD_MAX_DAYS after the last one, and any reading behind it (property)", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2020-01-01"), max: new Date("2035-01-01"), noInvalidDate: true }),
        fc.integer({ min: -400 * DAY_MS, max: 400 * DAY_MS }),
        (trusted, step) => {
          const now = new Date(trusted.getTime() + step);
          expect(believed(now, trusted.toISOString())).toBe(step <= CLOCK_AHEAD_MAX_DAYS * DAY_MS);
          expect(believed(now, null)).toBe(true);
        },
      ),
    );
  });

  it("a clock a year ahead erases nothing early, not even today's unkept allergy alert, for as many days as it stays ahead; the manager's confirmation lets it", async () => {
    const m = await demoModel(); // 25 November 2026, 18:07
    const id = appointmentIdOf(m, "HH2233");
    checkInAtKiosk(m, id, "en");
    const nuts = { pressure: "medium", allergies: ["nuts"], allergyOther: "", avoid: [], keep: false } as const;
    savePreferences(m, id, { ...nuts, allergies: [...nuts.allergies], avoid: [...nuts.avoid] });
    const lastUse = m.clock.now().toISOString();
    const dueToday = phonesBefore(m, "2026-08-27"); // 90 days before today
    const all = phonesBefore(m, "2027-12-31");
    expect(all).toBeGreaterThan(dueToday);

    // The machine boots a year ahead. Every day for a month retention runs at the start (the app's, a second after it),
    // then the kiosk checks guests in, stamped a year ahead.
    m.clock.set("2027-11-25T08:00:00.000Z");
    for (let day = 0; day < 30; day++) {
      expect(eraseExpiredGuestDetails(m).before).toBe("2026-08-27");
      expect(clockTrust(m)).toMatchObject({ state: "ahead", trustedAt: lastUse });
      appendAudit(m.db, m.clock, { kind: "kiosk" }, { action: "check_in.create", entity: "appointment", entityId: id });
      m.clock.advance(24 * 60);
    }
    expect(phonesBefore(m, "2027-12-31")).toBe(all - dueToday);
    expect(allergiesOf(m, id)).toEqual('["nuts"]');
    expect(erasingNow(m).toISOString()).toBe(lastUse);

    // The manager confirms the date the screen showed: erasing goes by it, audited with both dates.
    const shown = m.clock.now().toISOString();
    expect(confirmClock(m, MANAGER, shown)).toEqual({ state: "ok" });
    const audit = m.db
      .prepare("SELECT before_json, after_json FROM audit_log WHERE action = 'clock.confirm'")
      .get() as {
      before_json: string;
      after_json: string;
    };
    expect(JSON.parse(audit.before_json)).toEqual({ trustedAt: lastUse });
    expect(JSON.parse(audit.after_json)).toEqual({ trustedAt: shown });
    eraseExpiredGuestDetails(m);
    expect(allergiesOf(m, id)).toBeUndefined();
    expect(phonesBefore(m, "2026-12-31")).toBe(0);
  });

  it("a spa closed for ten days is believed when it opens again, and the date moves on with it", async () => {
    const m = await demoModel();
    eraseExpiredGuestDetails(m);
    m.clock.advance(10 * 24 * 60);
    expect(clockTrust(m)).toEqual({ state: "ok" });
    expect(eraseExpiredGuestDetails(m).before).toBe("2026-09-06");
    // And the next ten days again: each believed run moves the last date on.
    m.clock.advance(10 * 24 * 60);
    expect(clockTrust(m)).toEqual({ state: "ok" });
  });

  it("a clock that boots in 2000 (a flat CMOS battery) is wrong: staff are told, erasing by it only comes later, and a manager can still say a date is right", async () => {
    const m = await demoModel();
    eraseExpiredGuestDetails(m); // the last believed reading: 25 November 2026, 18:07
    m.clock.set("2026-11-25T06:00:00.000Z"); // half a day back (a zone typed wrong): not told
    expect(clockTrust(m)).toEqual({ state: "ok" });
    m.clock.set("2000-01-01T00:00:00.000Z");
    expect(clockTrust(m)).toEqual({
      state: "behind",
      clockAt: "2000-01-01T00:00:00.000Z",
      trustedAt: "2026-11-25T18:07:00.000Z",
      days: 9825,
    });
    expect(erasingNow(m).toISOString()).toBe("2000-01-01T00:00:00.000Z");
    expect(eraseExpiredGuestDetails(m).erased).toBe(0);
    expect(confirmClock(m, MANAGER, m.clock.now().toISOString())).toEqual({ state: "ok" });
    expect(clockTrust(m)).toEqual({ state: "ok" });
  });

  it("refuses a confirmation of a date the clock no longer reads (it was stepped again meanwhile)", async () => {
    const m = await demoModel();
    m.clock.set("2027-11-25T08:00:00.000Z");
    const shown = m.clock.now().toISOString();
    m.clock.set("2026-11-26T08:00:00.000Z");
    expect(() => confirmClock(m, MANAGER, shown)).toThrow(DomainError);
    expect(() => confirmClock(m, MANAGER, shown)).toThrow(/clock now reads Nov 26, 2026.*Nothing was changed/);
    expect(m.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'clock.confirm'").pluck().get()).toBe(0);
  });

  it("restoring a three-week-old backup is not a clock three weeks ahead: the restored file keeps the later date", async () => {
    const m = await demoModel();
    const dir = tempDir();
    const backup = await createBackup(m, dir, "manual");
    // Three weeks of daily use, retention noting each day.
    for (let day = 0; day < 21; day++) {
      m.clock.advance(24 * 60);
      eraseExpiredGuestDetails(m);
    }
    const file = m.db.name;
    m.db.close();
    swapInBackup(file, path.join(dir, backup.name));
    const restored = modelOf(connect(file, { fileMustExist: true }), m.clock);
    try {
      expect(clockTrust(restored)).toEqual({ state: "ok" });
      expect(erasingNow(restored).toISOString()).toBe(m.clock.now().toISOString());
    } finally {
      restored.db.close();
    }
  });
});
