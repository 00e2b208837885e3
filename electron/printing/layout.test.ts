import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ticketSchema, type Paper } from "../../contract/ticket";
import { sampleTicket } from "../test-support/fixtures";
import { layoutTicket, lineCapacity, positionLine, type TextLine } from "./layout";
import { glyphs } from "./text";

const texts = (paper: Paper, overrides: Parameters<typeof sampleTicket>[0] = {}): TextLine[] =>
  layoutTicket(sampleTicket(overrides), paper).lines.filter((l): l is TextLine => l.kind === "text");

describe("layoutTicket", () => {
  it("uses 48 columns on 80 mm paper and 32 on 58 mm", () => {
    expect(layoutTicket(sampleTicket(), "80mm").columns).toBe(48);
    expect(layoutTicket(sampleTicket(), "58mm").columns).toBe(32);
  });

  it("lists the ticket's content in order, add-on titles large and bold", () => {
    const lines = texts("80mm");
    expect(lines.map((l) => l.text)).toEqual([
      "Happy Head Spa & Wellness",
      "TICKET 42",
      "Print job 1007",
      "Guest: María G.",
      "Date: Tuesday 3 June 2025",
      "Time: 14:00 - 15:30",
      "Service: Swedish Massage (60 min)",
      "Therapist: Zoë",
      "Room: Room 3 (Garden)",
      "ADD-ONS",
      "FACE MASSAGE",
      "+15 min",
      "SCALP MASSAGE",
      "+15 min",
      "Confirmed by: Begoña",
      "Printed: 3 Jun 2025 13:58",
    ]);
    const face = lines.find((l) => l.text === "FACE MASSAGE");
    expect(face).toMatchObject({ size: "large", bold: true });
  });

  it("says under the guest's name which language they speak, when the ticket carries one", () => {
    const lines = texts("58mm", { guestLanguage: "Spanish" }).map((l) => l.text);
    expect(lines.slice(lines.indexOf("Guest: María G."), lines.indexOf("Guest: María G.") + 2)).toEqual([
      "Guest: María G.",
      "Speaks: Spanish",
    ]);
    expect(texts("58mm").some((l) => l.text.startsWith("Speaks"))).toBe(false);
  });

  it("prints NO ADD-ON in large bold when there is none", () => {
    const lines = texts("58mm", { addons: [] });
    expect(lines.find((l) => l.text === "NO ADD-ON")).toMatchObject({ size: "large", bold: true });
  });

  it("shows banners for reprint, changed (with each change) and void (with the reason)", () => {
    expect(texts("80mm", { kind: "reprint" }).find((l) => l.inverse)?.text).toBe("*** REPRINT ***");
    const changed = texts("80mm", { kind: "changed", changes: ["Added SCALP MASSAGE", "Removed FACE MASSAGE"] }).map((l) => l.text);
    expect(changed.slice(3, 6)).toEqual(["*** CHANGED ***", "- Added SCALP MASSAGE", "- Removed FACE MASSAGE"]);
    const voided = texts("80mm", { kind: "void", voidReason: "Guest left" }).map((l) => l.text);
    expect(voided.slice(3, 5)).toEqual(["*** VOID ***", "Reason: Guest left"]);
    expect(texts("80mm").some((l) => l.inverse)).toBe(false);
  });

  it("keeps the CHANGED or VOID banner on a reprint, so a reprinted VOID never reads as valid", () => {
    const voided = texts("80mm", { kind: "reprint", reprintOf: "void", voidReason: "Guest left" }).map((l) => l.text);
    expect(voided.slice(3, 6)).toEqual(["*** REPRINT ***", "*** VOID ***", "Reason: Guest left"]);
    expect(texts("80mm", { kind: "reprint", reprintOf: "void" }).some((l) => l.text.includes("ADD-ONS"))).toBe(true);
    const changed = texts("58mm", { kind: "reprint", reprintOf: "changed", changes: ["Added SCALP MASSAGE"] }).map((l) => l.text);
    expect(changed.slice(3, 6)).toEqual(["*** REPRINT ***", "*** CHANGED ***", "- Added SCALP MASSAGE"]);
  });

  it("marks a manager's test print as not a booking", () => {
    const lines = texts("58mm", { sample: true });
    expect(lines.find((l) => l.inverse)).toMatchObject({ text: "TEST PRINT", size: "large" });
    expect(lines.map((l) => l.text)).toContain("Printer check - not a booking");
  });

  it("puts banners on a full-width bar", () => {
    const banner = texts("58mm", { kind: "void", voidReason: null }).find((l) => l.inverse);
    expect(banner).toBeDefined();
    if (banner) expect(glyphs(positionLine(banner, 32))).toHaveLength(16);
  });

  it("wraps long values, and double-width lines at half the columns", () => {
    const lines = texts("58mm", {
      therapistName: "Maximiliana Alejandra de la Cruz",
      addons: [{ code: "combo", title: "FACE AND SCALP MASSAGE DELUXE", extraMinutes: 0 }],
    }).map((l) => l.text);
    expect(lines).toContain("Therapist: Maximiliana Alejandra");
    expect(lines).toContain("  de la Cruz");
    expect(lines).toContain("FACE AND SCALP");
    expect(lines).toContain("MASSAGE DELUXE");
  });

  it("fits every line on the paper for any valid ticket (property)", () => {
    const anyText = fc.string({ unit: fc.constantFrom("a", "Ñ", " ", "李", "😀", "\n", "\u001b", "W"), minLength: 1, maxLength: 120 });
    fc.assert(
      fc.property(anyText, anyText, fc.constantFrom<Paper>("80mm", "58mm"), (name, title, paper) => {
        const ticket = ticketSchema.parse(
          sampleTicket({ therapistName: name.slice(0, 80), addons: [{ code: "x", title: title.slice(0, 80), extraMinutes: 5 }] }),
        );
        const { columns, lines } = layoutTicket(ticket, paper);
        for (const line of lines) {
          if (line.kind !== "text") continue;
          expect(glyphs(positionLine(line, columns)).length).toBeLessThanOrEqual(lineCapacity(line.size, columns));
          // eslint-disable-next-line no-control-regex -- no control character reaches the printer
          expect(line.text).not.toMatch(/[\u0000-\u001f\u007f]/);
        }
      }),
    );
  });
});
