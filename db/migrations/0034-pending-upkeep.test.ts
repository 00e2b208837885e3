import path from "node:path";
import { describe, expect, it } from "vitest";
import { bookJoinedNotesOnce } from "../import/joined-notes";
import { modelOf } from "../model";
import { openDatabase } from "../open";
import { fixedClock, tempDir } from "../test/helpers";
import { demoAtVersion } from "../test/upgrade";
import { LATEST_VERSION } from "./index";

describe("0034: upkeep a file needs once after an upgrade", () => {
  const clock = fixedClock("2026-11-25T18:07:00.000Z");
  const pending = (db: ReturnType<typeof openDatabase>) =>
    db.prepare("SELECT step FROM pending_upkeep").pluck().all() as string[];

  it("a version-33 file whose imports noted 'Also booked: …' is marked, converted at its next open, and not looked through again", async () => {
    const dir = tempDir();
    const file = path.join(dir, "v33.sqlite3");
    const { db: old } = await demoAtVersion(dir, file, 33, clock);
    old
      .prepare("UPDATE appointments SET note = 'Also booked: Scalp Massage 15 min · Light' WHERE booking_code = ?")
      .run("HH2233");
    const appointments = old.prepare("SELECT count(*) FROM appointments").pluck().get();
    old.close();

    const db = openDatabase(file);
    expect(db.pragma("user_version", { simple: true })).toBe(LATEST_VERSION);
    expect(db.prepare("SELECT count(*) FROM appointments").pluck().get()).toBe(appointments);
    expect(pending(db)).toEqual(["joined-notes"]);
    const m = modelOf(db, clock);
    expect(bookJoinedNotesOnce(m)).toBe(1);
    expect(pending(db)).toEqual([]);
    expect(db.prepare("SELECT note FROM appointments WHERE booking_code = 'HH2233'").pluck().get()).toBe("Light");
    // A note written now in the old words is the booking system's own: the app's next start leaves it be.
    db.prepare("UPDATE appointments SET note = 'Also booked: Face Massage 10 min' WHERE booking_code = 'HH2233'").run();
    expect(bookJoinedNotesOnce(m)).toBe(0);
    db.close();
  });

  it("a version-33 file without such a note is not marked: its start asks one row", async () => {
    const dir = tempDir();
    const file = path.join(dir, "v33.sqlite3");
    const { db: old } = await demoAtVersion(dir, file, 33, clock);
    old.close();
    const db = openDatabase(file);
    expect(pending(db)).toEqual([]);
    expect(bookJoinedNotesOnce(modelOf(db, clock))).toBe(0);
    db.close();
  });
});
