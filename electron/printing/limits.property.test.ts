import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AddonAdmin, ServiceAdmin, TherapistAdmin, RoomAdmin } from "../../contract/admin";
import { ADDON_TITLE_MAX, addonInputOf } from "../../contract/admin";
import { GUEST_NAME_MAX, NAME_MAX, REASON_MAX } from "../../contract/common";
import { fitTicket, ticketSchema, TICKET_LIMITS, type Paper, type Ticket } from "../../contract/ticket";
import { DEMO_STAFF } from "../../db/demo/seed-demo";
import { storeBookedAddons } from "../../db/desk/booked-addons";
import { readTicket } from "../../db/printing/tickets";
import { openReader, runExport } from "../../db/reports/export";
import { uptakeReport } from "../../db/reports/reports";
import { saveSettings } from "../../db/settings";
import { fixedClock } from "../../db/test/helpers";
import type { CallerSession } from "../ipc/session";
import { createAppCore, type AppCore } from "../core";
import { sampleTicket } from "../test-support/fixtures";
import { codepageText, inSomeCodepage } from "./codepages";
import { renderEscPos } from "./escpos";
import { renderTicketHtml, singleColumn } from "./html";
import { layoutTicket, lineCapacity, positionLine } from "./layout";
import { pdfText, renderPdf } from "./pdf";
import { columnsOf, glyphs, isEmoji, textColumns } from "./text";

/**
 * Everything a write accepts, everything derived from it accepts: every write channel that feeds
 * a ticket, a report or an export is driven through the real handlers with texts exactly AT their
 * limits (wide, combining and emoji graphemes), the most add-ons a visit takes and the longest
 * change list; every ticket must parse, print on all three renderers and every export parse.
 */

/**
 * Emoji as booking systems and the kiosk's keyboards give them: a family and a profession joined by ZWJ, flags (a
 * region's, a subdivision's tags), a skin tone, a keycap, a heart and a sign with their emoji selector, a sequence no
 * font draws as one (a cat and a dog), a phoenix newer than many fonts.
 */
const EMOJI = [
  "🙂",
  "🌸",
  "👨‍👩‍👧‍👦",
  "👩🏽‍⚕️",
  "🇪🇸",
  "🇯🇵",
  "🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}",
  "👍🏽",
  "1️⃣",
  "❤️",
  "©️",
  "🐈‍🐕",
  "🐦‍🔥",
  "🏳️‍🌈",
];

/**
 * Graphemes of the world's names: accents precomposed and combining, CJK, Hangul, Cyrillic, emoji (EMOJI),
 * Arabic (joining letters, a vowel mark, lam-alef, its digits, a ligature) and Hebrew (a letter with its dot, a final
 * form), which the PDF draws as written.
 */
const PIECES = [
  ...["a", "Z", "é", "e\u0301", "n\u0303", "ß", "李", "명", "Ж", "-", "'", "ﷺ"],
  // "©️" right after "ß" or "é" reads to the import as garbled accents ("ß©" is how a spreadsheet shows two bytes of
  // UTF-8) and the file is refused: a name written so is not imported (db/import/garbled.ts), so no ticket has it.
  ...EMOJI.filter((e) => e !== "©️"),
  ...["م", "ض", "بِ", "لا", "١", "ש", "שׁ", "ן"],
];

/** A text exactly `max` UTF-16 units long (the unit zod's max counts), never cut inside a grapheme. */
const atLimit = (max: number) =>
  fc.array(fc.constantFrom(...PIECES, " "), { minLength: Math.ceil(max / 3), maxLength: max }).map((parts) => {
    let s = "";
    for (const p of parts) {
      if (p === " " && (s === "" || s.endsWith(" "))) continue;
      if (s.length + p.length > max) break;
      s += p;
    }
    s = s.trimEnd();
    return s + "x".repeat(max - s.length);
  });

/** Graphemes that are all emoji with a few letters between (a name that is mostly or only emoji), `max` units long. */
const emojiAtLimit = (max: number) =>
  fc.array(fc.constantFrom(...EMOJI, ...EMOJI, " ", "a", "Z"), { minLength: 1, maxLength: max }).map((parts) => {
    let s = "";
    for (const p of parts) if (s.length + p.length <= max) s += p;
    return s.trim() === "" ? "🌸" : s;
  });

/** How each slip kind rewrites text before it is laid out: the PDF, a thermal printer, a system printer. */
const SLIP_TEXT = { pdf: pdfText, thermal: codepageText, "system printer": singleColumn } as const;

/** The emoji graphemes of a ticket's texts, whole as they were given. */
const givenEmoji = (ticket: Ticket): Set<string> => new Set(glyphs(JSON.stringify(ticket)).filter(isEmoji));

/** Part of a sequence printed on its own: a joiner, a selector, a keycap, a tag, a lone skin tone or flag letter. */
const stray = (g: string): boolean =>
  /^(?:\u200d|\ufe0e|\ufe0f|\u20e3|[\u{e0020}-\u{e007f}])/u.test(g) ||
  /^(?:\p{Emoji_Modifier}|\p{Regional_Indicator})$/u.test(g);

/**
 * Every line of every slip kind holds its columns with the emoji in it (two columns each), and every emoji printed
 * is whole: one the guest gave, or on the PDF one picture of its font (the part of a sequence it has no one picture
 * for); none starts with half a sequence, none is a "?", a thermal slip prints only its code pages' characters.
 */
function emojiHold(ticket: Ticket): void {
  const given = givenEmoji(ticket);
  for (const [kind, printable] of Object.entries(SLIP_TEXT)) {
    for (const paper of ["80mm", "58mm"] as const) {
      const { columns, lines } = layoutTicket(ticket, paper, printable);
      for (const line of lines) {
        if (line.kind !== "text") continue;
        const where = `${kind} ${paper}: ${line.text}`;
        expect(textColumns(positionLine(line, columns)), where).toBeLessThanOrEqual(lineCapacity(line.size, columns));
        expect(line.text, where).not.toContain("?");
        for (const g of glyphs(line.text)) {
          expect(stray(g), where).toBe(false);
          if (kind === "thermal") expect(inSomeCodepage(g) || g === " ", where).toBe(true);
          // A sign drawn as text ("©") is not a picture.
          if (columnsOf(g) === 1) continue;
          if (kind === "system printer") expect(given.has(g), where).toBe(true);
          else expect(given.has(g) || glyphs(pdfText(g)).length === 1, where).toBe(true);
        }
      }
    }
  }
}

const quote = (v: string) => `"${v.replaceAll('"', '""')}"`;
const DAY = "2026-11-25";

let core: AppCore;
let dir: string;
let manager: CallerSession;
let desk: CallerSession;
let addonIds: number[] = [];
let serial = 0;

async function call<T>(session: CallerSession, channel: string, payload: unknown): Promise<T> {
  const r = await core.dispatch(session, channel, payload);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message} (${r.error.field ?? ""})`);
  return r.value as T;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "happyhead-limits-"));
  core = await createAppCore({
    dataDir: dir,
    seed: "demo",
    clock: fixedClock("2026-11-25T18:07:00.000Z"),
    printBackoffMs: () => 10,
  });
  const { db } = core.model;
  // Arabic and Hebrew at every limit take the run past a desk's idle lock (120 s): no session may lock mid-run.
  // The queue saves each ticket as an 80 mm PDF: that is the run's 80 mm drawing of every ticket (queuePdfsPrinted).
  saveSettings(db, { staffIdleSeconds: 3600, printer: { driver: "pdf-folder", paper: "80mm" } });
  const staffId = (name: string) => db.prepare("SELECT id FROM staff WHERE name = ?").pluck().get(name) as number;
  manager = core.newSession("staff");
  await call(manager, "staff.login", { staffId: staffId(DEMO_STAFF[0].name), pin: DEMO_STAFF[0].pin });
  // The longest staff name (it prints as "Confirmed by") and twenty add-ons with the longest titles.
  const [staffName] = fc.sample(atLimit(NAME_MAX), { numRuns: 1, seed: 22 });
  const { staff } = await call<{ staff: { id: number } }>(manager, "admin.createStaff", {
    name: staffName,
    role: "receptionist",
    pin: "864213",
  });
  desk = core.newSession("staff");
  await call(desk, "staff.login", { staffId: staff.id, pin: "864213" });
  const { addons } = await call<{ addons: AddonAdmin[] }>(manager, "admin.addons", {});
  const template = addons[0];
  if (!template) throw new Error("no add-on");
  const titles = fc.sample(atLimit(ADDON_TITLE_MAX), { numRuns: 20, seed: 7 });
  addonIds = [];
  for (const [i, title] of titles.entries()) {
    const existing = addons[i];
    const text = { title, benefits: ["Eases tension.", "Feels calm."] };
    const input = {
      ...(existing ? { id: existing.id } : {}),
      code: existing?.code ?? `extra-${i}`,
      priceCents: 1500,
      extraMinutes: 15,
      active: true,
      sortOrder: i,
      texts: { en: text, es: text, zh: text },
      serviceIds: [1],
    };
    const { addon } = await call<{ addon: AddonAdmin }>(manager, "admin.saveAddon", input);
    addonIds.push(addon.id);
  }
}, 120_000);

afterAll(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Every ticket of the appointment parses and renders on ESC/POS and HTML at both paper widths, and as a PDF on 58 mm
 * paper; on 80 mm the print queue draws each one (the printer set here saves 80 mm PDFs: queuePdfsPrinted).
 */
async function everyTicketPrints(appointmentId: number): Promise<{ tickets: Ticket[]; files: string[] }> {
  const rows = core.model.db
    .prepare(
      "SELECT t.id, t.content, j.id AS job FROM tickets t JOIN print_jobs j ON j.ticket_id = t.id WHERE t.appointment_id = ? ORDER BY t.id",
    )
    .all(appointmentId) as { id: number; content: string; job: number }[];
  const tickets: Ticket[] = [];
  const files: string[] = [];
  for (const row of rows) {
    // The stored ticket parses as it is: it was fitted when written, not when read.
    const ticket = ticketSchema.parse({
      ...(JSON.parse(row.content) as object),
      ticketNumber: row.id,
      printJobId: row.job,
    });
    expect(readTicket(row.content, row.id, row.job)).toEqual(ticket);
    emojiHold(ticket);
    expect((await renderPdf(ticket, "58mm")).subarray(0, 5).toString()).toBe("%PDF-");
    for (const paper of ["80mm", "58mm"] as const) {
      expect(renderEscPos(ticket, paper).length).toBeGreaterThan(100);
      expect(renderTicketHtml(ticket, paper).html).toContain("</html>");
    }
    tickets.push(ticket);
    files.push(path.join(core.paths.tickets, `ticket-${row.id}-job-${row.job}.pdf`));
  }
  return { tickets, files };
}

/**
 * The 80 mm PDF of each ticket, as the print queue drew it (renderPdf on the PDF thread) and the demo's printer saved
 * it: the same drawing a renderPdf(ticket, "80mm") here would repeat, of the same stored ticket (with its printed-at
 * time).
 */
function queuePdfsPrinted(files: string[]): void {
  for (const file of files) expect(readFileSync(file).subarray(0, 5).toString(), file).toBe("%PDF-");
}

describe("every write at its limits gives tickets that parse and print, and exports that parse", () => {
  it("guest, service, therapist, room, add-on and staff names at their limits; 2 add-ons booked ahead and 18 chosen; an 18-line change; the longest reason", async () => {
    let cases = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          guest: atLimit(GUEST_NAME_MAX),
          service: atLimit(NAME_MAX),
          therapist: atLimit(NAME_MAX),
          room: atLimit(NAME_MAX),
          reason: atLimit(REASON_MAX),
          title: atLimit(ADDON_TITLE_MAX),
        }),
        async (v) => {
          cases++;
          serial++;
          const { services, therapists, rooms } = await call<{
            services: ServiceAdmin[];
            therapists: TherapistAdmin[];
            rooms: RoomAdmin[];
          }>(manager, "admin.catalog", {});
          const [service, therapist, room] = [
            services.find((x) => x.id === 1),
            therapists.find((x) => x.id === 1),
            rooms.find((x) => x.id === 1),
          ];
          if (!service || !therapist || !room) throw new Error("empty catalog");
          await call(manager, "admin.saveService", {
            id: service.id,
            name: v.service,
            guestNames: {},
            minutes: service.minutes,
            priceCents: service.priceCents,
            active: true,
          });
          await call(manager, "admin.saveTherapist", { id: therapist.id, name: v.therapist, active: true });
          await call(manager, "admin.saveRoom", { id: room.id, name: v.room, active: true });
          const { addons } = await call<{ addons: AddonAdmin[] }>(manager, "admin.addons", {});
          const first = addons.find((a) => a.id === addonIds[0]);
          if (!first) throw new Error("no add-on");
          await call(manager, "admin.saveAddon", {
            ...addonInputOf(first),
            texts: { ...first.texts, en: { ...first.texts.en, title: v.title } },
            acknowledgePending: true,
          });

          // The booking arrives by import, at the longest guest name.
          const externalId = `LIM-${serial}`;
          const hour = 8 + (serial % 12);
          const csv = `Booking ID,Client Name,Mobile,Service,Therapist,Room,Date,Start Time\r\n${[externalId, v.guest, `555 01${String(serial).padStart(5, "0")}`, v.service, v.therapist, v.room, DAY, `${hour}:${String(serial % 60).padStart(2, "0")}`].map(quote).join(",")}\r\n`;
          const preview = await call<{ mapping: object; errors: unknown[] }>(desk, "desk.importPreview", {
            content: csv,
          });
          expect(preview.errors).toEqual([]);
          await call(desk, "desk.importCommit", { content: csv, mapping: preview.mapping, skipBadRows: false });
          const appointmentId = core.model.db
            .prepare("SELECT id FROM appointments WHERE external_id = ?")
            .pluck()
            .get(externalId) as number;

          // Two add-ons with the longest titles booked ahead with it (as an import of its visit stores them), before
          // ten chosen at the desk and eight more.
          storeBookedAddons(
            core.model.db,
            appointmentId,
            addonIds.slice(18, 20).map((id) => ({ id, minutes: 15 })),
          );
          await call(desk, "desk.checkIn", { appointmentId });
          const a = addonIds.slice(0, 10);
          const b = addonIds.slice(10, 18);
          await call(desk, "desk.changeAddons", { appointmentId, addonIds: a });
          await call(desk, "desk.changeAddons", { appointmentId, addonIds: b, reason: v.reason });
          await call(desk, "desk.voidAddons", { appointmentId, reason: v.reason });
          await call(desk, "printing.reprint", { appointmentId });
          await call(desk, "desk.ticketPreview", { appointmentId });

          const { tickets, files } = await everyTicketPrints(appointmentId);
          expect(tickets.map((t) => t.kind)).toEqual(["original", "changed", "void", "reprint"]);
          expect(tickets[0]?.addons).toHaveLength(10);
          expect(tickets[0]?.addons.slice(0, 2).map((x) => x.bookedAhead)).toEqual([true, true]);
          expect(tickets[0]?.addons.at(-1)?.title).toBe("+3 MORE ADD-ONS");
          expect(tickets[1]?.changes).toHaveLength(10);
          expect(tickets[1]?.changes.at(-1)).toBe("+9 more changes");

          // The worker prints them all: none fails.
          core.printQueue.kick();
          await core.printQueue.idle();
          const failed = core.model.db
            .prepare(
              "SELECT j.last_error FROM print_jobs j JOIN tickets t ON t.id = j.ticket_id WHERE t.appointment_id = ? AND j.status != 'printed'",
            )
            .pluck()
            .all(appointmentId);
          expect(failed).toEqual([]);
          queuePdfsPrinted(files);

          // The POS export parses: a header and one record per confirmed add-on line, every field intact.
          const pos = await call<{ content: string }>(desk, "desk.exportAddons", { day: DAY });
          const posRecords: string[][] = parse(pos.content.replace(/^\uFEFF/, ""), { record_delimiter: "\r\n" });
          expect(new Set(posRecords.map((r) => r.length)).size).toBe(1);
        },
      ),
      { numRuns: 30, seed: 2222 },
    );

    // The report and its exports over every case: the CSV parses with a column count per row, the workbook opens.
    const range = { from: DAY, to: DAY };
    const report = uptakeReport(core.model, { ...range, grain: "day" });
    for (const format of ["csv", "xlsx"] as const) {
      const file = path.join(dir, `limits.${format}`);
      await runExport({
        reader: openReader(core.paths.database),
        range,
        file,
        format,
        table: "checkins",
        report,
        signal: new AbortController().signal,
        onProgress: () => undefined,
      });
      if (format === "csv") {
        const records: string[][] = parse(readFileSync(file, "utf8").slice(1), { record_delimiter: "\r\n" });
        expect(records.length).toBeGreaterThan(cases);
        expect(new Set(records.map((r) => r.length)).size).toBe(1);
      } else {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(file);
        expect(wb.getWorksheet("Check-ins")?.actualRowCount).toBeGreaterThan(cases);
      }
    }
    console.log(
      `limits property: ${cases} cases, each 4 tickets × 3 renderers × 2 papers, POS export; report CSV + XLSX over all`,
    );
  }, 600_000);
});

describe("emoji at the limits, on every slip kind", () => {
  const L = TICKET_LIMITS;
  const emojiTicket = fc
    .record({
      kind: fc.constantFrom("original" as const, "changed" as const, "void" as const, "reprint" as const),
      guest: emojiAtLimit(GUEST_NAME_MAX),
      therapist: emojiAtLimit(NAME_MAX),
      room: emojiAtLimit(NAME_MAX),
      note: emojiAtLimit(L.note),
      title: emojiAtLimit(L.addonTitle),
      change: emojiAtLimit(L.change),
      reason: emojiAtLimit(L.voidReason),
      allergy: emojiAtLimit(L.allergy),
    })
    .map((v) =>
      ticketSchema.parse(
        fitTicket(
          sampleTicket({
            kind: v.kind,
            ...(v.kind === "reprint" ? { reprintOf: "changed" as const } : {}),
            changes: v.kind === "original" ? [] : [v.change, v.change],
            voidReason: v.kind === "void" ? v.reason : null,
            guestLabel: v.guest,
            therapistName: v.therapist,
            roomName: v.room,
            note: v.note,
            addons: Array.from({ length: L.addons }, (_, i) => ({ code: `e${i}`, title: v.title, extraMinutes: 15 })),
            alerts: { allergies: [v.allergy, "🥜"], avoid: [], checks: [] },
          }),
        ),
      ),
    );

  it("never overflows a line, cuts a sequence or prints '?' (layouts of 200 tickets)", () => {
    fc.assert(fc.property(emojiTicket, emojiHold), { numRuns: 200, seed: 1207 });
  });

  it("keeps each emoji drawn on the PDF inside the paper's margins, and the thermal slip never empty where a name was only emoji", async () => {
    const column = (1.5 * 72) / 25.4;
    await fc.assert(
      fc.asyncProperty(emojiTicket, fc.constantFrom<Paper>("80mm", "58mm"), async (ticket, paper) => {
        const pdf = await renderPdf(ticket, paper);
        const html = execFileSync("pdftotext", ["-bbox", "-", "-"], { input: pdf, encoding: "utf8" });
        const width = ((paper === "80mm" ? 80 : 58) * 72) / 25.4;
        const margin = (width - (paper === "80mm" ? 48 : 32) * column) / 2;
        for (const m of html.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"/g)) {
          expect(Number(m[1])).toBeGreaterThanOrEqual(margin - 0.5);
          expect(Number(m[2])).toBeLessThanOrEqual(width - margin + 0.5);
        }
        const thermal = layoutTicket(ticket, paper, codepageText).lines;
        const guest = thermal.find((l) => l.kind === "text" && l.text.startsWith("Guest:"));
        expect(guest?.kind === "text" && guest.text.trim().length > "Guest:".length).toBe(true);
      }),
      { numRuns: 12, seed: 1207 },
    );
  }, 120_000);
});
