import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { findAppointments } from "../kiosk/search";
import { demoModel, found } from "../test/helpers";
import { commitImport } from "./commit";
import { repairGarbledAccents } from "./garbled";
import { previewImport } from "./preview";
import { matchImportName } from "./match";
import { lengthInName, parseMinutes, parseStart, parseStatus, parseTime, readPhone } from "./values";

/**
 * Cells as real exports write them, found by a tester trying booking systems' and spreadsheets' habits: each was a
 * problem on its row (or the whole file's) that staff could not fix in the booking system.
 */
const riley = { kind: "staff", staffId: 2, name: "Riley Chen" } as const;
const HEADER = "ID,Client,Phone,Service,Therapist,Room,Date,Start Time,Duration,Status";
const csv = (rows: string[]) => `${HEADER}\r\n${rows.join("\r\n")}\r\n`;
const row = (cells: Partial<Record<"id" | "phone" | "date" | "time" | "duration" | "status" | "name", string>>) =>
  [
    cells.id ?? "W-1",
    cells.name ?? "Ada Lovelace",
    cells.phone ?? "555-201-0001",
    "Swedish massage",
    "Ana Ruiz",
    "Lotus",
    cells.date ?? "2027-01-14",
    cells.time ?? "10:00 AM",
    cells.duration ?? "60",
    cells.status ?? "Confirmed",
  ]
    .map((c) => (/[,"\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c))
    .join(",");

describe("cells as booking systems and spreadsheets write them", () => {
  it("times, lengths and dates in the forms exports use are read", () => {
    expect(["10.30", "22h00", "14h30", "10:30 a. m.", "10:30 p.m.", "14:30 Uhr", "10:00:00 AM"].map(parseTime)).toEqual(
      ["10:30", "22:00", "14:30", "10:30", "22:30", "14:30", "10:00"],
    );
    const ninety = [
      "01:30:00",
      "90:00",
      "1.5",
      "1,5",
      "90.0",
      "90 mins.",
      "1hr, 30min",
      "1 hour and 30 minutes",
      "1h30",
    ];
    expect(ninety.map(parseMinutes)).toEqual(ninety.map(() => 90));
    // A Date column a spreadsheet saved with midnight, slashes in an ISO date, a two-digit year after dots.
    for (const date of ["11/27/2026 0:00", "2026-11-27 00:00:00", "2026-11-27T00:00:00", "2026/11/27", "27.11.26"])
      expect(parseStart(date, "10:00 AM", "month-first")).toEqual({ day: "2026-11-27", time: "10:00" });
  });

  it("statuses of bookings in progress, declined or with a note are read", () => {
    const booked = [
      "Started",
      "Checkin",
      "Checked-in",
      "In Service",
      "Ready to start",
      "Show",
      "Paid",
      "Awaiting Confirmation",
    ];
    expect(booked.map(parseStatus)).toEqual(booked.map(() => "booked"));
    expect(["Confirmed (SMS)", "Declined", "Rechazada"].map(parseStatus)).toEqual(["booked", "cancelled", "cancelled"]);
  });

  it("a phone cell with a label, an extension, typographic dashes, a guarding apostrophe or two numbers is read", () => {
    const same = [
      "'+1 555 201 1001",
      "M: 555-201-1001",
      "Mobile 555 201 1001",
      "(555) 201-1001 (mobile)",
      "555–201–1001",
      "555-201-1001 Ext: 12",
      "555-201-1001 #12",
    ];
    expect(same.map((p) => readPhone(p))).toEqual(
      same.map((p) => ({ digits: p.startsWith("'") ? "15552011001" : "5552011001" })),
    );
    expect(readPhone("+44 (0)7700 900123")).toEqual({ digits: "447700900123" });
    expect(readPhone("201-1234 / 201-9876")).toEqual({
      digits: "2011234",
      note: '"201-1234 / 201-9876" holds two numbers: the first, 201-1234, is the one the kiosk finds.',
    });
    expect(readPhone("5.55201E+09")).toEqual({
      problem:
        '"5.55201E+09" is a phone number a spreadsheet turned into a number, and its last digits are lost. Export again from the booking system and import that file without opening it in a spreadsheet first.',
    });
  });

  it("a report's group lines and footers are left out, each named, and the bookings import", async () => {
    const m = await demoModel();
    const lines = [
      "Staff: Ana Ruiz",
      row({ id: "W-1" }),
      "Ana Ruiz (1 appointment)",
      "Count: 1",
      "Appointments: 1",
      "Subtotal,,,,,,,,120,",
      "Showing 1-1 of 1",
      "Report generated 11/27/2026 8:02 AM",
      "Printed by Riley Chen",
      "End of report",
    ];
    const preview = await previewImport(m, csv(lines));
    expect(preview.errors).toEqual([]);
    expect(preview.validRows).toBe(1);
    expect(preview.warnings.filter((w) => w.message.endsWith("left out.")).map((w) => w.line)).toEqual([
      2, 4, 5, 6, 7, 8, 9, 10, 11,
    ]);
  });

  it("a file whose accents a spreadsheet garbled is read as meant, and says so; the desk has the real name", async () => {
    const m = await demoModel();
    const meant = csv([
      row({ id: "W-1", name: "María Hernández 🌰" }),
      row({ id: "W-2", name: "Zoë Müller", time: "11:00" }),
    ]);
    const garbled = new TextDecoder("windows-1252").decode(Buffer.from(`\uFEFF${meant}`, "utf8"));
    expect(garbled).toContain("MarÃ­a");
    const preview = await previewImport(m, garbled);
    expect(preview.errors).toEqual([]);
    expect(preview.rows.map((r) => r.guestName)).toEqual(["María Hernández 🌰", "Zoë Müller"]);
    expect(preview.warnings[0]?.message).toBe(
      "The accents in this file were garbled (“MarÃ­a”): it had been opened in a spreadsheet and saved again. They are read as meant (“María”): check the names below.",
    );
    await commitImport(m, riley, garbled, { mapping: preview.mapping, skipBadRows: false });
    expect(m.db.prepare("SELECT guest_name FROM appointments WHERE external_id = 'W-1'").pluck().get()).toBe(
      "María Hernández 🌰",
    );
    // Garbled and then mixed with text that can't be a garbled byte: refused, naming it.
    await expect(
      previewImport(m, `${garbled}W-3,Chen 中文,5552010003,Swedish massage,Ana Ruiz,Lotus,2027-01-14,12:00,60,`),
    ).rejects.toThrow("The accents in this file are garbled (“MarÃ­a”)");
  });

  it("any text survives garbling and repair unchanged; text never garbled is left as it is", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", minLength: 1, maxLength: 80 }), (text) => {
        const garbled = new TextDecoder("windows-1252").decode(Buffer.from(text, "utf8"));
        const r = repairGarbledAccents(garbled);
        if (garbled === text) expect(r.repaired).toBe(false);
        else if (r.repaired === true) expect(r.text).toBe(text.replace(/^\uFEFF/, ""));
      }),
      { numRuns: 500 },
    );
    for (const plain of ["São Paulo", "Ãngela Ölund", "Zoë – “x”", "中文 😊"])
      expect(repairGarbledAccents(plain)).toEqual({ repaired: false });
  });

  it("a service named with its length, matched once to the catalog's, keeps the booking's length", async () => {
    const m = await demoModel();
    const file = `ID,Client,Phone,Service,Therapist,Room,Date,Start Time\r\nW-1,Ada Lovelace,555-201-0001,Swedish Massage 90 min,Ana Ruiz,Lotus,2027-01-14,2:00 PM\r\n`;
    const first = await previewImport(m, file);
    const swedish = found(
      first.catalog.service.find((e) => e.name === "Swedish massage"),
      "Swedish massage",
    );
    matchImportName(m, riley, "service", "Swedish Massage 90 min", swedish.id);
    const [ada] = (await previewImport(m, file)).rows;
    expect(ada?.serviceName).toBe("Swedish massage");
    expect((Date.parse(ada?.endsAt ?? "") - Date.parse(ada?.startsAt ?? "")) / 60_000).toBe(90);
    expect(["Facial - 1 hr", "Masaje (60 minutos)", "Deep Tissue 1.5 hours", "Hot stone 90"].map(lengthInName)).toEqual(
      [60, 60, 90, null],
    );
  });

  it("a cell with two numbers: the kiosk finds the guest by the first", async () => {
    const m = await demoModel("2027-01-14T17:00:00.000Z");
    const file = csv([row({ id: "W-1", phone: "201-555-1234 / 201-555-9876" })]);
    const preview = await previewImport(m, file);
    await commitImport(m, riley, file, { mapping: preview.mapping, skipBadRows: false });
    const [match] = findAppointments(m, { by: "phone", phone: "2015551234" });
    expect(found(match, "Ada by her first number").guestLabel).toBe("Ada L.");
  });
});
