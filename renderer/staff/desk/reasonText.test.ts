import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { REASON_MAX } from "../../../contract/common";
import { reasonSchema } from "../../../contract/desk";
import { checkReason, COUNTER_FROM } from "./reasonText";

describe("checkReason", () => {
  it("a blank or too short reason only blocks the button, saying why; nothing is an error yet", () => {
    for (const typed of ["", "   ", "no"])
      expect(checkReason(typed)).toEqual({
        problem: null,
        counter: null,
        blocked: "Give a reason (at least 3 characters).",
      });
  });

  it("a pasted reason over the limit names the field, the length and how much to cut, with the counter", () => {
    const pasted =
      "Guest said the scalp oil irritated her skin last time and she would prefer not to have it today; ".repeat(5);
    const length = pasted.trim().length;
    expect(checkReason(pasted)).toEqual({
      problem: `The reason is too long: ${length} characters, and it can have ${REASON_MAX}. Shorten it by ${length - REASON_MAX}.`,
      counter: `${length} / ${REASON_MAX}`,
      blocked: "Fix the reason first.",
    });
  });

  it("counts near the limit, not before; spaces around it don't count, as the contract trims them", () => {
    expect(checkReason("x".repeat(COUNTER_FROM - 1)).counter).toBeNull();
    expect(checkReason("x".repeat(COUNTER_FROM)).counter).toBe(`${COUNTER_FROM} / ${REASON_MAX}`);
    expect(checkReason(`  ${"x".repeat(REASON_MAX)}  `)).toEqual({
      problem: null,
      counter: `${REASON_MAX} / ${REASON_MAX}`,
      blocked: null,
    });
  });

  it("a character the contract refuses is said at the field, in its words", () => {
    const check = checkReason("Guest felt unwell\u0007");
    expect(check.problem).not.toBeNull();
    expect(check.blocked).toBe("Fix the reason first.");
  });

  it("lets through exactly what the contract accepts, at any length and content", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: REASON_MAX + 40 }), (typed) => {
        const check = checkReason(typed);
        expect(check.problem === null && check.blocked === null).toBe(reasonSchema.safeParse(typed).success);
      }),
    );
  });
});
