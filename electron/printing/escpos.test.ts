import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Paper, Ticket } from "../../contract/ticket";
import { renderEscPos } from "./escpos";
import { sampleTicket } from "../test-support/fixtures";

/** Regenerate with: HAPPYHEAD_UPDATE_GOLDEN=1 npx vitest run electron/printing/escpos.test.ts */
const UPDATE = process.env.HAPPYHEAD_UPDATE_GOLDEN === "1";
const GOLDEN_DIR = join(import.meta.dirname, "__golden__");

/** Hex, one printed line (up to and including LF) per text line, so diffs stay readable. */
function toHexLines(bytes: Uint8Array): string {
  return Buffer.from(bytes)
    .toString("hex")
    .replace(/0a/g, "0a\n")
    .replace(/^((?:..)*?)0a\n/gm, "$10a\n");
}

function expectGolden(name: string, bytes: Uint8Array): void {
  const file = join(GOLDEN_DIR, name);
  const actual = toHexLines(bytes);
  if (UPDATE || !existsSync(file)) writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, "utf8"));
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex");
const ascii = (text: string): string => Buffer.from(text, "latin1").toString("hex");
const guest = (label: string, paper: Paper = "80mm"): string =>
  hex(renderEscPos(sampleTicket({ guestLabel: label }), paper));

/** The n of every ESC t n in the output. */
function codePagesSelected(bytes: Uint8Array): number[] {
  const pages = new Set<number>();
  bytes.forEach((byte, i) => {
    const page = bytes[i + 2];
    if (byte === 0x1b && bytes[i + 1] === 0x74 && page !== undefined) pages.add(page);
  });
  return [...pages];
}

const goldenTickets: Record<Paper, Ticket> = {
  "80mm": sampleTicket({ kind: "changed", changes: ["Added SCALP MASSAGE at the desk after the guest asked for it"] }),
  "58mm": sampleTicket({ kind: "void", voidReason: "Guest cancelled", addons: [] }),
};

describe("renderEscPos", () => {
  for (const paper of ["80mm", "58mm"] as const) {
    it(`matches the golden bytes for ${paper} paper`, () => {
      expectGolden(`ticket-${paper}.hex`, renderEscPos(goldenTickets[paper], paper));
    });
  }

  it("initialises the printer first and cuts at the end", () => {
    const bytes = hex(renderEscPos(sampleTicket(), "58mm"));
    expect(bytes.startsWith("1b40")).toBe(true);
    expect(bytes.endsWith("0a0a0a0a1d56000a")).toBe(true);
  });

  it("prints add-on titles double width and height, in bold", () => {
    expect(guest("A")).toContain(`1b45011d2111${ascii("FACE MASSAGE")}`);
  });

  it("wraps at 48 columns on 80 mm and 32 on 58 mm", () => {
    const longName = "Alexandria Konstantinopoulou-Papadimitriou Jr.";
    expect(hex(renderEscPos(sampleTicket({ therapistName: longName }), "80mm"))).toContain(
      `${ascii("Therapist: Alexandria")}0a${ascii("  Konstantinopoulou-Papadimitriou Jr.")}0a`,
    );
    expect(hex(renderEscPos(sampleTicket({ therapistName: longName }), "58mm"))).toContain(
      `${ascii("Therapist: Alexandria")}0a${ascii("  Konstantinopoulou-Papadimitrio")}0a${ascii("  u Jr.")}0a`,
    );
  });

  it("prints é ñ ü through code page 437 (ESC t 0)", () => {
    const bytes = renderEscPos(sampleTicket({ guestLabel: "José Núñez Müller" }), "80mm");
    expect(codePagesSelected(bytes)).toEqual([0]);
    expect(hex(bytes)).toContain(`${ascii("Guest: Jos")}82${ascii(" N")}a3a4${ascii("ez M")}81${ascii("ller")}0a`);
  });

  it("switches to another code page for characters cp437 lacks (€ via cp858)", () => {
    expect(guest("Ana €")).toContain(`1b7413${ascii("Guest: Ana ")}d50a`);
  });

  it("transliterates letters no code page has, so names stay readable; other symbols become '?'", () => {
    expect(guest("李 W. ♪ ★")).toContain(`${ascii("Guest: Li W. ? ?")}0a`);
    expect(guest("Nguyễn T.")).toContain(`${ascii("Guest: Nguyen T.")}0a`);
  });

  it("leaves emoji out whole, with their joiners, selectors and skin tones, and the space they leave: no '?'", () => {
    expect(guest("李 W. 😀 👩‍👩‍👧")).toContain(`${ascii("Guest: Li W.")}0a`);
    expect(guest("Ana 🌸 G.")).toContain(`${ascii("Guest: Ana G.")}0a`);
    expect(guest("Kai👨‍👩‍👧Lee 🇯🇵 👍🏽 ❤️")).toContain(`${ascii("Guest: Kai Lee")}0a`);
    // A keycap is its digit; a sign the code page has keeps it, without the emoji selector.
    expect(guest("Lee 1️⃣ ©️")).toContain(`${ascii("Guest: Lee 1 ")}b80a`);
    const note = hex(renderEscPos(sampleTicket({ note: "no lavender please 🙏🏽" }), "80mm"));
    expect(note).toContain(`${ascii("Note: no lavender please")}0a`);
    expect(note).not.toContain(ascii("?"));
  });

  it("prints a name, an allergy or an add-on that is only emoji as the emoji's names, never as nothing", () => {
    expect(guest("🌸")).toContain(`${ascii("Guest: (emoji: cherry blossom)")}0a`);
    expect(guest("👨‍👩‍👧 🇯🇵")).toContain(`${ascii("Guest: (emoji: man woman girl, flag JP)")}0a`);
    const alerts = { allergies: ["🥜", "latex"], avoid: [], checks: [] };
    const addon = { ...sampleTicket().addons[0]!, title: "🌸🌸🌸🌸" };
    const bytes = hex(renderEscPos(sampleTicket({ alerts, addons: [addon] }), "80mm"));
    expect(bytes).toContain(ascii("| ALLERGIES: (emoji: peanuts), latex"));
    expect(bytes).toContain(`1b45011d2111${ascii("(emoji: cherry blossom)")}`);
  });

  it("never sends symbols as control bytes (• is BEL and § is NAK in cp437)", () => {
    expect(guest("A • B § C")).toContain(`1b7410${ascii("Guest: A ")}95${ascii(" B ")}a7${ascii(" C")}0a`);
    expect(guest("♫ ♪")).toContain(`${ascii("Guest: ? ?")}0a`);
  });

  it("cannot be made to send commands through ticket text", () => {
    const bytes = guest("Eve\u001b@\u001dV\u0000\u0010\u0004\u0001");
    expect(bytes.match(/1b40/g)).toHaveLength(1);
    expect(bytes).toContain(`${ascii("Guest: Eve @ V")}0a`);
  });

  it("prints the guest's pressure as a plain line on both papers, none when not given", () => {
    for (const paper of ["80mm", "58mm"] as const) {
      const bytes = hex(renderEscPos(sampleTicket({ pressure: "light" }), paper));
      // Right after the room, no bold or size command between: a plain line, outside the box.
      expect(bytes).toContain(`${ascii("Room: Room 3 (Garden)")}0a${ascii("Pressure: Light")}0a`);
    }
    expect(hex(renderEscPos(sampleTicket(), "58mm"))).not.toContain(ascii("Pressure"));
  });

  it("prints the ALERTS box: allergies and areas to avoid in bold, the check's dash through Windows-1252", () => {
    const alerts = {
      allergies: ["Nuts", "lavender oil"],
      avoid: ["Face"],
      checks: [{ addon: "face" as const, reason: "recent injections" }],
    };
    for (const paper of ["80mm", "58mm"] as const) {
      const bytes = hex(renderEscPos(sampleTicket({ alerts }), paper));
      // Bold on (ESC E 1), maybe a code page (ESC t n), then the boxed line.
      expect(bytes).toMatch(new RegExp(`1b4501(1b74..)?${ascii("| ALLERGIES: Nuts,")}`));
      expect(bytes).toContain(ascii("lavender"));
      expect(bytes).toMatch(new RegExp(`1b4501(1b74..)?${ascii("| AVOID: Face")}`));
      // Bold off for the check; the em dash is byte 0x97 of Windows-1252 (ESC t 16).
      expect(bytes).toContain(`1b45001b7410${ascii("| CHECK WITH GUEST: face ")}97`);
      expect(bytes).toContain(ascii("recent injections"));
    }
    expect(hex(renderEscPos(sampleTicket(), "80mm"))).not.toContain(ascii("ALERTS"));
  });
});
