import { describe, expect, it } from "vitest";
import { walkInNameSchema } from "../../contract/channels";
import { markWalkInSeen, RECENT_WALK_IN, registerWalkIn, waitingWalkIns, walkIn, walkInAvailability } from "./walk-ins";
import { arrivalsQueue, deskOptions } from "../desk/queue";
import { latestTicket } from "../printing/tickets";
import { saveSettings } from "../settings";
import { verifyAuditChain } from "../audit";
import { demoModel, found, receptionist } from "../test/helpers";
import { riley } from "../test/desk";

describe("walk-ins", () => {
  it("wait in the order they came, though the machine's clock was corrected back an hour between them", async () => {
    const m = await demoModel();
    saveSettings(m.db, { walkInsAllowed: true });
    registerWalkIn(m, { firstName: "Ada", lang: "en" });
    m.clock.advance(-60);
    registerWalkIn(m, { firstName: "Ben", lang: "en" });
    m.clock.advance(2);
    registerWalkIn(m, { firstName: "Cy", lang: "en" });
    expect(waitingWalkIns(m).map((w) => w.firstName)).toEqual(["Ada", "Ben", "Cy"]);
  });

  it("are refused when the spa does not take walk-ins", async () => {
    const m = await demoModel();
    expect(() => registerWalkIn(m, { firstName: "Sam", lang: "en" })).toThrow(/front desk/);
  });

  it("leave a first name once (a double tap is one entry), wait on the desk's list, and leave it when seen", async () => {
    const m = await demoModel();
    saveSettings(m.db, { walkInsAllowed: true });
    const first = registerWalkIn(m, { firstName: "Sam", lang: "es" });
    const second = registerWalkIn(m, { firstName: "sam", lang: "es" });
    expect(first.created).toBe(true);
    expect(second).toMatchObject({ created: false, walkIn: { walkInId: first.walkIn.walkInId } });
    m.clock.advance(3);
    registerWalkIn(m, { firstName: "Sam", lang: "en" }); // a different Sam, minutes later
    expect(waitingWalkIns(m).map((w) => [w.firstName, w.lang])).toEqual([
      ["Sam", "es"],
      ["Sam", "en"],
    ]);
    markWalkInSeen(m, receptionist(m), first.walkIn.walkInId);
    markWalkInSeen(m, receptionist(m), first.walkIn.walkInId);
    expect(waitingWalkIns(m)).toHaveLength(1);
    const audit = m.db.prepare("SELECT after_json FROM audit_log WHERE action LIKE 'walk_in.%'").all() as {
      after_json: string | null;
    }[];
    expect(audit).toHaveLength(3);
    expect(JSON.stringify(audit)).not.toContain("Sam");
    expect(verifyAuditChain(m.db).ok).toBe(true);
  });

  it("find the same name of the last two minutes across midnight and a change of time zone, through the waiting index, after a year of walk-ins", async () => {
    const m = await demoModel("2026-11-25T07:59:30.000Z"); // 23:59:30 in the demo spa's Los Angeles
    saveSettings(m.db, { walkInsAllowed: true });
    // A year of walk-ins long seen: a new name must not read them all.
    m.db
      .prepare(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
         INSERT INTO walk_ins (first_name, lang, arrived_at, local_day, seen_at)
         SELECT 'Old' || i, 'en', '2025-12-01T10:00:00.000Z', '2025-12-01', '2025-12-01T10:05:00.000Z' FROM n`,
      )
      .run();
    const plan = (m.db.prepare(`EXPLAIN QUERY PLAN ${RECENT_WALK_IN}`).all("x", "y", "z") as { detail: string }[])
      .map((r) => r.detail)
      .join("\n");
    expect(plan).toMatch(/SEARCH walk_ins USING INDEX walk_ins_waiting \(local_day>\?\)/);
    const before = registerWalkIn(m, { firstName: "Ana", lang: "es" });
    m.clock.advance(1); // past midnight: a new spa day
    expect(registerWalkIn(m, { firstName: "ANA", lang: "es" })).toMatchObject({
      created: false,
      walkIn: { walkInId: before.walkIn.walkInId },
    });
    // The spa's zone moved back across the date line meanwhile: the entry's day is now "tomorrow" or "yesterday".
    for (const timeZone of ["Pacific/Kiritimati", "Pacific/Pago_Pago"]) {
      saveSettings(m.db, { timeZone });
      expect(registerWalkIn(m, { firstName: "Ana", lang: "es" }).created).toBe(false);
    }
    m.clock.advance(3);
    expect(registerWalkIn(m, { firstName: "Ana", lang: "es" }).created).toBe(true);
  });

  it("marked seen by mistake, go back on the list (Undo); once booked in, they stay off it", async () => {
    const m = await demoModel();
    saveSettings(m.db, { walkInsAllowed: true });
    const { walkIn: sam } = registerWalkIn(m, { firstName: "Sam", lang: "es" });
    markWalkInSeen(m, receptionist(m), sam.walkInId);
    expect(waitingWalkIns(m)).toEqual([]);
    markWalkInSeen(m, receptionist(m), sam.walkInId, false);
    markWalkInSeen(m, receptionist(m), sam.walkInId, false); // twice is harmless
    expect(waitingWalkIns(m)).toEqual([sam]);
    m.db
      .prepare("UPDATE walk_ins SET appointment_id = (SELECT min(id) FROM appointments), seen_at = ? WHERE id = ?")
      .run(m.clock.now().toISOString(), sam.walkInId);
    expect(() => markWalkInSeen(m, receptionist(m), sam.walkInId, false)).toThrow(
      "Sam has been booked in since, so stays off the list.",
    );
    expect(waitingWalkIns(m)).toEqual([]);
    const actions = m.db.prepare("SELECT action FROM audit_log WHERE entity = 'walk_in' ORDER BY id").pluck().all();
    expect(actions).toEqual(["walk_in.create", "walk_in.seen", "walk_in.waiting"]);
  });

  it("take letters only, in any script, as a first name", () => {
    expect(walkInNameSchema.safeParse("José-Luis").success).toBe(true);
    expect(walkInNameSchema.safeParse("李").success).toBe(true);
    expect(walkInNameSchema.safeParse("😀").error?.issues[0]?.message).toBe("Please use letters only.");
    expect(walkInNameSchema.safeParse("   ").error?.issues[0]?.message).toBe("Please type your first name.");
    expect(walkInNameSchema.safeParse("a".repeat(31)).error?.issues[0]?.message).toMatch(/under 30/);
  });
});

describe("walk-ins booked at the desk", () => {
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

  it("a walk-in booked in the spa's last minute of the day is on that day's list, as their check-in is", async () => {
    const m = await demoModel();
    const opts = deskOptions(m);
    const room = found(
      opts.rooms.find((r) => r.name === "Jasmine"),
      "rooms entry",
    ).id;
    // 23:59:20 in Los Angeles: the next whole minute is tomorrow's first.
    m.clock.set("2026-11-26T07:59:20.000Z");
    const { item } = walkIn(m, riley, {
      guestName: "Late Owl",
      phone: "5550001112",
      serviceId: found(opts.services[0], "opts.services[0]").id,
      therapistId: found(opts.therapists[0], "therapists entry").id,
      roomId: room,
      addonIds: [],
    });
    const days = m.db
      .prepare(
        "SELECT a.local_day AS booked, c.local_day AS arrived FROM appointments a JOIN check_ins c ON c.appointment_id = a.id WHERE a.id = ?",
      )
      .get(item.appointmentId);
    expect(days).toEqual({ booked: "2026-11-25", arrived: "2026-11-25" });
    expect(item.startsAt).toBe("2026-11-26T07:59:00.000Z");
    expect(arrivalsQueue(m).items.map((i) => i.guestName)).toContain("Late Owl");
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
});
