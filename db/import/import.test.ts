import { describe, expect, it } from "vitest";
import type { ImportMapping } from "../../contract/desk";
import { verifyAuditChain } from "../audit";
import { DomainError } from "../errors";
import { commitImport } from "./commit";
import { previewImport } from "./preview";
import { parseDay, parseStart, parseTime } from "./values";
import { demoModel } from "../test/helpers";

const riley = { kind: "staff", staffId: 2, name: "Riley Chen" } as const;

const HEADER = "Booking ID,Client Name,Mobile,Service,Therapist,Room,Date,Start Time";
const good = [
  "POS-1,Ada Lovelace,555 010 9001,Swedish massage,Ana Ruiz,Lotus,2026-11-26,9:00 AM",
  'POS-2,"Grace Hopper, RADM",(555) 010-9002,Deep tissue massage,Ben Carter,Cedar,11/26/2026,14:30',
  'POS-3,"Multi\nLine",555.010.9003,hot stone massage,chloé martin,willow,2026-11-26,2 pm',
];
const file = (rows: string[], header = HEADER) => `${header}\r\n${rows.join("\r\n")}\r\n`;
const count = (m: Awaited<ReturnType<typeof demoModel>>, sql: string) => (m.db.prepare(sql).get() as { n: number }).n;

/** The first six columns of the test files: the booking, the guest and where. */
const BOOKING_COLUMNS = { externalId: 0, guestName: 1, phone: 2, service: 3, therapist: 4, room: 5 } as const;

describe("appointment CSV import", () => {
  it("reads times in 12- and 24-hour forms and dates in ISO and US forms", () => {
    expect(["9:00 AM", "9am", "12:15 pm", "12:00 AM", "14:30", "14:30:00", "2 PM", "2:30p.m."].map(parseTime)).toEqual([
      "09:00",
      "09:00",
      "12:15",
      "00:00",
      "14:30",
      "14:30",
      "14:00",
      "14:30",
    ]);
    expect(["25:00", "13:00 PM", "noon", "14", "9:75"].map(parseTime)).toEqual([null, null, null, null, null]);
    expect(["2026-11-26", "11/26/2026", "26.11.2026", "2/29/2026", "2026-13-01"].map((d) => parseDay(d))).toEqual([
      "2026-11-26",
      "2026-11-26",
      "2026-11-26",
      null,
      null,
    ]);
    // Written out with the month's name, as Acuity and spreadsheets write them, in English and Spanish.
    const written = [
      "November 26, 2026",
      "Thursday, Nov. 26th 2026",
      "26-Nov-26",
      "jueves, 26 de noviembre de 2026",
      "jue., 26 nov. 2026",
      "Thu 11/26/2026",
    ];
    expect(written.map((d) => parseDay(d))).toEqual(written.map(() => "2026-11-26"));
    // "mar" is March unless a comma says it is martes (Tuesday); a month that has no 30th is no date.
    expect(["mar 3, 2026", "mar., 3 mar. 2026", "February 30, 2026", "Smarch 3, 2026"].map((d) => parseDay(d))).toEqual(
      ["2026-03-03", "2026-03-03", null, null],
    );
    expect(
      ["November 26, 2026 10:00am", "Thu, Nov 26, 2026, 9:30 p.m.", "26 de noviembre de 2026 at 9 pm"].map((c) =>
        parseStart(undefined, c, "month-first"),
      ),
    ).toEqual([
      { day: "2026-11-26", time: "10:00" },
      { day: "2026-11-26", time: "21:30" },
      { day: "2026-11-26", time: "21:00" },
    ]);
  });

  it("suggests a mapping from the header, previews, imports in one go, and a re-import updates by external id", async () => {
    const m = await demoModel();
    const before = count(m, "SELECT count(*) AS n FROM appointments");
    const preview = await previewImport(m, `\uFEFF${file(good)}`);
    expect(preview.mapping).toEqual({ ...BOOKING_COLUMNS, date: 6, time: 7 });
    expect(preview.errors).toEqual([]);
    expect(preview.rows.map((r) => [r.line, r.guestName, r.action])).toEqual([
      [2, "Ada Lovelace", "create"],
      [3, "Grace Hopper, RADM", "create"],
      [4, "Multi Line", "create"],
    ]);
    // 2:30 PM in Los Angeles on 26 Nov is 22:30 UTC.
    expect(preview.rows[1]?.startsAt).toBe("2026-11-26T22:30:00.000Z");
    expect(await commitImport(m, riley, file(good), { mapping: preview.mapping, skipBadRows: false })).toMatchObject({
      created: 3,
      updated: 0,
      skipped: 0,
    });
    expect(count(m, "SELECT count(*) AS n FROM appointments") - before).toBe(3);

    // Same file again: nothing new. A moved time: one update, no duplicate.
    expect(await commitImport(m, riley, file(good), { mapping: preview.mapping, skipBadRows: false })).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 3,
    });
    const moved = [good[0]?.replace("9:00 AM", "10:00 AM") ?? "", ...good.slice(1)];
    expect((await previewImport(m, file(moved))).rows.map((r) => r.action)).toEqual([
      "update",
      "unchanged",
      "unchanged",
    ]);
    expect(await commitImport(m, riley, file(moved), { mapping: preview.mapping, skipBadRows: false })).toMatchObject({
      created: 0,
      updated: 1,
    });
    expect(count(m, "SELECT count(*) AS n FROM appointments WHERE external_id LIKE 'POS-%'")).toBe(3);
    expect(verifyAuditChain(m.db).ok).toBe(true);
  });

  it("remembers the mapping chosen for a file with these columns", async () => {
    const m = await demoModel();
    const header = "Ref;Who;Tel;What;With;Where;When";
    const rows = ["A1;Ada Lovelace;5550109001;Swedish massage;Ana Ruiz;Lotus;2026-11-26 09:00"];
    const first = await previewImport(m, file(rows, header));
    expect(first.delimiter).toBe(";");
    expect(first.mappingRemembered).toBe(false);
    const mapping: ImportMapping = { ...BOOKING_COLUMNS, time: 6 };
    await commitImport(m, riley, file(rows, header), { mapping: mapping, skipBadRows: false });
    const again = await previewImport(m, file(rows, header));
    expect(again).toMatchObject({ mappingRemembered: true, mapping, errors: [] });
  });

  it("lists each bad row with its line number and imports nothing until bad rows are skipped", async () => {
    const m = await demoModel();
    const rows = [
      ...good,
      "POS-4,Bad Phone,call me,Swedish massage,Ana Ruiz,Lotus,2026-11-26,10:00",
      "POS-5,Bad Service,5550109005,Thai massage,Ana Ruiz,Lotus,2026-11-26,10:00",
      "POS-6,Bad Time,5550109006,Swedish massage,Ana Ruiz,Lotus,2026-11-26,half past ten",
      "POS-1,Dup Id,5550109007,Swedish massage,Ana Ruiz,Lotus,2026-11-26,11:00",
      "POS-8,Bad Therapist,5550109008,Swedish massage,Nobody,Lotus,2026-11-26,11:00",
      "POS-9,Bad Room,5550109009,Swedish massage,Ana Ruiz,Attic,2026-11-26,11:00",
    ];
    const preview = await previewImport(m, file(rows));
    // The third good row spans lines 4-5, so the bad rows start at line 6.
    expect(preview.errors.map((e) => [e.line, e.field])).toEqual([
      [6, "phone"],
      [7, "service"],
      [8, "time"],
      [9, "externalId"],
      [10, "therapist"],
      [11, "room"],
    ]);
    // Each problem names the file's own column and says what staff do about it, in staff words.
    expect(preview.errors.map((e) => e.column)).toEqual([
      "Mobile",
      "Service",
      "Start Time",
      "Booking ID",
      "Therapist",
      "Room",
    ]);
    expect(preview.errors[0]?.message).toMatch(/^"call me" is not a phone number .*Correct it in the booking system/);
    expect(preview.errors[1]?.message).toMatch(/"Thai massage" is not a service in the catalog\. Match it/);
    expect(preview.errors[3]?.message).toMatch(/The booking ID "POS-1" is also on line 2/);
    expect(preview.errors.map((e) => e.message).join(" ")).not.toMatch(/your mobile/);
    expect(preview).toMatchObject({ totalRows: 9, validRows: 3 });
    const before = count(m, "SELECT count(*) AS n FROM appointments");
    await expect(commitImport(m, riley, file(rows), { mapping: preview.mapping, skipBadRows: false })).rejects.toThrow(
      /6 rows have problems, so nothing was imported/,
    );
    expect(count(m, "SELECT count(*) AS n FROM appointments")).toBe(before);
    expect(await commitImport(m, riley, file(rows), { mapping: preview.mapping, skipBadRows: true })).toMatchObject({
      created: 3,
      skipped: 6,
    });
  });

  it("catalog names match without case, accents or extra spaces; any other name is never guessed, and its problem says what the catalog has", async () => {
    const m = await demoModel();
    m.db.prepare("UPDATE rooms SET active = 0 WHERE name = 'Cedar'").run();
    const rows = [
      "POS-1,Ada Lovelace,5550109001,SWEDISH  massage,Chloe Martin,lotus,2026-11-26,9:00",
      "POS-2,Ben Ames,5550109002,Swedish massage,Ana R.,Lotus,2026-11-26,9:00",
      "POS-3,Cy Bell,5550109003,Deep tissue,Ana Ruiz,Lotus,2026-11-26,9:00",
      "POS-4,Di Cole,5550109004,Thai massage,Ana Ruiz,Lotus,2026-11-26,9:00",
      "POS-5,Ed Dunn,5550109005,Swedish massage,Ana Ruiz,Cedar,2026-11-26,9:00",
      "POS-6,Flo Eck,5550109006,Swedish massage,,Lotus,2026-11-26,9:00",
    ];
    const preview = await previewImport(m, file(rows));
    expect(preview.rows.map((r) => [r.line, r.serviceName, r.therapistName, r.roomName])).toEqual([
      [2, "Swedish massage", "Chloé Martin", "Lotus"],
    ]);
    expect(preview.errors.map((e) => [e.line, e.field, e.message])).toEqual([
      [
        3,
        "therapist",
        expect.stringMatching(/^"Ana R\." is not a therapist in the catalog\. .* Perhaps "Ana Ruiz"\?$/),
      ],
      [
        4,
        "service",
        expect.stringMatching(/^"Deep tissue" is not a service in the catalog\. .* Perhaps "Deep tissue massage"\?$/),
      ],
      [
        5,
        "service",
        expect.stringMatching(
          /^"Thai massage" is not a service in the catalog\. .* The catalog's services: .*Hot stone massage.*Swedish massage/,
        ),
      ],
      [6, "room", 'The room "Cedar" is inactive. A manager can reactivate it in Back office → Catalog.'],
      [7, "therapist", "The therapist is empty. Fill it in in the booking system and export again."],
    ]);
  });

  it("a missing column mapping is named, and no row is read", async () => {
    const m = await demoModel();
    const preview = await previewImport(m, file(["1,Ada,5550109001,Swedish massage"], "Code,Person,Digits,Service"));
    expect(preview.errors.map((e) => e.message)).toContain('Choose the column that holds "Therapist" above.');
    await expect(commitImport(m, riley, file(["x"], "Code"), { mapping: {}, skipBadRows: true })).rejects.toThrow(
      DomainError,
    );
  });

  it("malicious files: formulas stay text, binary and non-UTF-8 files are named, a huge file is refused with a limit", async () => {
    const m = await demoModel();
    const formula = file([
      '=cmd|"/c calc"!A1,"=HYPERLINK(""http://x"",""y"")",5550109001,Swedish massage,Ana Ruiz,Lotus,2026-11-26,9:00',
    ]);
    const preview = await previewImport(m, formula);
    expect(preview.rows[0]).toMatchObject({ externalId: '=cmd|"/c calc"!A1', guestName: '=HYPERLINK("http://x","y")' });
    await commitImport(m, riley, formula, { mapping: preview.mapping, skipBadRows: false });
    expect(m.db.prepare("SELECT guest_name FROM appointments WHERE external_id LIKE '=cmd%'").get()).toEqual({
      guest_name: '=HYPERLINK("http://x","y")',
    });

    await expect(previewImport(m, "PK\u0003\u0004\u0000\u0000binary")).rejects.toThrow(/binary data/);
    await expect(
      previewImport(m, `${HEADER}\nPOS-1,Jos\uFFFD,5550109001,Swedish massage,Ana Ruiz,Lotus,2026-11-26,9:00\n`),
    ).rejects.toThrow(/isn't UTF-8 text.*CSV UTF-8/);
    await expect(previewImport(m, `${HEADER}\nPOS-1,"unclosed,5550109001\n`)).rejects.toThrow(
      /near line \d+: a quoted cell is never closed/,
    );
    await expect(previewImport(m, "   \n")).rejects.toThrow(/empty/);

    const rows = Array.from(
      { length: 100_000 },
      (_, i) => `P${i},Guest ${i},555010${String(i).padStart(4, "0")},Swedish massage,Ana Ruiz,Lotus,2026-11-26,9:00`,
    );
    await expect(previewImport(m, file(rows))).rejects.toThrow(
      /more than 10,000 appointments; import at most 10,000 at a time/,
    );
  });
});

describe("import never fails in an unplanned way", () => {
  it("any text (junk, quotes, separators, huge cells) gets a preview or a DomainError with a message — never a crash", async () => {
    const fc = await import("fast-check");
    const m = await demoModel();
    const cell = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom(
        '"',
        '""',
        ",",
        ";",
        "\t",
        "\r\n",
        "\n",
        "=1+1",
        "\uFEFF",
        "\uFFFD",
        "\u0000",
        "14:30",
        "2 PM",
        "2026-11-26",
      ),
    );
    const csv = fc
      .tuple(fc.constantFrom(",", ";"), fc.array(fc.array(cell, { maxLength: 10 }), { maxLength: 15 }))
      .map(([sep, rows]) => [HEADER, ...rows.map((r) => r.join(sep))].join("\n"));
    await fc.assert(
      fc.asyncProperty(fc.oneof(csv, fc.string({ maxLength: 400 })), async (content) => {
        try {
          const p = await previewImport(m, content);
          expect(p.validRows).toBeLessThanOrEqual(p.totalRows);
        } catch (error) {
          expect(error).toBeInstanceOf(DomainError);
          expect((error as DomainError).message.length).toBeGreaterThan(10);
        }
      }),
      { numRuns: 300 },
    );
  });
});
