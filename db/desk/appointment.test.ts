import { describe, expect, it } from "vitest";
import { verifyAuditChain } from "../audit";
import { arrivalsQueue, deskOptions, queueItem } from "./queue";
import { assign, cancelAppointment, markNoShow, reinstateAppointment } from "./appointment";
import { confirmAddons } from "./addons";
import { latestTicket } from "../printing/tickets";
import { checkInAtKiosk } from "../kiosk/check-in";
import { chooseAddons } from "../kiosk/choose";
import { appointmentHistory } from "./history";
import { demoModel, found, appointmentIdOf } from "../test/helpers";
import { riley, checkedInWithFace } from "../test/desk";

describe("the desk moves, cancels and reinstates appointments", () => {
  it("assigns another therapist and room; with a ticket out, the therapist gets a CHANGED ticket", async () => {
    const { m, id } = await checkedInWithFace();
    confirmAddons(m, riley, id);
    m.db.prepare("INSERT INTO therapists (name) VALUES ('Fay Free')").run();
    const opts = deskOptions(m);
    const before = queueItem(m, id);
    const free = opts.therapists.find((t) => t.name === "Fay Free");
    if (!free) throw new Error("no therapist");
    const { item } = assign(m, riley, { appointmentId: id, therapistId: free.id });
    expect(item.therapistName).toBe(free.name);
    expect(latestTicket(m, id)).toMatchObject({
      kind: "changed",
      changes: [`Therapist: ${before.therapistName} → Fay Free`],
    });
    // Back to the original therapist is fine; a therapist with a guest at that time is refused, saying when.
    const busy = m.db
      .prepare(
        "SELECT therapist_id FROM appointments WHERE therapist_id != ? AND status = 'booked' AND starts_at < ? AND ends_at > ? LIMIT 1",
      )
      .get(before.therapistId, before.endsAt, before.startsAt) as { therapist_id: number };
    expect(() => assign(m, riley, { appointmentId: id, therapistId: busy.therapist_id })).toThrow(
      /is booked from .* Pick another therapist/,
    );
    expect(queueItem(m, id).therapistName).toBe("Fay Free");
    expect(() => assign(m, riley, { appointmentId: id, therapistId: free.id })).toThrow(/Nothing to change/);
  });

  it("no-show only before check-in; cancel voids a printed ticket; reinstate undoes both, each with an audit row", async () => {
    const m = await demoModel();
    const expected = arrivalsQueue(m).items.filter((i) => i.stage === "expected");
    const a = found(expected[0], "expected[0]").appointmentId;
    expect(markNoShow(m, riley, a).item.stage).toBe("no_show");
    expect(() => markNoShow(m, riley, a)).toThrow(/already/);
    expect(reinstateAppointment(m, riley, a, "Guest arrived late").item.stage).toBe("expected");
    const { id } = await (async () => {
      const x = appointmentIdOf(m, "HH2233");
      checkInAtKiosk(m, x, "en");
      chooseAddons(m, { appointmentId: x, addonIds: [], offerMs: 1, lang: "en" });
      confirmAddons(m, riley, x);
      return { id: x };
    })();
    expect(() => markNoShow(m, riley, id)).toThrow(/checked in/);
    expect(cancelAppointment(m, riley, id, "Feeling unwell").item.stage).toBe("cancelled");
    expect(latestTicket(m, id)).toMatchObject({ kind: "void", voidReason: "Appointment cancelled: Feeling unwell" });
    expect(() => confirmAddons(m, riley, id)).toThrow(/cancelled/);
    expect(appointmentHistory(m, a).map((h) => h.action)).toEqual(["appointment.no_show", "appointment.reinstate"]);
    expect(verifyAuditChain(m.db).ok).toBe(true);
  });
});
