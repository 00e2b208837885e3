import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { generatedCopy } from "../test/generate";
import { CHECKIN_EXPORT_SQL, CHECKIN_HEADER, localMinutes } from "./checkin-rows";
import { ExportCancelled, openReader, PAGE_ROWS, runExport, type ExportRun } from "./export";
import fc from "fast-check";
import { formatLocal, localParts } from "../time";
import { reportTables } from "../../contract/report-tables";
import { uptakeReport } from "./reports";
import { appointmentIdOf, asModel, demoModel, found, tempDir } from "../test/helpers";
import { WORKBOOK_SHEETS } from "../test/workbook";
import { checkInAtKiosk } from "../kiosk/check-in";
import { chooseAddons } from "../kiosk/choose";
import { sparseSpa, SPARSE_RANGE } from "../test/report-cases";

function setup(n = 12_000) {
  const dir = tempDir();
  const file = path.join(dir, "big.sqlite3");
  const { db, firstDay, lastDay } = generatedCopy(file, n);
  const range = { from: firstDay, to: lastDay };
  const report = uptakeReport(asModel(db), { ...range, grain: "month" });
  const run = (over: Partial<ExportRun> & { file: string }): Promise<number> =>
    runExport({
      reader: openReader(file),
      range,
      format: "csv",
      table: "checkins",
      report,
      signal: new AbortController().signal,
      onProgress: () => undefined,
      ...over,
    });
  return { dir, db, range, report, run, close: () => db.close() };
}

describe("streamed report export", () => {
  it("writes every check-in as RFC 4180 CSV with a BOM and header, reporting progress as it goes", async () => {
    const s = setup();
    const out = path.join(s.dir, "checkins.csv");
    const spanish = s.db
      .prepare(
        "UPDATE check_ins SET lang = 'es' WHERE channel = 'kiosk' AND local_day = ? RETURNING (SELECT booking_code FROM appointments WHERE id = appointment_id)",
      )
      .pluck()
      .all(s.range.from) as string[];
    const progress: [number, number][] = [];
    const rows = await s.run({ file: out, onProgress: (r, t) => progress.push([r, t]) });
    expect(rows).toBe(12_000);
    const text = readFileSync(out, "utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const records: string[][] = parse(text.slice(1), { record_delimiter: "\r\n" });
    expect(records[0]).toEqual([...CHECKIN_HEADER]);
    expect(records).toHaveLength(12_001);
    // Amounts are plain numbers; the sum of the revenue column is the report's revenue.
    const column = (name: (typeof CHECKIN_HEADER)[number]) => CHECKIN_HEADER.indexOf(name);
    const revenue = records.slice(1).reduce((sum, r) => sum + Number(r[column("Add-on revenue (USD)")]), 0);
    expect(Math.round(revenue * 100)).toBe(s.report.totals.revenueCents);
    // The kiosk's language, by name; blank where the guest checked in at the desk or before it was kept.
    const language = (r: string[]) => r[CHECKIN_HEADER.indexOf("Kiosk language")];
    expect(
      records
        .slice(1)
        .filter((r) => language(r) === "Spanish")
        .map((r) => r[column("Booking code")])
        .sort(),
    ).toEqual([...spanish].sort());
    // Each row: the check-in's own time in the spa's zone, its channel apart, and the keys other systems know.
    const first = records[1] ?? [];
    expect(first[column("Check-in time")]).toMatch(/^\d{2}:\d{2}$/);
    expect(["kiosk", "desk"]).toContain(first[column("Check-in channel")]);
    expect(first[column("Booking code")]).toMatch(/^B\d+$/); // the generator's codes
    expect(first[column("Appointment start")]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(CHECKIN_HEADER).not.toContain("Appointment ID");
    expect(spanish.length).toBeGreaterThan(0);
    expect(progress[0]).toEqual([0, 12_000]);
    expect(progress.at(-1)).toEqual([12_000, 12_000]);
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.every(([r], i) => i === 0 || r >= (progress[i - 1]?.[0] ?? 0))).toBe(true);
    expect(readdirSync(s.dir).filter((f) => f.endsWith(".part"))).toEqual([]);
    s.close();
  });

  it("read a page at a time, writes each check-in once in the query's order, also where many share a day and a minute", async () => {
    const s = setup(3 * PAGE_ROWS);
    // Check-ins at the same instant on one day: pages end inside the tie, which only the appointment breaks.
    const tie = 2 * PAGE_ROWS + PAGE_ROWS / 2;
    const tied = s.db
      .prepare(
        "UPDATE check_ins SET local_day = @day, checked_in_at = @at WHERE appointment_id IN (SELECT appointment_id FROM check_ins ORDER BY local_day LIMIT @tie) RETURNING appointment_id",
      )
      .pluck()
      .all({ day: s.range.from, at: `${s.range.from}T15:00:00.000Z`, tie });
    expect(tied).toHaveLength(tie); // more than two pages
    const expected = s.db.prepare(CHECKIN_EXPORT_SQL).all(s.range) as { booking_code: string }[];
    const out = path.join(s.dir, "paged.csv");
    expect(await s.run({ file: out })).toBe(3 * PAGE_ROWS);
    const records: string[][] = parse(readFileSync(out, "utf8").slice(1), { record_delimiter: "\r\n" });
    expect(records.slice(1).map((r) => r[CHECKIN_HEADER.indexOf("Booking code")])).toEqual(
      expected.map((r) => r.booking_code),
    );
    s.close();
  });

  it("an instant's day, clock and UTC offset in the export are Intl's in the spa's zone, for any instant, across every DST change, in any order", () => {
    const zones = ["America/Los_Angeles", "America/New_York", "Europe/London", "Asia/Kolkata", "Australia/Lord_Howe"];
    const instant = fc
      .integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) })
      .map((ms) => new Date(ms).toISOString());
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.array(instant, { minLength: 1, maxLength: 50 }), (zone, instants) => {
        const local = localMinutes(zone);
        // Each twice, in the order given: the second is remembered.
        for (const at of [...instants, ...instants]) {
          const offset = formatLocal(at, zone, { timeZoneName: "longOffset" }).split(" ").at(-1) ?? "";
          expect(local(at)).toEqual({
            day: localParts(at, zone).day,
            clock: formatLocal(at, zone, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }),
            offset: offset === "GMT" ? "UTC+00:00" : offset.replace("GMT", "UTC"),
          });
        }
      }),
      { numRuns: 300 },
    );
    // The hour that repeats when clocks go back (01:30 twice in Los Angeles on 1 November 2026).
    const twice = localMinutes("America/Los_Angeles");
    expect(twice("2026-11-01T08:30:00.000Z")).toEqual({ day: "2026-11-01", clock: "01:30", offset: "UTC-07:00" });
    expect(twice("2026-11-01T09:30:00.000Z")).toEqual({ day: "2026-11-01", clock: "01:30", offset: "UTC-08:00" });
    expect(twice("2026-11-01T07:59:59.999Z")).toEqual({ day: "2026-11-01", clock: "00:59", offset: "UTC-07:00" });
  });

  it("stops on Cancel at the next batch and leaves no file behind", async () => {
    const s = setup();
    const out = path.join(s.dir, "cancelled.csv");
    const abort = new AbortController();
    const seen: number[] = [];
    await expect(
      s.run({
        file: out,
        signal: abort.signal,
        onProgress: (r) => {
          seen.push(r);
          if (r > 0) abort.abort();
        },
      }),
    ).rejects.toBeInstanceOf(ExportCancelled);
    expect(Math.max(...seen)).toBeLessThan(12_000);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(s.dir).filter((f) => f.endsWith(".part"))).toEqual([]);
    s.close();
  });

  it("exports a report table as CSV: the same rows as the screen's table", async () => {
    const s = setup(3_000);
    const out = path.join(s.dir, "therapists.csv");
    await s.run({ file: out, table: "therapist" });
    const records = parse(readFileSync(out, "utf8").slice(1), { record_delimiter: "\r\n", cast: true }) as (
      string | number
    )[][];
    const table = reportTables(s.report).find((t) => t.key === "therapist");
    expect(records).toEqual([table?.header, ...(table?.rows ?? []).map((r) => r.map((c) => c ?? ""))]);
    expect(records.slice(1).reduce((n, r) => n + Number(r[1]), 0)).toBe(3_000);
    s.close();
  });

  it("writes an Excel workbook with the summary, every table and every check-in", async () => {
    const s = setup(3_000);
    const out = path.join(s.dir, "report.xlsx");
    const rows = await s.run({ file: out, format: "xlsx" });
    expect(rows).toBe(3_000);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(WORKBOOK_SHEETS);
    const summary = wb.getWorksheet("Summary");
    expect(summary?.getRow(4).values).toEqual([undefined, "Check-ins", 3_000, expect.stringContaining("checked in")]);
    expect(summary?.getRow(13).getCell(2).value).toBe(s.report.totals.revenueCents / 100);
    const checkIns = wb.getWorksheet("Check-ins");
    expect(checkIns?.actualRowCount).toBe(3_001);
    // The check-ins typed as a spreadsheet sorts and sums them: the day, the clock and the appointment's start as a
    // date, a time and a date-time (the spa's own), the revenue as dollars; the same values as the CSV's text.
    const first = checkIns?.getRow(2);
    const csv = path.join(s.dir, "checkins.csv");
    await s.run({ file: csv });
    const records: unknown = parse(readFileSync(csv, "utf8").slice(1), { record_delimiter: "\r\n" });
    const firstCsv = (records as string[][])[1];
    const [day, clock, , , , , , start] = firstCsv ?? [];
    expect(first?.getCell(1).value).toEqual(new Date(`${day}T00:00:00Z`));
    expect(first?.getCell(1).numFmt).toBe("yyyy-mm-dd");
    const [h, m] = String(clock).split(":").map(Number);
    // A time is a fraction of a day: read back, Excel's day 0 (30 December 1899) at that clock.
    expect(first?.getCell(2).value).toEqual(new Date(Date.UTC(1899, 11, 30, h ?? 0, m ?? 0)));
    expect(first?.getCell(2).numFmt).toBe("hh:mm");
    expect(first?.getCell(8).value).toEqual(new Date(`${String(start).replace(" ", "T")}:00Z`));
    expect(typeof first?.getCell(15).value).toBe("number");
    expect(first?.getCell(15).numFmt).toBe('"$"#,##0.00');
    s.close();
  });
});

describe("Excel export neutralises formulas as the CSV does", () => {
  it("every text cell of every sheet that begins with = + - @ tab or CR is written as text (apostrophe), in the workbook as opened", async () => {
    const s = setup(400);
    const evil = ['=HYPERLINK("http://x.example","Click")', "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rCR"];
    evil.forEach((name, i) => s.db.prepare("UPDATE services SET name = ? WHERE id = ?").run(name, i + 1));
    s.db.prepare("UPDATE therapists SET name = '=1+2' WHERE id = 1").run();
    const report = uptakeReport(asModel(s.db), { ...s.range, grain: "month" });
    const out = path.join(s.dir, "evil.xlsx");
    await s.run({ file: out, format: "xlsx", report });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const dangerous: string[] = [];
    let text = 0;
    let neutralised = 0;
    for (const sheet of wb.worksheets) {
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.type === ExcelJS.ValueType.Formula) dangerous.push(`${sheet.name}!${cell.address} formula`);
          if (typeof cell.value !== "string") return;
          text++;
          if (/^[=+\-@\t\r]/.test(cell.value))
            dangerous.push(`${sheet.name}!${cell.address} ${JSON.stringify(cell.value)}`);
          if (cell.value.startsWith("'")) neutralised++;
        }),
      );
    }
    console.log(`xlsx hygiene: ${text} text cells, ${neutralised} neutralised, ${dangerous.length} dangerous`);
    expect(dangerous).toEqual([]);
    expect(neutralised).toBeGreaterThan(400);
    s.close();
  });
});

describe("report tables (the CSV and Excel exports)", () => {
  it("the Over time table of the CSV and Excel exports has the same periods, an undefined rate as an empty cell", () => {
    const spa = sparseSpa();
    for (const grain of ["day", "week", "month"] as const) {
      const r = uptakeReport(spa, { ...SPARSE_RANGE, grain });
      const table = reportTables(r).find((t) => t.key === "overTime");
      expect(table?.rows.map((row) => row[0])).toEqual(r.overTime.map((p) => p.period));
      const rate = table?.header.indexOf("Take rate (%)") ?? -1;
      expect(rate).toBeGreaterThan(0);
      const quiet = r.overTime.findIndex((p) => p.figures.checkIns === 0);
      expect(table?.rows[quiet]?.[rate]).toBeNull();
      expect(table?.rows[quiet]?.[table.header.indexOf("Check-ins")]).toBe(0);
    }
    const weekly = reportTables(uptakeReport(spa, { ...SPARSE_RANGE, grain: "week" })).find(
      (t) => t.key === "overTime",
    );
    expect(weekly?.header.slice(0, 3)).toEqual(["Week of (Monday)", "From", "To"]);
    expect(weekly?.rows[0]?.slice(0, 3)).toEqual(["2026-08-24", "2026-08-30", "2026-08-30"]);
  });

  it("the Screening table counts the funnel's screening stages by add-on, service, channel and language, and no row carries a question, an answer or a reason", async () => {
    const m = await demoModel();
    const guest = (code: string, lang: "en" | "es", answers: { face: string[]; scalp: string[] }) => {
      const id = appointmentIdOf(m, code);
      const { visit } = checkInAtKiosk(m, id, lang);
      const card = (c: string) =>
        found(
          visit.offer.cards.find((x) => x.code === c),
          c,
        );
      chooseAddons(m, {
        appointmentId: id,
        addonIds: answers.scalp.includes("yes") ? [] : [card("scalp").addonId],
        offerMs: 1,
        lang,
        screening: (["face", "scalp"] as const).map((a) => ({
          addonId: card(a).addonId,
          version: found(card(a).screening, a).version,
          answers: answers[a] as ("yes" | "no" | "skip")[],
        })),
      });
      return id;
    };
    const id = guest("HH2233", "es", { face: ["yes", "no", "no"], scalp: ["no", "no", "skip"] }); // face: not today; scalp: check
    const day = m.db.prepare("SELECT local_day FROM check_ins WHERE appointment_id = ?").pluck().get(id) as string;
    const report = uptakeReport(m, { from: day, to: day, grain: "day" });
    const table = found(
      reportTables(report).find((t) => t.key === "screening"),
      "screening table",
    );
    expect(table.header).toEqual(["Breakdown", "Row", "Screened out (not today)", "Therapist check"]);
    expect(table.rows[0]).toEqual(["All guests", "All", 1, 1]);
    expect(table.rows).toContainEqual(["Add-on", "Face massage", 1, 0]);
    expect(table.rows).toContainEqual(["Add-on", "Scalp massage", 0, 1]);
    expect(table.rows).toContainEqual(["Channel", "kiosk", 1, 1]);
    expect(table.rows).toContainEqual(["Kiosk language", "Spanish", 1, 1]);
    const service = found(
      report.funnel.screening.byService.find((s) => s.screenedOut === 1),
      "the guest's service",
    );
    expect(table.rows).toContainEqual(["Service", service.name, 1, 1]);

    // Every question in every language and every flag reason the sets hold: in no report row or export.
    const sets = m.db.prepare("SELECT questions FROM screening_sets").pluck().all() as string[];
    const words = sets.flatMap((json) =>
      (JSON.parse(json) as { text: Record<string, string>; reason: string }[]).flatMap((q) => [
        ...Object.values(q.text),
        q.reason,
      ]),
    );
    expect(words.length).toBeGreaterThan(10);
    const cells = [
      ...reportTables(report).flatMap((t) => [t.header, ...t.rows]),
      ...(m.db.prepare(CHECKIN_EXPORT_SQL).raw().all({ from: day, to: day }) as unknown[][]),
    ].flat();
    const text = [JSON.stringify(report), ...cells.map(String)].join("\n");
    for (const w of words) expect(text).not.toContain(w);
    for (const answer of ['"yes"', '"skip"', "preferred not to say"]) expect(text).not.toContain(answer);
  });
});
