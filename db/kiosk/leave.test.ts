import { describe, expect, it } from "vitest";
import { DEMO_GUESTS } from "../demo/seed-demo";
import { confirmAddons, voidAddons } from "../desk/addons";
import { checkInAtDesk } from "../desk/appointment";
import { queueItem } from "../desk/queue";
import { uptakeReport } from "../reports/reports";
import { spaToday } from "../settings";
import { appointmentIdOf, demoModel, receptionist } from "../test/helpers";
import { checkInAtKiosk } from "./check-in";
import { chooseAddons } from "./choose";
import { leaveOffer } from "./leave";

const leaves = (m: Awaited<ReturnType<typeof demoModel>>, id: number) =>
  m.db.prepare("SELECT at FROM audit_log WHERE action = 'offer.leave' AND entity_id = ? ORDER BY id").pluck().all(id);

describe("a guest who leaves the kiosk's offer without choosing", () => {
  it("is told to the desk at once, once, audited; the offer stays open and reports count it shown, not taken", async () => {
    const m = await demoModel();
    const id = appointmentIdOf(m, DEMO_GUESTS.bothFit.code);
    const day = spaToday(m);
    const totals = () => uptakeReport(m, { from: day, to: day, grain: "day" }).totals;
    const before = totals();
    checkInAtKiosk(m, id, "en");
    const shown = totals();
    m.clock.advance(1);
    expect(leaveOffer(m, id)).toEqual({ recorded: true });
    const left = m.clock.now().toISOString();
    expect(queueItem(m, id)).toMatchObject({ stage: "choosing", offer: { status: "offered", leftAt: left } });
    // The kiosk says it again (a second reset, a retry): the first time stands, audited once.
    m.clock.advance(2);
    expect(leaveOffer(m, id)).toEqual({ recorded: false });
    expect(queueItem(m, id).offer?.leftAt).toBe(left);
    expect(leaves(m, id)).toEqual([left]);

    // Shown and not taken, as before she left: never counted as declined, accepted or settled.
    expect(totals()).toEqual(shown);
    const { checkIns, offered, acceptedAtKiosk, taken, confirmed, voided } = before;
    expect(shown).toMatchObject({
      checkIns: checkIns + 1,
      offered: offered + 1,
      acceptedAtKiosk,
      taken,
      confirmed,
      voided,
    });
  });

  it("who comes back and chooses: the row follows the choice, and a leave after it changes nothing", async () => {
    const m = await demoModel();
    const id = appointmentIdOf(m, DEMO_GUESTS.bothFit.code);
    checkInAtKiosk(m, id, "en");
    leaveOffer(m, id);
    expect(checkInAtKiosk(m, id, "en").created).toBe(false); // the same visit, and its offer still open
    chooseAddons(m, { appointmentId: id, addonIds: [], offerMs: 2000, lang: "en" });
    expect(queueItem(m, id)).toMatchObject({ stage: "awaiting_confirmation", offer: { status: "declined" } });
    expect(leaveOffer(m, id)).toEqual({ recorded: false });
    expect(queueItem(m, id)).toMatchObject({ stage: "awaiting_confirmation", offer: { status: "declined" } });
  });

  it("after the desk confirmed or voided the offer: the desk's decision stands, nothing recorded", async () => {
    const m = await demoModel();
    const maria = appointmentIdOf(m, DEMO_GUESTS.bothFit.code);
    checkInAtKiosk(m, maria, "en");
    confirmAddons(m, receptionist(m), maria);
    expect(leaveOffer(m, maria)).toEqual({ recorded: false });
    expect(queueItem(m, maria).offer).toMatchObject({ status: "confirmed", leftAt: null });

    const [lena] = DEMO_GUESTS.family.names;
    const other = m.db.prepare("SELECT id FROM appointments WHERE guest_name = ?").pluck().get(lena) as number;
    checkInAtKiosk(m, other, "en");
    voidAddons(m, receptionist(m), { appointmentId: other, reason: "Guest asked at the desk" });
    expect(leaveOffer(m, other)).toEqual({ recorded: false });
    expect(queueItem(m, other).offer).toMatchObject({ status: "voided", leftAt: null });
    expect([...leaves(m, maria), ...leaves(m, other)]).toEqual([]);
  });

  it("is refused for a visit the kiosk did not check in or never offered anything on, and for a missing one", async () => {
    const m = await demoModel();
    const maria = appointmentIdOf(m, DEMO_GUESTS.bothFit.code);
    expect(() => leaveOffer(m, maria)).toThrow("This visit has no add-on offer open at the kiosk.");
    checkInAtDesk(m, receptionist(m), maria);
    expect(() => leaveOffer(m, maria)).toThrow("This visit has no add-on offer open at the kiosk.");
    // Checked in at the kiosk with nothing that fits before the next booking: no offer to leave.
    const james = appointmentIdOf(m, DEMO_GUESTS.noRoom.code);
    checkInAtKiosk(m, james, "en");
    expect(queueItem(m, james).offer).toBeNull();
    expect(() => leaveOffer(m, james)).toThrow("This visit has no add-on offer open at the kiosk.");
    expect(() => leaveOffer(m, 999_999)).toThrow("That appointment no longer exists.");
    expect(m.db.prepare("SELECT count(*) FROM offers WHERE left_at IS NOT NULL").pluck().get()).toBe(0);
  });
});
