import { describe, expect, it } from "vitest";
import { assign } from "../desk/appointment";
import { queueItem } from "../desk/queue";
import { checkInAtKiosk } from "../kiosk/check-in";
import { latestTicket } from "../printing/tickets";
import { demoModel, found } from "../test/helpers";
import { commitImport } from "./commit";
import { previewImport } from "./preview";

/** The receptionist moves a guest (another room or therapist); tomorrow's export still has them where they were. */
const riley = { kind: "staff", staffId: 2, name: "Riley Chen" } as const;
const HEADER = "Appt ID,Client Name,Mobile,Service,Therapist,Room,Date,Start Time,Duration,Status";
/** Friday 27 November 2026, 9:00 AM at the spa: its demo bookings end at 10 PM, the file's come after. */
const NINE_AM = "2026-11-27T17:00:00.000Z";
type M = Awaited<ReturnType<typeof demoModel>>;

const day = (ada = { therapist: "Ben Carter", room: "Jasmine" }, date = "11/27/2026") =>
  `\uFEFF${HEADER}\r\n` +
  [
    [
      "MB-1",
      "Ada Lovelace",
      "555-201-0001",
      "Swedish massage",
      ada.therapist,
      ada.room,
      date,
      "10:15 PM",
      "60",
      "Confirmed",
    ],
    ["MB-2", "Grace Hopper", "555-201-0002", "Swedish massage", "Ben Carter", "Jasmine", date, "11:30 PM", "60", ""],
  ]
    .map((r) => r.join(","))
    .join("\r\n") +
  "\r\n";
async function imported(m: M, file: string) {
  const { mapping } = await previewImport(m, file);
  return commitImport(m, riley, file, { mapping, skipBadRows: false });
}
const adaId = (m: M) =>
  found(
    m.db.prepare("SELECT id FROM appointments WHERE external_id = 'MB-1'").pluck().get() as number | undefined,
    "Ada's booking",
  );
const catalogId = (m: M, table: "rooms" | "therapists", name: string) =>
  found(m.db.prepare(`SELECT id FROM ${table} WHERE name = ?`).pluck().get(name) as number | undefined, name);

describe("a re-import after the desk moved a guest", () => {
  it("keeps the desk's room and therapist while the file still says the old ones, and says so on the booking", async () => {
    const m = await demoModel(NINE_AM);
    await imported(m, day());
    const ada = adaId(m);
    assign(m, riley, {
      appointmentId: ada,
      roomId: catalogId(m, "rooms", "Lotus"),
      therapistId: catalogId(m, "therapists", "Ana Ruiz"),
    });

    const preview = await previewImport(m, day());
    expect(preview.warnings.map((w) => [w.line, w.column, w.message])).toEqual([
      [
        2,
        "Room",
        "Ada Lovelace was moved at the desk, and the booking system still has the booking as before: kept the desk's change, room Lotus instead of Jasmine and therapist Ana Ruiz instead of Ben Carter. Make the same change in the booking system, or move the guest back at the desk.",
      ],
    ]);
    expect(preview.rows.map((r) => [r.externalId, r.roomName, r.therapistName, r.action])).toEqual([
      ["MB-1", "Lotus", "Ana Ruiz", "unchanged"],
      ["MB-2", "Jasmine", "Ben Carter", "unchanged"],
    ]);
    const result = await imported(m, day());
    expect(result).toMatchObject({ updated: 0, unchanged: 2 });
    expect(queueItem(m, ada)).toMatchObject({ roomName: "Lotus", therapistName: "Ana Ruiz" });

    // A second move at the desk stands the same way: the file still says what it said.
    assign(m, riley, { appointmentId: ada, roomId: catalogId(m, "rooms", "Cedar") });
    await imported(m, day());
    expect(queueItem(m, ada)).toMatchObject({ roomName: "Cedar", therapistName: "Ana Ruiz" });
  });

  it("a file that moves the booking itself, since, is the booking system's new decision", async () => {
    const m = await demoModel(NINE_AM);
    await imported(m, day());
    const ada = adaId(m);
    assign(m, riley, { appointmentId: ada, roomId: catalogId(m, "rooms", "Lotus") });
    // The booking system gives Ada to Diego in Bamboo: the file's new word, taken without a warning about the desk.
    const moved = day({ therapist: "Diego Santos", room: "Bamboo" });
    const preview = await previewImport(m, moved);
    expect(preview.warnings).toEqual([]);
    await imported(m, moved);
    expect(queueItem(m, ada)).toMatchObject({ roomName: "Bamboo", therapistName: "Diego Santos" });
    // The booking system since agrees with the desk: nothing to keep, nothing said.
    assign(m, riley, { appointmentId: ada, roomId: catalogId(m, "rooms", "Lotus") });
    const agreed = day({ therapist: "Diego Santos", room: "Lotus" });
    expect((await previewImport(m, agreed)).warnings).toEqual([]);
    await imported(m, agreed);
    expect(queueItem(m, ada)).toMatchObject({ roomName: "Lotus" });
  });

  it("a checked-in guest the desk moved is not moved back, and no CHANGED slip prints", async () => {
    const m = await demoModel(NINE_AM);
    await imported(m, day());
    const ada = adaId(m);
    m.clock.set("2026-11-28T06:05:00.000Z"); // 10:05 PM
    checkInAtKiosk(m, ada, "en");
    assign(m, riley, { appointmentId: ada, roomId: catalogId(m, "rooms", "Lotus") });
    const preview = await previewImport(m, day());
    expect(preview.warnings.map((w) => w.message)).toEqual([
      "Ada Lovelace was moved at the desk, and the booking system still has the booking as before: kept the desk's change, room Lotus instead of Jasmine. Make the same change in the booking system, or move the guest back at the desk.",
    ]);
    const result = await imported(m, day());
    expect(result.changedAfterCheckIn).toEqual([]);
    expect(queueItem(m, ada).roomName).toBe("Lotus");
    expect(latestTicket(m, ada)).toBeNull();
  });

  it("a past booking the desk moved keeps the desk's room without a word", async () => {
    const m = await demoModel(NINE_AM);
    await imported(m, day(undefined, "11/28/2026"));
    const ada = adaId(m);
    assign(m, riley, { appointmentId: ada, roomId: catalogId(m, "rooms", "Lotus") });
    m.clock.set("2026-11-30T17:00:00.000Z");
    const preview = await previewImport(m, day(undefined, "11/28/2026"));
    expect(preview.warnings.filter((w) => w.message.includes("moved at the desk"))).toEqual([]);
    await imported(m, day(undefined, "11/28/2026"));
    expect(m.db.prepare("SELECT room_id FROM appointments WHERE id = ?").pluck().get(ada)).toBe(
      catalogId(m, "rooms", "Lotus"),
    );
  });
});
