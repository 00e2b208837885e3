import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ADDON_TITLE_MAX } from "../../contract/admin";
import { fitTicket, slipTitle, TICKET_LIMITS, ticketSchema, type Paper, type TicketAddon } from "../../contract/ticket";
import { sampleTicket } from "../test-support/fixtures";
import { renderEscPos } from "./escpos";
import { renderTicketHtml } from "./html";
import { layoutTicket, lineCapacity, positionLine, type TextLine } from "./layout";
import { glyphs } from "./text";

/**
 * The therapist's slip of a visit with add-ons booked ahead in the booking system (db/desk/booked-addons.ts): printed
 * in the add-ons, before the ones chosen at the kiosk or desk, "15 min - booked ahead" (inside the booking's time, so
 * the therapist includes it), never "+15 min".
 */
const SCALP: TicketAddon = { code: "scalp", title: "SCALP MASSAGE", extraMinutes: 15, bookedAhead: true };
const FACE: TicketAddon = { code: "face", title: "FACE MASSAGE", extraMinutes: 15 };
const texts = (paper: Paper, addons: TicketAddon[]): string[] =>
  layoutTicket(sampleTicket({ addons }), paper)
    .lines.filter((l): l is TextLine => l.kind === "text")
    .map((l) => l.text);

describe("an add-on booked ahead on the therapist's slip", () => {
  it("prints in the add-ons with its minutes and 'booked ahead', before the kiosk's add-on with its '+15 min'", () => {
    const lines = texts("58mm", [SCALP, FACE]);
    expect(lines.slice(lines.indexOf("ADD-ONS"), lines.indexOf("ADD-ONS") + 5)).toEqual([
      "ADD-ONS",
      "SCALP MASSAGE",
      "15 min - booked ahead",
      "FACE MASSAGE",
      "+15 min",
    ]);
    expect(texts("80mm", [SCALP])).not.toContain("NO ADD-ON");
  });

  // Graphemes of the world's add-on names at the admin's title limit, upper-cased as the slip prints them.
  const PIECES = ["a", "é", "e\u0301", "ß", "李", "명", "Ж", "🙂", "👨‍👩‍👧‍👦", "🇪🇸", " ", "-"];
  const title = fc
    .array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: ADDON_TITLE_MAX })
    .map((p) => slipTitle(p.join("").slice(0, ADDON_TITLE_MAX).trim() || "x"));
  const addon = (bookedAhead: boolean) =>
    fc
      .record({ title, extraMinutes: fc.integer({ min: 1, max: TICKET_LIMITS.extraMinutes }) })
      .map((a): TicketAddon => ({ code: "x", ...a, ...(bookedAhead ? { bookedAhead: true as const } : {}) }));

  it("with any number of booked-ahead and chosen add-ons at the title limit, the slip parses, fits the paper and prints; what it leaves off is summed as minutes added after the booking only (property)", () => {
    fc.assert(
      fc.property(
        fc.array(addon(true), { maxLength: TICKET_LIMITS.addons }),
        fc.array(addon(false), { maxLength: TICKET_LIMITS.addons }),
        fc.constantFrom<Paper>("80mm", "58mm"),
        (booked, chosen, paper) => {
          const ticket = ticketSchema.parse(fitTicket(sampleTicket({ addons: [...booked, ...chosen] })));
          const all = [...booked, ...chosen];
          expect(ticket.addons.length).toBe(Math.min(all.length, TICKET_LIMITS.addons));
          if (all.length > TICKET_LIMITS.addons) {
            const kept = ticket.addons.slice(0, -1);
            const hidden = all.slice(kept.length);
            expect(ticket.addons.at(-1)).toEqual({
              code: "more",
              title: `+${hidden.length} MORE ADD-ONS`,
              extraMinutes: Math.min(
                TICKET_LIMITS.extraMinutes,
                hidden.filter((a) => !a.bookedAhead).reduce((sum, a) => sum + a.extraMinutes, 0),
              ),
            });
          }
          // The booked-ahead ones come first, so up to nine are always named, each marked.
          const named = Math.min(booked.length, TICKET_LIMITS.addons - (all.length > TICKET_LIMITS.addons ? 1 : 0));
          expect(ticket.addons.slice(0, named).every((a) => a.bookedAhead === true)).toBe(true);
          const { columns, lines } = layoutTicket(ticket, paper);
          for (const line of lines)
            if (line.kind === "text")
              expect(glyphs(positionLine(line, columns)).length).toBeLessThanOrEqual(lineCapacity(line.size, columns));
          const said = lines.filter((l) => l.kind === "text" && l.text.endsWith("booked ahead")).length;
          expect(said).toBe(named);
          expect(renderEscPos(ticket, paper).length).toBeGreaterThan(100);
          expect(renderTicketHtml(ticket, paper).html.includes("booked ahead")).toBe(named > 0);
        },
      ),
      { numRuns: 60, seed: 33 },
    );
  });
});
