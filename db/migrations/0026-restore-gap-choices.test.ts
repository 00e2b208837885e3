import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../open";
import { fixedClock, tempDir } from "../test/helpers";
import { demoAtVersion } from "../test/upgrade";
import { LATEST_VERSION } from "./index";

describe("0026: the restore's list carries each arrival whole", () => {
  it("upgrading a version-25 database keeps its list's rows, each with no language, offer or answers, and takes them after", async () => {
    const dir = tempDir();
    const file = path.join(dir, "v25.sqlite3");
    const { db: v25 } = await demoAtVersion(dir, file, 25, fixedClock("2026-12-06T15:00:00.000Z"));
    const someBooking = v25.prepare("SELECT min(id) FROM appointments").pluck().get() as number;
    v25
      .prepare(
        "INSERT INTO restore_gaps (restored_at, appointment_id, booking_code, starts_at, service_name, checked_in_at, channel, addons) VALUES ('2026-12-06T15:00:00.000Z', ?, 'QX7Z2K', '2026-12-06T16:00:00.000Z', 'Swedish massage', '2026-12-06T15:50:00.000Z', 'kiosk', '[\"face\"]')",
      )
      .run(someBooking);
    v25.close();

    const db = openDatabase(file);
    expect(db.pragma("user_version", { simple: true })).toBe(LATEST_VERSION);
    expect(db.prepare("SELECT addons, lang, offer_status, screening FROM restore_gaps").all()).toEqual([
      { addons: '["face"]', lang: null, offer_status: null, screening: "[]" },
    ]);
    const set = db.prepare("UPDATE restore_gaps SET lang = ?, offer_status = ?, screening = ?");
    set.run("es", "accepted", '[{"code":"face","version":1,"answers":["no","no","yes"]}]');
    // A language code's shape, an offer's statuses and a JSON array, as check-ins, offers and answers have them.
    expect(() => set.run("spanish", "accepted", "[]")).toThrow(/CHECK/);
    expect(() => set.run("es", "haggled", "[]")).toThrow(/CHECK/);
    expect(() => set.run("es", "accepted", '{"face":["yes"]}')).toThrow(/CHECK/);
    db.close();
  });
});
