import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { IMPORT_SLICE_ROWS, type ImportCatalogKind, type ImportPreview } from "../../contract/desk";
import { APPOINTMENT_NOTE_MAX, CONTROL_CHARACTER } from "../../contract/common";
import { verifyAuditChain } from "../audit";
import { checkInAtKiosk } from "../kiosk/check-in";
import { findAppointments } from "../kiosk/search";
import { buildTicketContent } from "../printing/tickets";
import { demoModel, found } from "../test/helpers";
import { commitImport } from "./commit";
import { matchImportName } from "./match";
import { previewImport } from "./preview";
import { cleanNote, decideDateOrder, parseMinutes, parseStatus } from "./values";
import { IMPORT_PRESETS, recognisePreset } from "./presets";

const riley = { kind: "staff", staffId: 2, name: "Riley Chen" } as const;
const csv = (header: string, rows: string[]) => `\uFEFF${header}\r\n${rows.join("\r\n")}\r\n`;
const HEADER = "Appt ID,First Name,Last Name,Mobile,Service,Therapist,Room,Date,Start Time,Duration,Status,Notes";

/** A catalog entry's id by its name, as the import dialog lists the catalog. */
const catalogId = (preview: ImportPreview, kind: ImportCatalogKind, name: string): number =>
  found(
    preview.catalog[kind].find((e) => e.name === name),
    `the ${kind} ${name}`,
  ).id;

describe("a booking system's real export", () => {
  it("joins first and last names, honours duration, end time, status and notes, and carries the note to the ticket", async () => {
    const m = await demoModel();
    const file = csv(HEADER, [
      'B-1,María,Hernández,+1 (555) 010-1001,Swedish massage,Ana Ruiz,Lotus,2026-11-25,2:00 PM,90 min,Confirmed,"Allergic to nuts,\nuse plain lotion"',
      "B-2,Zoë,Müller,555.010.1002,Swedish massage,Ana Ruiz,Lotus,2026-11-25,4:00 PM,60,Cancelada,",
      "B-3,Chen,Wei 🌸,5550101003,Swedish massage,Ben Carter,Cedar,2026-11-25,11:00 AM,1h 30m,no-show,",
      "B-4,Ola,Nordmann,5550101004,Swedish massage,Ben Carter,Cedar,2026-11-25,3:00 PM,,Deleted,",
    ]);
    const preview = await previewImport(m, file);
    expect(preview.errors).toEqual([]);
    expect(preview.mapping).toMatchObject({ firstName: 1, lastName: 2, duration: 9, status: 10, notes: 11 });
    expect(
      preview.rows.map((r) => [r.guestName, r.status, (Date.parse(r.endsAt) - Date.parse(r.startsAt)) / 60_000]),
    ).toEqual([
      ["María Hernández", "booked", 90],
      ["Zoë Müller", "cancelled", 60],
      ["Chen Wei 🌸", "no_show", 90],
      ["Ola Nordmann", "cancelled", 60],
    ]);
    expect(preview.rows[0]?.note).toBe("Allergic to nuts, use plain lotion");
    await commitImport(m, riley, file, { mapping: preview.mapping, skipBadRows: false });

    // The cancelled booking is not found at the kiosk; the booked one is.
    expect(findAppointments(m, { by: "phone", phone: "5550101002" })).toEqual([]);
    expect(findAppointments(m, { by: "phone", phone: "5550101004" })).toEqual([]);
    const [maria] = findAppointments(m, { by: "phone", phone: "5550101001" });
    expect(maria).toBeDefined();
    const id = found(maria, "María's booking").appointmentId;
    const ticket = buildTicketContent(m, id, { kind: "original", confirmedBy: "Riley" });
    expect(ticket).toMatchObject({
      note: "Allergic to nuts, use plain lotion",
      startLocal: "2:00 PM",
      endLocal: "3:30 PM",
      serviceMinutes: 90,
    });

    // End time instead of duration.
    const ends = csv("ID,Client,Phone,Service,Therapist,Room,Date,Start,End Time", [
      "E-1,Ada Lovelace,5550101010,Swedish massage,Ana Ruiz,Lotus,2026-11-26,9:00 AM,10:30 AM",
    ]);
    const endsPreview = await previewImport(m, ends);
    expect(endsPreview.mapping.endTime).toBe(8);
    expect(endsPreview.rows[0]).toMatchObject({
      startsAt: "2026-11-26T17:00:00.000Z",
      endsAt: "2026-11-26T18:30:00.000Z",
    });
    expect(verifyAuditChain(m.db).ok).toBe(true);
  });

  it("a re-import that cancels a booking cancels it, and reports it where the guest already checked in", async () => {
    const m = await demoModel();
    const rows = (s1: string, s2: string) => [
      `C-1,Ada,Lovelace,5550102001,Swedish massage,Ana Ruiz,Lotus,2026-11-25,2:00 PM,60,${s1},`,
      `C-2,Grace,Hopper,5550102002,Swedish massage,Ben Carter,Cedar,2026-11-25,2:00 PM,60,${s2},`,
    ];
    const first = csv(HEADER, rows("Booked", "Booked"));
    const { mapping } = await previewImport(m, first);
    await commitImport(m, riley, first, { mapping, skipBadRows: false });
    const grace = found(findAppointments(m, { by: "phone", phone: "5550102002" })[0], "Grace's booking").appointmentId;
    checkInAtKiosk(m, grace, "en");

    const again = csv(HEADER, rows("Cancelled", "Cancelada"));
    const preview = await previewImport(m, again);
    expect(preview.warnings.map((w) => [w.line, w.column, w.message])).toEqual([
      [
        3,
        "Status",
        expect.stringMatching(
          /^Grace Hopper already checked in, and the booking system now says the booking is cancelled\. The import cancels it: tell the desk/,
        ),
      ],
    ]);
    const result = await commitImport(m, riley, again, { mapping, skipBadRows: false });
    expect(result).toMatchObject({
      updated: 2,
      cancelled: 2,
      cancelledAfterCheckIn: [{ line: 3, externalId: "C-2", guestName: "Grace Hopper" }],
    });
    expect(
      m.db
        .prepare("SELECT external_id, status FROM appointments WHERE external_id LIKE 'C-%' ORDER BY external_id")
        .all(),
    ).toEqual([
      { external_id: "C-1", status: "cancelled" },
      { external_id: "C-2", status: "cancelled" },
    ]);
  });

  it("decides day-first or month-first from the whole file, and asks when it can't tell", async () => {
    expect(decideDateOrder(["03/12/2026", "25/11/2026"])).toBe("day-first");
    expect(decideDateOrder(["03/12/2026", "11/25/2026"])).toBe("month-first");
    expect(decideDateOrder(["03/12/2026", "04/12/2026"])).toBeNull();
    expect(decideDateOrder(["25/11/2026", "11/25/2026"])).toBe("mixed");

    const m = await demoModel();
    const header = "ID,Client,Phone,Service,Therapist,Room,Date,Time";
    const row = (id: string, date: string) =>
      `${id},Ada Lovelace,555010300${id.slice(-1)},Swedish massage,Ana Ruiz,Lotus,${date},10:00`;
    const dayFirst = await previewImport(m, csv(header, [row("D-1", "03/12/2026"), row("D-2", "25/11/2026")]));
    expect(dayFirst.dateOrder).toEqual({ order: "day-first", from: "file" });
    expect(dayFirst.rows[0]?.startsAt).toBe("2026-12-03T18:00:00.000Z");

    const unclear = csv(header, [row("D-3", "03/12/2026"), row("D-4", "04/12/2026")]);
    const asked = await previewImport(m, unclear);
    expect(asked.dateOrder).toEqual({ order: null, from: "ask" });
    expect(asked.rows).toEqual([]);
    expect(asked.errors[0]).toMatchObject({
      line: 1,
      column: "Date",
      message: expect.stringMatching(/day-first or month-first\. Choose the date order above/),
    });
    await expect(commitImport(m, riley, unclear, { mapping: asked.mapping, skipBadRows: true })).rejects.toThrow(
      /Choose the date order/,
    );
    const chosen = await previewImport(m, unclear, { dateOrder: "month-first" });
    expect(chosen.rows.map((r) => r.startsAt.slice(0, 10))).toEqual(["2026-03-12", "2026-04-12"]);
  });

  it("honours ISO 8601 offsets and Z, imports a clock time that doesn't exist or happens twice with a warning, and warns on past dates", async () => {
    const m = await demoModel();
    const header = "ID,Client,Phone,Service,Therapist,Room,Start";
    const file = csv(header, [
      "T-1,Ada Lovelace,5550104001,Swedish massage,Ana Ruiz,Lotus,2026-11-25T22:30:00Z",
      "T-2,Ben Ames,5550104002,Swedish massage,Ana Ruiz,Lotus,2026-11-26T14:30:00-05:00",
      "T-3,Cy Bell,5550104003,Swedish massage,Ana Ruiz,Lotus,2027-03-14 2:30 AM",
      "T-4,Di Cole,5550104004,Swedish massage,Ana Ruiz,Lotus,2027-11-07 1:30 AM",
      "T-5,Ed Dunn,5550104005,Swedish massage,Ana Ruiz,Lotus,2026-11-20 10:00 AM",
    ]);
    const preview = await previewImport(m, file);
    expect(preview.rows.map((r) => [r.externalId, r.startsAt])).toEqual([
      ["T-1", "2026-11-25T22:30:00.000Z"],
      ["T-2", "2026-11-26T19:30:00.000Z"],
      // 2:30 AM doesn't exist that night: the booking system's clock puts it at 3:30 AM PDT.
      ["T-3", "2027-03-14T10:30:00.000Z"],
      ["T-4", "2027-11-07T08:30:00.000Z"],
      ["T-5", "2026-11-20T18:00:00.000Z"],
    ]);
    expect(preview.errors).toEqual([]);
    expect(preview.warnings.map((w) => [w.line, w.column, w.message])).toEqual([
      [
        4,
        "Start",
        expect.stringMatching(
          /^02:30 on 2027-03-14 does not exist in America\/Los_Angeles: the clocks jump forward an hour that night\. It is imported as 03:30/,
        ),
      ],
      [
        5,
        "Start",
        expect.stringMatching(
          /^01:30 on 2027-11-07 happens twice in America\/Los_Angeles .* imported as the first, before the clocks go back: the desk, the kiosk and the slip read 1:30 AM [A-Z]DT\./,
        ),
      ],
      [6, "Start", expect.stringMatching(/^This booking was on 2026-11-20, in the past\./)],
    ]);
  });

  it("a name the catalog doesn't know is matched once, remembered for the next import, and listed with its rows", async () => {
    const m = await demoModel();
    const file = csv("ID,Client,Phone,Service,Therapist,Room,Date,Time", [
      "N-1,Ada Lovelace,5550105001,Chair Massage,Ana Ruiz,Room 1,2026-11-26,10:00",
      "N-2,Ben Ames,5550105002,Swedish massage,Ana Ruiz,Room 1,2026-11-26,11:00",
    ]);
    const preview = await previewImport(m, file);
    expect(preview.validRows).toBe(0);
    expect(preview.unknownNames).toEqual([
      { kind: "service", name: "Chair Massage", rows: 1, firstLine: 2, minutes: null },
      { kind: "room", name: "Room 1", rows: 2, firstLine: 2, minutes: null },
    ]);
    const lotus = catalogId(preview, "room", "Lotus");
    const swedish = catalogId(preview, "service", "Swedish massage");
    expect(matchImportName(m, riley, "room", "Room 1", lotus)).toEqual({
      kind: "room",
      name: "Room 1",
      targetName: "Lotus",
    });
    matchImportName(m, riley, "service", "chair  massage", swedish);
    const matched = await previewImport(m, file);
    expect(matched.errors).toEqual([]);
    expect(matched.rows.map((r) => [r.serviceName, r.roomName])).toEqual([
      ["Swedish massage", "Lotus"],
      ["Swedish massage", "Lotus"],
    ]);
  });

  it("recognises each booking system's export by its column names and only proposes the mapping", async () => {
    const m = await demoModel();
    for (const preset of IMPORT_PRESETS) {
      const named = Object.values(preset.fields).map((names) => names[0] ?? "");
      const header = [...named, ...preset.signature.filter((h) => !named.includes(h))];
      const found = recognisePreset(header);
      expect(found?.preset.name).toBe(preset.name);
      const preview = await previewImport(m, csv(header.join(","), []).concat("x\r\n"));
      expect(preview.preset?.name).toBe(preset.name);
      expect(preview.preset?.note).toMatch(/proposed .* Check each one before importing/);
      expect(preview.mappingRemembered).toBe(false);
    }
    expect(recognisePreset(["Booking ID", "Client Name", "Mobile", "Service"])).toBeNull();
  });

  it("reads durations and statuses as booking systems write them", () => {
    expect(["90", "90 min", "1h 30m", "1:30", "1.5 h", "2 hours", "45 minutes", "soon"].map(parseMinutes)).toEqual([
      90,
      90,
      90,
      90,
      90,
      120,
      45,
      null,
    ]);
    expect(
      [
        "Cancelled",
        "canceled",
        "Late Cancel",
        "Deleted",
        "Cancelada",
        "Anulado",
        "No-Show",
        "No presentado",
        "No se presentó",
        "Confirmed",
        "Reservada",
        "",
        "Maybe",
      ].map(parseStatus),
    ).toEqual([
      "cancelled",
      "cancelled",
      "cancelled",
      "cancelled",
      "cancelled",
      "cancelled",
      "no_show",
      "no_show",
      "no_show",
      "booked",
      "booked",
      "booked",
      undefined,
    ]);
  });

  it("a note is one clean line within the contract's limit, whatever the cell holds", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: APPOINTMENT_NOTE_MAX * 3, unit: "binary" }), (raw) => {
        const { note, cut } = cleanNote(raw);
        if (note === null) return raw.trim() === "" || !/\S/.test(raw.replace(/[\p{C}]/gu, " "));
        return (
          note.length <= APPOINTMENT_NOTE_MAX &&
          !CONTROL_CHARACTER.test(note) &&
          !/[\r\n\u202e]/.test(note) &&
          note === note.trim() &&
          cut === note.endsWith("…")
        );
      }),
      { numRuns: 500 },
    );
    expect(cleanNote("x".repeat(APPOINTMENT_NOTE_MAX)).cut).toBe(false);
    expect(cleanNote("x".repeat(APPOINTMENT_NOTE_MAX + 1))).toEqual({
      note: `${"x".repeat(APPOINTMENT_NOTE_MAX - 1)}…`,
      cut: true,
    });
  });

  it("writes a large file in slices, letting a kiosk check-in through between them", async () => {
    const m = await demoModel();
    const rows = Array.from(
      { length: IMPORT_SLICE_ROWS * 3 },
      (_, i) => `S-${i},Guest ${i},555${String(2000000 + i)},Swedish massage,Ana Ruiz,Lotus,2026-11-26,10:00`,
    );
    const file = csv("ID,Client,Phone,Service,Therapist,Room,Date,Time", rows);
    const { mapping } = await previewImport(m, file);
    const countImported = () =>
      (m.db.prepare("SELECT count(*) AS n FROM appointments WHERE external_id LIKE 'S-%'").get() as { n: number }).n;
    // What a kiosk check-in arriving while the import runs would find: it is served between slices.
    const seen: number[] = [];
    const tick = setInterval(() => seen.push(countImported()), 1);
    const result = await commitImport(m, riley, file, { mapping, skipBadRows: false });
    clearInterval(tick);
    expect(result.created).toBe(IMPORT_SLICE_ROWS * 3);
    expect(seen.some((n) => n > 0 && n < IMPORT_SLICE_ROWS * 3)).toBe(true);
  });
});

describe("each booking system's export, as its fixture file", () => {
  const fixtures = {
    mindbody: "Mindbody",
    booker: "Booker",
    vagaro: "Vagaro",
    square: "Square Appointments",
    fresha: "Fresha",
    zenoti: "Zenoti",
  } as const;
  for (const [file, system] of Object.entries(fixtures)) {
    it(`${system}: recognised, names joined, statuses and notes read, the 90-minute booking ends at +90, hostile cells kept as text`, async () => {
      const m = await demoModel();
      const content = readFileSync(path.join(import.meta.dirname, "fixtures", `${file}.csv`), "utf8");
      const first = await previewImport(m, content);
      expect(first.preset?.name).toBe(system);
      if (file === "booker") {
        // Booker's "Room 1" is Lotus: matched once here, as staff do in the dialog.
        expect(first.unknownNames).toEqual([{ kind: "room", name: "Room 1", rows: 2, firstLine: 2, minutes: 90 }]);
        matchImportName(m, riley, "room", "Room 1", catalogId(first, "room", "Lotus"));
      }
      const preview = await previewImport(m, content);
      expect(preview.errors).toEqual([]);
      const maria = preview.rows.find((r) => r.guestName.includes("María"));
      expect(maria?.note).toMatch(
        /^(Allergic to nuts, use plain lotion|Alérgica a los frutos secos, usar loción neutra) 🌰$/,
      );
      expect((Date.parse(maria?.endsAt ?? "") - Date.parse(maria?.startsAt ?? "")) / 60_000).toBe(90);
      expect(preview.rows.find((r) => r.guestName.includes("Zoë"))?.status).toBe("cancelled");
      expect(preview.rows.find((r) => r.guestName.includes("Chen"))?.status).toBe("no_show");
      expect(preview.rows.find((r) => r.guestName.startsWith("=HYPERLINK"))?.status).toBe("booked");
      const result = await commitImport(m, riley, content, { mapping: preview.mapping, skipBadRows: false });
      expect(result.created).toBe(preview.totalRows);
    });
  }
});
