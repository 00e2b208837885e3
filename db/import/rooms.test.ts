import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { checkInAtKiosk } from "../kiosk/check-in";
import { demoModel, found } from "../test/helpers";
import { commitImport } from "./commit";
import { previewImport } from "./preview";

const riley = { kind: "staff", staffId: 2, name: "Riley Chen" } as const;
const csv = (header: string, rows: string[]) => `\uFEFF${header}\r\n${rows.join("\r\n")}\r\n`;
/** Acuity's columns: no room, the start and end written out with the month's name. */
const ACUITY = "Start Time,End Time,First Name,Last Name,Phone,Type,Calendar,Appointment ID";
/** A day the demo spa has no bookings on (its four weeks end before), so every room is free. */
const DAY = "January 14, 2027";
const row = (id: string, start: string, end: string, name: string, therapist: string) =>
  `"${DAY} ${start}","${DAY} ${end}",${name},Guest,555${id.padStart(7, "0")},Swedish massage,${therapist},A-${id}`;

type Stored = { guest_name: string; room: string; starts_at: string; ends_at: string; room_id: number };
const stored = (m: Awaited<ReturnType<typeof demoModel>>): Stored[] =>
  m.db
    .prepare(
      `SELECT a.guest_name, r.name AS room, a.room_id, a.starts_at, a.ends_at FROM appointments a JOIN rooms r ON r.id = a.room_id
       WHERE a.external_id LIKE 'A-%' ORDER BY a.starts_at, a.guest_name`,
    )
    .all() as Stored[];

describe("a booking export that names no rooms (Acuity)", () => {
  it("is recognised and read; each booking gets a free room, shown as chosen; two at once get two rooms", async () => {
    const m = await demoModel();
    const file = csv(ACUITY, [
      row("1", "10:00am", "11:30am", "Ada", "Ana Ruiz"),
      row("2", "10:00am", "11:00am", "Bea", "Ben Carter"),
      row("3", "11:30am", "12:30pm", "Cleo", "Ana Ruiz"),
    ]);
    const preview = await previewImport(m, file);
    expect(preview.preset?.name).toBe("Acuity Scheduling");
    expect(preview.mapping.room).toBeUndefined();
    expect(preview.errors).toEqual([]);
    expect(preview.warnings.map((w) => w.message)).toContain(
      "This file names no rooms: each booking goes to a free room, shown as “chosen” below. The desk can move any of them.",
    );
    expect(preview.rows.map((r) => [r.guestName, r.roomChosen])).toEqual([
      ["Ada Guest", true],
      ["Bea Guest", true],
      ["Cleo Guest", true],
    ]);
    const [ada, bea, cleo] = preview.rows;
    expect(ada?.roomName).not.toBe(bea?.roomName);
    // Cleo would go where her therapist Ana is, but Ada's add-on may need that room after her: Cleo goes elsewhere.
    expect(cleo?.roomName).not.toBe(ada?.roomName);
    const result = await commitImport(m, riley, file, { mapping: preview.mapping, skipBadRows: false });
    expect(result.created).toBe(3);
    expect(stored(m).map((s) => s.room)).toEqual(preview.rows.map((r) => r.roomName));

    // Imported again, nothing moves.
    const again = await previewImport(m, file);
    expect(again.rows.map((r) => [r.roomName, r.action])).toEqual(preview.rows.map((r) => [r.roomName, "unchanged"]));
  });

  it("a chosen room leaves time for an add-on, so the guest is offered one at the kiosk", async () => {
    const m = await demoModel();
    // Three bookings back to back for three therapists: packed into one room, the first two would be offered nothing.
    const file = csv(ACUITY, [
      row("1", "10:00am", "11:00am", "Ada", "Ana Ruiz"),
      row("2", "11:00am", "12:00pm", "Bea", "Ben Carter"),
      row("3", "12:00pm", "1:00pm", "Cleo", "Chloé Martin"),
    ]);
    const preview = await previewImport(m, file);
    await commitImport(m, riley, file, { mapping: preview.mapping, skipBadRows: false });
    // Packed into one room, each but the last would find the room taken when its add-on would run.
    expect(new Set(stored(m).map((s) => s.room)).size).toBeGreaterThan(1);
    m.clock.set("2027-01-14T17:30:00.000Z"); // 9:30 that morning at the spa
    for (const id of ["A-1", "A-2", "A-3"]) {
      const appointment = m.db.prepare("SELECT id FROM appointments WHERE external_id = ?").pluck().get(id) as number;
      const { visit } = checkInAtKiosk(m, appointment, "en");
      expect(visit.offer.cards.map((c) => [id, c.available])).toEqual(visit.offer.cards.map(() => [id, true]));
    }
  });

  it("a booking no room is free for is named with its time; the others import when bad rows are skipped", async () => {
    const m = await demoModel();
    const rooms = (m.db.prepare("SELECT count(*) FROM rooms WHERE active = 1").pluck().get() as number) + 1;
    const therapists = ["Ana Ruiz", "Ben Carter", "Chloé Martin", "Diego Santos", "Emi Tanaka", "Ana Ruiz"];
    const file = csv(
      ACUITY,
      Array.from({ length: rooms }, (_, i) => row(String(i + 1), "3:00pm", "4:00pm", `G${i}`, therapists[i] ?? "")),
    );
    const preview = await previewImport(m, file);
    expect(preview.errors).toEqual([
      expect.objectContaining({
        line: rooms + 1,
        field: "room",
        message:
          "The file names no room for this booking, and no room is free 2027-01-14 3:00 PM–4:00 PM: all 5 rooms are booked then. Put the room in the booking system's export, or move a booking at the desk, and import again.",
      }),
    ]);
    await expect(commitImport(m, riley, file, { mapping: preview.mapping, skipBadRows: false })).rejects.toThrow(
      /1 row has problems, so nothing was imported/,
    );
    const result = await commitImport(m, riley, file, { mapping: preview.mapping, skipBadRows: true });
    expect([result.created, result.skipped]).toEqual([rooms - 1, 1]);
  });

  it("stored bookings keep their rooms; an empty room cell gets a free one; a cancelled booking takes no room's time", async () => {
    const m = await demoModel();
    const header = "ID,Client,Phone,Service,Therapist,Room,Date,Time,Duration,Status";
    const file = csv(header, [
      "A-1,Ada Guest,5550000001,Swedish massage,Ana Ruiz,Bamboo,2027-01-14,10:00,60,Booked",
      "A-2,Bea Guest,5550000002,Swedish massage,Ben Carter,,2027-01-14,10:00,60,Booked",
      "A-3,Cleo Guest,5550000003,Swedish massage,Chloé Martin,,2027-01-14,10:00,60,Cancelled",
    ]);
    const preview = await previewImport(m, file);
    expect(preview.errors).toEqual([]);
    expect(preview.rows.map((r) => [r.guestName, r.roomChosen])).toEqual([
      ["Ada Guest", false],
      ["Bea Guest", true],
      ["Cleo Guest", true],
    ]);
    expect(preview.rows[1]?.roomName).not.toBe("Bamboo");
    // The file has a room column: no word about rooms for the whole file.
    expect(preview.warnings.filter((w) => w.field === "room")).toEqual([]);
  });

  it("for any day of bookings without rooms: no room is ever booked twice at once, and no booking is refused while a room is free", async () => {
    const m = await demoModel();
    const roomCount = m.db.prepare("SELECT count(*) FROM rooms WHERE active = 1").pluck().get() as number;
    const therapists = ["Ana Ruiz", "Ben Carter", "Chloé Martin"];
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({ start: fc.integer({ min: 0, max: 40 }), length: fc.integer({ min: 1, max: 8 }), t: fc.nat(2) }),
          { minLength: 1, maxLength: 25 },
        ),
        async (bookings) => {
          run++;
          const quarter = (q: number) => {
            const minutes = 8 * 60 + q * 15;
            const h = Math.floor(minutes / 60);
            return `${h % 12 === 0 ? 12 : h % 12}:${String(minutes % 60).padStart(2, "0")}${h < 12 ? "am" : "pm"}`;
          };
          const rows = bookings.map(
            (b, i) =>
              `"${DAY} ${quarter(b.start)}","${DAY} ${quarter(b.start + b.length)}",G${i},Guest,555${String(i).padStart(7, "0")},Swedish massage,${therapists[b.t] ?? ""},P${run}-${i}`,
          );
          const preview = await previewImport(m, csv(ACUITY, rows));
          const placed = preview.rows.map((r) => ({
            room: r.roomName,
            s: Date.parse(r.startsAt),
            e: Date.parse(r.endsAt),
          }));
          for (const [i, a] of placed.entries())
            for (const b of placed.slice(i + 1)) if (a.room === b.room) expect(a.s >= b.e || b.s >= a.e).toBe(true);
          // In start order, a booking is refused only when every room is taken at its start.
          const most = Math.max(
            ...bookings.map((b) => bookings.filter((o) => o.start <= b.start && o.start + o.length > b.start).length),
          );
          expect(preview.errors.length === 0).toBe(most <= roomCount);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("a booking without a phone is imported, and the receptionist told the kiosk won't find it", async () => {
    const m = await demoModel();
    const file = csv(ACUITY, [
      `"${DAY} 10:00am","${DAY} 11:00am",Ada,Guest,,Swedish massage,Ana Ruiz,A-1`,
      `"${DAY} 10:00am","${DAY} 11:00am",Bea,Guest,555 010 2002,Swedish massage,Ben Carter,A-2`,
    ]);
    const preview = await previewImport(m, file);
    expect(preview.errors).toEqual([]);
    expect(preview.warnings).toContainEqual(
      expect.objectContaining({
        line: 2,
        field: "phone",
        message:
          "No phone number for Ada Guest: the kiosk won't find this booking. Check them in at the desk, or add the phone in the booking system.",
      }),
    );
    const result = await commitImport(m, riley, file, { mapping: preview.mapping, skipBadRows: false });
    expect(result.created).toBe(2);
    // On the desk's day, with no phone; and no other phone-less guest is "found" with her at the kiosk.
    expect(m.db.prepare("SELECT phone FROM appointments WHERE external_id = 'A-1'").pluck().get()).toBe("");
    const { phone: _phone, ...withoutPhone } = preview.mapping;
    const noColumn = await previewImport(m, file, { mapping: withoutPhone });
    expect(noColumn.warnings.map((w) => w.message)).toContain(
      "This file has no phone numbers: the kiosk finds guests by phone, so it won't find these bookings. Check the guests in at the desk, or choose the phone column above.",
    );
  });

  it("the Acuity fixture: recognised, 90 minutes from its end time, the note read, imported whole", async () => {
    const m = await demoModel();
    const content = readFileSync(path.join(import.meta.dirname, "fixtures", "acuity.csv"), "utf8");
    const preview = await previewImport(m, content);
    expect(preview.preset?.name).toBe("Acuity Scheduling");
    expect(preview.errors).toEqual([]);
    const maria = found(
      preview.rows.find((r) => r.guestName === "María Hernández"),
      "María",
    );
    expect((Date.parse(maria.endsAt) - Date.parse(maria.startsAt)) / 60_000).toBe(90);
    expect(maria.note).toBe("Allergic to nuts, use plain lotion 🌰");
    expect(maria.startsAt).toBe("2026-11-26T06:00:00.000Z"); // 10:00 PM in Los Angeles
    const result = await commitImport(m, riley, content, { mapping: preview.mapping, skipBadRows: false });
    expect(result.created).toBe(4);
  });
});
