import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sampleTicket } from "../test-support/fixtures";
import { emojiFontBytes, SLIP_EMOJI_FAMILY } from "./emoji-font";
import { renderTicketHtml } from "./html";
import { layoutTicket, positionLine } from "./layout";
import { pdfPageSizeMm } from "./pdf";

/** The page's lines as [classes, text], entities decoded. */
function lines(html: string): [string, string][] {
  const decode = (s: string) =>
    s
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, "&");
  return [...html.matchAll(/<div class="([^"]+)">(.*?)<\/div>/g)].map((m) => [m[1] ?? "", decode(m[2] ?? "")]);
}

describe("renderTicketHtml", () => {
  it("draws the one ticket layout, line for line, with its sizes, weights and banners", () => {
    const ticket = sampleTicket({ kind: "reprint" });
    const layout = layoutTicket(ticket, "58mm");
    const drawn = lines(renderTicketHtml(ticket, "58mm").html);
    expect(drawn).toHaveLength(layout.lines.length);
    layout.lines.forEach((line, i) => {
      const [classes, text] = drawn[i] ?? ["", ""];
      if (line.kind === "rule") return expect(classes).toBe("line rule");
      expect(text).toBe(positionLine(line, layout.columns));
      expect(classes.includes("large")).toBe(line.size === "large");
      expect(classes.includes("bold")).toBe(line.bold);
      expect(classes.includes("inverse")).toBe(line.inverse);
    });
    expect(drawn.filter(([c]) => c.includes("inverse")).map(([, t]) => t.trim())).toEqual(["*** REPRINT ***"]);
    expect(drawn.filter(([c]) => c.includes("large") && c.includes("bold")).map(([, t]) => t.trim())).toContain(
      "FACE MASSAGE",
    );
  });

  it("is one page as wide as the paper and as tall as the PDF of the same ticket", () => {
    for (const paper of ["80mm", "58mm"] as const) {
      const ticket = sampleTicket({ kind: "changed", changes: ["Added SCALP MASSAGE"] });
      const { html, widthMm, heightMm } = renderTicketHtml(ticket, paper);
      expect({ widthMm, heightMm }).toEqual(pdfPageSizeMm(ticket, paper));
      expect(html).toContain(`@page { size: ${widthMm}mm ${heightMm}mm; margin: 0; }`);
    }
  });

  it("runs nothing and loads nothing: escaped text, a CSP that allows only its own style by hash", () => {
    const { html } = renderTicketHtml(sampleTicket({ guestLabel: `<img src=x onerror="alert(1)"> & Co` }), "80mm");
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<script");
    expect(lines(html).some(([, text]) => text.includes(`Guest: <img src=x onerror="alert(1)"> & Co`))).toBe(true);
    const style = /<style>([\s\S]*)<\/style>/.exec(html)?.[1] ?? "";
    const hash = createHash("sha256").update(style).digest("base64");
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-${hash}'">`,
    );
    expect(html).toContain("<title>Happy Head ticket 42 job 1007</title>");
    // No emoji: no font on the page, and none allowed.
    expect(html).not.toContain("font-src");
    expect(html).not.toContain("@font-face");
    expect(html.length).toBeLessThan(20_000);
  });

  it("keeps letters a monospaced font draws one column wide and transliterates the rest", () => {
    const drawn = lines(renderTicketHtml(sampleTicket({ guestLabel: "Nguyễn 李 Ж. ★" }), "80mm").html).map(
      ([, t]) => t,
    );
    expect(drawn).toContain("Guest: Nguyễn Li Ж. ?");
  });

  it("draws each emoji whole in the slip's own emoji font, carried inline, in a box of its two columns", () => {
    const { html } = renderTicketHtml(sampleTicket({ guestLabel: "Kai 👨‍👩‍👧 🇯🇵 G." }), "80mm");
    const emoji = (g: string) => `<span class="emoji c2"><span>${g}</span></span>`;
    expect(html).toContain(`<div class="line">Guest: Kai ${emoji("👨‍👩‍👧")} ${emoji("🇯🇵")} G.</div>`);
    expect(html).toContain(`"${SLIP_EMOJI_FAMILY}", "Segoe UI Emoji", "Apple Color Emoji", "Noto Color Emoji", emoji`);
    // The font's own bytes, inline, and the CSP lets the page read fonts from data: and its two style sheets only.
    const sheets = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1] ?? "");
    expect(sheets).toHaveLength(2);
    expect(sheets[0]).toContain(`url(data:font/ttf;base64,${emojiFontBytes().toString("base64")})`);
    const hashes = sheets.map((sheet) => `'sha256-${createHash("sha256").update(sheet).digest("base64")}'`);
    expect(html).toContain(
      `content="default-src 'none'; style-src ${hashes[1] ?? ""} ${hashes[0] ?? ""}; font-src data:"`,
    );
    expect(html).toContain(".c2 { width: 1.2em; }");
    expect(html).not.toContain("?");
  });

  it("draws Arabic and Hebrew as written, each run right to left in a box of its columns, the line in reading order", () => {
    const ticket = sampleTicket({ guestLabel: "\u200fمريم عبد", therapistName: "Sara שרה כהן" });
    const { html } = renderTicketHtml(ticket, "80mm");
    // The line is given in visual order and Chromium must not reorder it; each run's text is drawn right to left.
    expect(html).toContain(
      `<div class="line visual">Guest: <span class="script c8" lang="ar"><bdo dir="rtl">مريم عبد</bdo></span></div>`,
    );
    expect(html).toContain(
      `<div class="line visual">Therapist: Sara <span class="script c7" lang="he"><bdo dir="rtl">שרה כהן</bdo></span></div>`,
    );
    // A box of n columns is n × 0.6 em: Courier's advance, at either size.
    expect(html).toContain(".c8 { width: 4.8em; }");
    expect(html).not.toContain("mrym");
  });

  it("prints the guest's pressure as a plain line for Electron's printing too", () => {
    const drawn = lines(renderTicketHtml(sampleTicket({ pressure: "firm" }), "58mm").html);
    expect(drawn).toContainEqual(["line", "Pressure: Firm"]);
  });

  it("prints the ALERTS box for Electron's printing too, allergies and areas to avoid in bold", () => {
    const alerts = {
      allergies: ["Nuts"],
      avoid: ["Face"],
      checks: [{ addon: "face" as const, reason: "recent injections" }],
    };
    const drawn = lines(renderTicketHtml(sampleTicket({ alerts }), "80mm").html);
    const top = drawn.findIndex(([, text]) => text.startsWith("+== ALERTS"));
    expect(drawn.slice(top + 1, top + 4)).toEqual([
      ["line bold", "| ALLERGIES: Nuts                              |"],
      ["line bold", "| AVOID: Face                                  |"],
      ["line", "| CHECK WITH GUEST: face \u2014 recent injections   |"],
    ]);
  });
});
