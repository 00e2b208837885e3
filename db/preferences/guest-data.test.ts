import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { GuestWho, Preferences } from "../../contract/preferences";
import { DEMO_GUESTS } from "../demo/seed-demo";
import { confirmAddons } from "../desk/addons";
import { checkInAtKiosk } from "../kiosk/check-in";
import type { Model, StaffActor } from "../model";
import { sameGuest } from "../people";
import { latestTicket } from "../printing/tickets";
import { demoModel, found, receptionist } from "../test/helpers";
import { eraseGuestPreferences, exportGuestPreferences, guestsOnPhone } from "./guest-data";
import { savePreferences } from "./preferences";

const manager = (m: Model): StaffActor => {
  const s = found(
    m.db.prepare("SELECT id, name FROM staff WHERE role = 'manager' LIMIT 1").get() as { id: number; name: string },
    "manager",
  );
  return { kind: "staff", staffId: s.id, name: s.name };
};
const nuts: Preferences = { pressure: "firm", allergies: ["nuts"], allergyOther: "", avoid: ["face"], keep: true };
const lavender: Preferences = { pressure: null, allergies: [], allergyOther: "lavender oil", avoid: [], keep: true };
const FAMILY = DEMO_GUESTS.family.phone;

/** Demo bookings on days before today, `n` of them, oldest first: a test gives them a phone and a name. */
const pastBookings = (m: Model, n: number): number[] =>
  m.db
    .prepare("SELECT id FROM appointments WHERE local_day < '2026-11-25' ORDER BY local_day, starts_at, id LIMIT ?")
    .pluck()
    .all(n) as number[];

function bookAs(m: Model, id: number, name: string, phone: string): void {
  m.db
    .prepare("UPDATE appointments SET guest_name = ?, phone = ?, phone_key = ? WHERE id = ?")
    .run(name, phone, phone.replace(/\D/g, "").slice(-10), id);
}

/** Preferences stored on an earlier visit, as the kiosk left them. */
function gaveBefore(m: Model, id: number, p: Preferences): void {
  m.db
    .prepare(
      "INSERT INTO guest_preferences (appointment_id, pressure, allergies, allergy_other, avoid, keep, given_at) VALUES (?, ?, ?, ?, ?, 1, ?)",
    )
    .run(
      id,
      p.pressure,
      JSON.stringify(p.allergies),
      p.allergyOther,
      JSON.stringify(p.avoid),
      `2026-11-0${id % 9}T18:00:00.000Z`,
    );
}

/** Today's family visit (Lena or Tom Fischer) checked in at the kiosk, preferences given, the ticket printed. */
function todayGives(m: Model, name: string, p: Preferences): number {
  const id = found(
    m.db.prepare("SELECT id FROM appointments WHERE guest_name = ? AND local_day = '2026-11-25'").pluck().get(name) as
      number | undefined,
    name,
  );
  checkInAtKiosk(m, id, "en");
  savePreferences(m, id, p);
  confirmAddons(m, receptionist(m), id);
  return id;
}

const storedIds = (m: Model): number[] =>
  m.db.prepare("SELECT appointment_id FROM guest_preferences ORDER BY appointment_id").pluck().all() as number[];

describe("Back office → Guest data: one person's data on a phone the family shares", () => {
  it("lists Lena (written three ways), her mother and Tom as three people; erasing Lena leaves theirs, export holds hers only", async () => {
    const m = await demoModel();
    const [a, b, c, d] = pastBookings(m, 4);
    bookAs(m, found(a, "1st"), "lena fischer", "+1 (555) 010-7788");
    bookAs(m, found(b, "2nd"), "Léna Fischer", "555.010.7788");
    bookAs(m, found(c, "3rd"), "Ingrid Fischer", "5550107788");
    bookAs(m, found(d, "4th"), "Ingrid Fischer", "1 555 010 7788");
    gaveBefore(m, found(a, "1st"), lavender);
    gaveBefore(m, found(c, "3rd"), nuts);
    m.db.prepare("UPDATE appointments SET guest_name = 'FISCHER, LENA' WHERE guest_name = 'Lena Fischer'").run();
    // Today's replace her earlier ones (the kiosk keeps one guest's newest), not her mother's.
    const lenaToday = todayGives(m, "FISCHER, LENA", nuts);
    const tomToday = todayGives(m, "Tom Fischer", { ...nuts, allergies: ["latex"] });

    const people = guestsOnPhone(m, "(555) 010-7788");
    expect(people.map((p) => [p.name, p.bookings])).toEqual([
      ["FISCHER, LENA", 3],
      ["Ingrid Fischer", 2],
      ["Tom Fischer", 1],
    ]);
    const lena = found(people[0], "Lena");
    expect(lena.lastDay).toBe("2026-11-25");
    expect(lena.firstDay < lena.lastDay).toBe(true);
    expect(lena.stored).toEqual({ visits: 1, allergies: 1, avoid: 1, pressure: 1 });

    // Any of the ways her bookings wrote her picks her, and only her.
    const exported = exportGuestPreferences(m, manager(m), "5550107788", { kind: "person", name: "lena fischer" });
    expect(exported.map((v) => [v.bookedAs, v.allergies])).toEqual([["FISCHER, LENA", ["nuts"]]]);

    expect(eraseGuestPreferences(m, manager(m), "555-010-7788", { kind: "person", name: lena.name })).toBe(1);
    expect(storedIds(m)).toEqual([found(c, "3rd"), tomToday].sort((x, y) => x - y));
    expect(latestTicket(m, lenaToday)?.alerts).toBeUndefined();
    expect(latestTicket(m, tomToday)?.alerts).toMatchObject({ allergies: ["Latex"], avoid: ["Face"] });
    // What the audit keeps: counts, never a name or an allergy.
    const audit = m.db
      .prepare("SELECT after_json FROM audit_log WHERE action IN ('preferences.export', 'preferences.erase')")
      .pluck()
      .all();
    expect(audit).toEqual(['{"visits":1,"people":1}', '{"visits":1,"people":1}']);
    expect(
      m.db
        .prepare("SELECT count(*) FROM audit_log WHERE after_json LIKE '%Fischer%' OR after_json LIKE '%lavender%'")
        .pluck()
        .get(),
    ).toBe(0);
  });

  it("her erase also clears the alerts on the ticket of a visit whose preferences her next visit replaced", async () => {
    const m = await demoModel();
    const today = todayGives(m, "Lena Fischer", nuts);
    const row = found(
      m.db.prepare("SELECT id, starts_at FROM appointments WHERE booking_code = 'HH6677'").get() as
        { id: number; starts_at: string } | undefined,
      "HH6677",
    );
    bookAs(m, row.id, "FISCHER, LENA", FAMILY);
    m.clock.set(new Date(Date.parse(row.starts_at) - 3_600_000).toISOString());
    checkInAtKiosk(m, row.id, "en");
    savePreferences(m, row.id, lavender);
    // The newest replaced yesterday's row; yesterday's ticket still carried the nut allergy.
    expect(storedIds(m)).toEqual([row.id]);
    expect(latestTicket(m, today)?.alerts).toMatchObject({ allergies: ["Nuts"] });
    expect(eraseGuestPreferences(m, manager(m), FAMILY, { kind: "person", name: "Lena Fischer" })).toBe(1);
    expect(latestTicket(m, today)?.alerts).toBeUndefined();
  });

  it("everyone on the number, asked for explicitly, is everyone; a person no longer on it is refused, nothing erased", async () => {
    const m = await demoModel();
    todayGives(m, "Lena Fischer", nuts);
    todayGives(m, "Tom Fischer", lavender);
    expect(() => eraseGuestPreferences(m, manager(m), FAMILY, { kind: "person", name: "Ingrid Fischer" })).toThrow(
      "That guest has no booking on this number any more. Find the number again to see who has.",
    );
    expect(storedIds(m)).toHaveLength(2);
    expect(exportGuestPreferences(m, manager(m), FAMILY, { kind: "everyone" })).toHaveLength(2);
    expect(eraseGuestPreferences(m, manager(m), FAMILY, { kind: "everyone" })).toBe(2);
    expect(storedIds(m)).toEqual([]);
    expect(m.db.prepare("SELECT after_json FROM audit_log WHERE action = 'preferences.erase'").pluck().get()).toBe(
      '{"visits":2,"people":2}',
    );
  });

  it("no booking on a number: an empty list; two people whose names fold alike show as one line, as the kiosk takes them", async () => {
    const m = await demoModel();
    expect(guestsOnPhone(m, "555 019 0000")).toEqual([]);
    const [a, b] = pastBookings(m, 2);
    bookAs(m, found(a, "1st"), "Maria Garcia", "5550194455");
    bookAs(m, found(b, "2nd"), "MARÍA GARCÍA", "5550194455");
    expect(guestsOnPhone(m, "5550194455").map((p) => [p.name, p.bookings])).toEqual([["MARÍA GARCÍA", 2]]);
  });

  it("thirty people on one number (an office's switchboard): thirty lines, by name, each with their own bookings", async () => {
    const m = await demoModel();
    const ids = pastBookings(m, 90);
    ids.forEach((id, i) => bookAs(m, id, `Guest${String(i % 30).padStart(2, "0")} Office`, "5550194455"));
    const started = performance.now();
    const people = guestsOnPhone(m, "5550194455");
    const ms = performance.now() - started;
    expect(people).toHaveLength(30);
    expect(people.map((p) => p.name)).toEqual([...people.map((p) => p.name)].sort());
    expect(people.every((p) => p.bookings === 3)).toBe(true);
    expect(ms).toBeLessThan(500);
  });
});

/** Ways a booking system writes one name: as given, capitals "LAST, FIRST", small letters, accents dropped. */
const written = (first: string, last: string, how: number): string => {
  const plain = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "");
  return [
    `${first} ${last}`,
    `${last.toUpperCase()}, ${first.toUpperCase()}`,
    `${first.toLowerCase()} ${last.toLowerCase()}`,
    `${plain(first)} ${plain(last)}`,
    `${last},  ${first}`,
  ][how % 5] as string;
};
const FAMILY_NAMES: [string, string][] = [
  ["Lena", "Fischer"],
  ["Tom", "Fischer"],
  ["Ingrid", "Fischer"],
  ["María José", "González"],
  ["José", "González"],
];
const PHONES = ["(555) 019-4455", "+1 555 019 4455", "555.019.4455", "15550194455"];

describe("a property: on a shared phone, one person's export is theirs only and their erase touches nobody else's", () => {
  it("holds for any family, any spelling of each booking, any visits with preferences", async () => {
    const m = await demoModel();
    const pool = pastBookings(m, 12);
    const booking = fc.record({
      person: fc.nat({ max: FAMILY_NAMES.length - 1 }),
      how: fc.nat({ max: 4 }),
      phone: fc.nat({ max: PHONES.length - 1 }),
      gave: fc.option(fc.constantFrom(nuts, lavender), { nil: null }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(booking, { minLength: 2, maxLength: pool.length }),
        fc.nat(),
        async (bookings, pick) => {
          m.db.exec("BEGIN");
          try {
            const personOf = new Map<number, number>();
            bookings.forEach((bk, i) => {
              const id = found(pool[i], "booking");
              const [first, last] = found(FAMILY_NAMES[bk.person], "name");
              bookAs(m, id, written(first, last, bk.how), found(PHONES[bk.phone], "phone"));
              personOf.set(id, bk.person);
              if (bk.gave) gaveBefore(m, id, bk.gave);
            });
            const people = guestsOnPhone(m, "5550194455");
            expect(people).toHaveLength(new Set(personOf.values()).size);
            const target = found(people[pick % people.length], "picked person");
            const mine = (id: number) => {
              const [first, last] = found(FAMILY_NAMES[found(personOf.get(id), "who")], "name");
              return sameGuest(target.name, `${first} ${last}`);
            };
            const before = storedIds(m);
            const theirs = before.filter((id) => personOf.has(id) && mine(id));
            const who: GuestWho = { kind: "person", name: target.name };
            const exported = exportGuestPreferences(m, manager(m), "555 019 4455", who);
            expect(exported).toHaveLength(theirs.length);
            expect(exported.every((v) => sameGuest(v.bookedAs, target.name))).toBe(true);
            expect(eraseGuestPreferences(m, manager(m), "5550194455", who)).toBe(theirs.length);
            expect(storedIds(m)).toEqual(before.filter((id) => !theirs.includes(id)));
          } finally {
            m.db.exec("ROLLBACK");
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
