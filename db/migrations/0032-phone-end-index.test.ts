import path from "node:path";
import { describe, expect, it } from "vitest";
import { findAppointments, searchForKiosk } from "../kiosk/search";
import { modelOf } from "../model";
import { openDatabase } from "../open";
import { fixedClock, tempDir } from "../test/helpers";
import { demoAtVersion } from "../test/upgrade";
import { LATEST_VERSION } from "./index";

describe("0032: bookings by their phone's last 8 digits", () => {
  it("upgrading a version-31 database keeps every booking and its key, and the kiosk finds the local and international forms", async () => {
    const dir = tempDir();
    const file = path.join(dir, "v31.sqlite3");
    const clock = fixedClock("2026-11-25T18:07:00.000Z");
    const { db: old } = await demoAtVersion(dir, file, 31, clock);
    // Booked before the upgrade: María's number as her French booking system wrote it, Priya's (tomorrow) as Australia.
    old
      .prepare("UPDATE appointments SET phone = ?, phone_key = ? WHERE booking_code = ?")
      .run("33612345678", "3612345678", "HH2233");
    old
      .prepare("UPDATE appointments SET phone = ?, phone_key = ? WHERE booking_code = ?")
      .run("0412345678", "0412345678", "HH6677");
    const appointments = old.prepare("SELECT * FROM appointments ORDER BY id").all();
    old.close();

    const db = openDatabase(file);
    expect(db.pragma("user_version", { simple: true })).toBe(LATEST_VERSION);
    expect(db.prepare("SELECT * FROM appointments ORDER BY id").all()).toEqual(appointments);
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'appointments'");
    expect(indexes.pluck().all()).toContain("appointments_by_phone_end");
    expect(indexes.pluck().all()).not.toContain("appointments_by_phone");

    const m = modelOf(db, clock);
    expect(findAppointments(m, { by: "phone", phone: "0612345678" }).map((a) => a.guestLabel)).toEqual(["María G."]);
    expect(searchForKiosk(m, { by: "phone", phone: "61412345678" })).toMatchObject({
      matches: [],
      laterStartsAt: expect.any(String),
    });
    db.close();
  });
});
