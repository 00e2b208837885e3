import { describe, expect, it } from "vitest";
import { cancelAppointment, markNoShow, reinstateAppointment } from "../desk/appointment";
import { confirmAddons } from "../desk/addons";
import { queueItem } from "../desk/queue";
import { checkInAtKiosk } from "../kiosk/check-in";
import { chooseAddons } from "../kiosk/choose";
import { findAppointments } from "../kiosk/search";
import { latestTicket } from "../printing/tickets";
import { demoModel, found } from "../test/helpers";
import { commitImport } from "./commit";
import { previewImport } from "./preview";

const riley = { kind: "staff", staffId: 2, name: "Riley Chen" } as const;
const csv = (header: string, rows: string[]) => `\uFEFF${header}\r\n${rows.join("\r\n")}\r\n`;
const HEADER = "Appt ID,Client Name,Mobile,Service,Therapist,Room,Date,Start Time,Duration,Status";
/** Friday 27 November 2026, 9:00 AM at the spa. */
const NINE_AM = "2026-11-27T17:00:00.000Z";
type M = Awaited<ReturnType<typeof demoModel>>;

const row = (id: string, name: string, phone: string, therapist: string, room: string, time: string, status: string) =>
  [id, name, phone, "Swedish massage", therapist, room, "11/27/2026", time, "60", status].join(",");
const day = (status = { grace: "Confirmed", alan: "Confirmed" }, ada = { therapist: "Ben Carter", room: "Jasmine" }) =>
  csv(HEADER, [
    row("MB-1", "Ada Lovelace", "555-201-0001", ada.therapist, ada.room, "9:15 AM", "Confirmed"),
    row("MB-2", "Grace Hopper", "555-201-0002", "Ben Carter", "Jasmine", "2:00 PM", status.grace),
    row("MB-3", "Alan Turing", "555-201-0003", "Ben Carter", "Jasmine", "4:00 PM", status.alan),
  ]);
async function imported(m: M, file: string) {
  const { mapping } = await previewImport(m, file);
  return commitImport(m, riley, file, { mapping, skipBadRows: false });
}
const idOf = (m: M, phone: string) =>
  found(
    m.db.prepare("SELECT id FROM appointments WHERE phone_key = ? AND external_id IS NOT NULL").pluck().get(phone) as
      number | undefined,
    `the booking of ${phone}`,
  );
const statusOf = (m: M, id: number) => m.db.prepare("SELECT status FROM appointments WHERE id = ?").pluck().get(id);

describe("a re-import after the desk decided a booking's status", () => {
  it("keeps the desk's cancellation and no-show, and says so, where the booking system still has the guest booked", async () => {
    const m = await demoModel(NINE_AM);
    await imported(m, day());
    const grace = idOf(m, "5552010002");
    const alan = idOf(m, "5552010003");
    cancelAppointment(m, riley, grace, "Guest phoned to cancel");
    markNoShow(m, riley, alan);

    const preview = await previewImport(m, day());
    expect(preview.warnings.map((w) => [w.line, w.column, w.message])).toEqual([
      [
        3,
        "Status",
        "Grace Hopper was cancelled at the desk, but the booking system still says booked: kept cancelled. Cancel it in the booking system too, or reinstate it at the desk.",
      ],
      [
        4,
        "Status",
        "Alan Turing was marked a no-show at the desk, but the booking system still says booked: kept as a no-show. Mark it so in the booking system too, or reinstate it at the desk.",
      ],
    ]);
    expect(preview.rows.map((r) => [r.externalId, r.status, r.action])).toEqual([
      ["MB-1", "booked", "unchanged"],
      ["MB-2", "cancelled", "unchanged"],
      ["MB-3", "no_show", "unchanged"],
    ]);
    await imported(m, day());
    expect([statusOf(m, grace), statusOf(m, alan)]).toEqual(["cancelled", "no_show"]);
    expect(findAppointments(m, { by: "phone", phone: "5552010002" })).toEqual([]);

    // The desk reinstates Grace: the booking system's "booked" agrees again; its later "cancelled" is the file's.
    reinstateAppointment(m, riley, grace, "Guest rebooked by phone");
    await imported(m, day());
    expect(statusOf(m, grace)).toBe("booked");
  });

  it("a booking the desk reinstated stays booked while the booking system still says cancelled", async () => {
    const m = await demoModel(NINE_AM);
    await imported(m, day({ grace: "Cancelled", alan: "Confirmed" }));
    const grace = idOf(m, "5552010002");
    // The booking system cancelled Grace; she phoned the spa, and the desk put her back.
    reinstateAppointment(m, riley, grace, "Guest phoned: she is coming");
    const preview = await previewImport(m, day({ grace: "Cancelled", alan: "Confirmed" }));
    expect(preview.warnings.map((w) => w.message)).toEqual([
      "Grace Hopper was reinstated at the desk, but the booking system still says cancelled: kept booked. Book it again in the booking system too, or cancel it at the desk.",
    ]);
    await imported(m, day({ grace: "Cancelled", alan: "Confirmed" }));
    expect(statusOf(m, grace)).toBe("booked");
  });

  it("a status only an import set follows the booking system's file, as before", async () => {
    const m = await demoModel(NINE_AM);
    await imported(m, day({ grace: "Cancelled", alan: "Confirmed" }));
    const grace = idOf(m, "5552010002");
    const preview = await previewImport(m, day());
    expect(preview.warnings).toEqual([]);
    await imported(m, day());
    expect(statusOf(m, grace)).toBe("booked");
  });
});

/** The guest booked under this phone checks in at the kiosk, takes no add-on, the desk confirms: a ticket prints. */
function checkedInAndConfirmed(m: M, phone: string): number {
  const id = idOf(m, phone);
  checkInAtKiosk(m, id, "en");
  chooseAddons(m, { appointmentId: id, addonIds: [], offerMs: 1000, lang: "en" });
  confirmAddons(m, riley, id);
  return id;
}

describe("a re-import that moves a guest who already checked in", () => {
  it("warns in the preview, and sends a CHANGED ticket to the therapist as the desk's reassignment does", async () => {
    const m = await demoModel(NINE_AM);
    await imported(m, day());
    const ada = checkedInAndConfirmed(m, "5552010001");
    expect(latestTicket(m, ada)).toMatchObject({ kind: "original", therapistName: "Ben", roomName: "Jasmine" });

    // Ben called in sick: the booking system gave Ada to Diego, in Bamboo.
    const moved = day(undefined, { therapist: "Diego Santos", room: "Bamboo" });
    const preview = await previewImport(m, moved);
    expect(preview.warnings.map((w) => [w.line, w.column, w.message])).toEqual([
      [
        2,
        "Therapist",
        "Ada Lovelace already checked in: therapist Ben Carter → Diego Santos; room Jasmine → Bamboo. The import changes the booking; a CHANGED slip prints for the therapist. Tell the guest and the therapists.",
      ],
    ]);
    const result = await commitImport(m, riley, moved, { mapping: preview.mapping, skipBadRows: false });
    expect(result.changedAfterCheckIn).toEqual([
      { line: 2, externalId: "MB-1", guestName: "Ada Lovelace", ticketed: true },
    ]);
    expect(latestTicket(m, ada)).toMatchObject({
      kind: "changed",
      therapistName: "Diego",
      roomName: "Bamboo",
      changes: ["Therapist: Ben Carter → Diego Santos", "Room: Jasmine → Bamboo"],
    });
    expect(queueItem(m, ada)).toMatchObject({ therapistName: "Diego Santos", roomName: "Bamboo" });
    // Imported again unchanged: no second slip.
    const again = await commitImport(m, riley, moved, { mapping: preview.mapping, skipBadRows: false });
    expect(again.changedAfterCheckIn).toEqual([]);
    expect(m.db.prepare("SELECT count(*) FROM tickets WHERE appointment_id = ?").pluck().get(ada)).toBe(2);
  });

  it("a guest checked in without a ticket yet is named too, and no slip prints", async () => {
    const m = await demoModel(NINE_AM);
    await imported(m, day());
    const ada = idOf(m, "5552010001");
    checkInAtKiosk(m, ada, "en");
    const later = day(undefined, { therapist: "Ben Carter", room: "Bamboo" });
    const preview = await previewImport(m, later);
    expect(preview.warnings.map((w) => w.message)).toEqual([
      "Ada Lovelace already checked in: room Jasmine → Bamboo. The import changes the booking. Tell the guest and the therapists.",
    ]);
    const result = await commitImport(m, riley, later, { mapping: preview.mapping, skipBadRows: false });
    expect(result.changedAfterCheckIn).toEqual([
      { line: 2, externalId: "MB-1", guestName: "Ada Lovelace", ticketed: false },
    ]);
    expect(latestTicket(m, ada)).toBeNull();
  });

  it("a file that cancels a checked-in guest holding a ticket voids the add-ons and prints a VOID slip, as the desk does", async () => {
    const m = await demoModel(NINE_AM);
    await imported(m, day());
    const ada = checkedInAndConfirmed(m, "5552010001");
    const cancelled = csv(HEADER, [
      row("MB-1", "Ada Lovelace", "555-201-0001", "Ben Carter", "Jasmine", "9:15 AM", "Cancelled"),
    ]);
    const preview = await previewImport(m, cancelled);
    expect(preview.warnings.map((w) => w.message)).toEqual([
      "Ada Lovelace already checked in, and the booking system now says the booking is cancelled. The import cancels it: tell the desk and the therapist. A VOID slip prints for the therapist.",
    ]);
    await commitImport(m, riley, cancelled, { mapping: preview.mapping, skipBadRows: false });
    expect(latestTicket(m, ada)).toMatchObject({
      kind: "void",
      voidReason: "Appointment cancelled: Cancelled in the booking system",
    });
    expect(queueItem(m, ada).offer?.status).toBe("voided");
  });
});
