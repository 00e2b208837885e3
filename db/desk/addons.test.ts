import { describe, expect, it } from "vitest";
import { verifyAuditChain } from "../audit";
import { arrivalsQueue, queueItem } from "./queue";
import { checkInAtDesk } from "./appointment";
import { changeAddons, confirmAddons, voidAddons } from "./addons";
import { latestTicket } from "../printing/tickets";
import { checkInAtKiosk } from "../kiosk/check-in";
import { chooseAddons } from "../kiosk/choose";
import { appointmentHistory } from "./history";
import { demoModel, found, appointmentIdOf } from "../test/helpers";
import { riley, jobsOf, checkedInWithFace } from "../test/desk";

describe("desk confirmation", () => {
  it("confirms the guest's choice and writes ticket and print job in the same transaction", async () => {
    const m = await demoModel();
    const id = appointmentIdOf(m, "HH2233");
    const { visit } = checkInAtKiosk(m, id, "en");
    chooseAddons(m, {
      appointmentId: id,
      addonIds: visit.offer.cards.map((c) => c.addonId),
      offerMs: 3000,
      lang: "en",
    });
    const { item, jobId } = confirmAddons(m, riley, id);
    expect(jobId).not.toBeNull();
    expect(item).toMatchObject({
      stage: "confirmed",
      offer: { status: "confirmed", final: ["Face massage", "Scalp massage"], confirmedBy: "Riley Chen" },
    });
    expect(item.ticket).toMatchObject({ printStatus: "queued" });
    const ticket = latestTicket(m, id);
    expect(ticket).toMatchObject({ guestLabel: "María G.", confirmedBy: "Riley Chen", kind: "original" });
    expect(ticket?.addons.map((a) => a.title)).toEqual(["FACE MASSAGE", "SCALP MASSAGE"]);
    expect(JSON.stringify(ticket)).not.toContain("González");
  });

  it("a second confirm (double tap, two receptionists) prints nothing more", async () => {
    const m = await demoModel();
    const id = appointmentIdOf(m, "HH2233");
    checkInAtKiosk(m, id, "en");
    chooseAddons(m, { appointmentId: id, addonIds: [], offerMs: 900, lang: "en" });
    expect(confirmAddons(m, riley, id).jobId).not.toBeNull();
    expect(confirmAddons(m, riley, id).jobId).toBeNull();
    const jobs = m.db
      .prepare("SELECT count(*) AS n FROM print_jobs j JOIN tickets t ON t.id = j.ticket_id WHERE t.appointment_id = ?")
      .get(id);
    expect(jobs).toEqual({ n: 1 });
    expect(latestTicket(m, id)?.addons).toEqual([]);
    expect(verifyAuditChain(m.db).ok).toBe(true);
  });

  it("won't confirm a guest who hasn't checked in", async () => {
    const m = await demoModel();
    const id = appointmentIdOf(m, "HH2233");
    expect(() => confirmAddons(m, riley, id)).toThrow(/hasn't checked in/);
  });

  it("a guest who didn't use the kiosk: desk check-in, then Confirm opens a desk-channel offer", async () => {
    const m = await demoModel();
    const item = arrivalsQueue(m).items.find(
      (i) => i.stage === "expected" && i.serviceName !== "Foot reflexology" && i.guestName !== "María González",
    );
    const id = found(item, "item").appointmentId;
    expect(checkInAtDesk(m, riley, id)).toMatchObject({ stage: "checked_in", checkInChannel: "desk" });
    expect(() => checkInAtDesk(m, riley, id)).toThrow(/Already checked in/);
    const { item: confirmed } = confirmAddons(m, riley, id);
    expect(confirmed.offer).toMatchObject({ channel: "desk", status: "confirmed", final: [] });
  });

  it("two receptionists confirming and changing at once: one ticket per real change, nothing lost", async () => {
    const { m, id, scalp } = await checkedInWithFace();
    const other = { kind: "staff", staffId: 1, name: "Morgan Lee" } as const;
    const results = await Promise.all([
      Promise.resolve().then(() => confirmAddons(m, riley, id)),
      Promise.resolve().then(() => confirmAddons(m, other, id)),
      Promise.resolve().then(() => changeAddons(m, other, { appointmentId: id, addonIds: [scalp] })),
      Promise.resolve().then(() => confirmAddons(m, riley, id)),
    ]);
    expect(results.filter((r) => r.jobId !== null)).toHaveLength(2);
    expect(jobsOf(m, id).map((t) => t.kind)).toEqual(["original", "changed"]);
    expect(queueItem(m, id).offer).toMatchObject({ status: "changed", final: ["Scalp massage"] });
  });
});

describe("desk changes and voids", () => {
  it("a Change or Void made on add-ons another desk changed meanwhile is refused, saying what is there now; nothing is printed", async () => {
    const { m, id, face, scalp } = await checkedInWithFace();
    confirmAddons(m, riley, id);
    // Both desks' windows show the face massage, confirmed.
    const seen = { status: "confirmed" as const, final: ["Face massage"] };
    const other = { kind: "staff", staffId: 1, name: "Morgan Lee" } as const;
    changeAddons(m, other, { appointmentId: id, addonIds: [face, scalp], seen });
    const printed = jobsOf(m, id).length;
    const refused = expect.objectContaining({
      code: "CONFLICT",
      field: "seen",
      message:
        "These add-ons changed while you were deciding (now: Face massage + Scalp massage). Check them and decide again.",
    });
    expect(() => voidAddons(m, riley, { appointmentId: id, reason: "Guest changed her mind", seen })).toThrow(refused);
    expect(() => changeAddons(m, riley, { appointmentId: id, addonIds: [], seen })).toThrow(refused);
    expect(jobsOf(m, id)).toHaveLength(printed);
    expect(queueItem(m, id).offer).toMatchObject({ status: "changed", final: ["Face massage", "Scalp massage"] });
    // Decided again on what is there now: done.
    const now = { status: "changed" as const, final: ["Face massage", "Scalp massage"] };
    expect(
      voidAddons(m, riley, { appointmentId: id, reason: "Guest changed her mind", seen: now }).jobId,
    ).not.toBeNull();
  });

  it("Change after confirm adds the scalp massage the guest declined: channel desk, a CHANGED ticket saying what changed, audited", async () => {
    const { m, id, face, scalp } = await checkedInWithFace();
    confirmAddons(m, riley, id);
    const { item, jobId } = changeAddons(m, riley, {
      appointmentId: id,
      addonIds: [face, scalp],
      reason: "Guest asked at the desk",
    });
    expect(jobId).not.toBeNull();
    expect(item.offer).toMatchObject({
      status: "changed",
      guestChoice: ["Face massage"],
      final: ["Face massage", "Scalp massage"],
    });
    const tickets = jobsOf(m, id);
    expect(tickets.map((t) => t.kind)).toEqual(["original", "changed"]);
    expect(latestTicket(m, id)).toMatchObject({ kind: "changed", changes: ["Added SCALP MASSAGE"] });
    expect(
      m.db
        .prepare(
          "SELECT final_channel FROM offer_items WHERE addon_id = ? AND offer_id = (SELECT id FROM offers WHERE appointment_id = ?)",
        )
        .get(scalp, id),
    ).toEqual({ final_channel: "desk" });
    const history = appointmentHistory(m, id);
    expect(history.at(-2)).toMatchObject({
      actor: "Riley Chen",
      action: "offer.change",
      reason: "Guest asked at the desk",
      changes: [{ what: "addons", from: "Face massage", to: "Face massage + Scalp massage" }],
    });
    expect(() => changeAddons(m, riley, { appointmentId: id, addonIds: [scalp, face] })).toThrow(/Nothing to change/);
  });

  it("Change before any ticket settles the add-ons and prints the first ticket (not CHANGED)", async () => {
    const { m, id, scalp } = await checkedInWithFace();
    changeAddons(m, riley, { appointmentId: id, addonIds: [scalp] });
    expect(jobsOf(m, id).map((t) => t.kind)).toEqual(["original"]);
    expect(latestTicket(m, id)?.addons.map((a) => a.code)).toEqual(["scalp"]);
    // A later confirm (the other receptionist's tap) keeps the change and prints nothing.
    expect(confirmAddons(m, riley, id)).toMatchObject({
      jobId: null,
      item: { offer: { status: "changed", final: ["Scalp massage"] } },
    });
  });

  it("Void needs a reason, prints a VOID ticket with it, and the add-on can be added again with Change", async () => {
    const { m, id, face } = await checkedInWithFace();
    confirmAddons(m, riley, id);
    const { item } = voidAddons(m, riley, { appointmentId: id, reason: "Guest changed their mind" });
    expect(item.offer).toMatchObject({ status: "voided", final: [], voidReason: "Guest changed their mind" });
    expect(latestTicket(m, id)).toMatchObject({ kind: "void", voidReason: "Guest changed their mind", addons: [] });
    expect(() => voidAddons(m, riley, { appointmentId: id, reason: "again" })).toThrow(/already voided/);
    expect(() => confirmAddons(m, riley, id)).toThrow(/voided/);
    changeAddons(m, riley, { appointmentId: id, addonIds: [face] });
    expect(latestTicket(m, id)).toMatchObject({ kind: "changed", changes: ["Added FACE MASSAGE"] });
    const audit = m.db.prepare("SELECT reason FROM audit_log WHERE action = 'offer.void' AND entity_id = ?").get(id);
    expect(audit).toEqual({ reason: "Guest changed their mind" });
  });
});
