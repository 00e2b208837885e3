import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkInAtKiosk } from "../kiosk/check-in";
import { modelOf } from "../model";
import { openDatabase } from "../open";
import { preferencesForVisit, savePreferences } from "../preferences/preferences";
import { appointmentIdOf, fixedClock, tempDir } from "../test/helpers";
import { demoAtVersion } from "../test/upgrade";
import { LATEST_VERSION } from "./index";

describe("0018: guest preferences", () => {
  it("upgrading a version-16 database keeps every appointment and takes preferences, refusing rows the contract would not write", async () => {
    const dir = tempDir();
    const file = path.join(dir, "v16.sqlite3");
    const clock = fixedClock("2026-11-25T18:07:00.000Z");
    const { db: v16 } = await demoAtVersion(dir, file, 16, clock);
    const appointments = v16.prepare("SELECT * FROM appointments ORDER BY id").all();
    v16.close();

    const db = openDatabase(file);
    expect(db.pragma("user_version", { simple: true })).toBe(LATEST_VERSION);
    expect(db.prepare("SELECT * FROM appointments ORDER BY id").all()).toEqual(appointments);
    const m = modelOf(db, clock);
    const id = appointmentIdOf(m, "HH2233");
    checkInAtKiosk(m, id, "en");
    const given = { pressure: "medium", allergies: ["oils"], allergyOther: "", avoid: ["neck"], keep: true } as const;
    savePreferences(m, id, { ...given, allergies: [...given.allergies], avoid: [...given.avoid] });
    expect(preferencesForVisit(m, id).preferences).toEqual(given);

    const insert = db.prepare(
      "INSERT INTO guest_preferences (appointment_id, pressure, allergies, allergy_other, avoid, keep, given_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
    );
    const other = db.prepare("SELECT id FROM appointments WHERE id != ? LIMIT 1").pluck().get(id) as number;
    const at = clock.now().toISOString();
    expect(() => insert.run(other, "hard", "[]", "", "[]", 1, at)).toThrow(/CHECK constraint failed/);
    expect(() => insert.run(other, null, "nuts", "", "[]", 1, at)).toThrow(/CHECK constraint failed/);
    expect(() => insert.run(other, null, "[]", "x".repeat(61), "[]", 1, at)).toThrow(/CHECK constraint failed/);
    expect(() => insert.run(other, null, "[]", "", "[]", 2, at)).toThrow(/CHECK constraint failed/);
    expect(() => insert.run(999_999, null, "[]", "", "[]", 1, at)).toThrow(/FOREIGN KEY constraint failed/);
    db.close();
  });
});
