import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitTicket, TICKET_LIMITS, ticketSchema, type Paper, type TicketAlerts } from "../../contract/ticket";
import { sampleTicket } from "../test-support/fixtures";
import { layoutTicket, lineCapacity, positionLine, type TextLine } from "./layout";
import { glyphs, textColumns } from "./text";

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
    const changed = texts("80mm", { kind: "changed", changes: ["Added SCALP MASSAGE", "Removed FACE MASSAGE"] }).map(
      (l) => l.text,
    );
    expect(changed.slice(3, 6)).toEqual(["*** CHANGED ***", "- Added SCALP MASSAGE", "- Removed FACE MASSAGE"]);
    const voided = texts("80mm", { kind: "void", voidReason: "Guest left" }).map((l) => l.text);
    expect(voided.slice(3, 5)).toEqual(["*** VOID ***", "Reason: Guest left"]);
    expect(texts("80mm").some((l) => l.inverse)).toBe(false);
  });

  it("keeps the CHANGED or VOID banner on a reprint, so a reprinted VOID never reads as valid", () => {
    const voided = texts("80mm", { kind: "reprint", reprintOf: "void", voidReason: "Guest left" }).map((l) => l.text);
    expect(voided.slice(3, 6)).toEqual(["*** REPRINT ***", "*** VOID ***", "Reason: Guest left"]);
    expect(texts("80mm", { kind: "reprint", reprintOf: "void" }).some((l) => l.text.includes("ADD-ONS"))).toBe(true);
    const changed = texts("58mm", { kind: "reprint", reprintOf: "changed", changes: ["Added SCALP MASSAGE"] }).map(
      (l) => l.text,
    );
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
    const anyText = fc.string({
      unit: fc.constantFrom("a", "Ñ", " ", "李", "😀", "\n", "\u001b", "W"),
      minLength: 1,
      maxLength: 120,
    });
    fc.assert(
      fc.property(anyText, anyText, fc.constantFrom<Paper>("80mm", "58mm"), (name, title, paper) => {
        const ticket = ticketSchema.parse(
          sampleTicket({
            therapistName: name.slice(0, 80),
            addons: [{ code: "x", title: title.slice(0, 80), extraMinutes: 5 }],
          }),
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

  describe("the ALERTS box", () => {
    const alerts: TicketAlerts = {
      allergies: ["Nuts", "Latex", "lavender oil"],
      avoid: ["Face", "Neck"],
      checks: [{ addon: "face", reason: "recent injections" }],
    };

    it("boxes allergies and areas to avoid in bold and each check for the therapist, before the add-ons", () => {
      const lines = texts("80mm", { alerts });
      const top = lines.findIndex((l) => l.text.startsWith("+== ALERTS "));
      expect(lines.slice(top, top + 5).map((l) => [l.text, l.bold])).toEqual([
        ["+== ALERTS ====================================+", true],
        ["| ALLERGIES: Nuts, Latex, lavender oil         |", true],
        ["| AVOID: Face, Neck                            |", true],
        ["| CHECK WITH GUEST: face \u2014 recent injections   |", false],
        ["+==============================================+", true],
      ]);
      expect(lines[top + 5]?.text).toBe("ADD-ONS");
    });

    it("wraps inside the box on 58 mm paper, continuations indented", () => {
      const lines = texts("58mm", { alerts }).map((l) => l.text);
      const top = lines.indexOf("+== ALERTS ====================+");
      expect(lines.slice(top + 1, top + 6)).toEqual([
        "| ALLERGIES: Nuts, Latex,      |",
        "|   lavender oil               |",
        "| AVOID: Face, Neck            |",
        "| CHECK WITH GUEST: face \u2014     |",
        "|   recent injections          |",
      ]);
    });

    it("prints no box when there is nothing to say, or on a ticket stored before alerts", () => {
      expect(
        texts("80mm", { alerts: { allergies: [], avoid: [], checks: [] } }).some((l) => l.text.includes("ALERTS")),
      ).toBe(false);
      expect(texts("80mm").some((l) => l.text.includes("ALERTS"))).toBe(false);
    });

    it("prints the guest's pressure as a plain line after the booking's fields, outside the box, on both papers", () => {
      for (const paper of ["80mm", "58mm"] as const) {
        const lines = texts(paper, { alerts, pressure: "firm" });
        const at = lines.findIndex((l) => l.text === "Pressure: Firm");
        expect(lines[at]).toMatchObject({ bold: false, size: "normal" });
        expect(lines[at - 1]?.text).toBe("Room: Room 3 (Garden)");
        expect(at).toBeLessThan(lines.findIndex((l) => l.text.startsWith("+== ALERTS")));
        for (const l of lines) expect(glyphs(l.text).length).toBeLessThanOrEqual(paper === "80mm" ? 48 : 32);
      }
      expect(texts("80mm").some((l) => l.text.startsWith("Pressure"))).toBe(false);
    });

    it("fits the box on both papers at the contract's limits and loses no character (property)", () => {
      const L = TICKET_LIMITS;
      const piece = fc.constantFrom("a", "Ñ", "e\u0301", "李", "😀", "👨‍👩‍👧", "W", " ", "-", "\n");
      const text = (max: number) => fc.string({ unit: piece, minLength: max, maxLength: max * 2 });
      const anyAlerts = fc.record({
        allergies: fc.array(text(L.allergy), { minLength: L.allergies, maxLength: L.allergies + 2 }),
        avoid: fc.array(text(L.area), { minLength: L.avoid, maxLength: L.avoid + 1 }),
        checks: fc.array(
          fc.record({ addon: fc.constantFrom("face" as const, "scalp" as const), reason: text(L.checkReason) }),
          {
            minLength: L.checks,
            maxLength: L.checks + 2,
          },
        ),
      });
      // Every glyph of the box's rows is printed: only the spaces between words differ.
      const squeeze = (s: string) => glyphs(s.normalize("NFC").replace(/[\s\u00a0]+/gu, "")).join("");
      fc.assert(
        fc.property(anyAlerts, fc.constantFrom<Paper>("80mm", "58mm"), (raw, paper) => {
          // Strings as a write would give them (one line, within the limits), then fitted as the ticket is.
          const oneLine = (s: string) => s.replace(/\s+/g, " ").trim() || "x";
          const given = {
            allergies: raw.allergies.map(oneLine),
            avoid: raw.avoid.map(oneLine),
            checks: raw.checks.map((c) => ({ ...c, reason: oneLine(c.reason) })),
          };
          const ticket = ticketSchema.parse(fitTicket(sampleTicket({ alerts: given })));
          const fitted = ticket.alerts;
          if (!fitted) throw new Error("alerts dropped");
          expect(fitted.allergies).toHaveLength(L.allergies);
          expect(fitted.checks).toHaveLength(L.checks);
          const { columns, lines } = layoutTicket(ticket, paper);
          const textLines = lines.filter((l): l is TextLine => l.kind === "text");
          const top = textLines.findIndex((l) => l.text.startsWith("+== ALERTS"));
          const bottom = textLines.findIndex((l, i) => i > top && l.text.startsWith("+="));
          const box = textLines.slice(top, bottom + 1);
          for (const line of box) expect(textColumns(line.text)).toBe(columns);
          const inside = box.slice(1, -1).map((l) => glyphs(l.text).slice(2, -2).join(""));
          const rows = [
            `ALLERGIES: ${fitted.allergies.join(", ")}`,
            `AVOID: ${fitted.avoid.join(", ")}`,
            ...fitted.checks.map((c) => `CHECK WITH GUEST: ${c.addon} \u2014 ${c.reason}`),
          ];
          expect(squeeze(inside.join(""))).toBe(squeeze(rows.join("")));
        }),
        { numRuns: 200 },
      );
    });
  });
});
