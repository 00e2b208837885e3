import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldText } from "../../contract/common";
import { OTHER_DAYS_AHEAD, OTHER_DAYS_BACK } from "../../contract/desk";
import { phoneKey } from "../../contract/phone";
import { addDays } from "../time";
import {
  bookingsOnOtherDays,
  newBookingCode,
  otherDayCandidates,
  otherDaysMatcher,
  readsAsNumber,
  type OtherDayRow,
} from "./appointments";
import { DEMO_GUESTS } from "../demo/seed-demo";
import { demoModel } from "../test/helpers";

describe("a guest not on today's list", () => {
  it("is found on other days by name without accents, phone digits or code: nearest first, with how the visit went", async () => {
    const m = await demoModel();
    // Priya is booked for tomorrow; the demo's history has past visits by its regular guests.
    expect(bookingsOnOtherDays(m, "priya shah")).toMatchObject([
      { guestName: DEMO_GUESTS.tomorrow.name, serviceName: "Swedish massage", status: "booked" },
    ]);
    // A first name alone finds every Priya: the nearest visits first, the past ones marked as they went.
    expect(bookingsOnOtherDays(m, "priya").map((b) => b.guestName)).toContain("Priya Patel");
    expect(bookingsOnOtherDays(m, "SHAH 6677")).toHaveLength(1);
    expect(bookingsOnOtherDays(m, DEMO_GUESTS.tomorrow.code.toLowerCase())).toHaveLength(1);
    expect(bookingsOnOtherDays(m, "priya nobody")).toEqual([]);
    // Today's guests are on the desk's own list, not here.
    expect(bookingsOnOtherDays(m, DEMO_GUESTS.bothFit.code)).toEqual([]);

    const past = bookingsOnOtherDays(m, "a");
    expect(past).toHaveLength(5);
    const now = m.clock.now().getTime();
    const distances = past.map((b) => Math.abs(Date.parse(b.startsAt) - now));
    expect(distances).toEqual([...distances].sort((x, y) => x - y));
    const earlier = past.filter((b) => Date.parse(b.startsAt) < now);
    expect(earlier.every((b) => b.status === "checked_in" || b.status === "missed")).toBe(true);
    expect(earlier.some((b) => b.status === "checked_in")).toBe(true);
  });
});

describe("a guest on other days searched by phone", () => {
  it("is found however the receptionist writes the number and however the booking system wrote it", async () => {
    const m = await demoModel();
    const insert = m.db.prepare(
      `INSERT INTO appointments (booking_code, guest_name, phone_key, phone, service_id, therapist_id, room_id, starts_at,
                                 ends_at, local_day, source, status, created_at)
       VALUES (?, ?, ?, ?, 1, 1, 1, ?, ?, ?, 'import', 'booked', '2026-11-25T10:00:00.000Z')`,
    );
    const book = (code: string, name: string, phone: string, day: string) =>
      insert.run(code, name, phoneKey(phone), phone, `${day}T18:00:00.000Z`, `${day}T19:00:00.000Z`, day);
    book("PH2345", "Camille Dubois", "+33 6 12 34 56 78", "2026-11-28");
    book("PH3456", "Oliver Smith", "+44 7700 900123", "2026-11-20");
    book("PH4567", "Dana Reyes", "+1 555 201 0000", "2026-12-03");
    book("PH5678", "Camille Martin", "06 98 76 54 32", "2026-11-29");
    const found = (query: string) => bookingsOnOtherDays(m, query).map((b) => b.guestName);

    expect(found("06 12 34 56 78")).toEqual(["Camille Dubois"]);
    expect(found("0612345678")).toEqual(["Camille Dubois"]);
    expect(found("0033 6 12 34 56 78")).toEqual(["Camille Dubois"]);
    expect(found("camille 06.12.34.56.78")).toEqual(["Camille Dubois"]);
    expect(found("martin 06 12 34 56 78")).toEqual([]);
    expect(found("07700 900123")).toEqual(["Oliver Smith"]);
    expect(found("(555) 201-0000")).toEqual(["Dana Reyes"]);
    expect(found("555-201-0000")).toEqual(["Dana Reyes"]);
    // The last 7 digits, however separated, as at the kiosk; another area code is another guest.
    expect(found("201-0000")).toEqual(["Dana Reyes"]);
    expect(found("(312) 201-0000")).toEqual([]);
    // The other way round: "+33 6…" finds the one booked as "06 98 76 54 32".
    expect(found("+33 6 98 76 54 32")).toEqual(["Camille Martin"]);
    // Names and a few digits as before: "camille 3456" is in the number as stored.
    expect(found("camille 3456")).toEqual(["Camille Dubois"]);
    expect(found("camille").sort()).toEqual(["Camille Dubois", "Camille Martin"]);
    expect(found("dubois 99")).toEqual([]);
  });
});

describe("the other-days search's narrowing (otherDayCandidates)", () => {
  // Guests as booking exports bring them: accents, other scripts, marks apart, case, spaces of all kinds, and phones
  // written every way (separators, a country code, letters for an extension).
  const name = fc.oneof(
    fc.constantFrom(
      "María González",
      "Zoë Müller",
      "CHLOÉ Martin",
      "李 小龍",
      "Jose\u0301 Pe\u00f1a",
      "Ana\tLee",
      "O'Brien-Ng",
    ),
    fc.stringMatching(/^[A-Za-z][A-Za-z' -]{1,20}$/),
    fc.string({ minLength: 1, maxLength: 12 }),
  );
  const phone = fc.oneof(
    fc.constantFrom("", "(212) 555-0199", "+44 20 7946 0958", "212.555.2233 ext 12", "5550002233", "+1 (646) 555-0134"),
    fc.stringMatching(/^[0-9 ()+.-]{0,18}$/),
  );
  const booking = fc.record({
    name,
    phone,
    external: fc.option(fc.oneof(fc.stringMatching(/^[A-Z0-9-]{1,10}$/), fc.string({ maxLength: 8 })), { nil: null }),
    day: fc.integer({ min: -20, max: 70 }),
  });

  it("never leaves out a booking the desk's matcher finds, for any search (property)", async () => {
    const m = await demoModel();
    const today = "2026-11-25";
    const now = m.clock.now().toISOString();
    const days = { from: addDays(today, -OTHER_DAYS_BACK), to: addDays(today, OTHER_DAYS_AHEAD), today };
    const insert = m.db.prepare(
      `INSERT INTO appointments (booking_code, guest_name, phone_key, phone, service_id, therapist_id, room_id, starts_at,
                                 ends_at, local_day, source, status, external_id, created_at)
       VALUES (?, ?, ?, ?, 1, 1, 1, ?, ?, ?, 'import', 'booked', ?, '2026-11-25T10:00:00.000Z')`,
    );
    const all = m.db.prepare(
      "SELECT id, guest_name, phone, booking_code, external_id, starts_at FROM appointments WHERE local_day BETWEEN @from AND @to AND local_day != @today",
    );
    // Searches made of the bookings' own pieces (so that some match), folded or not, and any text at all.
    const search = (bookings: { name: string; phone: string }[]) =>
      fc.oneof(
        fc.constantFrom(
          ...bookings.flatMap((b) => [
            b.name,
            b.name.toUpperCase(),
            foldText(b.name),
            b.phone.replace(/\D/g, "").slice(2, 7),
            b.phone.replace(/\D/g, "").slice(-5),
            b.phone.replace(/\D/g, "").slice(0, 5),
            // The number as the receptionist may write it: as the booking did, with a trunk 0, a country code.
            b.phone,
            `0${b.phone.replace(/\D/g, "").slice(-9)}`,
            `+33 ${b.phone.replace(/\D/g, "").slice(-9)}`,
            `${foldText(b.name).split(" ")[0] ?? ""} ${b.phone.replace(/\D/g, "").slice(-7, -4)}-${b.phone.replace(/\D/g, "").slice(-4)}`,
          ]),
        ),
        fc.string({ minLength: 2, maxLength: 10 }),
        fc.constantFrom("gonzalez 2233", "muller", "jose pena", "0958", "e\u0301", "\u0301\u0301"),
      );
    fc.assert(
      fc.property(
        fc
          .array(booking, { minLength: 1, maxLength: 15 })
          .chain((bookings) => fc.tuple(fc.constant(bookings), search(bookings))),
        ([bookings, query]) => {
          m.db.exec("SAVEPOINT narrowing");
          try {
            bookings.forEach((b, i) => {
              const day = addDays(today, b.day);
              insert.run(
                `NR${String(i).padStart(4, "0")}`,
                b.name,
                phoneKey(b.phone),
                b.phone,
                `${day}T18:00:00.000Z`,
                `${day}T19:00:00.000Z`,
                day,
                b.external === null ? null : `${b.external}~${i}`,
              );
            });
            const matches = otherDaysMatcher(query);
            const found = (rows: OtherDayRow[]) =>
              rows
                .filter(matches)
                .map(([id]) => id)
                .sort((a, b) => a - b);
            const every = all.raw(true).all(days) as OtherDayRow[];
            expect(found([...otherDayCandidates(m.db, days, query, now)])).toEqual(found(every));
            // And the five the desk sees: the nearest matches, the sooner of two as near, as sorting them all chose.
            const distance = (startsAt: string) => Math.abs(Date.parse(startsAt) - Date.parse(now));
            const matched = found(every);
            const nearest = every
              .filter(([id]) => matched.includes(id))
              .sort(([, , , , , a], [, , , , , b]) => distance(a) - distance(b) || a.localeCompare(b))
              .slice(0, 5)
              .map(([id]) => id);
            expect(bookingsOnOtherDays(m, query).map((b) => b.appointmentId)).toEqual(nearest);
          } finally {
            m.db.exec("ROLLBACK TO narrowing; RELEASE narrowing");
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe("a new booking code", () => {
  it("is never one a spreadsheet reads as a number, so an export's code still matches its booking when opened", () => {
    expect(["234E56", "2E3", "234567", "9E99999"].map(readsAsNumber)).toEqual([true, true, true, true]);
    expect(["HH2233", "2E3A", "E23456", "23456E"].map(readsAsNumber)).toEqual([false, false, false, false]);
    for (let i = 0; i < 20_000; i++) {
      const code = newBookingCode();
      expect(code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
      expect(readsAsNumber(code)).toBe(false);
    }
  });
});
