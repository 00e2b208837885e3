import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { BookedAheadCounts, ReportInput, UptakeReport } from "../../contract/reports";
import { WEEKDAYS } from "../../contract/report-tables";
import { applyZoneChange } from "../admin/time-zone";
import { storeBookedAddons } from "../desk/booked-addons";
import { eraseGuestDetails } from "../maintenance/retention";
import { saveSettings } from "../settings";
import { tempDir } from "../test/helpers";
import { reportSpa, TZ, type ReportSpa } from "../test/report-fixture";
import { bookAhead, rebuildFromScratch, setCancelled, WEEK } from "../test/report-cases";
import { uptakeReport, assembleReport } from "./reports";
import { openReader, runExport, type ExportRun } from "./export";
import { countFromSource } from "./source";

/**
 * Add-ons booked ahead in the booking system (migrations 0033, 0036) in the manager's report: their own measure per
 * add-on, never in the kiosk's take rate, the same from a warm cache, a cold count and a cache rebuilt from nothing.
 */

/**
 * The report of `input` three ways: the cache as it stands (refreshed by the difference), counted cold from the source
 * tables with the whole cache thrown away, and the cache rebuilt from nothing. All three must be equal.
 */
async function report(spa: ReportSpa, input: ReportInput): Promise<UptakeReport> {
  const warm = uptakeReport(spa, input);
  rebuildFromScratch(spa.db);
  const { sums } = await countFromSource(spa.db, input.from, input.to, { part: 0, parts: 1 }, () => Promise.resolve());
  // An empty range has no stale entry to count; the cache answers it as well.
  if (sums) expect(assembleReport(spa, input, sums)).toEqual(warm);
  expect(uptakeReport(spa, input)).toEqual(warm);
  return warm;
}
const week: ReportInput = { ...WEEK, grain: "day" };
const byCode = (r: UptakeReport) =>
  Object.fromEntries(r.bookedAhead.byAddon.map((a) => [a.code, [a.count, a.minutes, a.valueCents]]));
/** Each period's and breakdown row's add-ons booked ahead, named as the kiosk's row: [row, count, minutes, cents]. */
function perRow(r: UptakeReport) {
  const b = r.bookedAhead;
  const rows = <T extends BookedAheadCounts>(list: T[], name: (x: T) => string) =>
    list.map((x) => [name(x), x.count, x.minutes, x.valueCents]);
  const nameOf = (list: { id: number; name: string }[]) => (x: { id: number }) =>
    list.find((s) => s.id === x.id)?.name ?? "?";
  return {
    period: rows(b.overTime, (p) => p.period),
    service: rows(b.byService, nameOf(r.byService)),
    therapist: rows(b.byTherapist, nameOf(r.byTherapist)),
    channel: rows(b.byChannel, (x) => x.channel),
    language: rows(b.byLanguage, (x) => x.language ?? "none"),
    weekdayHour: rows(b.weekdayHour, (x) => `${WEEKDAYS[x.weekday] ?? ""} ${x.hour}h`),
  };
}

/** Three guests of Mon 16 Nov: one booked a scalp massage ahead, one both add-ons, one nothing; all at the kiosk. */
function monday() {
  const spa = reportSpa();
  const at = (time: string) => spa.localIso("2026-11-16", time);
  const scalpAhead = spa.book("2026-11-16", "10:00", "swedish", "ana");
  bookAhead(spa, scalpAhead, ["scalp"]);
  spa.kiosk(scalpAhead, at("09:50"), ["face"]);
  spa.confirm(scalpAhead, at("09:55"));
  const bothAhead = spa.book("2026-11-16", "12:00", "deep", "ben");
  bookAhead(spa, bothAhead, ["face", "scalp"]);
  spa.kiosk(bothAhead, at("11:50"), null);
  const plain = spa.book("2026-11-16", "14:00", "swedish", "ana");
  spa.kiosk(plain, at("13:50"), []);
  return { spa, scalpAhead, bothAhead, plain };
}

describe("add-ons booked ahead in the manager's report", () => {
  it("are counted per add-on with their minutes and menu price, beside the kiosk's figures and never in them", async () => {
    const { spa } = monday();
    const r = await report(spa, week);
    // Face $25 / 15 min and scalp $20 / 10 min on the menu when the file was imported.
    expect(byCode(r)).toEqual({ face: [1, 15, 2500], scalp: [2, 20, 4000] });
    expect(r.bookedAhead.total).toEqual({ count: 3, minutes: 35, valueCents: 6500 });
    // The kiosk's own figures: two guests offered (the one with both booked ahead was offered nothing), one took the
    // face massage. Booked-ahead add-ons are not taken, not revenue, not in the take rate.
    expect(r.totals).toMatchObject({ checkIns: 3, offered: 2, taken: 1, takeRate: 0.5, revenueCents: 2500 });
    expect(r.byAddon.map((a) => [a.code, a.shown, a.taken, a.revenueCents])).toEqual([
      ["face", 2, 1, 2500],
      ["scalp", 1, 0, 0],
    ]);
  });

  it("are broken down per period, service, therapist, channel, kiosk language and weekday × hour, beside the kiosk's figures", async () => {
    const { spa } = monday();
    // Tue 17 Nov: a reflexology guest (no add-on offered for it) checked in at the desk with a face massage booked
    // ahead. Wed 18 Nov: a guest on the Spanish kiosk with a scalp massage booked ahead, who took the face massage.
    const tuesday = spa.book("2026-11-17", "15:00", "reflexology", "ben");
    bookAhead(spa, tuesday, ["face"]);
    spa.deskCheckIn(tuesday, spa.localIso("2026-11-17", "14:55"));
    const wednesday = spa.book("2026-11-18", "10:00", "swedish", "ana");
    bookAhead(spa, wednesday, ["scalp"]);
    spa.kiosk(wednesday, spa.localIso("2026-11-18", "09:50"), ["face"], "es");
    const r = await report(spa, week);
    expect(perRow(r)).toEqual({
      period: [
        ["2026-11-16", 3, 35, 6500],
        ["2026-11-17", 1, 15, 2500],
        ["2026-11-18", 1, 10, 2000],
      ],
      service: [
        ["Deep tissue", 2, 25, 4500],
        ["Reflexology", 1, 15, 2500],
        ["Swedish", 2, 20, 4000],
      ],
      therapist: [
        ["Ana Ruiz", 2, 20, 4000],
        ["Ben Ode", 3, 40, 7000],
      ],
      channel: [
        ["kiosk", 4, 45, 8500],
        ["desk", 1, 15, 2500],
      ],
      language: [
        ["none", 1, 15, 2500],
        ["en", 3, 35, 6500],
        ["es", 1, 10, 2000],
      ],
      weekdayHour: [
        ["Mon 9h", 1, 10, 2000],
        ["Mon 11h", 2, 25, 4500],
        ["Tue 14h", 1, 15, 2500],
        ["Wed 9h", 1, 10, 2000],
      ],
    });
    expect(r.bookedAhead.total).toEqual({ count: 5, minutes: 60, valueCents: 11000 });
    // Their own measure in each row: the reflexology row was offered nothing, so it has no take rate, and its
    // booked-ahead face massage is not taken; Tuesday's row likewise.
    const reflexology = r.byService.find((x) => x.name === "Reflexology");
    expect(reflexology?.figures).toMatchObject({ offered: 0, taken: 0, takeRate: null, revenueCents: 0 });
    expect(r.overTime[1]?.figures).toMatchObject({ checkIns: 1, offered: 0, takeRate: null });
    // By week and by month (the whole of November from the monthly roll-ups): one row each, all of them.
    const all = [["2026-11-16", 5, 60, 11000]];
    expect(perRow(await report(spa, { ...week, grain: "week" })).period).toEqual(all);
    const november = await report(spa, { from: "2026-11-01", to: "2026-11-30", grain: "month" });
    expect(perRow(november).period).toEqual([["2026-11", 5, 60, 11000]]);
    expect(perRow(november).service).toEqual(perRow(r).service);
    expect(perRow(november).weekdayHour).toEqual(perRow(r).weekdayHour);
  });

  it("follow a re-import that drops the add-on and then books it again, and keep the price of one that stays", async () => {
    const { spa, scalpAhead } = monday();
    expect(byCode(await report(spa, week)).scalp).toEqual([2, 20, 4000]);
    bookAhead(spa, scalpAhead, []);
    const dropped = await report(spa, week);
    expect(byCode(dropped).scalp).toEqual([1, 10, 2000]);
    // Only the other guest's, in every breakdown: Ben's deep tissue at 11.
    expect(perRow(dropped)).toMatchObject({
      period: [["2026-11-16", 2, 25, 4500]],
      therapist: [["Ben Ode", 2, 25, 4500]],
      weekdayHour: [["Mon 11h", 2, 25, 4500]],
    });
    // The menu's scalp massage costs $22 now: an add-on booked again is worth today's price, one kept its own.
    spa.db.prepare("UPDATE addons SET price_cents = 2200 WHERE code = 'scalp'").run();
    bookAhead(spa, scalpAhead, ["scalp"]);
    expect(byCode(await report(spa, week)).scalp).toEqual([2, 20, 4200]);
    const before = spa.db.prepare("SELECT count(*) FROM report_stale").pluck().get();
    bookAhead(spa, scalpAhead, ["scalp"]); // the same file again: nothing written, nothing to recount
    expect(spa.db.prepare("SELECT count(*) FROM report_stale").pluck().get()).toBe(before);
    expect(byCode(await report(spa, week)).scalp).toEqual([2, 20, 4200]);
    // Files book it for longer, twice before a report (the check-in already stale): the minutes follow, the price
    // stays.
    spa.db.prepare("UPDATE addons SET price_cents = 9900 WHERE code = 'scalp'").run();
    bookAhead(spa, scalpAhead, ["scalp", "face"]);
    storeBookedAddons(spa.db, scalpAhead, [{ id: spa.addons.scalp, minutes: 20 }]);
    storeBookedAddons(spa.db, scalpAhead, [{ id: spa.addons.scalp, minutes: 25 }]);
    expect(byCode(await report(spa, week))).toEqual({ face: [1, 15, 2500], scalp: [2, 35, 4200] });
  });

  it("stay when the desk voids the kiosk's add-on, leave when the visit is cancelled, come back when reinstated", async () => {
    const { spa, scalpAhead } = monday();
    spa.deskVoid(scalpAhead);
    const voided = await report(spa, week);
    expect(voided.totals).toMatchObject({ voided: 1, taken: 0, revenueCents: 0 });
    expect(voided.bookedAhead.total.count).toBe(3);
    expect(perRow(voided).therapist).toEqual([
      ["Ana Ruiz", 1, 10, 2000],
      ["Ben Ode", 2, 25, 4500],
    ]);
    setCancelled(spa, scalpAhead, true);
    const cancelled = await report(spa, week);
    expect(cancelled.bookedAhead.total).toEqual({ count: 2, minutes: 25, valueCents: 4500 });
    expect(perRow(cancelled)).toMatchObject({
      service: [["Deep tissue", 2, 25, 4500]],
      therapist: [["Ben Ode", 2, 25, 4500]],
      weekdayHour: [["Mon 11h", 2, 25, 4500]],
    });
    setCancelled(spa, scalpAhead, false);
    const reinstated = await report(spa, week);
    expect(reinstated.bookedAhead.total.count).toBe(3);
    expect(perRow(reinstated)).toEqual(perRow(voided));
    // A check-in taken back takes its booked-ahead add-ons out of the days' figures with it.
    spa.db.prepare("DELETE FROM check_ins WHERE appointment_id = ?").run(scalpAhead);
    const takenBack = await report(spa, week);
    expect(takenBack.bookedAhead.total.count).toBe(2);
    expect(perRow(takenBack).period).toEqual([["2026-11-16", 2, 25, 4500]]);
  });

  it("read the same after retention erases the guests' details", async () => {
    const { spa, scalpAhead, bothAhead, plain } = monday();
    const before = await report(spa, week);
    expect(eraseGuestDetails(spa, [scalpAhead, bothAhead, plain], "2026-11-30")).toBe(3);
    expect(await report(spa, week)).toEqual(before);
  });

  it("move with their check-in's day when the spa's time zone changes", async () => {
    const spa = reportSpa();
    // 23:30 on Monday 16 Nov in Los Angeles is 08:30 on Tuesday in Madrid.
    const late = spa.book("2026-11-16", "23:45", "swedish", "ana");
    bookAhead(spa, late, ["scalp"]);
    spa.kiosk(late, spa.localIso("2026-11-16", "23:30"), []);
    const day = (d: string): ReportInput => ({ from: d, to: d, grain: "day" });
    expect((await report(spa, day("2026-11-16"))).bookedAhead.total.count).toBe(1);
    expect(perRow(await report(spa, week))).toMatchObject({
      period: [["2026-11-16", 1, 10, 2000]],
      weekdayHour: [["Mon 23h", 1, 10, 2000]],
    });
    spa.db.transaction(() => {
      applyZoneChange(spa.db, TZ, "Europe/Madrid");
      saveSettings(spa.db, { timeZone: "Europe/Madrid" });
    })();
    expect((await report(spa, day("2026-11-16"))).bookedAhead.byAddon).toEqual([]);
    expect(byCode(await report(spa, day("2026-11-17")))).toEqual({ scalp: [1, 10, 2000] });
    // Per day and weekday × hour it moved with its check-in: Tuesday at 8 in Madrid.
    expect(perRow(await report(spa, week))).toMatchObject({
      period: [["2026-11-17", 1, 10, 2000]],
      weekdayHour: [["Tue 8h", 1, 10, 2000]],
    });
  });

  it("have their own table in the CSV and Excel exports, a column of the check-ins CSV and lines of the summary", async () => {
    const { spa, scalpAhead } = monday();
    setCancelled(spa, scalpAhead, true); // its scalp massage counts nowhere, its check-in still lists the row
    const r = await report(spa, week);
    const dir = tempDir();
    const run = (over: Pick<ExportRun, "format" | "table">) => {
      const file = path.join(dir, `${over.table}.${over.format}`);
      return runExport({
        reader: openReader(spa.db.name),
        range: WEEK,
        file,
        report: r,
        signal: new AbortController().signal,
        onProgress: () => undefined,
        ...over,
      }).then(() => file);
    };
    const csv = async (table: ExportRun["table"]): Promise<string[][]> =>
      parse(readFileSync(await run({ format: "csv", table }), "utf8").slice(1), { record_delimiter: "\r\n" });
    expect(await csv("bookedAhead")).toEqual([
      [
        "Add-on",
        "Booked ahead (booking system, not the kiosk)",
        "Booked-ahead minutes",
        "Booked-ahead value at menu price (USD)",
      ],
      ["Face massage", "1", "15", "25"],
      ["Scalp massage", "1", "10", "20"],
      ["All add-ons", "2", "25", "45"],
    ]);
    // Every period's and breakdown's row ends with its own booked-ahead columns, after the kiosk's figures.
    const overTime = await csv("overTime");
    expect(overTime[0]?.slice(-4)).toEqual([
      "Avg extra minutes",
      "Booked ahead (booking system, not the kiosk)",
      "Booked-ahead minutes",
      "Booked-ahead value at menu price (USD)",
    ]);
    expect(overTime.map((row) => [row[0], ...row.slice(-3)]).slice(1, 3)).toEqual([
      ["2026-11-16", "2", "25", "45"],
      ["2026-11-17", "0", "0", "0"],
    ]);
    const checkIns = await csv("checkins");
    const column = checkIns[0]?.indexOf("Booked ahead (booking system)") ?? -1;
    expect(checkIns.slice(1).map((row) => row[column])).toEqual(["", "face 15 min + scalp 10 min", ""]);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await run({ format: "xlsx", table: "checkins" }));
    const service = (wb.getWorksheet("By service")?.getRow(2).values ?? []) as unknown[];
    expect([service[1], ...service.slice(-3)]).toEqual(["Deep tissue", 2, 25, 45]);
    const hours = (wb.getWorksheet("Weekday x hour")?.getRow(1).values ?? []) as unknown[];
    expect(hours.at(-3)).toBe("Booked ahead (booking system, not the kiosk)");
    const sheet = wb.getWorksheet("Booked ahead");
    expect(sheet?.getRow(4).values).toEqual([undefined, "All add-ons", 2, 25, 45]);
    const summary: unknown[][] = [];
    wb.getWorksheet("Summary")?.eachRow((row) => summary.push((row.values as unknown[]).slice(1, 3)));
    expect(summary.slice(-3)).toEqual([
      ["Add-ons booked ahead (booking system)", 2],
      ["Booked-ahead minutes", 25],
      ["Booked-ahead value at menu price (USD)", 45],
    ]);
  });
});
