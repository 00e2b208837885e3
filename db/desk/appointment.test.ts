import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SESSION_MINUTES } from "../../contract/common";
import { verifyAuditChain } from "../audit";
import { arrivalsQueue, deskOptions, queueItem } from "./queue";
import { assign, cancelAppointment, clash, CLASH_SQL, markNoShow, reinstateAppointment } from "./appointment";
import { changeAddons, confirmAddons } from "./addons";
import { exportConfirmedAddons } from "./pos-export";
import { uptakeReport } from "../reports/reports";
import { spaToday } from "../settings";
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

describe("a session cancelled after its guest checked in", () => {
  it("voids the add-ons it had: the slip says VOID, and the report, the POS file and the desk agree nothing was taken", async () => {
    const { m, id, scalp } = await checkedInWithFace();
    confirmAddons(m, riley, id);
    const day = spaToday(m);
    const before = uptakeReport(m, { from: day, to: day, grain: "day" }).totals;
    const maria = () =>
      exportConfirmedAddons(m, day)
        .content.split("\r\n")
        .filter((l) => l.includes("HH2233"));
    expect(maria().join()).toContain("Face massage");
    cancelAppointment(m, riley, id, "Called away");
    expect(latestTicket(m, id)).toMatchObject({ kind: "void", voidReason: "Appointment cancelled: Called away" });
    expect(queueItem(m, id).offer).toMatchObject({
      status: "voided",
      final: [],
      voidReason: "Appointment cancelled: Called away",
    });
    const after = uptakeReport(m, { from: day, to: day, grain: "day" }).totals;
    // Still a check-in (the guest came), no longer a taken add-on nor its revenue.
    expect(after.checkIns).toBe(before.checkIns);
    expect(after.taken).toBe(before.taken - 1);
    expect(after.revenueCents).toBe(before.revenueCents - 2500);
    expect(maria()).toEqual([]);
    // Reinstated, the guest's add-ons stay voided until the desk adds one again with Change.
    reinstateAppointment(m, riley, id, "Came back");
    expect(queueItem(m, id).offer?.status).toBe("voided");
    expect(changeAddons(m, riley, { appointmentId: id, addonIds: [scalp] }).item.offer?.final).toEqual([
      "Scalp massage",
    ]);
  });
});

describe("a therapist or room already taken (clash)", () => {
  /** The search before it was bounded by the longest session: every booking of the therapist starting before `end`. */
  const UNBOUNDED = `SELECT starts_at, ends_at FROM appointments
     WHERE therapist_id = ? AND id IS NOT ? AND status = 'booked' AND starts_at < ? AND ends_at > ? ORDER BY starts_at LIMIT 1`;

  it("finds what the unbounded search found, for bookings of every length the app lets in, up to the longest (property)", async () => {
    const m = await demoModel();
    const therapist = Number(m.db.prepare("INSERT INTO therapists (name) VALUES ('Clash Test')").run().lastInsertRowid);
    const base = Date.parse("2026-12-01T10:00:00.000Z");
    const at = (minutes: number) => new Date(base + minutes * 60_000).toISOString();
    const booking = fc.record({
      start: fc.integer({ min: -2 * SESSION_MINUTES.max, max: 2 * SESSION_MINUTES.max }),
      // The longest session and the shortest are both drawn often: the edges of the search.
      minutes: fc.oneof(fc.constantFrom(SESSION_MINUTES.min, SESSION_MINUTES.max), fc.integer(SESSION_MINUTES)),
      booked: fc.boolean(),
    });
    const insert = m.db.prepare(
      `INSERT INTO appointments (booking_code, guest_name, phone_key, phone, service_id, therapist_id, room_id,
                                 starts_at, ends_at, local_day, source, status, created_at)
       VALUES (?, 'Guest', '', '', 1, ?, 1, ?, ?, '2026-12-01', 'desk', ?, ?)`,
    );
    fc.assert(
      fc.property(
        fc.array(booking, { maxLength: 12 }),
        fc.integer({ min: -SESSION_MINUTES.max, max: SESSION_MINUTES.max }),
        fc.integer(SESSION_MINUTES),
        (bookings, start, minutes) => {
          m.db.exec("SAVEPOINT clash");
          try {
            bookings.forEach((b, i) =>
              insert.run(
                `CL${String(i).padStart(4, "0")}`,
                therapist,
                at(b.start),
                at(b.start + b.minutes),
                b.booked ? "booked" : "cancelled",
                at(0),
              ),
            );
            const window = [at(start), at(start + minutes)] as const;
            expect(clash(m, "therapist_id", therapist, null, ...window)).toEqual(
              m.db.prepare(UNBOUNDED).get(therapist, null, window[1], window[0]),
            );
          } finally {
            m.db.exec("ROLLBACK TO clash; RELEASE clash");
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("reads the therapist's and the room's index from the longest session before the start, both ends bounded", async () => {
    const m = await demoModel();
    for (const [column, sql] of Object.entries(CLASH_SQL)) {
      const plan = (m.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(1, null, "a", "b", "c") as { detail: string }[])
        .map((r) => r.detail)
        .join("\n");
      expect(plan).toMatch(
        new RegExp(`USING INDEX appointments_by_\\w+ \\(${column}=\\? AND starts_at>\\? AND starts_at<\\?\\)`),
      );
    }
  });
});
