import { describe, expect, it } from "vitest";
import { sampleTicket } from "../test-support/fixtures";
import { pdfPageSizeMm, renderPdf } from "./pdf";
import { hasPdftotext, pdfToText } from "../test-support/pdftotext";

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
});
