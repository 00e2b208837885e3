import path from "node:path";
import { getSettings } from "../settings";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../open";
import type { DomainError } from "../errors";
import { createFirstManager, createStaff, hashPin, login, needsFirstManager, verifyPin } from "./staff";
import { fixedClock, openTemp, tempDir } from "../test/helpers";

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

describe("a PIN channel hammered", () => {
  it("1,000 concurrent wrong PINs: at most 5 are evaluated before the lock, the rest are refused unevaluated, and the process stays healthy", async () => {
    const { db } = openTemp();
    const clock = fixedClock("2026-11-25T18:00:00.000Z");
    const id = await createStaff(db, clock, { name: "Riley", role: "receptionist", pin: "1357" });
    const other = await createStaff(db, clock, { name: "Morgan", role: "manager", pin: "2468" });
    const rssBefore = process.memoryUsage().rss;
    const started = Date.now();
    const results = await Promise.allSettled(Array.from({ length: 1000 }, (_, i) => login(db, clock, id, String(1000 + (i % 9000)).padStart(4, "0"))));
    const messages = results.map((r) => (r.status === "rejected" ? (r.reason as DomainError).message : "signed in"));
    // Evaluated guesses answer "Wrong PIN" (4) or, the fifth, "locked for 5 minutes"; the
    // other 995 never reach scrypt: "Try again in 5 minutes".
    const evaluated = messages.filter((m) => m.startsWith("Wrong PIN") || m.includes("is locked for")).length;
    expect(evaluated).toBeLessThanOrEqual(5);
    expect(messages.filter((m) => m.startsWith("Wrong PIN"))).toHaveLength(4);
    expect(messages.filter((m) => m.includes("Try again in 5 minutes"))).toHaveLength(995);
    expect(messages).not.toContain("signed in");
    // Five scrypts, not a thousand: quick, and memory did not balloon (16 MB per scrypt).
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 * 1024 * 1024);
    // Still healthy: the right PIN is refused while locked; another staff member signs in.
    await expect(login(db, clock, id, "1357")).rejects.toMatchObject({ code: "LOCKED_OUT" });
    await expect(login(db, clock, other, "2468")).resolves.toMatchObject({ name: "Morgan" });
    expect(db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'staff.lockout'").get()).toEqual({ n: 1 });
  });
});

describe("first run", () => {
  it("creates the first manager only while there is none", async () => {
    const { db } = openTemp();
    const clock = fixedClock("2026-11-25T18:00:00.000Z");
    expect(needsFirstManager(db)).toBe(true);
    const spa = { spaName: "Casa Calma", timeZone: "Europe/Madrid", otherLanguages: ["es" as const] };
    const attempts = [
      { ...spa, name: "Morgan Lee", pin: "2468" },
      { ...spa, name: "Someone Else", pin: "1111" },
    ];
    const results = await Promise.allSettled(attempts.map((a) => createFirstManager(db, clock, a)));
    // Both hash their PIN in parallel; whichever writes first wins, the other is refused.
    const won = results.findIndex((r) => r.status === "fulfilled");
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results[1 - won]).toMatchObject({ status: "rejected", reason: { code: "CONFLICT" } });
    const winner = (results[won] as PromiseFulfilledResult<{ id: number; name: string; role: string }>).value;
    expect(winner).toMatchObject({ name: attempts[won]?.name, role: "manager" });
    expect(needsFirstManager(db)).toBe(false);
    expect(db.prepare("SELECT count(*) AS n FROM staff").get()).toEqual({ n: 1 });
    await expect(login(db, clock, winner.id, attempts[won]?.pin ?? "")).resolves.toMatchObject({ role: "manager" });
  });

  it("sets the spa's name, time zone and languages, and starts it with the face and scalp add-ons, active, with copy in every language", async () => {
    const { db } = openTemp();
    const clock = fixedClock("2026-11-25T18:00:00.000Z");
    await createFirstManager(db, clock, { spaName: "Casa Calma", timeZone: "Europe/Madrid", otherLanguages: ["es"], name: "Lucía Ortega", pin: "2468" });
    expect(getSettings(db)).toMatchObject({ spaName: "Casa Calma", timeZone: "Europe/Madrid", languages: ["en", "es"] });
    const addons = db.prepare("SELECT a.code, a.active, group_concat(t.lang) AS langs FROM addons a JOIN addon_texts t ON t.addon_id = a.id GROUP BY a.id ORDER BY a.sort_order").all();
    expect(addons).toEqual([
      { code: "face", active: 1, langs: expect.stringMatching(/^(?=.*en)(?=.*es)(?=.*zh)/) },
      { code: "scalp", active: 1, langs: expect.stringMatching(/^(?=.*en)(?=.*es)(?=.*zh)/) },
    ]);
  });
});
