import { describe, expect, it } from "vitest";
import { verifyAuditChain } from "../audit";
import { arrivalsQueue, deskOptions, queueItem } from "./queue";
import { assign, cancelAppointment, checkInAtDesk, markNoShow, reinstateAppointment } from "./appointment";
import { changeAddons, confirmAddons, voidAddons } from "./addons";
import { exportConfirmedAddons } from "./pos-export";
import { latestTicket } from "../printing/tickets";
import { walkIn, walkInAvailability } from "../walk-ins/walk-ins";
import { checkInAtKiosk } from "../kiosk/check-in";
import { chooseAddons } from "../kiosk/choose";
import { registerWalkIn, waitingWalkIns } from "../walk-ins/walk-ins";
import { saveSettings } from "../settings";
import { reprintLatestTicket } from "../printing/desk-jobs";
import { appointmentHistory } from "./history";
import { demoModel, found, appointmentIdOf } from "../test/helpers";
import { bookingsOnOtherDays } from "./appointments";
import { DEMO_GUESTS } from "../demo/seed-demo";

const riley = { kind: "staff", staffId: 2, name: "Riley Chen" } as const;

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
});

const jobsOf = (m: Awaited<ReturnType<typeof demoModel>>, id: number) =>
  m.db
    .prepare(
      "SELECT t.kind, t.content FROM tickets t JOIN print_jobs j ON j.ticket_id = t.id WHERE t.appointment_id = ? ORDER BY t.id",
    )
    .all(id) as { kind: string; content: string }[];

async function checkedInWithFace() {
  const m = await demoModel();
  const id = appointmentIdOf(m, "HH2233");
  const { visit } = checkInAtKiosk(m, id, "en");
  const face = found(
    visit.offer.cards.find((c) => c.code === "face"),
    "cards entry",
  ).addonId;
  const scalp = found(
    visit.offer.cards.find((c) => c.code === "scalp"),
    "cards entry",
  ).addonId;
  chooseAddons(m, { appointmentId: id, addonIds: [face], offerMs: 2000, lang: "en" });
  return { m, id, face, scalp };
}

describe("desk changes, voids and the rest of the day", () => {
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

  it("a walk-in is booked from now, checked in at the desk and settled with no add-on, ticket queued; a therapist already busy is refused with the time", async () => {
    const m = await demoModel();
    const opts = deskOptions(m);
    const busy = arrivalsQueue(m).items.find(
      (i) => i.startsAt <= m.clock.now().toISOString() && i.endsAt > m.clock.now().toISOString(),
    );
    const therapist = found(
      opts.therapists.find((t) => t.name === busy?.therapistName),
      "therapists entry",
    ).id;
    const room = found(
      opts.rooms.find((r) => r.name === "Jasmine"),
      "rooms entry",
    ).id;
    expect(() =>
      walkIn(m, riley, {
        guestName: "Walk In",
        phone: "5550001111",
        serviceId: found(opts.services[0], "opts.services[0]").id,
        therapistId: therapist,
        roomId: room,
        addonIds: [],
      }),
    ).toThrow(/is booked from .* to .* with another guest/);
    const free = opts.therapists.find(
      (t) =>
        !arrivalsQueue(m).items.some(
          (i) =>
            i.therapistName === t.name &&
            i.startsAt <= m.clock.now().toISOString() &&
            i.endsAt > m.clock.now().toISOString(),
        ),
    );
    // Everyone may be busy in the demo's day; move the clock past its last booking (22:05 in Los Angeles).
    m.clock.set("2026-11-26T06:05:00.000Z");
    const { item, jobId } = walkIn(m, riley, {
      guestName: "Walk In",
      phone: "5550001111",
      serviceId: found(opts.services[0], "opts.services[0]").id,
      therapistId: free?.id ?? therapist,
      roomId: room,
      addonIds: [],
    });
    expect(item).toMatchObject({
      source: "walk-in",
      checkInChannel: "desk",
      stage: "confirmed",
      offer: { channel: "desk", status: "confirmed", final: [] },
    });
    expect(jobId).not.toBeNull();
    expect(latestTicket(m, item.appointmentId)).toMatchObject({ kind: "original", addons: [] });
  });

  it("a walk-in who takes an add-on when the desk asks: settled as added at the desk, on the first ticket", async () => {
    const m = await demoModel();
    m.clock.set("2026-11-26T06:05:00.000Z"); // past the demo day's last booking: everyone is free
    const opts = deskOptions(m);
    const service = opts.services.find((s) => s.name === "Swedish massage");
    const face = opts.addons.find((a) => a.code === "face");
    if (!service || !face) throw new Error("demo catalog changed");
    expect(face.serviceIds).toContain(service.id);
    const free = walkInAvailability(m, service.id);
    const { item, jobId } = walkIn(m, riley, {
      guestName: "Walk In",
      phone: "5550001111",
      serviceId: service.id,
      therapistId: found(free.therapists[0], "free.therapists[0]").id,
      roomId: found(free.rooms[0], "free.rooms[0]").id,
      addonIds: [face.id],
    });
    expect(item.offer).toMatchObject({ channel: "desk", status: "changed", final: ["Face massage"] });
    expect(jobId).not.toBeNull();
    expect(latestTicket(m, item.appointmentId)).toMatchObject({ kind: "original" });
    expect(latestTicket(m, item.appointmentId)?.addons.map((a) => a.title)).toEqual(["FACE MASSAGE"]);
  });

  it("a walk-in who left their name at the kiosk is booked from the list: taken off it, once, with the language they used there", async () => {
    const m = await demoModel();
    saveSettings(m.db, { walkInsAllowed: true });
    m.clock.set("2026-11-26T06:05:00.000Z"); // past the demo day's last booking: everyone is free
    const { walkIn: sam } = registerWalkIn(m, { firstName: "Sam", lang: "es" });
    const serviceId = found(deskOptions(m).services[0], "a service").id;
    const free = walkInAvailability(m, serviceId);
    const [t1, t2] = free.therapists;
    const [r1, r2] = free.rooms;
    const booking = {
      guestName: "Sam Lee",
      phone: "5550001111",
      serviceId,
      therapistId: found(t1, "t1").id,
      roomId: found(r1, "r1").id,
      walkInId: sam.walkInId,
      addonIds: [],
    };
    const { item } = walkIn(m, riley, booking);
    expect(item).toMatchObject({
      guestName: "Sam Lee",
      source: "walk-in",
      checkInChannel: "desk",
      guestLanguage: "es",
    });
    expect(waitingWalkIns(m)).toEqual([]);
    // Another receptionist (or a double tap) books the same entry: refused, saying where Sam is.
    expect(() => walkIn(m, riley, { ...booking, therapistId: found(t2, "t2").id, roomId: found(r2, "r2").id })).toThrow(
      `Sam is already booked in: ${deskOptions(m).services[0]?.name ?? ""} with ${t1?.name ?? ""} at 10:05 PM.`,
    );
    expect(() =>
      walkIn(m, riley, { ...booking, therapistId: found(t2, "t2").id, roomId: found(r2, "r2").id, walkInId: 9999 }),
    ).toThrow("That walk-in is no longer on today's list.");
    expect(m.db.prepare("SELECT count(*) AS n FROM appointments WHERE guest_name = 'Sam Lee'").get()).toEqual({ n: 1 });
    // The therapist's ticket says so too.
    expect(latestTicket(m, item.appointmentId)).toMatchObject({ guestLanguage: "Spanish" });
    expect(verifyAuditChain(m.db).ok).toBe(true);
  });

  it("who could take a walk-in now: each therapist and room with the booking in its way, for the service's length", async () => {
    const m = await demoModel();
    const now = m.clock.now().toISOString();
    const busy = arrivalsQueue(m).items.find((i) => i.startsAt <= now && i.endsAt > now);
    if (!busy) throw new Error("the demo day has nobody in a session now");
    const service = deskOptions(m).services.find((s) => s.minutes === 60);
    if (!service) throw new Error("no 60-minute service");
    const a = walkInAvailability(m, service.id);
    expect(Date.parse(a.endsAt) - Date.parse(a.startsAt)).toBe(60 * 60_000);
    expect(Date.parse(a.startsAt) - Date.parse(now)).toBeLessThan(60_000);
    expect(a.therapists.find((t) => t.name === busy.therapistName)?.busy).toEqual({
      startsAt: busy.startsAt,
      endsAt: busy.endsAt,
    });
    expect(a.rooms.find((r) => r.name === busy.roomName)?.busy).toEqual({
      startsAt: busy.startsAt,
      endsAt: busy.endsAt,
    });
    // Whoever it calls free, a walk-in with them goes through.
    const t = a.therapists.find((c) => c.busy === null);
    const r = a.rooms.find((c) => c.busy === null);
    if (t && r)
      expect(
        walkIn(m, riley, {
          guestName: "Walk In",
          phone: "5550001111",
          serviceId: service.id,
          therapistId: t.id,
          roomId: r.id,
          addonIds: [],
        }).item.therapistName,
      ).toBe(t.name);
    m.db.prepare("UPDATE services SET active = 0 WHERE id = ?").run(service.id);
    expect(() => walkInAvailability(m, service.id)).toThrow("That service is not offered any more.");
  });

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

  it("Reprint copies the newest ticket with a REPRINT kind and a new print job", async () => {
    const { m, id } = await checkedInWithFace();
    expect(() => reprintLatestTicket(m, riley, id)).toThrow(/No ticket has been made/);
    confirmAddons(m, riley, id);
    reprintLatestTicket(m, riley, id);
    expect(queueItem(m, id).ticket?.kind).toBe("reprint");
    expect(latestTicket(m, id)?.addons.map((a) => a.code)).toEqual(["face"]);
    expect(appointmentHistory(m, id).map((h) => h.action)).toContain("ticket.reprint");
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

  it("exports the day's confirmed add-ons for the POS, formula-safe, without voided ones", async () => {
    const { m, id } = await checkedInWithFace();
    m.db.prepare("UPDATE appointments SET external_id = '=HYPERLINK(\"x\")' WHERE id = ?").run(id);
    confirmAddons(m, riley, id);
    const day = arrivalsQueue(m).day;
    const csv = exportConfirmedAddons(m, day).content;
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const [header, ...lines] = csv.slice(1).split("\r\n");
    const first = lines.find((l) => l.includes("HH2233"));
    expect(header).toBe("Date,Appointment start,Booking system ID,Booking code,Checked in,Add-on code,Add-on,Price");
    // The spa's date and times, both keys a till can match on, and the check-in time.
    expect(first).toMatch(
      new RegExp(`^${day},\\d{2}:\\d{2},"'=HYPERLINK\\(""x""\\)",HH2233,\\d{2}:\\d{2},face,Face massage,25$`),
    );
    voidAddons(m, riley, { appointmentId: id, reason: "Not today" });
    expect(exportConfirmedAddons(m, day).content).not.toContain("HH2233");
  });
});

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
