import { modelOf } from "../model";
import path from "node:path";
import { getSettings } from "../settings";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../open";
import type { DomainError } from "../errors";
import { hashPin, verifyPin } from "./pin-hash";
import { createFirstManager, createStaff, login, needsFirstManager } from "./staff";
import { fixedClock, openTemp, tempDir, asModel } from "../test/helpers";
import { createPinPads, delayAfter, FREE_TRIES, MAX_DELAY_MS, PIN_POLICY, triesWithin } from "./pin-pads";

describe("staff PINs", () => {
  it("stores a salted scrypt hash, never the PIN", async () => {
    const a = await hashPin("1357");
    const b = await hashPin("1357");
    expect(a).not.toContain("1357");
    expect(a).not.toBe(b);
    expect(await verifyPin("1357", a)).toBe(true);
    expect(await verifyPin("1358", a)).toBe(false);
  });

  it("wrong PINs slow the pad they are typed on, not the person: 3 free, then 30 s doubling; a right PIN elsewhere still works; the wall clock changes nothing", async () => {
    const file = path.join(tempDir(), "s.sqlite3");
    const clock = fixedClock("2026-11-25T18:00:00.000Z");
    let mono = 0;
    const pads = createPinPads(() => mono);
    const db = openDatabase(file);
    const id = await createStaff(modelOf(db, clock), { name: "Riley", role: "receptionist", pin: "1357" });
    for (let i = 0; i < FREE_TRIES - 1; i++)
      await expect(login(modelOf(db, clock), id, "0000", pads, "kiosk-display")).rejects.toThrow(
        "Wrong PIN. Try again.",
      );
    await expect(login(modelOf(db, clock), id, "0000", pads, "kiosk-display")).rejects.toThrow(
      "Wrong PIN. This screen takes the next PIN in 30 seconds.",
    );
    await expect(login(modelOf(db, clock), id, "1357", pads, "kiosk-display")).rejects.toMatchObject({
      code: "LOCKED_OUT",
      message: expect.stringMatching(/sign in at the staff display/) as unknown,
    });
    // Riley is not locked: the staff display's pad takes the right PIN at once.
    await expect(login(modelOf(db, clock), id, "1357", pads, "staff-display")).resolves.toMatchObject({
      name: "Riley",
    });
    // A wall clock stepped back an hour (or forward a day) changes nothing; only elapsed time does.
    clock.advance(-60);
    clock.advance(24 * 60);
    await expect(login(modelOf(db, clock), id, "1357", pads, "kiosk-display")).rejects.toMatchObject({
      code: "LOCKED_OUT",
    });
    mono += 30_001;
    await expect(login(modelOf(db, clock), id, "0000", pads, "kiosk-display")).rejects.toThrow(
      "takes the next PIN in 1 minute.",
    );
    expect(pads.unlockAll()).toBe(1);
    await expect(login(modelOf(db, clock), id, "1357", pads, "kiosk-display")).resolves.toMatchObject({
      name: "Riley",
    });
    const audit = db.prepare("SELECT action FROM audit_log WHERE entity = 'staff' ORDER BY id").all();
    expect(audit.map((r) => (r as { action: string }).action)).toEqual([
      "staff.create",
      "staff.pinDelay",
      "staff.login",
      "staff.login",
    ]);
    db.close();
  });

  it("brute force at the pads: guesses a day, and more than a year to try every 4-digit PIN", () => {
    // An attacker who types the next guess the moment each pad takes it, on both pads.
    const DAY = 86_400_000;
    const guessesBy = (ms: number) => 2 * triesWithin(ms, PIN_POLICY);
    const firstDay = guessesBy(DAY);
    const perDayAfter = guessesBy(31 * DAY) - guessesBy(30 * DAY);
    expect(firstDay).toBe(28);
    expect(perDayAfter).toBe(6);
    let days = 0;
    while (guessesBy(days * DAY) < 10_000) days += 1;
    expect(days).toBeGreaterThan(4 * 365); // every PIN; half of them (the average find) > 2 years
    expect(delayAfter(FREE_TRIES + 30)).toBe(MAX_DELAY_MS);
  });
});

describe("a PIN channel hammered", () => {
  it("1,000 concurrent wrong PINs at one pad: 3 are evaluated (the third starts the delay), the rest refused unevaluated, and the process stays healthy", async () => {
    const { db } = openTemp();
    const clock = fixedClock("2026-11-25T18:00:00.000Z");
    const pads = createPinPads(() => 0);
    const id = await createStaff(modelOf(db, clock), { name: "Riley", role: "receptionist", pin: "1357" });
    const other = await createStaff(modelOf(db, clock), { name: "Morgan", role: "manager", pin: "2468" });
    const rssBefore = process.memoryUsage().rss;
    const results = await Promise.allSettled(
      Array.from({ length: 1000 }, (_, i) =>
        login(modelOf(db, clock), id, String(1000 + (i % 9000)).padStart(4, "0"), pads, "kiosk-display"),
      ),
    );
    const codes = results.map((r) => (r.status === "rejected" ? (r.reason as DomainError).code : "signed in"));
    expect(codes.filter((c) => c === "WRONG_PIN")).toHaveLength(FREE_TRIES);
    expect(codes.filter((c) => c === "LOCKED_OUT")).toHaveLength(1000 - FREE_TRIES);
    // Three scrypts, not a thousand: memory did not balloon (16 MB per scrypt).
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 * 1024 * 1024);
    // Nobody is locked: Riley and Morgan sign in at the staff display's pad.
    await expect(login(modelOf(db, clock), id, "1357", pads, "staff-display")).resolves.toMatchObject({
      name: "Riley",
    });
    await expect(login(modelOf(db, clock), other, "2468", pads, "staff-display")).resolves.toMatchObject({
      name: "Morgan",
    });
  });
});

describe("first run", () => {
  it("creates the first manager only while there is none", async () => {
    const { db } = openTemp();
    const clock = fixedClock("2026-11-25T18:00:00.000Z");
    expect(needsFirstManager(modelOf(db, clock))).toBe(true);
    const spa = { spaName: "Casa Calma", timeZone: "Europe/Madrid", otherLanguages: ["es" as const] };
    const attempts = [
      { ...spa, name: "Morgan Lee", pin: "2468" },
      { ...spa, name: "Someone Else", pin: "1111" },
    ];
    const results = await Promise.allSettled(attempts.map((a) => createFirstManager(modelOf(db, clock), a)));
    // Both hash their PIN in parallel; whichever writes first wins, the other is refused.
    const won = results.findIndex((r) => r.status === "fulfilled");
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results[1 - won]).toMatchObject({ status: "rejected", reason: { code: "CONFLICT" } });
    const made = (results[won] as PromiseFulfilledResult<Awaited<ReturnType<typeof createFirstManager>>>).value;
    const winner = made.staff;
    expect(winner).toMatchObject({ name: attempts[won]?.name, role: "manager" });
    expect(needsFirstManager(asModel(db))).toBe(false);
    expect(db.prepare("SELECT count(*) AS n FROM staff").get()).toEqual({ n: 1 });
    // Exactly one unlock code, made by the winner: stored only as a hash, audited without it.
    expect(made.unlockCode).toEqual({
      code: expect.stringMatching(/^\d{10}$/) as unknown,
      madeAt: "2026-11-25T18:00:00.000Z",
    });
    const stored = db.prepare("SELECT value FROM settings WHERE key = 'pinPadCode'").pluck().all() as string[];
    expect(stored).toHaveLength(1);
    expect(await verifyPin(made.unlockCode.code, (JSON.parse(stored[0] ?? "{}") as { hash: string }).hash)).toBe(true);
    expect(
      db.prepare("SELECT staff_id AS by, after_json AS after FROM audit_log WHERE action = 'staff.padCodeMade'").all(),
    ).toEqual([{ by: winner.id, after: JSON.stringify({ madeAt: "2026-11-25T18:00:00.000Z" }) }]);
    expect(JSON.stringify(db.prepare("SELECT * FROM audit_log").all())).not.toContain(made.unlockCode.code);
    await expect(
      login(
        modelOf(db, clock),
        winner.id,
        attempts[won]?.pin ?? "",
        createPinPads(() => 0),
        "staff-display",
      ),
    ).resolves.toMatchObject({ role: "manager" });
  });

  it("sets the spa's name, time zone and languages, and starts it with the face and scalp add-ons, active, with copy in every language", async () => {
    const { db } = openTemp();
    const clock = fixedClock("2026-11-25T18:00:00.000Z");
    await createFirstManager(modelOf(db, clock), {
      spaName: "Casa Calma",
      timeZone: "Europe/Madrid",
      otherLanguages: ["es"],
      name: "Lucía Ortega",
      pin: "2468",
    });
    expect(getSettings(db)).toMatchObject({
      spaName: "Casa Calma",
      timeZone: "Europe/Madrid",
      languages: ["en", "es"],
    });
    const addons = db
      .prepare(
        "SELECT a.code, a.active, group_concat(t.lang) AS langs FROM addons a JOIN addon_texts t ON t.addon_id = a.id GROUP BY a.id ORDER BY a.sort_order",
      )
      .all();
    expect(addons).toEqual([
      { code: "face", active: 1, langs: expect.stringMatching(/^(?=.*en)(?=.*es)(?=.*zh)/) },
      { code: "scalp", active: 1, langs: expect.stringMatching(/^(?=.*en)(?=.*es)(?=.*zh)/) },
    ]);
  });
});
