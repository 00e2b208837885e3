import { describe, expect, it } from "vitest";
import { changeAddons, confirmAddons } from "../desk/addons";
import { storeBookedAddons } from "../desk/booked-addons";
import { exportConfirmedAddons } from "../desk/pos-export";
import { queueItem } from "../desk/queue";
import { latestTicket } from "../printing/tickets";
import { uptakeReport } from "../reports/reports";
import { getSettings, spaToday } from "../settings";
import { addMinutes, clockTimeLocal } from "../time";
import { appointmentIdOf, demoModel, found, receptionist } from "../test/helpers";
import { checkInAtKiosk } from "./check-in";
import { chooseAddons } from "./choose";

/**
 * An add-on the guest booked ahead in the booking system (an import joined its row to the massage, visits.ts):
 * the booking is longer by its minutes and it is stored as the visit's. What the guest, the desk, the therapist and the
 * manager see of it.
 */
type M = Awaited<ReturnType<typeof demoModel>>;
const addonId = (m: M, code: string) =>
  found(m.db.prepare("SELECT id FROM addons WHERE code = ?").pluck().get(code) as number | undefined, code);
const title = (m: M, code: string, lang: string) =>
  m.db
    .prepare("SELECT t.title FROM addon_texts t JOIN addons a ON a.id = t.addon_id WHERE a.code = ? AND t.lang = ?")
    .pluck()
    .get(code, lang) as string;

/** As an import stores it: the booking runs on for the add-on's minutes, and holds it as booked ahead. */
function bookAhead(m: M, code: string, codes: string[]): { id: number; endsAt: string } {
  const id = appointmentIdOf(m, code);
  const { ends_at } = m.db.prepare("SELECT ends_at FROM appointments WHERE id = ?").get(id) as { ends_at: string };
  const endsAt = addMinutes(ends_at, 15 * codes.length);
  m.db.prepare("UPDATE appointments SET ends_at = ? WHERE id = ?").run(endsAt, id);
  storeBookedAddons(
    m.db,
    id,
    codes.map((c) => ({ id: addonId(m, c), minutes: 15 })),
  );
  return { id, endsAt };
}
const report = (m: M) => {
  const day = spaToday(m);
  return uptakeReport(m, { from: day, to: day, grain: "day" });
};
const byCode = (r: ReturnType<typeof report>, code: string) => r.byAddon.find((a) => a.code === code);

describe("an add-on booked ahead in the booking system", () => {
  it("María booked a scalp massage: the kiosk offers her only the face massage, and says the scalp is booked", async () => {
    const m = await demoModel();
    const before = report(m);
    const { id, endsAt } = bookAhead(m, "HH2233", ["scalp"]);
    const { visit } = checkInAtKiosk(m, id, "es");
    expect(visit.offer.cards.map((c) => c.code)).toEqual(["face"]);
    expect(visit.offer.booked).toEqual([{ addonId: addonId(m, "scalp"), title: title(m, "scalp", "es") }]);
    // The face massage is checked against her therapist's next guest from the booking's end, after the scalp.
    expect(visit.offer.cards[0]?.available).toBe(true);
    expect(visit.offer.freeMinutes).toBe(30);
    // The scalp massage can't be chosen at the kiosk: it was never offered.
    expect(() =>
      chooseAddons(m, { appointmentId: id, addonIds: [addonId(m, "scalp")], offerMs: 4000, lang: "es" }),
    ).toThrow("That add-on isn't available for this appointment.");
    chooseAddons(m, { appointmentId: id, addonIds: [addonId(m, "face")], offerMs: 4000, lang: "es" });

    // The desk: the scalp massage as an add-on booked ahead, the face massage the guest's kiosk choice.
    const desk = receptionist(m);
    expect(queueItem(m, id)).toMatchObject({
      bookedAhead: ["Scalp massage"],
      bookedAddonIds: [addonId(m, "scalp")],
      offer: { guestChoice: ["Face massage"], channel: "kiosk" },
    });
    confirmAddons(m, desk, id);

    // The therapist's slip: both in the add-ons, the scalp first and inside the booking's time; the face after it.
    const ticket = found(latestTicket(m, id), "María's ticket");
    expect(ticket.addons).toEqual([
      { code: "scalp", title: "SCALP MASSAGE", extraMinutes: 15, bookedAhead: true },
      { code: "face", title: "FACE MASSAGE", extraMinutes: 15 },
    ]);
    const item = queueItem(m, id);
    expect(ticket.serviceMinutes).toBe((Date.parse(item.endsAt) - Date.parse(item.startsAt)) / 60_000 - 15);
    // Her session ends 15 minutes after the booking (the face massage); the scalp massage is inside it.
    expect(ticket.endLocal).toBe(clockTimeLocal(addMinutes(endsAt, 15), getSettings(m.db).timeZone));

    // The desk can't sell her the scalp massage again.
    expect(() =>
      changeAddons(m, desk, { appointmentId: id, addonIds: [addonId(m, "face"), addonId(m, "scalp")] }),
    ).toThrow(
      "Scalp massage is booked ahead in the booking system: it is on the ticket already, and the booking holds its time. Untick it.",
    );

    // The till rings up the face massage only: the booking system took the scalp massage's payment.
    const pos = exportConfirmedAddons(m, spaToday(m)).content;
    expect(pos).toContain("Face massage");
    expect(pos).not.toContain("Scalp massage");
    // The manager's uptake report counts the kiosk's offer: the face massage shown and taken, the scalp neither.
    const after = report(m);
    expect(after.totals.offered - before.totals.offered).toBe(1);
    expect(after.totals.taken - before.totals.taken).toBe(1);
    expect((byCode(after, "face")?.taken ?? 0) - (byCode(before, "face")?.taken ?? 0)).toBe(1);
    expect([byCode(after, "scalp")?.shown, byCode(after, "scalp")?.taken]).toEqual([
      byCode(before, "scalp")?.shown,
      byCode(before, "scalp")?.taken,
    ]);
  });

  it("both add-ons booked: no offer at the kiosk (not a decline), and the desk's one Confirm prints both on the slip", async () => {
    const m = await demoModel();
    const before = report(m);
    const { id } = bookAhead(m, "HH2233", ["face", "scalp"]);
    const { visit } = checkInAtKiosk(m, id, "zh");
    expect(visit.offer.cards).toEqual([]);
    expect(visit.offer.booked.map((b) => b.title)).toEqual([title(m, "face", "zh"), title(m, "scalp", "zh")]);
    expect(m.db.prepare("SELECT count(*) FROM offers WHERE appointment_id = ?").pluck().get(id)).toBe(0);
    expect(queueItem(m, id)).toMatchObject({
      stage: "checked_in",
      offer: null,
      bookedAhead: ["Face massage", "Scalp massage"],
    });

    confirmAddons(m, receptionist(m), id);
    expect(m.db.prepare("SELECT count(*) FROM offers WHERE appointment_id = ?").pluck().get(id)).toBe(0);
    expect(found(latestTicket(m, id), "the ticket").addons).toEqual([
      { code: "face", title: "FACE MASSAGE", extraMinutes: 15, bookedAhead: true },
      { code: "scalp", title: "SCALP MASSAGE", extraMinutes: 15, bookedAhead: true },
    ]);
    const after = report(m);
    expect([after.totals.checkIns - before.totals.checkIns, after.totals.offered - before.totals.offered]).toEqual([
      1, 0,
    ]);
    expect(exportConfirmedAddons(m, spaToday(m)).content).not.toContain("HH2233");
  });
});
