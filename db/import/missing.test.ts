import { describe, expect, it } from "vitest";
import { checkInAtKiosk } from "../kiosk/check-in";
import { findAppointments } from "../kiosk/search";
import { appointmentHistory } from "../desk/history";
import { demoModel, found } from "../test/helpers";
import { commitImport } from "./commit";
import { previewImport } from "./preview";

const riley = { kind: "staff", staffId: 2, name: "Riley Chen" } as const;
const csv = (header: string, rows: string[]) => `\uFEFF${header}\r\n${rows.join("\r\n")}\r\n`;
const HEADER = "Appt ID,Client Name,Mobile,Service,Therapist,Room,Date,Start Time,Duration,Status";
/** Friday 27 November 2026, 9:00 AM at the spa: the day's bookings are still to come. */
const NINE_AM = "2026-11-27T17:00:00.000Z";
const row = (id: string, name: string, phone: string, therapist: string, room: string, time: string) =>
  [id, name, phone, "Swedish massage", therapist, room, "11/27/2026", time, "60", "Confirmed"].join(",");
const ada = row("MB-1", "Ada Lovelace", "555-201-0001", "Ana Ruiz", "Lotus", "10:00 AM");
const grace = row("MB-2", "Grace Hopper", "555-201-0002", "Ben Carter", "Cedar", "10:00 AM");
const alan = row("MB-3", "Alan Turing", "555-201-0003", "Chloé Martin", "Willow", "11:00 AM");
/** The booking system's later export: Grace moved to 1:00 PM, which it wrote as a new booking (MB-4). */
const graceAtOne = row("MB-4", "Grace Hopper", "555-201-0002", "Ben Carter", "Cedar", "1:00 PM");

type M = Awaited<ReturnType<typeof demoModel>>;
async function imported(m: M, rows: string[], header = HEADER) {
  const file = csv(header, rows);
  const { mapping } = await previewImport(m, file);
  return commitImport(m, riley, file, { mapping, skipBadRows: false });
}
const kioskTimes = (m: M, phone: string) => findAppointments(m, { by: "phone", phone }).map((a) => a.startsAt);

describe("a later export that no longer holds a booking imported before", () => {
  it("lists it, cancels it only when the receptionist chooses, and audits the cancellation", async () => {
    const m = await demoModel(NINE_AM);
    await imported(m, [ada, grace, alan]);
    const later = csv(HEADER, [ada, alan, graceAtOne]);
    const preview = await previewImport(m, later);
    expect(preview.missing).toEqual([
      expect.objectContaining({
        externalId: "MB-2",
        guestName: "Grace Hopper",
        startsAt: "2026-11-27T18:00:00.000Z",
        therapistName: "Ben Carter",
        roomName: "Cedar",
        checkedIn: false,
      }),
    ]);
    const gone = found(preview.missing[0], "Grace's 10 AM booking").appointmentId;

    // Not chosen: the import keeps it, as before (the safe default for a file that may be filtered).
    const kept = await commitImport(m, riley, later, { mapping: preview.mapping, skipBadRows: false });
    expect(kept).toMatchObject({ created: 1, unchanged: 2, cancelledMissing: 0 });
    expect(kioskTimes(m, "5552010002")).toEqual(["2026-11-27T18:00:00.000Z", "2026-11-27T21:00:00.000Z"]);

    // Chosen: cancelled, and the kiosk offers Grace her 1 PM booking only.
    const again = await previewImport(m, later, { cancelMissing: [gone] });
    expect(again.missing.map((b) => b.appointmentId)).toEqual([gone]);
    const result = await commitImport(m, riley, later, {
      mapping: again.mapping,
      skipBadRows: false,
      cancelMissing: [gone],
    });
    expect(result).toMatchObject({ cancelledMissing: 1, cancelled: 0, unchanged: 3 });
    expect(kioskTimes(m, "5552010002")).toEqual(["2026-11-27T21:00:00.000Z"]);
    expect(appointmentHistory(m, gone).at(-1)).toMatchObject({
      action: "appointment.import_cancel",
      actor: "Riley Chen",
      reason: "Not in the booking system's export any more: cancelled by the import, as chosen.",
    });
    // Once cancelled it is settled: the next import lists it no more.
    expect((await previewImport(m, later)).missing).toEqual([]);
  });

  it("lists only the days and therapists the file covers, and never a walk-in, a begun booking or another day's", async () => {
    const m = await demoModel(NINE_AM);
    const early = row("MB-0", "Early Bird", "555-201-0009", "Ben Carter", "Jasmine", "8:00 AM");
    const tomorrow = [
      "MB-5",
      "Next Day",
      "555-201-0005",
      "Swedish massage",
      "Ana Ruiz",
      "Lotus",
      "11/28/2026",
      "10:00 AM",
    ];
    await imported(m, [early, ada, grace, alan, [...tomorrow, "60", "Confirmed"].join(",")]);
    // A file filtered to Ben Carter, today: Ada's and Alan's bookings (other therapists) and tomorrow's are not its to
    // speak for; Early Bird's 8 AM booking has begun (the desk settles it).
    const bensDay = await previewImport(m, csv(HEADER, [graceAtOne]));
    expect(bensDay.missing.map((b) => b.guestName)).toEqual(["Grace Hopper"]);
    // The demo's own bookings that day (made at the desk, never in an export) are never listed.
    const onlyOne = row("MB-9", "Only One", "555-201-0099", "Ana Ruiz", "Lotus", "4:00 PM");
    const everyone = await previewImport(m, csv(HEADER, [onlyOne, graceAtOne]));
    expect(everyone.missing.map((b) => b.externalId)).toEqual(["MB-1", "MB-2"]);
    // A row of the file with a problem still holds its booking: not listed as missing.
    const badAda = ada.replace("555-201-0001", "12-34");
    const withBadRow = await previewImport(m, csv(HEADER, [badAda, onlyOne, alan, grace]));
    expect(withBadRow.errors.map((e) => e.line)).toEqual([2]);
    expect(withBadRow.missing).toEqual([]);
  });

  it("a guest who checked in already is named and never cancelled, even when chosen", async () => {
    const m = await demoModel(NINE_AM);
    await imported(m, [ada, grace, alan]);
    const adaId = found(findAppointments(m, { by: "phone", phone: "5552010001" })[0], "Ada").appointmentId;
    checkInAtKiosk(m, adaId, "en");
    // Ana's 4 PM guest is in the file: Ana's bookings of the day are the file's to speak for.
    const file = csv(HEADER, [grace, alan, row("MB-9", "Only One", "555-201-0099", "Ana Ruiz", "Lotus", "4:00 PM")]);
    const preview = await previewImport(m, file);
    expect(preview.missing).toEqual([expect.objectContaining({ guestName: "Ada Lovelace", checkedIn: true })]);
    expect(preview.warnings.map((w) => w.message)).toEqual([
      "Ada Lovelace (Fri, Nov 27 10:00 AM with Ana Ruiz, ID MB-1) already checked in, and the booking is not in this file: the import keeps it. Check it in the booking system, and tell the therapist if it was cancelled.",
    ]);
    const result = await commitImport(m, riley, file, {
      mapping: preview.mapping,
      skipBadRows: false,
      cancelMissing: [adaId],
    });
    expect(result.cancelledMissing).toBe(0);
    expect(m.db.prepare("SELECT status FROM appointments WHERE id = ?").pluck().get(adaId)).toBe("booked");
  });
});

describe("a file with no rooms (Acuity) after a booking left it", () => {
  const ACUITY = "Start Time,End Time,First Name,Last Name,Phone,Type,Calendar,Appointment ID";
  const at3 = (id: string, first: string, therapist: string) =>
    `"January 14, 2027 3:00pm","January 14, 2027 4:00pm",${first},Guest,555301${id.padStart(4, "0")},Swedish massage,${therapist},${id}`;
  const therapists = ["Ana Ruiz", "Ben Carter", "Chloé Martin", "Diego Santos", "Emi Tanaka"];

  it("the rooms of the bookings the receptionist chooses to cancel are free for the new ones", async () => {
    const m = await demoModel();
    const rooms = m.db.prepare("SELECT count(*) FROM rooms WHERE active = 1").pluck().get() as number;
    const morning = therapists.slice(0, rooms).map((t, i) => at3(`900${i}`, `Guest${i}`, t));
    expect(await imported(m, morning, ACUITY)).toMatchObject({ created: rooms });
    // Guest0 cancelled in Acuity, so her row left its export; a new guest took 3 PM with Ana.
    const noon = csv(ACUITY, [...morning.slice(1), at3("9010", "New", "Ana Ruiz")]);
    const preview = await previewImport(m, noon);
    expect(preview.missing.map((b) => [b.externalId, b.guestName])).toEqual([["9000", "Guest0 Guest"]]);
    expect(preview.errors.map((e) => e.message)).toEqual([expect.stringMatching(/no room is free 2027-01-14 3:00 PM/)]);

    const chosen = [found(preview.missing[0], "Guest0").appointmentId];
    const freed = await previewImport(m, noon, { mapping: preview.mapping, cancelMissing: chosen });
    expect(freed.errors).toEqual([]);
    const newGuest = found(
      freed.rows.find((r) => r.externalId === "9010"),
      "the new booking",
    );
    expect([newGuest.roomName, newGuest.roomChosen]).toEqual([preview.missing[0]?.roomName, true]);
    const result = await commitImport(m, riley, noon, {
      mapping: preview.mapping,
      skipBadRows: false,
      cancelMissing: chosen,
    });
    expect(result).toMatchObject({ created: 1, cancelledMissing: 1 });
    const clash = m.db
      .prepare(
        `SELECT count(*) FROM appointments a JOIN appointments b ON a.room_id = b.room_id AND a.id < b.id
         WHERE a.local_day = '2027-01-14' AND a.status = 'booked' AND b.status = 'booked'
           AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at`,
      )
      .pluck()
      .get();
    expect(clash).toBe(0);
  });
});
