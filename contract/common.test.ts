import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { everyWordMatcher, foldText } from "./common";

describe("the desk's search (everyWordMatcher)", () => {
  /** The definition: every folded word of the query is in the folded fields. */
  const byDefinition = (query: string, fields: readonly string[]) => {
    const text = foldText(fields.join(" "));
    return foldText(query)
      .split(" ")
      .filter(Boolean)
      .every((word) => text.includes(word));
  };
  // Names as bookings bring them: accents, other scripts, spaces of every kind, digits and punctuation.
  const piece = fc.oneof(
    fc.string({ maxLength: 6 }),
    fc.constantFrom(
      "María",
      "González",
      "Zoë",
      "Müller",
      "Chloé",
      "李",
      "ﬁ",
      "e\u0301",
      "\u00a0",
      "\t",
      "  ",
      "(212) 555-0199",
    ),
    fc.stringMatching(/^[A-Za-z0-9 ]{0,8}$/),
  );
  const text = fc.array(piece, { maxLength: 5 }).map((p) => p.join(""));

  it("finds what folding every row finds, plain ASCII rows lower-cased only (property)", () => {
    fc.assert(
      fc.property(text, fc.array(text, { minLength: 1, maxLength: 4 }), (query, fields) => {
        expect(everyWordMatcher(query)(fields)).toBe(byDefinition(query, fields));
      }),
      { numRuns: 2_000 },
    );
  });

  it("matches the examples the desk relies on", () => {
    expect(everyWordMatcher("gonzalez 2233")(["María González", "5550002233"])).toBe(true);
    expect(everyWordMatcher("chloe  martin")(["Chloé Martin"])).toBe(true);
    expect(everyWordMatcher("MULLER")(["Zoë Müller"])).toBe(true);
    expect(everyWordMatcher("maria 9999")(["María González", "5550002233"])).toBe(false);
  });
});
