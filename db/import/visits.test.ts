import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { buildTicketContent } from "../printing/tickets";
import { demoModel, found } from "../test/helpers";
import { commitImport } from "./commit";
import { previewImport } from "./preview";
import { issueList } from "./issues";
import type { FileRow } from "./row-checks";
import { joinVisits } from "./visits";

/**
 * A visit of several services, one row each under one booking ID, as Mindbody, Vagaro, Fresha and Square export it:
 * one booking for the whole visit, each joined row said in the preview.
 */
const riley = { kind: "staff", staffId: 2, name: "Riley Chen" } as const;
const HEADER = "Appointment ID,Customer,Phone,Service,Provider,Resource,Date,Start Time,Duration,Status,Notes";
const file = (rows: string[], header = HEADER) => `\uFEFF${header}\r\n${rows.join("\r\n")}\r\n`;
type M = Awaited<ReturnType<typeof demoModel>>;
async function imported(m: M, content: string) {
  const { mapping } = await previewImport(m, content);
  return commitImport(m, riley, content, { mapping, skipBadRows: true });
}
const stored = (m: M, externalId: string) =>
  found(
    m.db
      .prepare(
        `SELECT a.id, s.name AS service, a.starts_at, a.ends_at, a.note, a.status FROM appointments a
         JOIN services s ON s.id = a.service_id WHERE a.external_id = ?`,
      )
      .get(externalId) as
      | { id: number; service: string; starts_at: string; ends_at: string; note: string | null; status: string }
      | undefined,
    `booking ${externalId}`,
  );
/** The booking's add-ons booked ahead, as "code minutes". */
const booked = (m: M, externalId: string) =>
  m.db
    .prepare(
      `SELECT a.code || ' ' || b.extra_minutes FROM booked_addons b JOIN addons a ON a.id = b.addon_id
       JOIN appointments p ON p.id = b.appointment_id WHERE p.external_id = ? ORDER BY a.code`,
    )
    .pluck()
    .all(externalId);
const minutes = (r: { starts_at: string; ends_at: string }) =>
  (Date.parse(r.ends_at) - Date.parse(r.starts_at)) / 60_000;

const ADA = [
  '1234,Ada Lovelace,555-201-0001,Swedish massage,Ana Ruiz,Lotus,12/29/2026,10:00 AM,60 min,Confirmed,"Prefers light pressure"',
  "1234, ada  LOVELACE ,555-201-0001,Scalp Massage 15 min,Ana Ruiz,Lotus,12/29/2026,11:00 AM,15 min,Confirmed,",
];
const GRACE = [
  "1235,Grace Hopper,555-201-0002,Swedish massage,Ben Carter,Cedar,12/29/2026,2:30 PM,60,Confirmed,",
  "1235,Grace Hopper,555-201-0002,Hot stone massage,Chloé Martin,Cedar,12/29/2026,1:00 PM,90,Confirmed,",
];

describe("several services under one booking ID", () => {
  it("are one booking for the whole visit, its main service the longest, each joined row said in one line", async () => {
    const m = await demoModel();
    const preview = await previewImport(m, file([...ADA, ...GRACE]));
    expect(preview).toMatchObject({ errors: [], totalRows: 4, validRows: 4, bookings: 2 });
    expect(preview.rows.map((r) => [r.line, r.externalId, r.serviceName, r.roomName])).toEqual([
      [2, "1234", "Swedish massage", "Lotus"],
      [5, "1235", "Hot stone massage", "Cedar"],
    ]);
    expect(preview.warnings.map((w) => [w.line, w.message])).toEqual([
      [
        3,
        "Booking 1234: Scalp Massage 15 min on line 3 joined to the 60 min Swedish massage on line 2: Ana Ruiz and the room are held 10:00 AM–11:15 AM, and the kiosk won't offer it again, and the desk and the slip show it as an add-on booked ahead.",
      ],
      [
        4,
        "Booking 1235: Swedish massage 60 min on line 4 joined to the 90 min Hot stone massage on line 5 (the file gives it to Ben Carter): Chloé Martin and the room are held 1:00 PM–3:30 PM, and the desk and the slip say it is also booked.",
      ],
    ]);
    const result = await imported(m, file([...ADA, ...GRACE]));
    expect(result).toMatchObject({ created: 2, skipped: 0 });
    const ada = stored(m, "1234");
    // The scalp massage is the visit's add-on booked ahead, not a line of the note; Grace's second massage is noted.
    expect([ada.service, minutes(ada), ada.note, booked(m, "1234")]).toEqual([
      "Swedish massage",
      75,
      "Prefers light pressure",
      ["scalp 15"],
    ]);
    expect(buildTicketContent(m, ada.id, { kind: "original", confirmedBy: "Riley" })).toMatchObject({
      note: "Prefers light pressure",
      serviceMinutes: 60,
      addons: [{ code: "scalp", title: "SCALP MASSAGE", extraMinutes: 15, bookedAhead: true }],
    });
    expect([stored(m, "1235").note, booked(m, "1235")]).toEqual(["Also booked: Swedish massage 60 min", []]);
    expect(minutes(stored(m, "1235"))).toBe(150);

    // The same file again changes nothing.
    expect(await imported(m, file([...ADA, ...GRACE]))).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    // Tomorrow's file no longer has the scalp massage: the booking is shortened back, its note the booking system's.
    const [massage = ""] = ADA;
    expect(await imported(m, file([massage, ...GRACE]))).toMatchObject({ updated: 1, unchanged: 1 });
    expect([minutes(stored(m, "1234")), stored(m, "1234").note, booked(m, "1234")]).toEqual([
      60,
      "Prefers light pressure",
      [],
    ]);
  });

  it("another guest's, another day's or a row over 10 hours away under the same ID is a duplicate, refused on its line", async () => {
    const m = await demoModel();
    const content = file([
      "1236,Alan Turing,555-201-0003,Swedish massage,Ana Ruiz,Lotus,12/29/2026,4:00 PM,60,Confirmed,",
      "1236,Joan Clarke,555-201-0004,Swedish massage,Ben Carter,Cedar,12/29/2026,4:00 PM,60,Confirmed,",
      "1237,Alan Turing,555-201-0003,Swedish massage,Ana Ruiz,Lotus,12/29/2026,5:00 PM,60,Confirmed,",
      "1237,Alan Turing,555-201-0003,Swedish massage,Ana Ruiz,Lotus,12/30/2026,5:00 PM,60,Confirmed,",
      "1238,Grace Hopper,555-201-0002,Swedish massage,Ben Carter,Cedar,12/29/2026,9:00 AM,60,Confirmed,",
      "1238,Grace Hopper,555-201-0002,Swedish massage,Ben Carter,Cedar,12/29/2026,8:00 PM,60,Confirmed,",
    ]);
    const preview = await previewImport(m, content);
    expect(preview.errors.map((e) => [e.line, e.column, e.message])).toEqual([
      [
        3,
        "Appointment ID",
        "The booking ID \"1236\" is also on line 2, for another guest (Alan Turing): two bookings can't share an ID. Remove the duplicate row in the booking system's export.",
      ],
      [
        5,
        "Appointment ID",
        "The booking ID \"1237\" is also on line 4, on another day (2026-12-29): two bookings can't share an ID. Remove the duplicate row in the booking system's export.",
      ],
      [
        7,
        "Appointment ID",
        "The booking ID \"1238\" is also on line 6, more than 10 hours away, longer than a visit: two bookings can't share an ID. Remove the duplicate row in the booking system's export.",
      ],
    ]);
    expect(await previewImport(m, content)).toMatchObject({ totalRows: 6, validRows: 3, bookings: 3 });
    expect(await imported(m, content)).toMatchObject({ created: 3, skipped: 3 });
  });

  it("an add-on with no massage, a cancelled second service, and a visit whose other row is bad", async () => {
    const m = await demoModel();
    const header = "Appointment ID,Customer,Phone,Service,Provider,Resource,Date,Start Time,Duration,Status";
    const content = file(
      [
        // An add-on booked first, then its massage: the visit starts with it. No Notes column.
        "2001,Zoë Müller,555.201.1002,Face massage,Ana Ruiz,Lotus,12/29/2026,9:45 AM,,Booked",
        "2001,Zoë Müller,555.201.1002,Deep tissue massage,Ana Ruiz,Lotus,12/29/2026,10:00 AM,60,Booked",
        "2002,Wei Chen,5552011003,Swedish massage,Ben Carter,Cedar,12/29/2026,10:00 AM,60,Confirmed",
        "2002,Wei Chen,5552011003,Scalp massage,Ben Carter,Cedar,12/29/2026,11:00 AM,15,Cancelled",
        "2003,Ola Nordmann,5552011004,Scalp massage,Ana Ruiz,Willow,12/29/2026,3:00 PM,15,Booked",
        "2004,Ana Lima,5552011005,Swedish massage,Nobody Here,Willow,12/29/2026,4:00 PM,60,Booked",
        "2004,Ana Lima,5552011005,Face massage,Ana Ruiz,Willow,12/29/2026,5:00 PM,15,Booked",
      ],
      header,
    );
    const preview = await previewImport(m, content);
    expect(preview.errors.map((e) => [e.line, e.column, e.message.replace(/ The catalog's .*$/, "")])).toEqual([
      [
        6,
        "Service",
        '"Scalp massage" is one of the spa\'s add-ons, and booking 2003 has no massage in the file for it to join. Export the booking with its massage, or book the add-on at the desk when the guest checks in.',
      ],
      [
        7,
        "Provider",
        '"Nobody Here" is not a therapist in the catalog. Match it to one under "Names not in the catalog" (it is remembered for later imports), or a manager adds it there.',
      ],
      [
        8,
        "Appointment ID",
        "Booking 2004 is also on line 7, which has a problem: fix that row and the visit imports whole.",
      ],
    ]);
    expect(preview).toMatchObject({ totalRows: 7, validRows: 4, bookings: 2 });
    await expect(commitImport(m, riley, content, { mapping: preview.mapping, skipBadRows: false })).rejects.toThrow(
      '3 rows have problems, so nothing was imported. Fix the file, or choose "Skip bad rows" to import the other 4.',
    );
    expect(preview.warnings.map((w) => [w.line, w.message])).toEqual([
      [
        2,
        "Booking 2001: Face massage 15 min on line 2 joined to the 60 min Deep tissue massage on line 3: Ana Ruiz and the room are held 9:45 AM–11:00 AM, and the kiosk won't offer it again, and the desk and the slip show it as an add-on booked ahead.",
      ],
      [5, "Booking 2002: Scalp massage 15 min on line 5 is cancelled in the file: left out of the visit on line 4."],
    ]);
    await imported(m, content);
    expect([minutes(stored(m, "2001")), stored(m, "2001").note, booked(m, "2001")]).toEqual([75, null, ["face 15"]]);
    expect([minutes(stored(m, "2002")), stored(m, "2002").status]).toEqual([60, "booked"]);
    // Without its face massage, the visit is the massage alone again, and the note it had from the join goes.
    const [, massage = ""] = content.split("\r\n").slice(1);
    await imported(m, file([massage], header));
    expect([minutes(stored(m, "2001")), stored(m, "2001").note, booked(m, "2001")]).toEqual([60, null, []]);
  });
});

describe("Vagaro's and Fresha's exports of visits with add-ons, as their fixture files", () => {
  const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "fixtures", `${name}.csv`), "utf8");

  it("Vagaro: 'Add-On: Scalp Massage - 15 min' joins the Swedish massage; a cancelled face massage is left out", async () => {
    const m = await demoModel();
    const content = fixture("vagaro-visits");
    const preview = await previewImport(m, content);
    expect(preview.preset?.name).toBe("Vagaro");
    expect(preview.errors).toEqual([]);
    expect(preview.warnings.map((w) => w.message)).toEqual([
      "Booking VG-7001: Add-On: Scalp Massage - 15 min on line 4 joined to the 60 min Swedish massage on line 2: Ana Ruiz and the room are held 10:00 AM–11:15 AM, and the kiosk won't offer it again, and the desk and the slip show it as an add-on booked ahead.",
      "Booking VG-7002: Face Massage 15 min on line 6 is cancelled in the file: left out of the visit on line 5.",
    ]);
    expect(await imported(m, content)).toMatchObject({ created: 2 });
    expect([minutes(stored(m, "VG-7001")), stored(m, "VG-7001").note, booked(m, "VG-7001")]).toEqual([
      75,
      "Allergic to nuts, use plain lotion 🌰",
      ["scalp 15"],
    ]);
    expect(minutes(stored(m, "VG-7002"))).toBe(60);
    expect(await imported(m, content)).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
  });

  it("Fresha: a 'Masaje capilar 15min' booked before the massage starts the visit at 09:45", async () => {
    const m = await demoModel();
    const content = fixture("fresha-visits");
    const preview = await previewImport(m, content);
    expect(preview.preset?.name).toBe("Fresha");
    expect(preview.errors).toEqual([]);
    expect(preview.warnings.map((w) => w.message)).toEqual([
      "Booking FR-8001: Masaje capilar 15min on line 2 joined to the 60 min Swedish massage on line 3: Ana Ruiz and the room are held 9:45 AM–11:00 AM, and the kiosk won't offer it again, and the desk and the slip show it as an add-on booked ahead.",
    ]);
    await imported(m, content);
    const wei = stored(m, "FR-8001");
    expect([wei.service, minutes(wei), wei.note, booked(m, "FR-8001")]).toEqual([
      "Swedish massage",
      75,
      "Primera visita",
      ["scalp 15"],
    ]);
    expect(await imported(m, content)).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
  });
});

describe("a Square export that gives every service of a visit the visit's start", () => {
  it("lays the scalp massage after the Swedish massage, and says so", async () => {
    const m = await demoModel();
    const content = file(
      [
        "SQ-9001,Grace Hopper,(555) 201-9001,Scalp massage,Ana Ruiz,Lotus,12/29/2026,10:00 AM,15,Accepted,",
        "SQ-9001,Grace Hopper,(555) 201-9001,Swedish massage,Ana Ruiz,Lotus,12/29/2026,10:00 AM,60,Accepted,",
      ],
      "Booking ID,Customer Name,Phone Number,Service,Staff,Resource,Date,Start Time,Duration (minutes),Status,Seller Note",
    );
    const preview = await previewImport(m, content);
    expect(preview.preset?.name).toBe("Square Appointments");
    expect(preview.warnings.map((w) => w.message)).toEqual([
      "Booking SQ-9001: Scalp massage 15 min on line 2 joined to the 60 min Swedish massage on line 3 and follows it: Ana Ruiz and the room are held 10:00 AM–11:15 AM, and the kiosk won't offer it again, and the desk and the slip show it as an add-on booked ahead.",
    ]);
    await imported(m, content);
    expect(minutes(stored(m, "SQ-9001"))).toBe(75);
  });
});

describe("joining a visit's rows, whatever their order", () => {
  const issues = () => issueList(() => null);
  const row = (line: number, start: number, length: number, addon: boolean): FileRow => ({
    line,
    externalId: "V-1",
    guestName: "Ada Lovelace",
    phone: "5552010001",
    noPhone: false,
    service: addon ? { id: 100, name: "Scalp massage", addon } : { id: line, name: `Service ${line}`, addon },
    serviceText: addon ? "Scalp massage" : `Service ${line}`,
    therapist: { id: 1, name: "Ana Ruiz" },
    room: null,
    // 8:00 AM in Los Angeles on 29 December 2026, plus `start` minutes.
    startsAt: new Date(Date.parse("2026-12-29T16:00:00.000Z") + start * 60_000).toISOString(),
    endsAt: new Date(Date.parse("2026-12-29T16:00:00.000Z") + (start + length) * 60_000).toISOString(),
    status: "booked",
    note: null,
    joined: [],
    addons: [],
    rows: 1,
  });

  it("one booking from the earliest start, long enough for every row one after the other, booked as the longest massage", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ start: fc.nat(480), length: fc.integer({ min: 5, max: 120 }), addon: fc.boolean() }), {
          minLength: 1,
          maxLength: 6,
        }),
        (cells) => {
          const rows = cells.map((c, i) => row(i + 2, c.start, c.length, c.addon));
          const [errors, warnings] = [issues(), issues()];
          const visits = joinVisits(rows, "America/Los_Angeles", new Map(), errors, warnings);
          const massages = rows.filter((r) => !r.service.addon);
          if (massages.length === 0) {
            expect([visits, errors.count]).toEqual([[], rows.length]);
            return;
          }
          const longest = Math.max(...massages.map((r) => Date.parse(r.endsAt) - Date.parse(r.startsAt)));
          const main = found(
            massages.find((r) => Date.parse(r.endsAt) - Date.parse(r.startsAt) === longest),
            "the first longest massage",
          );
          expect(errors.count).toBe(0);
          const visit = found(visits[0], "the visit");
          const length = (r: { startsAt: string; endsAt: string }) => Date.parse(r.endsAt) - Date.parse(r.startsAt);
          expect(visits).toEqual([
            {
              ...main,
              startsAt: rows.map((r) => r.startsAt).sort()[0],
              endsAt: expect.any(String) as string,
              // The other massages are named in the note; the add-ons (all the one scalp massage here) are booked
              // ahead, for all their minutes.
              joined: rows
                .filter((r) => r !== main && !r.service.addon)
                .map((r) => expect.stringContaining(r.serviceText) as string),
              addons: rows.some((r) => r.service.addon)
                ? [
                    {
                      id: 100,
                      minutes: rows.filter((r) => r.service.addon).reduce((sum, r) => sum + length(r) / 60_000, 0),
                    },
                  ]
                : [],
              rows: rows.length,
            },
          ]);
          // Long enough for every service one after the other, and for the last one to end where the file says.
          const latestEnd =
            rows
              .map((r) => r.endsAt)
              .sort()
              .at(-1) ?? "";
          expect(length(visit)).toBeGreaterThanOrEqual(rows.reduce((sum, r) => sum + length(r), 0));
          expect(visit.endsAt >= latestEnd).toBe(true);
          const overlap = rows.some((a) => rows.some((b) => a !== b && a.startsAt < b.endsAt && b.startsAt < a.endsAt));
          if (!overlap) expect(visit.endsAt).toBe(latestEnd);
          expect(warnings.count).toBe(rows.length - 1);
        },
      ),
      { numRuns: 300 },
    );
  });
});
