import { describe, expect, it } from "vitest";
import { phoneInputSchema } from "../../contract/channels";
import { insertAppointment } from "../desk/appointments";
import type { Model } from "../model";
import { demoModel } from "../test/helpers";
import { addMinutes } from "../time";
import { findAppointments, KIOSK_PHONE_SQL, searchForKiosk } from "./search";

const digits = (s: string) => phoneInputSchema.parse(s);
const typed = (m: Model, phone: string) =>
  findAppointments(m, { by: "phone", phone: digits(phone) }).map((a) => a.guestLabel);

/** A booking made for `guestName` on `phone` as the booking system wrote it, `inMinutes` from now. */
function book(m: Model, guestName: string, phone: string, inMinutes = 60, therapistId = 1): number {
  return m.db.transaction(() =>
    insertAppointment(m, "America/Los_Angeles", {
      guestName,
      phone: digits(phone),
      serviceId: 1,
      therapistId,
      roomId: therapistId,
      startsAt: addMinutes(m.clock.now().toISOString(), inMinutes),
      source: "import",
    }),
  )();
}

describe("the kiosk finds a guest by phone however the number was written", () => {
  it("a guest typing their number the local way finds the booking stored with a country code, and the reverse", async () => {
    const m = await demoModel();
    book(m, "Camille Dubois", "+33 6 12 34 56 78");
    book(m, "Sanne de Vries", "+31 6 23456789");
    book(m, "Olivia Smith", "+61 412 555 678");
    book(m, "Luca Weber", "+41 79 123 45 67");
    book(m, "Lars Berg", "+46 70 987 65 43");
    book(m, "Excel Aussie", "423456789"); // the booking system's spreadsheet dropped the 0 of 0423 456 789
    book(m, "Chloé Martin", "06 55 44 33 22"); // booked at the desk, the local way
    book(m, "Ana Pérez", "612 987 654"); // Spain has no trunk 0

    expect(typed(m, "06 12 34 56 78")).toEqual(["Camille D."]);
    expect(typed(m, "06 23456789")).toEqual(["Sanne V."]);
    expect(typed(m, "0412 555 678")).toEqual(["Olivia S."]);
    expect(typed(m, "079 123 45 67")).toEqual(["Luca W."]);
    expect(typed(m, "070 987 65 43")).toEqual(["Lars B."]);
    expect(typed(m, "0423 456 789")).toEqual(["Excel A."]);
    expect(typed(m, "+61 423 456 789")).toEqual(["Excel A."]);
    // The reverse: the keypad has no "+", so the guest types the country code's digits.
    expect(typed(m, "33 6 55 44 33 22")).toEqual(["Chloé M."]);
    expect(typed(m, "0033 6 55 44 33 22")).toEqual(["Chloé M."]);
    expect(typed(m, "34 612 987 654")).toEqual(["Ana P."]);
    // As before: the international form, and the last few digits.
    expect(typed(m, "33 6 12 34 56 78")).toEqual(["Camille D."]);
    expect(typed(m, "12 34 56 78")).toEqual(["Camille D."]);
  });

  it("never shows a US guest someone whose number shares only its last 9 digits", async () => {
    const m = await demoModel();
    book(m, "Other Person", "312-555-1234");
    book(m, "Trunk Person", "0125551234");
    expect(typed(m, "212-555-1234")).toEqual([]);
    expect(typed(m, "+1 212 555 1234")).toEqual([]);
    expect(typed(m, "312-555-1234")).toEqual(["Other P."]);
    expect(typed(m, "1 312 555 1234")).toEqual(["Other P."]);
  });

  it("a family booked under one number written two ways is found together, so one may check the other in too", async () => {
    const m = await demoModel();
    book(m, "Dubois, Camille", "+33 6 12 34 56 78", 60, 1);
    book(m, "Dubois, Hugo", "06 12 34 56 78", 60, 2);
    expect(typed(m, "06 12 34 56 78")).toEqual(["Camille D.", "Hugo D."]);
    expect(typed(m, "33 6 12 34 56 78")).toEqual(["Camille D.", "Hugo D."]);
  });

  it("a guest on the wrong day is told when their booking is, whichever way the number was written", async () => {
    const m = await demoModel();
    const id = book(m, "Olivia Smith", "+61 412 345 678", 9 * 24 * 60);
    book(m, "Someone Else", "5412 345 678", 2 * 24 * 60); // one more digit is no country code: not Olivia's
    const startsAt = m.db.prepare("SELECT starts_at FROM appointments WHERE id = ?").pluck().get(id);
    expect(searchForKiosk(m, { by: "phone", phone: digits("0412 345 678") })).toEqual({
      matches: [],
      laterStartsAt: startsAt,
    });
  });

  it("reads only today's bookings for a search, and the later days through the index on the number's last 8 digits", async () => {
    const m = await demoModel();
    const plan = (sql: string, params: object) =>
      (m.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail);
    const today = { day: "2026-11-25", key: "0612345678", end: "12345678", limit: -1 };
    expect(plan(KIOSK_PHONE_SQL.today, today)[0]).toBe("SEARCH a USING INDEX appointments_by_day (local_day=?)");
    const later = { day: "2026-11-25", until: "2027-01-24", end: "12345678" };
    expect(plan(KIOSK_PHONE_SQL.later, later)[0]).toBe(
      "SEARCH appointments USING INDEX appointments_by_phone_end (<expr>=? AND local_day>? AND local_day<?)",
    );
  });
});
