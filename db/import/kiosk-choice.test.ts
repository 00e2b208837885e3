import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { changeAddons, confirmAddons, voidAddons } from "../desk/addons";
import { appointmentHistory } from "../desk/history";
import { exportConfirmedAddons } from "../desk/pos-export";
import { queueItem } from "../desk/queue";
import { checkInAtKiosk } from "../kiosk/check-in";
import { chooseAddons } from "../kiosk/choose";
import { latestTicket } from "../printing/tickets";
import { spaToday } from "../settings";
import { demoModel, found } from "../test/helpers";
import { commitImport } from "./commit";
import { previewImport } from "./preview";

/**
 * A guest chose an add-on at the kiosk, and a later file books the same one ahead (the guest booked it online, or the
 * booking system's receptionist added it): the visit carries it once, sold once, by the booking system, whatever the
 * kiosk choice had come to (chosen, confirmed with its slip printed, voided).
 */
const riley = { kind: "staff", staffId: 2, name: "Riley Chen" } as const;
const HEADER = "Appt ID,Client Name,Mobile,Service,Therapist,Room,Date,Start Time,Duration,Status,Notes";
/** Friday 27 November 2026, 9:00 AM at the spa: its demo bookings end at 10 PM, the file's come after. */
const NINE_AM = "2026-11-27T17:00:00.000Z";
const MASSAGE =
  "MB-1,Ada Lovelace,555-201-0001,Swedish massage,Ben Carter,Jasmine,11/27/2026,10:15 PM,60,Confirmed,Light";
const SCALP =
  "MB-1,Ada Lovelace,555-201-0001,Add-On: Scalp Massage - 15 min,Ben Carter,Jasmine,11/27/2026,11:15 PM,15,Confirmed,";
const FACE = "MB-1,Ada Lovelace,555-201-0001,Face Massage,Ben Carter,Jasmine,11/27/2026,11:30 PM,10,Confirmed,";
const file = (...rows: string[]) => `\uFEFF${HEADER}\r\n${rows.join("\r\n")}\r\n`;
type M = Awaited<ReturnType<typeof demoModel>>;
async function imported(m: M, content: string) {
  const { mapping } = await previewImport(m, content);
  return commitImport(m, riley, content, { mapping, skipBadRows: false });
}
const warningsOf = async (m: M, content: string) =>
  (await previewImport(m, content)).warnings.filter((w) => w.field === "service").map((w) => w.message);

/** Ada's visit, imported with her massage only and checked in at the kiosk: her offer's cards by code. */
async function adaAtTheKiosk() {
  const m = await demoModel(NINE_AM);
  await imported(m, file(MASSAGE));
  const id = found(
    m.db.prepare("SELECT id FROM appointments WHERE external_id = 'MB-1'").pluck().get() as number | undefined,
    "Ada's booking",
  );
  const cards = checkInAtKiosk(m, id, "en").visit.offer.cards;
  const card = (code: string) =>
    found(
      cards.find((c) => c.code === code),
      code,
    ).addonId;
  const choose = (...codes: string[]) =>
    chooseAddons(m, { appointmentId: id, addonIds: codes.map(card), offerMs: 2000, lang: "en" });
  return { m, id, choose };
}
/** The offer's lines that are sold (final), by code, and the till's file for the day. */
const sold = (m: M, id: number) =>
  m.db
    .prepare(
      `SELECT a.code FROM offers o JOIN offer_items i ON i.offer_id = o.id JOIN addons a ON a.id = i.addon_id
       WHERE o.appointment_id = ? AND i.final_selected = 1 ORDER BY a.code`,
    )
    .pluck()
    .all(id);
/** Ada's lines in the till's file of the day's confirmed add-ons. */
const till = (m: M) =>
  exportConfirmedAddons(m, spaToday(m))
    .content.split("\r\n")
    .filter((l) => l.includes("MB-1"))
    .join("\n");
const tickets = (m: M, id: number) =>
  m.db.prepare("SELECT count(*) FROM tickets WHERE appointment_id = ?").pluck().get(id) as number;

describe("an add-on the guest chose at the kiosk that a later file books ahead", () => {
  it("chosen, not yet confirmed: it leaves the kiosk choice (the history says so in words), the rest stays to confirm, and the same file again changes nothing", async () => {
    const { m, id, choose } = await adaAtTheKiosk();
    choose("face", "scalp");
    expect(await warningsOf(m, file(MASSAGE, SCALP))).toEqual([
      "Ada Lovelace chose Scalp massage at the kiosk, and this file books it ahead: the import removes it from the kiosk choice, so it is sold once, by the booking system.",
    ]);
    // Her booking is longer (the desk's list of guests whose visit moved says so); no slip yet to change.
    expect(await imported(m, file(MASSAGE, SCALP))).toMatchObject({
      updated: 1,
      changedAfterCheckIn: [{ line: 2, externalId: "MB-1", guestName: "Ada Lovelace", ticketed: false }],
    });
    const item = queueItem(m, id);
    expect([item.bookedAhead, item.offer?.status, item.offer?.final]).toEqual([
      ["Scalp massage"],
      "accepted",
      ["Face massage"],
    ]);
    const last = found(appointmentHistory(m, id).at(-1), "the history's last row");
    expect(last).toMatchObject({
      action: "offer.booked_ahead",
      actor: "Riley Chen",
      changes: [{ what: "addons", from: "Face massage + Scalp massage", to: "Face massage" }],
      reason: "Scalp massage is now booked ahead: removed from the kiosk choice",
    });
    // Confirmed: one slip, the scalp massage on it once, booked ahead, and the till sells only the face massage.
    confirmAddons(m, riley, id);
    expect(found(latestTicket(m, id), "the slip").addons.map((a) => [a.code, a.bookedAhead ?? false])).toEqual([
      ["scalp", true],
      ["face", false],
    ]);
    expect(till(m)).toContain("face,Face massage");
    expect(till(m)).not.toContain("scalp");
    expect(await warningsOf(m, file(MASSAGE, SCALP))).toEqual([]);
    expect(await imported(m, file(MASSAGE, SCALP))).toMatchObject({ unchanged: 1 });
  });

  it("the only add-on chosen: the guest now chose none on top of the booking, and a guest still choosing can't pick it", async () => {
    const { m, id, choose } = await adaAtTheKiosk();
    choose("scalp");
    await imported(m, file(MASSAGE, SCALP));
    expect(queueItem(m, id).offer).toMatchObject({ status: "declined", final: [] });
    expect(() => choose("scalp")).toThrow("That add-on isn't available for this appointment.");
    expect(sold(m, id)).toEqual([]);
  });

  it("confirmed with its slip printed: the desk's sale of it goes, and the therapist gets a CHANGED slip, the import's result flags the guest, the till sells it no more", async () => {
    const { m, id, choose } = await adaAtTheKiosk();
    choose("scalp");
    confirmAddons(m, riley, id);
    // The kiosk's scalp massage: 10 minutes after the booking.
    expect(found(latestTicket(m, id), "the slip")).toMatchObject({ endLocal: "11:25 PM" });
    expect(till(m)).toContain("scalp,Scalp massage");
    expect(await warningsOf(m, file(MASSAGE, SCALP))).toEqual([
      "Ada Lovelace's Scalp massage was confirmed at the desk, and this file books it ahead: the import takes it off the desk's add-ons and prints a CHANGED slip, so the therapist does it once. If the guest paid for it at the till, refund it: the booking system sold it.",
    ]);
    const result = await imported(m, file(MASSAGE, SCALP));
    expect(result.changedAfterCheckIn).toEqual([
      { line: 2, externalId: "MB-1", guestName: "Ada Lovelace", ticketed: true },
    ]);
    const changed = found(latestTicket(m, id), "the CHANGED slip");
    expect(changed).toMatchObject({ kind: "changed", endLocal: "11:30 PM", serviceMinutes: 60 });
    expect(changed.addons).toEqual([{ code: "scalp", title: "SCALP MASSAGE", extraMinutes: 15, bookedAhead: true }]);
    expect(changed.changes).toEqual([
      "Time: 10:15 PM–11:15 PM → 10:15 PM–11:30 PM",
      "Booked ahead: SCALP MASSAGE 15 min",
      "Not an extra any more: SCALP MASSAGE (booked ahead)",
    ]);
    expect([sold(m, id), till(m).includes("scalp")]).toEqual([[], false]);
    // Head office is told the same way as of any offer line gone: its figures stop counting the sale too.
    expect(
      m.db.prepare("SELECT kind, body FROM outbox WHERE appointment_id = ? AND kind = 'offer_line_removed'").all(id),
    ).toEqual([{ kind: "offer_line_removed", body: JSON.stringify({ addon: "scalp" }) }]);
    expect(queueItem(m, id).offer).toMatchObject({ status: "confirmed", final: [] });
    expect(appointmentHistory(m, id).find((h) => h.action === "offer.booked_ahead")?.reason).toBe(
      "Scalp massage is now booked ahead: removed from the add-ons the desk confirmed; a CHANGED slip tells the therapist",
    );
    // The same file again: nothing to print, nothing to change.
    const slips = tickets(m, id);
    expect(await imported(m, file(MASSAGE, SCALP))).toMatchObject({ unchanged: 1, changedAfterCheckIn: [] });
    expect(tickets(m, id)).toBe(slips);
  });

  it("voided: nothing was sold; the booked-ahead one comes on a CHANGED slip, and nothing is said of a choice that was voided", async () => {
    const { m, id, choose } = await adaAtTheKiosk();
    choose("scalp");
    confirmAddons(m, riley, id);
    voidAddons(m, riley, { appointmentId: id, reason: "Guest changed their mind" });
    expect(await warningsOf(m, file(MASSAGE, SCALP))).toEqual([]);
    await imported(m, file(MASSAGE, SCALP));
    expect(found(latestTicket(m, id), "the CHANGED slip").changes).toEqual([
      "Time: 10:15 PM–11:15 PM → 10:15 PM–11:30 PM",
      "Booked ahead: SCALP MASSAGE 15 min",
    ]);
    expect(appointmentHistory(m, id).map((h) => h.action)).not.toContain("offer.booked_ahead");
    expect(queueItem(m, id).offer?.status).toBe("voided");
  });

  it("any kiosk choice, any desk decision, any add-ons the file books: never one add-on both booked ahead and sold, and the same file twice changes nothing (property)", async () => {
    const codes = ["face", "scalp"] as const;
    const rows = { face: FACE, scalp: SCALP };
    await fc.assert(
      fc.asyncProperty(
        fc.subarray([...codes]),
        fc.constantFrom("choosing", "chosen", "confirmed", "changed", "voided"),
        fc.subarray([...codes], { minLength: 1 }),
        async (chosen, desk, booked) => {
          const { m, id, choose } = await adaAtTheKiosk();
          if (desk !== "choosing") choose(...chosen);
          if (desk === "confirmed" || desk === "voided") confirmAddons(m, riley, id);
          if (desk === "changed")
            changeAddons(m, riley, { appointmentId: id, addonIds: queueItem(m, id).offer?.finalAddonIds ?? [] });
          if (desk === "voided") voidAddons(m, riley, { appointmentId: id, reason: "No" });
          const content = file(MASSAGE, ...booked.map((c) => rows[c]));
          await imported(m, content);
          const item = queueItem(m, id);
          expect(item.bookedAhead).toHaveLength(booked.length);
          expect(sold(m, id)).toEqual(
            desk === "voided" || desk === "choosing" ? [] : chosen.filter((c) => !booked.includes(c)).sort(),
          );
          const slips = tickets(m, id);
          expect(await imported(m, content)).toMatchObject({ unchanged: 1 });
          expect(tickets(m, id)).toBe(slips);
        },
      ),
      { numRuns: 12 },
    );
  }, 120_000);
});
