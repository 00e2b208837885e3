import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "./open";
import { createStaff, hashPin, login, verifyPin } from "./staff";
import { fixedClock, tempDir } from "./test/helpers";

describe("staff PINs", () => {
  it("stores a salted scrypt hash, never the PIN", async () => {
    const a = await hashPin("1357");
    const b = await hashPin("1357");
    expect(a).not.toContain("1357");
    expect(a).not.toBe(b);
    expect(await verifyPin("1357", a)).toBe(true);
    expect(await verifyPin("1358", a)).toBe(false);
  });

  it("locks an entry after 5 wrong PINs for 5 minutes, and the lock survives a restart", async () => {
    const file = path.join(tempDir(), "s.sqlite3");
    const clock = fixedClock("2026-11-25T18:00:00.000Z");
    let db = openDatabase(file);
    const id = await createStaff(db, clock, { name: "Riley", role: "receptionist", pin: "1357" });
    for (let i = 1; i <= 4; i++) await expect(login(db, clock, id, "0000")).rejects.toThrow(`${5 - i} tr`);
    await expect(login(db, clock, id, "0000")).rejects.toMatchObject({ code: "LOCKED_OUT" });
    db.close();
    db = openDatabase(file);
    await expect(login(db, clock, id, "1357")).rejects.toMatchObject({ code: "LOCKED_OUT", message: expect.stringMatching(/5 minutes/) });
    clock.advance(5.1);
    await expect(login(db, clock, id, "1357")).resolves.toMatchObject({ name: "Riley", role: "receptionist" });
    const audit = db.prepare("SELECT action FROM audit_log WHERE entity = 'staff' ORDER BY id").all();
    expect(audit.map((r) => (r as { action: string }).action)).toEqual(["staff.create", "staff.lockout", "staff.login"]);
    db.close();
  });
});
