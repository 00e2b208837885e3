import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { phoneInputSchema } from "../../contract/kiosk";
import {
  checkCode,
  checkName,
  checkPhone,
  groupPhoneDigits,
  phoneComplete,
  phoneFieldValue,
  typeNameKey,
} from "./input";

describe("kiosk input checks", () => {
  it("reads every common way of writing a number as the same digits", () => {
    for (const typed of ["+1 (555) 010-2233", "555.010.2233", "555 010 2233", "5550102233"]) {
      expect(checkPhone(typed)).toEqual({
        digits: typed.startsWith("+1") ? "15550102233" : "5550102233",
        problem: null,
      });
    }
    // Typed with a Chinese or Japanese input method: full-width digits and signs.
    expect(checkPhone("５５５－０１０－２２３３")).toEqual({ digits: "5550102233", problem: null });
    expect(phoneInputSchema.parse("（５５５）０１０ ２２３３")).toBe("5550102233");
    expect(checkPhone("555-CALL-NOW").problem).toBe("digitsOnly");
    expect(checkPhone("😀").problem).toBe("digitsOnly");
    expect(checkPhone("1".repeat(30)).problem).toBe("tooLong");
  });

  it("agrees with the contract: anything the kiosk lets through, the main process accepts", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 40 }),
          fc.string({ unit: fc.constantFrom("５", "０", "－", "（", "）", "＋", "　", "1", "a"), maxLength: 20 }),
        ),
        (typed) => {
          const { digits, problem } = checkPhone(typed);
          if (problem === null && digits.length >= 7) expect(phoneInputSchema.safeParse(typed).success).toBe(true);
          if (problem !== null) expect(phoneInputSchema.safeParse(typed).success).toBe(false);
        },
      ),
    );
  });

  it("searches by itself only when a North American number is complete", () => {
    expect(phoneComplete("5550102233")).toBe(true);
    expect(phoneComplete("15550102233")).toBe(true);
    expect(phoneComplete("1555010223")).toBe(false); // a leading 1 is the country code: wait for 11
    expect(phoneComplete("555010223")).toBe(false);
  });

  it("groups the digits as they are typed, the way a number is read aloud, and keeps bare digits behind them", () => {
    expect(
      ["5", "555", "5550", "555010", "5550102", "5550102233", "1", "1555", "15550102233", "445566778899"].map(
        groupPhoneDigits,
      ),
    ).toEqual([
      "5",
      "555",
      "555 0",
      "555 010",
      "555 010 2",
      "555 010 2233",
      "1",
      "1 555",
      "1 555 010 2233",
      "445566778899",
    ]);
    // The field shows the grouping; what it keeps, and what a keypad digit is added to, is digits.
    expect(phoneFieldValue("555 010 2")).toBe("5550102");
    expect(phoneFieldValue("+1 (555) 010-2233")).toBe("+1 (555) 010-2233");
    fc.assert(
      fc.property(fc.stringMatching(/^\d{0,15}$/), (digits) => {
        expect(phoneFieldValue(groupPhoneDigits(digits))).toBe(digits);
      }),
    );
  });

  it("upper-cases booking codes and refuses symbols", () => {
    expect(checkCode(" hh2233 ")).toEqual({ code: "HH2233", problem: null });
    expect(checkCode("HH-22").problem).toBe("codeFormat");
  });

  it("takes first names in any script and types them with capitals where a name has them", () => {
    expect(checkName("José-Luis").problem).toBeNull();
    expect(checkName("李").problem).toBeNull();
    expect(checkName("🙂").problem).toBe("lettersOnly");
    expect(checkName(" ").problem).toBe("empty");
    expect(checkName("a".repeat(31)).problem).toBe("tooLong");
    const typed = Array.from("ANA-MARIA O'NEIL").reduce(typeNameKey, "");
    expect(typed).toBe("Ana-Maria O'neil");
  });
});
