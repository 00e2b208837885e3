import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../open";
import { fixedClock, tempDir } from "../test/helpers";
import { demoAtVersion } from "../test/upgrade";
import { LATEST_VERSION } from "./index";

describe("0025: what a restore left out has a table of its own", () => {
  it("upgrading a version-24 database adds an empty restore_gaps, whose rows name a restored booking or none", async () => {
    const dir = tempDir();
    const file = path.join(dir, "v24.sqlite3");
    const { db: v24 } = await demoAtVersion(dir, file, 24, fixedClock("2026-12-06T15:00:00.000Z"));
    const checkIns = v24.prepare("SELECT count(*) FROM check_ins").pluck().get();
    v24.close();

    const db = openDatabase(file);
    expect(db.pragma("user_version", { simple: true })).toBe(LATEST_VERSION);
    expect(db.prepare("SELECT count(*) FROM restore_gaps").pluck().get()).toBe(0);
    const row =
      "INSERT INTO restore_gaps (restored_at, appointment_id, booking_code, starts_at, service_name, checked_in_at, channel) VALUES ('2026-12-06T15:00:00.000Z', ?, 'QX7Z2K', '2026-12-06T16:00:00.000Z', 'Swedish massage', '2026-12-06T15:50:00.000Z', ?)";
    const someBooking = db.prepare("SELECT min(id) FROM appointments").pluck().get() as number;
    db.prepare(row).run(someBooking, "kiosk");
    db.prepare(row).run(null, "desk");
    // A booking the data does not have, and a way of checking in there is not, are refused.
    expect(() => db.prepare(row).run(999_999_999, "kiosk")).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare(row).run(null, "phone")).toThrow(/CHECK/);
    // Its add-ons are a JSON array of codes, '[]' when none were chosen.
    expect(db.prepare("SELECT DISTINCT addons FROM restore_gaps").pluck().all()).toEqual(["[]"]);
    expect(() => db.prepare("UPDATE restore_gaps SET addons = '{\"face\":1}'").run()).toThrow(/CHECK/);
    expect(db.prepare("SELECT count(*) FROM check_ins").pluck().get()).toBe(checkIns);
    db.close();
  });
});
