import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { phoneEnd, phoneFinds, samePhone } from "./phone";

const digit = (from: number) => fc.integer({ min: from, max: 9 }).map(String);
const digits = (n: number) => fc.array(digit(0), { minLength: n, maxLength: n }).map((d) => d.join(""));
/** A national number as the country's own guests write it after the trunk 0: 8 to 12 digits, never starting with 0. */
const national = fc
  .tuple(digit(1), fc.integer({ min: 7, max: 11 }))
  .chain(([first, rest]) => digits(rest).map((tail) => first + tail));
/** Country codes (ITU), a few of each length and region; 1 and 7 only before 10 digits, the only length they take. */
const CODES = [
  "20",
  "27",
  "30",
  "31",
  "33",
  "34",
  "39",
  "41",
  "44",
  "46",
  "49",
  "52",
  "55",
  "61",
  "64",
  "81",
  "86",
  "90",
];
const CODES3 = [
  "212",
  "234",
  "254",
  "351",
  "353",
  "358",
  "380",
  "420",
  "506",
  "852",
  "880",
  "886",
  "966",
  "971",
  "972",
];
const countryCodeFor = (n: string) => fc.constantFrom(...CODES, ...CODES3, ...(n.length === 10 ? ["1", "7"] : []));
/** A US or Canadian number: an area code and an exchange that never start with 0 or 1, then 4 digits. */
const nanp = fc.tuple(digit(2), digits(2), digit(2), digits(6)).map(([a, b, c, d]) => a + b + c + d);

describe("one guest's phone, however it was written", () => {
  it("finds a number typed with its trunk 0 stored with its country code, and the other way round", () => {
    const cases: [typed: string, stored: string][] = [
      ["06 12 34 56 78", "+33 6 12 34 56 78"], // France
      ["06 12345678", "+31 6 12345678"], // Netherlands
      ["0412 345 678", "+61 412 345 678"], // Australia
      ["0412 345 678", "412345678"], // Australia, the 0 dropped by a spreadsheet
      ["079 123 45 67", "+41 79 123 45 67"], // Switzerland
      ["070 123 45 67", "+46 70 123 45 67"], // Sweden
      ["07700 900123", "+44 7700 900123"], // United Kingdom (10 digits after the 0)
      ["021 123 456", "+64 21 123 456"], // New Zealand (8 digits after the 0)
      ["06 12 34 56 78", "0033 6 12 34 56 78"],
      ["06 12 34 56 78", "+33 (0)6 12 34 56 78"],
      ["+34 612 345 678", "612 345 678"], // Spain has no trunk 0
      ["212 555 0123", "+1 (212) 555-0123"],
    ];
    for (const [typed, stored] of cases) {
      expect([typed, stored, samePhone(typed, stored), samePhone(stored, typed)]).toEqual([typed, stored, true, true]);
      expect(phoneFinds(typed, stored) && phoneFinds(stored, typed)).toBe(true);
      expect(phoneEnd(typed)).toBe(phoneEnd(stored));
    }
  });

  it("tells different numbers apart", () => {
    const cases: [string, string][] = [
      ["212-555-1234", "312-555-1234"],
      ["212-555-1234", "0125551234"], // a trunk 0 never starts a US number: not "12 555 1234" after a 2
      ["212-555-1234", "125551234"], // nor a 9-digit number after one digit
      ["+1 212-555-1234", "0125551234"], // nor after "+1" and one digit
      ["+1 212-555-1234", "125551234"],
      ["06 12 34 56 78", "07 12 34 56 78"],
      ["06 12 34 56 78", "3 612 345 678"], // one digit is no country code before 9
      ["0412 345 678", "+61 413 345 678"],
      // The price of that: 8 digits after a 2-digit country code that read as a US number are taken for one.
      ["+32 9 234 56 78", "09 234 56 78"],
      ["", ""],
      ["", "5550102233"],
    ];
    for (const [a, b] of cases) expect([a, b, samePhone(a, b), samePhone(b, a)]).toEqual([a, b, false, false]);
    // A guest may type a few last digits at the kiosk, never the other way round.
    expect(phoneFinds("555 1234", "212-555-1234")).toBe(true);
    expect(phoneFinds("212-555-1234", "555 1234")).toBe(false);
  });

  it("for any national number and country code, the local, international and spreadsheet forms find each other", () => {
    fc.assert(
      fc.property(
        national.chain((n) => fc.tuple(fc.constant(n), countryCodeFor(n))),
        fc.constantFrom("+", "00", "011 ", ""),
        fc.boolean(),
        fc.context(),
        ([n, cc], exit, bracketedZero, ctx) => {
          const local = `0${n}`;
          const intl = `${exit}${cc} ${bracketedZero ? "(0)" : ""}${n}`;
          ctx.log(`${local} ~ ${intl} ~ ${n}`);
          // The one form left out: 10 digits that read as a US number ("+32 9 234 56 78" is 329-234-5678).
          fc.pre(!/^[2-9]\d\d[2-9]\d{6}$/.test(intl.replace(/\D/g, "")));
          for (const [a, b] of [
            [local, intl],
            [local, n],
            [n, intl],
          ] as const) {
            expect(samePhone(a, b)).toBe(true);
            expect(samePhone(b, a)).toBe(true);
            expect(phoneFinds(a, b) && phoneFinds(b, a)).toBe(true);
            expect(phoneEnd(a)).toBe(phoneEnd(b));
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("never matches two different US numbers, however written, nor one with a number sharing its last 9 digits", () => {
    const written = fc.tuple(fc.constantFrom("", "1", "+1 ", "+1 (", "001 "), fc.array(fc.constantFrom("", " ", "-")));
    const write = (n: string, [prefix, seps]: [string, string[]]) =>
      prefix + [...n].map((c, i) => c + (seps[i] ?? "")).join("");
    fc.assert(
      fc.property(nanp, nanp, written, written, digit(0), (a, b, wa, wb, d) => {
        fc.pre(a !== b);
        const [x, y] = [write(a, wa), write(b, wb)];
        expect([x, y, samePhone(x, y) || phoneFinds(x, y) || phoneFinds(y, x)]).toEqual([x, y, false]);
        expect(samePhone(x, write(a, wb))).toBe(true);
        for (const other of [d + a.slice(1), `0${a.slice(1)}`, a.slice(1)])
          for (const us of [a, `1${a}`, x])
            if (other !== a)
              expect([us, other, samePhone(us, other) || phoneFinds(us, other)]).toEqual([us, other, false]);
      }),
      { numRuns: 5000 },
    );
  });

  it("every two forms of one number share the last 8 digits the index is on (a few typed: the stored number's end)", () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9]{7,15}$/),
        fc.stringMatching(/^[0-9]{0,4}$/),
        fc.integer({ min: 0, max: 3 }),
        (a, prefix, cut) => {
          const b = prefix + a.slice(cut);
          if (samePhone(a, b)) expect(phoneEnd(a)).toBe(phoneEnd(b));
          if (phoneFinds(a, b)) expect(phoneEnd(b).endsWith(phoneEnd(a))).toBe(true);
          if (phoneFinds(b, a)) expect(phoneEnd(a).endsWith(phoneEnd(b))).toBe(true);
        },
      ),
      { numRuns: 5000 },
    );
  });
});
