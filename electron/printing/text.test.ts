import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  alignText,
  cleanText,
  columnsOf,
  emojiWords,
  glyphs,
  NBSP,
  printableText,
  textColumns,
  wrapText,
} from "./text";

describe("cleanText", () => {
  it("turns control characters (ESC/POS commands, line breaks) into single spaces", () => {
    expect(cleanText("A\u001b@B\u001dV\u0000C\r\n\tD\u2028E")).toBe("A @B V C D E");
  });
  it("normalises decomposed accents to one character", () => {
    expect(cleanText("Jose\u0301")).toBe("José");
  });
  it("keeps non-breaking spaces", () => {
    expect(cleanText(` 60${NBSP}min  `)).toBe(`60${NBSP}min`);
  });
});

describe("glyphs", () => {
  it("keeps emoji sequences and combining marks whole", () => {
    expect(glyphs("a👩‍👩‍👧e\u0301\u0302李")).toEqual(["a", "👩‍👩‍👧", "e\u0301\u0302", "李"]);
  });
});

describe("wrapText", () => {
  it("wraps on word boundaries", () => {
    expect(wrapText("Added SCALP MASSAGE to the appointment", 16)).toEqual([
      "Added SCALP",
      "MASSAGE to the",
      "appointment",
    ]);
  });
  it("hard-breaks words longer than a line", () => {
    expect(wrapText("ABCDEFGHIJ KL", 4)).toEqual(["ABCD", "EFGH", "IJ", "KL"]);
  });
  it("indents continuation lines", () => {
    expect(wrapText("Reason: guest felt unwell today", 12, 2)).toEqual([
      "Reason:",
      "  guest felt",
      "  unwell",
      "  today",
    ]);
  });
  it("never breaks at a non-breaking space, and prints it as a space", () => {
    expect(wrapText(`Swedish Massage (60${NBSP}min)`, 20)).toEqual(["Swedish Massage", "(60 min)"]);
  });
  it("never splits a glyph, and gives an emoji two columns", () => {
    expect(wrapText("👩‍👩‍👧👩‍👩‍👧👩‍👩‍👧", 4)).toEqual(["👩‍👩‍👧👩‍👩‍👧", "👩‍👩‍👧"]);
    expect(wrapText("Ana 🌸🌸 Lee", 7)).toEqual(["Ana", "🌸🌸", "Lee"]);
    expect(wrapText("🌸🌸🌸🌸", 7)).toEqual(["🌸🌸🌸", "🌸"]);
  });
  it("returns one empty line for empty text", () => {
    expect(wrapText("  ", 10)).toEqual([""]);
  });
  it("rejects impossible widths", () => {
    expect(() => wrapText("x", 0)).toThrow(RangeError);
    expect(() => wrapText("x", 4, 4)).toThrow(RangeError);
  });

  it("fits every line and loses no text (property)", () => {
    const word = fc.string({
      unit: fc.constantFrom("a", "é", "李", "👍", "👨‍👩‍👧", "🇯🇵", "👍🏽", "e\u0301", "-", "Z"),
      minLength: 1,
      maxLength: 30,
    });
    fc.assert(
      fc.property(
        fc.array(word, { maxLength: 20 }),
        fc.integer({ min: 2, max: 48 }),
        fc.integer({ min: 0, max: 8 }),
        (words, width, rawIndent) => {
          // Every line holds an emoji (two columns) after its indent, as every slip's does.
          const indent = Math.min(rawIndent, width - 2);
          const text = words.join(" ");
          const lines = wrapText(text, width, indent);
          lines.forEach((line, i) => {
            expect(textColumns(line)).toBeLessThanOrEqual(width);
            const body = i === 0 ? line : line.slice(indent);
            if (i > 0) expect(line.startsWith(" ".repeat(indent))).toBe(true);
            expect(body).toBe(body.trim());
          });
          const squash = (s: string): string =>
            glyphs(cleanText(s))
              .filter((g) => g !== " ")
              .join("");
          expect(lines.map(squash).join("")).toBe(squash(text));
        },
      ),
    );
  });
});

describe("alignText", () => {
  it("centres and right-aligns with leading spaces only", () => {
    expect(alignText("VOID", 10, "center")).toBe("   VOID");
    expect(alignText("VOID", 10, "right")).toBe("      VOID");
    expect(alignText("VOID", 10, "left")).toBe("VOID");
    expect(alignText("TOO LONG", 4, "center")).toBe("TOO LONG");
  });
});

describe("printableText: what a printer that lacks a script prints", () => {
  const ascii = (g: string) => /^[\x20-\x7e]$/.test(g);
  it("prints an Arabic or Hebrew name as the booking system gives it (a right-to-left mark before it) readably, without '?'", () => {
    expect(printableText("\u200fمحمد عبد الله", ascii)).toBe("mhmd `bd allh");
    expect(printableText("\u200fשרה כהן", ascii)).toBe("srh khhn");
    expect(printableText("الحساسية من الزيوت", ascii)).not.toContain("?");
    expect(printableText("\ufeffAna\u2066 Ruiz\u2069", ascii)).toBe("Ana Ruiz");
  });
  it("still marks a symbol it can't print at all with '?'; an emoji it leaves out whole, a space in its place", () => {
    expect(printableText("Ana ★ 😀", ascii)).toBe("Ana ?  ");
    expect(wrapText(printableText("Kai👨‍👩‍👧Lee 🏳️‍🌈 🏽\u200d\ufe0f👍🏽.", ascii), 48)).toEqual(["Kai Lee ."]);
  });
  it("names the emoji of a text that is only emoji, the first three", () => {
    expect(emojiWords("🌸")).toBe("(emoji: cherry blossom)");
    expect(emojiWords("🙏 👨‍👩‍👧 🇯🇵 ❤️ ☕")).toBe("(emoji: pray, man woman girl, flag JP, +2 more)");
  });
});

describe("columnsOf", () => {
  it("gives an emoji shown as a picture two columns, a letter or a sign shown as text one", () => {
    const wide = ["🌸", "👨‍👩‍👧", "🇯🇵", "👍🏽", "1️⃣", "❤️", "☕", "🏳️‍🌈", "©️"];
    expect(wide.map(columnsOf)).toEqual(wide.map(() => 2));
    const narrow = ["a", "é", "e\u0301", "©", "☺", "★", "ש", "1"];
    expect(narrow.map(columnsOf)).toEqual(narrow.map(() => 1));
    expect(textColumns("Ana 🌸")).toBe(6);
  });
});
