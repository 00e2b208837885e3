import path from "node:path";
import { describe, expect, it } from "vitest";
import { bookedAddons, storeBookedAddons } from "../desk/booked-addons";
import { openDatabase } from "../open";
import { fixedClock, tempDir } from "../test/helpers";
import { demoAtVersion } from "../test/upgrade";
import { LATEST_VERSION } from "./index";

describe("0033: the add-ons a guest booked ahead in the booking system", () => {
  it("upgrading a version-32 database keeps every booking, none with an add-on booked ahead, and takes one after", async () => {
    const dir = tempDir();
    const file = path.join(dir, "v32.sqlite3");
    const { db: old } = await demoAtVersion(dir, file, 32, fixedClock("2026-11-25T18:07:00.000Z"));
    const appointments = old.prepare("SELECT * FROM appointments ORDER BY id").all();
    old.close();

    const db = openDatabase(file);
    expect(db.pragma("user_version", { simple: true })).toBe(LATEST_VERSION);
    expect(db.prepare("SELECT * FROM appointments ORDER BY id").all()).toEqual(appointments);
    expect(db.prepare("SELECT count(*) FROM booked_addons").pluck().get()).toBe(0);

    const scalp = db.prepare("SELECT id FROM addons WHERE code = 'scalp'").pluck().get() as number;
    const maria = db.prepare("SELECT id FROM appointments WHERE booking_code = 'HH2233'").pluck().get() as number;
    storeBookedAddons(db, maria, [{ id: scalp, minutes: 15 }]);
    expect(bookedAddons(db, maria)).toEqual([{ id: scalp, minutes: 15 }]);
    // Once per visit, for minutes it has, of an add-on the catalog holds.
    const insert = db.prepare("INSERT INTO booked_addons (appointment_id, addon_id, extra_minutes) VALUES (?, ?, ?)");
    expect(() => insert.run(maria, scalp, 15)).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => insert.run(maria, 9_999, 15)).toThrow(/FOREIGN KEY/);
    expect(() => insert.run(maria, scalp + 1, 0)).toThrow(/CHECK/);
    db.close();
  });
});
