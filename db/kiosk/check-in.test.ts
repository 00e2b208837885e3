import type { Model } from "../model";
import { describe, expect, it } from "vitest";
import { phoneInputSchema } from "../../contract/channels";
import { verifyAuditChain } from "../audit";
import { arrivalsQueue } from "../desk/queue";
import { confirmAddons } from "../desk/addons";
import { insertAppointment } from "../desk/appointments";
import { checkInAtKiosk } from "./check-in";
import { chooseAddons } from "./choose";
import { findAppointments, searchForKiosk } from "./search";
import { kioskVisit } from "./visit";
import { addMinutes } from "../time";
import { DEMO_GUESTS } from "../demo/seed-demo";
import { connect } from "../open";
import { demoModel, receptionist, found, appointmentIdOf } from "../test/helpers";

const phone = (s: string) => phoneInputSchema.parse(s);

describe("kiosk check-in", () => {
  it("finds today's appointment by any common phone format, showing only first name and last initial", async () => {
    const m = await demoModel();
    for (const typed of ["+1 (555) 010-2233", "555.010.2233", "5550102233", "15550102233"]) {
      const matches = findAppointments(m, { by: "phone", phone: phone(typed) });
      expect(matches).toHaveLength(1);
      expect(matches[0]?.guestLabel).toBe("María G.");
      expect(JSON.stringify(matches)).not.toContain("González");
      expect(JSON.stringify(matches)).not.toContain("2233");
    }
    expect(findAppointments(m, { by: "code", code: "HH2233" })).toHaveLength(1);
    expect(findAppointments(m, { by: "phone", phone: phone("555 999 0000") })).toEqual([]);
  });

  it("a guest on the wrong day is told when their booking is, by a whole number or a code only, and never past 60 days", async () => {
    const m = await demoModel();
    const book = (days: number, phone: string, bookingCode: string, status = "booked") => {
      const id = m.db.transaction(() =>
        insertAppointment(m, "America/Los_Angeles", {
          guestName: "Wrong Day",
          phone,
          bookingCode,
          serviceId: 1,
          therapistId: 1,
          roomId: 1,
          startsAt: addMinutes(m.clock.now().toISOString(), days * 24 * 60),
          source: "desk",
        }),
      )();
      m.db.prepare("UPDATE appointments SET status = ? WHERE id = ?").run(status, id);
      return m.db.prepare("SELECT starts_at FROM appointments WHERE id = ?").get(id) as { starts_at: string };
    };
    const inNine = book(9, "555 020 1111", "WD0009");
    book(2, "555 020 1111", "WD0002", "cancelled");
    book(61, "555 020 2222", "WD0061");
    book(-3, "555 020 3333", "WD0003");
    expect(searchForKiosk(m, { by: "phone", phone: phone("555 020 1111") })).toEqual({
      matches: [],
      laterStartsAt: inNine.starts_at,
    });
    expect(searchForKiosk(m, { by: "code", code: "WD0009" })).toEqual({ matches: [], laterStartsAt: inNine.starts_at });
    // A few last digits could be anyone's; a cancelled booking, one 61 days out and one in the past say nothing.
    expect(searchForKiosk(m, { by: "phone", phone: phone("020 1111") }).laterStartsAt).toBeNull();
    expect(searchForKiosk(m, { by: "code", code: "WD0002" }).laterStartsAt).toBeNull();
    expect(searchForKiosk(m, { by: "phone", phone: phone("555 020 2222") }).laterStartsAt).toBeNull();
    expect(searchForKiosk(m, { by: "phone", phone: phone("555 020 3333") }).laterStartsAt).toBeNull();
    // Today's booking comes first: María has one today, so nothing about later days.
    book(5, DEMO_GUESTS.bothFit.phone, "WD0005");
    expect(searchForKiosk(m, { by: "phone", phone: phone(DEMO_GUESTS.bothFit.phone) })).toMatchObject({
      matches: [{ guestLabel: "María G." }],
      laterStartsAt: null,
    });
  });

  it("lists every appointment sharing a number so the guest can pick theirs", async () => {
    const m = await demoModel();
    const matches = findAppointments(m, { by: "phone", phone: phone(DEMO_GUESTS.family.phone) });
    expect(matches.map((x) => x.guestLabel).sort()).toEqual(["Lena F.", "Tom F."]);
  });

  it("rejects letters, too few and too many digits with a specific message", () => {
    expect(phoneInputSchema.safeParse("555-CALL-NOW").error?.issues[0]?.message).toBe("Use digits only.");
    expect(phoneInputSchema.safeParse("12345").error?.issues[0]?.message).toMatch(/at least 7 digits/);
    expect(phoneInputSchema.safeParse("1".repeat(30)).error?.issues[0]?.message).toBe("That number is too long.");
  });

  it("is idempotent: a double tap creates one check-in, one offer and one audit row", async () => {
    const m = await demoModel();
    const [match] = findAppointments(m, { by: "code", code: "HH2233" });
    const id = found(match, "match").appointmentId;
    const first = checkInAtKiosk(m, id, "en");
    const second = checkInAtKiosk(m, id, "en");
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.visit.checkedInAt).toBe(first.visit.checkedInAt);
    const count = (sql: string) => (m.db.prepare(sql).get(id) as { n: number }).n;
    expect(count("SELECT count(*) AS n FROM check_ins WHERE appointment_id = ?")).toBe(1);
    expect(count("SELECT count(*) AS n FROM offers WHERE appointment_id = ?")).toBe(1);
    expect(count("SELECT count(*) AS n FROM audit_log WHERE action = 'check_in.create' AND entity_id = ?")).toBe(1);
    expect(verifyAuditChain(m.db).ok).toBe(true);
  });

  it("offers both add-ons with their price and minutes and records the guest's choice and offer time", async () => {
    const m = await demoModel();
    const id = appointmentIdOf(m, "HH2233");
    const { visit } = checkInAtKiosk(m, id, "en");
    expect(visit.offer.cards.map((c) => [c.code, c.priceCents, c.extraMinutes, c.available])).toEqual([
      ["face", 2500, 15, true],
      ["scalp", 2000, 10, true],
    ]);
    expect(visit.offer.selectedAddonIds).toEqual([]);
    const face = found(visit.offer.cards[0], "visit.offer.cards[0]").addonId;
    const choice = chooseAddons(m, { appointmentId: id, addonIds: [face], offerMs: 5200, lang: "en" });
    expect(choice).toMatchObject({ status: "accepted", chosen: [{ title: "Face massage", priceCents: 2500 }] });
    const item = arrivalsQueue(m).items.find((i) => i.appointmentId === id);
    expect(item).toMatchObject({
      stage: "awaiting_confirmation",
      offer: { guestChoice: ["Face massage"], channel: "kiosk" },
    });
    expect(m.db.prepare("SELECT offer_ms FROM offers WHERE appointment_id = ?").get(id)).toEqual({ offer_ms: 5200 });
  });

  it("shows the next guest a catalogue change at once: price, copy, an add-on switched off, even from another connection", async () => {
    const m = await demoModel();
    const [lena, tom] = findAppointments(m, { by: "phone", phone: phone(DEMO_GUESTS.family.phone) });
    const maria = findAppointments(m, { by: "code", code: DEMO_GUESTS.bothFit.code })[0];
    const cards = (id: number) => checkInAtKiosk(m, id, "en").visit.offer.cards;
    const before = cards(found(maria, "maria").appointmentId);
    const face = before.find((c) => c.code === "face");
    expect(face).toBeDefined();

    // Another connection to the same file (a second process, an import): nothing in this
    // process is told; the next check-in must still see the new price and copy.
    const other = connect(m.db.name);
    other.prepare("UPDATE addons SET price_cents = price_cents + 500 WHERE id = ?").run(face?.addonId);
    other
      .prepare("UPDATE addon_texts SET title = 'Face massage, new' WHERE addon_id = ? AND lang = 'en'")
      .run(face?.addonId);
    other.close();
    const after = cards(found(lena, "lena").appointmentId).find((c) => c.code === "face");
    expect(after?.priceCents).toBe(found(face, "the face card").priceCents + 500);
    expect(after?.title).toBe("Face massage, new");

    m.db.prepare("UPDATE addons SET active = 0 WHERE id = ?").run(face?.addonId);
    expect(cards(found(tom, "tom").appointmentId).map((c) => c.code)).not.toContain("face");
  });

  it("does not offer an add-on that would run into the therapist's next guest, and says why", async () => {
    const m = await demoModel();
    const id = appointmentIdOf(m, "HH4455");
    const { visit } = checkInAtKiosk(m, id, "es");
    expect(visit.offer.cards.every((c) => !c.available)).toBe(true);
    expect(visit.offer.cards.map((c) => c.unavailableReason)).toEqual(["therapist", "therapist"]);
    expect(visit.offer.freeMinutes).toBe(0);
    const face = found(visit.offer.cards[0], "visit.offer.cards[0]").addonId;
    expect(() => chooseAddons(m, { appointmentId: id, addonIds: [face], offerMs: 1, lang: "en" })).toThrow(
      /isn't available/,
    );
  });

  it("refuses an unknown appointment or one from another day", async () => {
    const m = await demoModel();
    expect(() => checkInAtKiosk(m, 999_999, "en")).toThrow(/couldn't find that appointment for today/);
    const yesterday = m.db.prepare("SELECT id FROM appointments WHERE local_day < '2026-11-25' LIMIT 1").get() as {
      id: number;
    };
    expect(() => checkInAtKiosk(m, yesterday.id, "en")).toThrow(/couldn't find/);
  });

  it("sends a guest whose session is over to the desk, writing nothing; a guest already in still gets their visit", async () => {
    const m = await demoModel();
    const [match] = findAppointments(m, { by: "code", code: "HH2233" });
    expect(match?.ended).toBe(false);
    const id = found(match, "match").appointmentId;
    m.clock.set(match?.endsAt ?? ""); // the moment María's session ends
    expect(findAppointments(m, { by: "code", code: "HH2233" })[0]?.ended).toBe(true);
    const audit = m.db.prepare("SELECT count(*) AS n FROM audit_log").get();
    expect(() => checkInAtKiosk(m, id, "en")).toThrow("This session ended at 12:30 PM. Please see the front desk.");
    expect(m.db.prepare("SELECT count(*) AS n FROM check_ins WHERE appointment_id = ?").get(id)).toEqual({ n: 0 });
    expect(m.db.prepare("SELECT count(*) AS n FROM offers WHERE appointment_id = ?").get(id)).toEqual({ n: 0 });
    expect(m.db.prepare("SELECT count(*) AS n FROM audit_log").get()).toEqual(audit);
    // Checked in while it ran, she may still open her visit afterwards (the Done screen, a second tap).
    m.clock.advance(-1);
    const first = checkInAtKiosk(m, id, "en");
    m.clock.advance(30);
    expect(checkInAtKiosk(m, id, "en")).toEqual({ created: false, visit: first.visit });
  });
});

const mariaId = (m: Model) => appointmentIdOf(m, "HH2233");
const slotOf = (m: Model, id: number) =>
  m.db.prepare("SELECT therapist_id, room_id, service_id, ends_at FROM appointments WHERE id = ?").get(id) as {
    therapist_id: number;
    room_id: number;
    service_id: number;
    ends_at: string;
  };
/** Books someone else `gap` minutes after María's session, with her therapist or in her room. */
function bookAfter(m: Model, id: number, gap: number, share: "therapist" | "room"): void {
  const slot = slotOf(m, id);
  const other = (
    m.db.prepare("SELECT id FROM therapists WHERE id != ? LIMIT 1").get(slot.therapist_id) as { id: number }
  ).id;
  const otherRoom = (m.db.prepare("SELECT id FROM rooms WHERE id != ? LIMIT 1").get(slot.room_id) as { id: number }).id;
  m.db.transaction(() =>
    insertAppointment(m, "America/Los_Angeles", {
      guestName: "Next Guest",
      phone: "5550300000",
      serviceId: slot.service_id,
      therapistId: share === "therapist" ? slot.therapist_id : other,
      roomId: share === "room" ? slot.room_id : otherRoom,
      startsAt: addMinutes(slot.ends_at, gap),
      source: "desk",
    }),
  )();
}

describe("capacity", () => {
  it("offers each add-on alone but refuses both together when only one fits before the next booking", async () => {
    const m = await demoModel();
    const id = mariaId(m);
    m.db
      .prepare("DELETE FROM appointments WHERE therapist_id = ? AND starts_at > ? AND id != ?")
      .run(slotOf(m, id).therapist_id, slotOf(m, id).ends_at, id);
    bookAfter(m, id, 20, "therapist"); // face 15 fits, scalp 10 fits, both (25) do not
    const { visit } = checkInAtKiosk(m, id, "en");
    expect(visit.offer.cards.map((c) => [c.code, c.available])).toEqual([
      ["face", true],
      ["scalp", true],
    ]);
    expect(visit.offer.freeMinutes).toBe(20);
    const [face, scalp] = visit.offer.cards.map((c) => c.addonId) as [number, number];
    expect(() => chooseAddons(m, { appointmentId: id, addonIds: [face, scalp], offerMs: 10, lang: "en" })).toThrow(
      /Only one of these add-ons fits/,
    );
    // Nothing was half-saved by the refusal.
    expect(m.db.prepare("SELECT status FROM offers WHERE appointment_id = ?").get(id)).toEqual({ status: "offered" });
    expect(chooseAddons(m, { appointmentId: id, addonIds: [face], offerMs: 10, lang: "en" }).status).toBe("accepted");
    expect(
      chooseAddons(m, { appointmentId: id, addonIds: [scalp], offerMs: 10, lang: "en" }).chosen.map((c) => c.addonId),
    ).toEqual([scalp]);
  });

  it("names the room when the room, not the therapist, is booked right after", async () => {
    const m = await demoModel();
    const id = mariaId(m);
    bookAfter(m, id, 12, "room"); // scalp (10) fits, face (15) does not
    const { visit } = checkInAtKiosk(m, id, "es");
    expect(visit.offer.cards.map((c) => [c.code, c.available, c.unavailableReason])).toEqual([
      ["face", false, "room"],
      ["scalp", true, null],
    ]);
  });
});

describe("funnel", () => {
  it("records what was shown and what was unavailable (and why) when the offer opens", async () => {
    const m = await demoModel();
    const id = mariaId(m);
    bookAfter(m, id, 12, "room");
    checkInAtKiosk(m, id, "en");
    const items = m.db
      .prepare(
        "SELECT a.code, i.shown, i.unavailable FROM offer_items i JOIN addons a ON a.id = i.addon_id JOIN offers o ON o.id = i.offer_id WHERE o.appointment_id = ? ORDER BY a.sort_order",
      )
      .all(id);
    expect(items).toEqual([
      { code: "face", shown: 0, unavailable: "room" },
      { code: "scalp", shown: 1, unavailable: null },
    ]);
    expect(m.db.prepare("SELECT channel, status, offer_ms FROM offers WHERE appointment_id = ?").get(id)).toEqual({
      channel: "kiosk",
      status: "offered",
      offer_ms: null,
    });
  });

  it("leaves a guest who walks away on the offer screen as 'offered', and adds up offer time when they come back", async () => {
    const m = await demoModel();
    const id = mariaId(m);
    const { visit } = checkInAtKiosk(m, id, "en");
    checkInAtKiosk(m, id, "en"); // came back, left again
    expect(m.db.prepare("SELECT status FROM offers WHERE appointment_id = ?").get(id)).toEqual({ status: "offered" });
    chooseAddons(m, { appointmentId: id, addonIds: [], offerMs: 4000, lang: "en" });
    chooseAddons(m, {
      appointmentId: id,
      addonIds: [found(visit.offer.cards[1], "visit.offer.cards[1]").addonId],
      offerMs: 2500,
      lang: "en",
    });
    expect(m.db.prepare("SELECT status, offer_ms FROM offers WHERE appointment_id = ?").get(id)).toEqual({
      status: "accepted",
      offer_ms: 6500,
    });
  });

  it("writes no offer when no add-on fits at all: nothing was offered", async () => {
    const m = await demoModel();
    const id = appointmentIdOf(m, "HH4455");
    const { visit } = checkInAtKiosk(m, id, "en");
    expect(visit.offer.locked).toBe(false);
    expect(m.db.prepare("SELECT count(*) AS n FROM offers WHERE appointment_id = ?").get(id)).toEqual({ n: 0 });
  });
});

describe("after the desk confirms", () => {
  it("lets the guest change their add-on until the desk confirms, then locks it with a clear message", async () => {
    const m = await demoModel();
    const id = mariaId(m);
    const { visit } = checkInAtKiosk(m, id, "en");
    const [face, scalp] = visit.offer.cards.map((c) => c.addonId) as [number, number];
    chooseAddons(m, { appointmentId: id, addonIds: [face], offerMs: 100, lang: "en" });
    const again = checkInAtKiosk(m, id, "en");
    expect(again.created).toBe(false);
    expect(again.visit.offer).toMatchObject({ status: "accepted", selectedAddonIds: [face], locked: false });
    chooseAddons(m, { appointmentId: id, addonIds: [scalp], offerMs: 100, lang: "en" });
    confirmAddons(m, receptionist(m), id);
    expect(kioskVisit(m, id, "en").visit?.offer).toMatchObject({
      status: "confirmed",
      selectedAddonIds: [scalp],
      locked: true,
    });
    expect(() => chooseAddons(m, { appointmentId: id, addonIds: [face], offerMs: 100, lang: "en" })).toThrow(
      /already confirmed/,
    );
  });

  it("never opens an offer after the desk already printed a no-add-on ticket", async () => {
    const m = await demoModel();
    const id = appointmentIdOf(m, "HH4455");
    checkInAtKiosk(m, id, "en");
    confirmAddons(m, receptionist(m), id);
    m.db
      .prepare(
        "UPDATE appointments SET status = 'cancelled' WHERE id != ? AND starts_at >= (SELECT ends_at FROM appointments WHERE id = ?)",
      )
      .run(id, id);
    const { visit } = checkInAtKiosk(m, id, "en");
    expect(visit.offer.cards.some((c) => c.available)).toBe(true);
    expect(visit.offer.locked).toBe(true);
    expect(
      m.db.prepare("SELECT count(*) AS n FROM offers WHERE appointment_id = ? AND channel = 'kiosk'").get(id),
    ).toEqual({ n: 0 });
  });

  it("reads a visit without changing anything, and tells when the desk took the check-in back", async () => {
    const m = await demoModel();
    const id = mariaId(m);
    expect(kioskVisit(m, id, "en")).toEqual({ checkedIn: false, visit: null });
    expect(m.db.prepare("SELECT count(*) AS n FROM check_ins WHERE appointment_id = ?").get(id)).toEqual({ n: 0 });
    checkInAtKiosk(m, id, "en");
    expect(kioskVisit(m, id, "en").checkedIn).toBe(true);
    m.db.prepare("UPDATE appointments SET status = 'cancelled' WHERE id = ?").run(id);
    expect(() => kioskVisit(m, id, "en")).toThrow(/can't be checked in here/);
  });
});
