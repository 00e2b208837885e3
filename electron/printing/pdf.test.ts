import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { sampleTicket } from "../test-support/fixtures";
import { pdfPageSizeMm, renderPdf } from "./pdf";
import { hasPdftotext, pdfToText } from "../test-support/pdftotext";

/**
 * The page's text in reading order, without the embedding marks pdftotext puts around right-to-left words, runs of
 * spaces as one (a name narrower than its columns leaves room after it).
 */
const readText = (pdf: Buffer): string =>
  pdfToText(pdf)
    .replace(/[\u202a-\u202e]/g, "")
    .replace(/ +/g, " ");

/** Each word pdftotext finds, with where it is drawn on the page (points from the left and the top). */
function pdfWords(pdf: Buffer): { word: string; xMin: number; xMax: number; yMin: number }[] {
  const html = execFileSync("pdftotext", ["-bbox", "-", "-"], { input: pdf, encoding: "utf8" });
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)].map(
    (m) => ({ word: m[4] ?? "", xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]) }),
  );
}

/** The first page's MediaBox in points (pdfkit writes it uncompressed). */
function mediaBox(pdf: Buffer): number[] {
  const match = /\/MediaBox \[([^\]]+)\]/.exec(pdf.toString("latin1"));
  return (match?.[1] ?? "").trim().split(/\s+/).map(Number);
}
const mm = (points: number | undefined): number => Math.round(((points ?? 0) * 25.4) / 72);

describe("renderPdf", () => {
  it("makes a page as wide as the paper and as tall as the ticket", async () => {
    for (const paper of ["80mm", "58mm"] as const) {
      const ticket = sampleTicket();
      const box = mediaBox(await renderPdf(ticket, paper));
      const size = pdfPageSizeMm(ticket, paper);
      expect(mm(box[2])).toBe(paper === "80mm" ? 80 : 58);
      expect(size.widthMm).toBe(paper === "80mm" ? 80 : 58);
      expect(mm(box[3])).toBe(size.heightMm);
    }
    const longer = pdfPageSizeMm(sampleTicket({ kind: "changed", changes: ["a", "b", "c"] }), "80mm").heightMm;
    expect(longer).toBeGreaterThan(pdfPageSizeMm(sampleTicket(), "80mm").heightMm);
  });

  it.skipIf(!hasPdftotext)("contains the ticket text, accents intact (skipped: pdftotext not installed)", async () => {
    const text = pdfToText(await renderPdf(sampleTicket({ kind: "void", voidReason: "Guest felt unwell" }), "80mm"));
    for (const expected of [
      "FACE MASSAGE",
      "SCALP MASSAGE",
      "*** VOID ***",
      "Reason: Guest felt unwell",
      "TICKET 42",
      "Print job 1007",
      "María G.",
      "Zoë",
      "Begoña",
    ]) {
      expect(text).toContain(expected);
    }
  });

  it.skipIf(!hasPdftotext)(
    "prints NO ADD-ON and transliterates letters outside WinAnsi (skipped: pdftotext not installed)",
    async () => {
      const text = pdfToText(await renderPdf(sampleTicket({ addons: [], guestLabel: "李 W. €" }), "58mm"));
      expect(text).toContain("NO ADD-ON");
      expect(text).toContain("Guest: Li W. €");
    },
  );

  it.skipIf(!hasPdftotext)(
    "prints the guest's pressure outside the ALERTS box on both papers (skipped: pdftotext not installed)",
    async () => {
      const alerts = { allergies: ["Nuts"], avoid: [], checks: [] };
      for (const paper of ["80mm", "58mm"] as const) {
        const text = pdfToText(await renderPdf(sampleTicket({ alerts, pressure: "medium" }), paper));
        expect(text).toContain("Pressure: Medium");
        expect(text.indexOf("Pressure: Medium")).toBeLessThan(text.indexOf("ALERTS"));
        expect(text).not.toMatch(/\|\s*Pressure/);
      }
    },
  );

  it.skipIf(!hasPdftotext)("prints the ALERTS box on both papers (skipped: pdftotext not installed)", async () => {
    const alerts = {
      allergies: ["Nuts", "Latex"],
      avoid: ["Face", "Neck"],
      checks: [{ addon: "face" as const, reason: "recent injections" }],
    };
    for (const paper of ["80mm", "58mm"] as const) {
      const text = pdfToText(await renderPdf(sampleTicket({ alerts }), paper));
      expect(text).toContain("ALERTS");
      expect(text).toContain("ALLERGIES: Nuts, Latex");
      expect(text).toContain("AVOID: Face, Neck");
      expect(text.replace(/[\s|]+/g, " ")).toContain("CHECK WITH GUEST: face \u2014 recent injections");
    }
  });

  it.skipIf(!hasPdftotext)(
    "prints Arabic and Hebrew names, an allergy and a note as written, in reading order (skipped: pdftotext not installed)",
    async () => {
      const ticket = sampleTicket({
        // As a booking system writes it: a right-to-left mark before the name.
        guestLabel: "\u200fمريم عبد",
        therapistName: "שרה כהן",
        note: "Maryam عبد الكريم (VIP) غرفة ١٢",
        alerts: { allergies: ["زيت اللوز"], avoid: [], checks: [] },
      });
      for (const paper of ["80mm", "58mm"] as const) {
        const text = readText(await renderPdf(ticket, paper));
        expect(text).toContain("Guest: مريم عبد");
        expect(text).toContain("Therapist: שרה כהן");
        expect(text).toContain("Note: Maryam عبد الكريم (VIP)");
        expect(text).toContain("ALLERGIES: زيت اللوز");
        expect(text).not.toContain("mrym");
      }
      // Drawn right to left: the first word of the name stands to the right of the second, after the label.
      const words = pdfWords(await renderPdf(ticket, "80mm"));
      const at = (word: string) => words.find((w) => w.word === word);
      const [label, first, second] = [at("Guest:"), at("ميرم"), at("دبع")];
      expect(label && first && second).toBeTruthy();
      expect(second?.xMin).toBeGreaterThan(label?.xMax ?? Infinity);
      expect(first?.xMin).toBeGreaterThan(second?.xMax ?? Infinity);
      // "Room ١٢" in Arabic: the number reads left to right and stands to the left of the word it follows.
      const [room, number] = [at("ةفرغ"), at("١٢")];
      expect(room && number).toBeTruthy();
      expect(room?.xMin).toBeGreaterThan(number?.xMax ?? Infinity);
    },
  );

  it.skipIf(!hasPdftotext)(
    "keeps the longest Arabic name inside its line, squeezed rather than over the edge (skipped: pdftotext not installed)",
    async () => {
      // The widest letters, each on its own (so in its widest form), 79 characters (the contract's longest guest name
      // is 80), on the narrow paper: wider than the columns the layout gives them.
      const name = Array.from({ length: 40 }, (_, i) => "ضصشس"[i % 4]).join(" ");
      const pdf = await renderPdf(sampleTicket({ guestLabel: name, addons: [] }), "58mm");
      const widthPt = (58 * 72) / 25.4;
      const guestLines = readText(pdf)
        .split("\n")
        .filter((l) => /[ضصشس]/.test(l));
      expect(guestLines.join(" ").replace(/[^ضصشس]/g, "")).toHaveLength(name.replace(/ /g, "").length);
      for (const w of pdfWords(pdf).filter((w) => /[ضصشس]/.test(w.word))) {
        expect(w.xMin).toBeGreaterThanOrEqual((2 * 72) / 25.4);
        expect(w.xMax).toBeLessThanOrEqual(widthPt - (2 * 72) / 25.4);
      }
    },
  );

  it.skipIf(!hasPdftotext)(
    "draws emoji in the embedded Noto Emoji, each sequence whole, none as '?' (skipped: pdftotext not installed)",
    async () => {
      const ticket = sampleTicket({
        guestLabel: "Ana 🌸 Kai 👨‍👩‍👧 Lee 🇯🇵 1️⃣",
        note: "no lavender please 🙏",
        alerts: { allergies: ["🥜 nuts"], avoid: [], checks: [] },
      });
      for (const paper of ["80mm", "58mm"] as const) {
        const pdf = await renderPdf(ticket, paper);
        const text = readText(pdf);
        expect(text).toContain("Guest: Ana 🌸 Kai 👨‍👩‍👧 Lee 🇯🇵 1️⃣");
        expect(text).toContain("Note: no lavender please 🙏");
        expect(text).toContain("ALLERGIES: 🥜 nuts");
        expect(text).not.toContain("?");
        expect(execFileSync("pdffonts", ["-"], { input: pdf, encoding: "utf8" })).toMatch(
          /NotoEmoji-Regular +CID TrueType/,
        );
      }
      // Each emoji in its two columns: "Ana" ends one column before it, "Kai" starts one after it.
      const words = pdfWords(await renderPdf(ticket, "80mm"));
      const at = (word: string) => words.find((w) => w.word === word);
      const [ana, flower, kai] = [at("Ana"), at("🌸"), at("Kai")];
      const column = (1.5 * 72) / 25.4;
      expect(flower?.xMin).toBeGreaterThanOrEqual((ana?.xMax ?? Infinity) + column - 0.5);
      expect(flower?.xMax).toBeLessThanOrEqual((kai?.xMin ?? 0) - column + 0.5);
    },
  );

  it.skipIf(!hasPdftotext)(
    "draws a sequence the font has no one picture for as its parts, and a slip without emoji loads no emoji font (skipped: pdftotext not installed)",
    async () => {
      const text = readText(await renderPdf(sampleTicket({ guestLabel: "Mo 🐈\u200d🐕 G." }), "58mm"));
      expect(text).toContain("Guest: Mo 🐈🐕 G.");
      const plain = await renderPdf(sampleTicket(), "58mm");
      expect(execFileSync("pdffonts", ["-"], { input: plain, encoding: "utf8" })).not.toContain("NotoEmoji");
    },
  );
});
