import { describe, expect, it } from "vitest";
import { verifyAuditChain } from "./audit";
import { confirmAddons, latestTicket } from "./desk";
import { checkInAtKiosk, chooseAddons, findAppointments } from "./kiosk";
import { demoModel } from "./test/helpers";

const riley = { kind: "staff", staffId: 2, name: "Riley Chen" } as const;

describe("desk confirmation", () => {
  it("confirms the guest's choice and writes ticket and print job in the same transaction", async () => {
    const m = await demoModel();
    const id = findAppointments(m, { by: "code", code: "HH2233" })[0]?.appointmentId ?? 0;
    const { visit } = checkInAtKiosk(m, id, "en");
    chooseAddons(m, { appointmentId: id, addonIds: visit.offer.cards.map((c) => c.addonId), offerMs: 3000, lang: "en" });
    const { item, jobId } = confirmAddons(m, riley, id);
    expect(jobId).not.toBeNull();
    expect(item).toMatchObject({ stage: "confirmed", offer: { status: "confirmed", final: ["Face massage", "Scalp massage"], confirmedBy: "Riley Chen" } });
    expect(item.ticket).toMatchObject({ printStatus: "queued" });
    const ticket = latestTicket(m.db, id);
    expect(ticket).toMatchObject({ guestLabel: "María G.", confirmedBy: "Riley Chen", kind: "original" });
    expect(ticket?.addons.map((a) => a.title)).toEqual(["FACE MASSAGE", "SCALP MASSAGE"]);
    expect(JSON.stringify(ticket)).not.toContain("González");
  });

  it("a second confirm (double tap, two receptionists) prints nothing more", async () => {
    const m = await demoModel();
    const id = findAppointments(m, { by: "code", code: "HH2233" })[0]?.appointmentId ?? 0;
    checkInAtKiosk(m, id, "en");
    chooseAddons(m, { appointmentId: id, addonIds: [], offerMs: 900, lang: "en" });
    expect(confirmAddons(m, riley, id).jobId).not.toBeNull();
    expect(confirmAddons(m, riley, id).jobId).toBeNull();
    const jobs = m.db.prepare("SELECT count(*) AS n FROM print_jobs j JOIN tickets t ON t.id = j.ticket_id WHERE t.appointment_id = ?").get(id);
    expect(jobs).toEqual({ n: 1 });
    expect(latestTicket(m.db, id)?.addons).toEqual([]);
    expect(verifyAuditChain(m.db).ok).toBe(true);
  });

  it("won't confirm a guest who hasn't checked in", async () => {
    const m = await demoModel();
    const id = findAppointments(m, { by: "code", code: "HH2233" })[0]?.appointmentId ?? 0;
    expect(() => confirmAddons(m, riley, id)).toThrow(/hasn't checked in/);
  });
});
