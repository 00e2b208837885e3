import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../open";
import { fixedClock, tempDir } from "../test/helpers";
import { demoAtVersion } from "../test/upgrade";
import { LATEST_VERSION } from "./index";

describe("0028: a void the restore undid keeps its reason", () => {
  it("upgrading a version-27 database keeps its list's decisions without a reason, and takes one only beside a void", async () => {
    const dir = tempDir();
    const file = path.join(dir, "v27.sqlite3");
    const { db: v27 } = await demoAtVersion(dir, file, 27, fixedClock("2026-12-06T15:00:00.000Z"));
    const someBooking = v27.prepare("SELECT min(id) FROM appointments").pluck().get() as number;
    v27
      .prepare(
        "INSERT INTO restore_gaps (restored_at, appointment_id, booking_code, starts_at, service_name, checked_in_at, channel, addons, offer_status, decided_at) VALUES ('2026-12-06T15:00:00.000Z', ?, 'QX7Z2K', '2026-12-06T16:00:00.000Z', 'Swedish massage', '2026-12-06T15:50:00.000Z', 'kiosk', '[]', 'voided', '2026-12-06T15:55:00.000Z')",
      )
      .run(someBooking);
    v27.close();

    const db = openDatabase(file);
    expect(db.pragma("user_version", { simple: true })).toBe(LATEST_VERSION);
    expect(db.prepare("SELECT offer_status, decided_at, void_reason FROM restore_gaps").all()).toEqual([
      { offer_status: "voided", decided_at: "2026-12-06T15:55:00.000Z", void_reason: null },
    ]);
    db.prepare("UPDATE restore_gaps SET void_reason = 'Guest changed their mind'").run();
    // A reason is a void's: not a confirmation's, nor a left-out check-in's.
    expect(() => db.prepare("UPDATE restore_gaps SET offer_status = 'confirmed'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE restore_gaps SET decided_at = NULL").run()).toThrow(/CHECK/);
    db.close();
  });
});
