import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldText, GUEST_NAME_MAX } from "../contract/common";
import { firstName, guestLabel, sameGuest } from "./people";

describe("a guest's name as screens and slips say it", () => {
  it("reads a booking system's 'Last, First' as first name and surname's initial; a suffix after a comma is left out", () => {
    expect(guestLabel("Hernández, María José")).toBe("María H.");
    expect(firstName("Hernández, María José")).toBe("María");
    expect(guestLabel("García López, María")).toBe("María G.");
    expect(guestLabel("Grace Hopper, RADM")).toBe("Grace H.");
    expect(guestLabel("Sam Lee, Jr.")).toBe("Sam L.");
    expect(guestLabel("María González")).toBe("María G.");
    // A suffix after a second comma is still a suffix; a comma with nothing on one side of it is no "Last, First".
    expect(guestLabel("Lee, Sam, Jr.")).toBe("Sam L.");
    expect(guestLabel(", Ana")).toBe("Ana");
    expect(guestLabel("Ana,")).toBe("Ana");
    expect(guestLabel(",")).toBe(",");
  });

  it("an emoji or symbol in a booking's name field is no surname: the initial is the surname's", () => {
    expect(guestLabel("María Hernández 🌰")).toBe("María H.");
    expect(guestLabel("Chen, Wei 😊")).toBe("Wei C.");
    expect(guestLabel("🌸 Ana")).toBe("Ana");
    expect(guestLabel("Ana ❤ Ruiz")).toBe("Ana R.");
    expect(guestLabel("🌸")).toBe("🌸");
  });
});

describe("titles are left out of a first name", () => {
  it("shows the guest's first name, not their title, in every way a booking writes one", () => {
    const cases: [name: string, label: string][] = [
      ["Mrs. Jane Doe", "Jane D."],
      ["Doe, Mrs. Jane", "Jane D."],
      ["Dr Ana Ruiz", "Ana R."],
      ["DR. Ana Ruiz", "Ana R."],
      ["Prof. Ana María Ruiz", "Ana R."],
      ["Mr & Mrs John Smith", "John S."],
      ["Ms Lee Chen", "Lee C."],
      ["Miss Emma Jones", "Emma J."],
      ["Mx Sam Lee", "Sam L."],
      ["Sra. María González", "María G."],
      ["Srta. Lucía Pérez", "Lucía P."],
      ["Dña. Carmen López", "Carmen L."],
      ["Doña Carmen López", "Carmen L."],
      ["Don José García", "José G."],
      ["Sr. y Sra. Juan García", "Juan G."],
      ["García, Sra. María", "María G."],
      ["Dr. Grace Hopper, PhD", "Grace H."],
      // Only a title before the surname: the name is kept whole, the surname still an initial.
      ["Mr & Mrs Smith", "Mr & Mrs S."],
      ["Mr and Mrs Smith", "Mr and Mrs S."],
      ["Dr Smith", "Dr S."],
      ["Don Johnson", "Don J."],
      ["Smith, Mrs.", "Mrs. S."],
      // Not titles: names that start like one.
      ["Mrinal Sen", "Mrinal S."],
      ["Drew Barrymore", "Drew B."],
      ["Donna Reed", "Donna R."],
      ["Mr", "Mr"],
    ];
    for (const [name, label] of cases) expect([name, guestLabel(name)]).toEqual([name, label]);
    expect(firstName("Mrs. Jane Doe")).toBe("Jane");
    expect(firstName("Mr & Mrs Smith")).toBe("Mr & Mrs");
    expect(firstName("Dr. Ana Ruiz")).toBe("Ana"); // a therapist's, on the kiosk and the ticket
  });
});

describe("names a booking system exported in capitals", () => {
  it("shows the first name in the case people write it and the surname's initial, never the surname alone", () => {
    const cases: [name: string, label: string][] = [
      // A family sharing a phone: each must find their own booking, and the therapist their own guest.
      ["FISCHER, LENA", "Lena F."],
      ["FISCHER, TOM", "Tom F."],
      ["GONZÁLEZ LÓPEZ, MARÍA JOSÉ", "María G."],
      ["O'BRIEN, NORA", "Nora O."],
      ["LI, WEI", "Wei L."],
      ["SMITH, J.", "J. S."],
      ["JEAN-PIERRE D'ARCY", "Jean-Pierre D."],
      ["MRS. JANE DOE", "Jane D."],
      ["İSMAİL YILMAZ", "Ismail Y."],
      // Written in capitals on purpose, in a name with small letters: as written.
      ["AJ Smith", "AJ S."],
      ["Park, JAMES", "JAMES P."],
    ];
    for (const [name, label] of cases) expect([name, guestLabel(name)]).toEqual([name, label]);
  });

  it("a suffix is one of a known list, in any case and wherever it is written; a capital given name is none", () => {
    const cases: [name: string, label: string][] = [
      ["SAM LEE, JR.", "Sam L."],
      ["Sam Lee Jr.", "Sam L."],
      ["John Smith III", "John S."],
      ["Grace Hopper, Ph.D.", "Grace H."],
      ["LEE, SAM, JR", "Sam L."],
      // Words on the list that are someone's whole surname stay it.
      ["Naomasa Ii", "Naomasa I."],
      ["Ram KC", "Ram K."],
    ];
    for (const [name, label] of cases) expect([name, guestLabel(name)]).toEqual([name, label]);
  });

  it("a surname's particle is not its initial: de la Cruz is C, as 'Ana de la Cruz' is", () => {
    expect(guestLabel("DE LA CRUZ, ANA")).toBe("Ana C.");
    expect(guestLabel("Ana de la Cruz")).toBe("Ana C.");
    expect(guestLabel("van der Berg, Jan")).toBe("Jan B.");
    expect(guestLabel("da Silva, Maria")).toBe("Maria S.");
    // A surname that is only what elsewhere is a particle (Vietnam's Lê, written "Le") is still the initial.
    expect(guestLabel("LE, THI LAN")).toBe("Thi L.");
  });
});

describe("names written family name first", () => {
  it("Chinese, Japanese and Korean names show their first and last character, the middle hidden", () => {
    expect(guestLabel("王小明")).toBe("王*明");
    expect(guestLabel("欧阳娜娜")).toBe("欧**娜");
    expect(guestLabel("王明")).toBe("王*");
    expect(guestLabel("山田 太郎")).toBe("山**郎");
    expect(guestLabel("김민수")).toBe("김*수");
    expect(guestLabel("𠮷田 花子")).toBe("𠮷**子"); // a character outside the BMP is one, never split
  });

  it("a spaced name in Latin letters is one word and one initial whatever its order: no full name either way", () => {
    // "Nguyễn Thị Minh Khai" may be written family first or (abroad) given first: neither is guessed.
    expect(guestLabel("Nguyễn Thị Minh Khai")).toBe("Nguyễn K.");
    expect(guestLabel("Khai Nguyễn")).toBe("Khai N.");
    expect(guestLabel("Yamada Taro")).toBe("Yamada T.");
  });
});

/** Words as booking systems hold them: accents, apostrophes, hyphens, particles. */
const NAME_WORDS = ["María", "José", "Lena", "Nguyễn", "Thị", "O'Brien", "Jean-Pierre", "Zoë", "Ana", "Wolfgang"];
const word = fc.oneof(
  fc.constantFrom(...NAME_WORDS),
  fc.stringMatching(/^[A-Z][a-z]{1,30}$/),
  fc.stringMatching(/^[ÁÉÍÓÚÑÖ][áéíóúñöa-z]{1,20}$/),
);
/** A guest: given names and a surname of two letters or more, written as a booking system might. */
const guest = fc.record({
  given: fc.array(word, { minLength: 1, maxLength: 3 }),
  // Not a suffix: "Ana Bo Jr." is Ana Bo.
  surname: word.filter(
    (w) => !/^(jr|sr|ii|iii|iv|phd|md|dds|dmd|dvm|esq|rn|cpa|mba|jd|radm|ret|retd|obe|mbe|cbe)$/i.test(w),
  ),
  style: fc.constantFrom("given first", "Last, First", "LAST, FIRST", "GIVEN FIRST"),
});
const written = ({ given, surname, style }: { given: string[]; surname: string; style: string }): string => {
  const name = style.includes(",") ? `${surname}, ${given.join(" ")}` : `${given.join(" ")} ${surname}`;
  return style === style.toUpperCase() ? name.toUpperCase() : name;
};

describe("a guest's label at the limits", () => {
  it("fits the slip and the kiosk (GUEST_NAME_MAX) for any name the import takes, and is never empty", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", minLength: 1, maxLength: GUEST_NAME_MAX }), (raw) => {
        const name = raw.slice(0, GUEST_NAME_MAX);
        fc.pre(name.trim().length > 0);
        const label = guestLabel(name);
        expect(label.length).toBeLessThanOrEqual(GUEST_NAME_MAX);
        expect(label.trim()).not.toBe("");
      }),
      { numRuns: 500 },
    );
  });

  it("the surname's initial is its first whole letter, however it is written: never half an accent or a joined pair", () => {
    const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });
    // Latin letters, decomposed accents, joiners, emoji modifiers, Hangul jamo, Greek, Cyrillic, Devanagari and digits.
    const piece = fc.constantFrom(
      ..."aZéøßİǅΩжबि9\u0301\u0308\u200d\u200c\ufe0f\u{1f3fd}\u1100\u1161ﾞ'-.".split(/(?:)/u),
    );
    const letter = fc.constantFrom(..."aZéøßİǅΩжब9\u1100".split(/(?:)/u));
    fc.assert(
      fc.property(letter, fc.array(piece, { maxLength: 6 }), (head, rest) => {
        const surname = [head, ...rest].join("").normalize("NFC");
        const first = graphemes.segment(surname)[Symbol.iterator]().next().value?.segment ?? "";
        expect(guestLabel(`Ana ${surname}`)).toBe(`Ana ${first.toLocaleUpperCase()}.`);
      }),
      { numRuns: 2000 },
    );
  });

  it("a name of GUEST_NAME_MAX in capitals, or in letters whose small form is longer, still fits", () => {
    const caps = `BAUM, ${"WOLFESCHLEGEL".repeat(7)}`.slice(0, GUEST_NAME_MAX);
    expect(guestLabel(caps)).toMatch(/^Wolfeschlegelwolfeschlegel[a-z]+ B\.$/);
    expect(guestLabel(caps).length).toBeLessThanOrEqual(GUEST_NAME_MAX);
    expect(guestLabel(`${caps.slice(0, -3)} JR.`)).toMatch(/^Wolfeschlegel[a-z]+ B\.$/);
    const dotted = `${"İ".repeat(39)} ${"İ".repeat(40)}`;
    expect(dotted).toHaveLength(GUEST_NAME_MAX);
    expect(guestLabel(dotted)).toBe(`I${"i".repeat(38)} I.`);
    expect(guestLabel("王".repeat(GUEST_NAME_MAX))).toBe(`王${"*".repeat(GUEST_NAME_MAX - 2)}王`);
  });

  it("never shows a surname in full, and reads the same whether the booking wrote it in capitals or not", () => {
    fc.assert(
      fc.property(guest, (g) => {
        const name = written(g);
        fc.pre(name.length <= GUEST_NAME_MAX);
        const label = guestLabel(name);
        expect(label.length).toBeLessThanOrEqual(GUEST_NAME_MAX);
        expect(label.endsWith(` ${g.surname.charAt(0).toUpperCase()}.`)).toBe(true);
        if (!g.given.some((w) => foldText(w).includes(foldText(g.surname))))
          expect(foldText(label)).not.toContain(foldText(g.surname));
        expect(guestLabel(written({ ...g, style: "given first" }))).toBe(label);
      }),
      { numRuns: 300 },
    );
  });
});

describe("one guest's bookings, however each wrote the name", () => {
  it("are the same name in capitals, 'Last, First', without accents or with a suffix moved; a relative's never", () => {
    expect(sameGuest("FISCHER, LENA", "Lena Fischer")).toBe(true);
    expect(sameGuest("Nguyen Thi Lan", "Nguyễn Thị Lan")).toBe(true);
    expect(sameGuest("Sam Lee, Jr.", "LEE, SAM, JR")).toBe(true);
    expect(sameGuest("王 小明", "王小明")).toBe(true);
    expect(sameGuest("FISCHER, LENA", "FISCHER, TOM")).toBe(false);
    expect(sameGuest("Nguyễn Thị Lan", "Nguyễn Văn Minh")).toBe(false);
    expect(sameGuest("Mr Smith", "Mrs Smith")).toBe(false);
    expect(sameGuest("Sam Lee Jr.", "Sam Lee Sr.")).toBe(false);
    // Another order is another name: asked again rather than shown someone else's.
    expect(sameGuest("Fischer Lena", "Lena Fischer")).toBe(false);
  });
});
