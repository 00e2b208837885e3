import { describe, expect, it } from "vitest";
import { firstName, guestLabel } from "./people";

describe("a guest's name as screens and slips say it", () => {
  it("reads a booking system's 'Last, First' as first name and surname's initial; a suffix after a comma is left out", () => {
    expect(guestLabel("Hernández, María José")).toBe("María H.");
    expect(firstName("Hernández, María José")).toBe("María");
    expect(guestLabel("García López, María")).toBe("María G.");
    expect(guestLabel("Grace Hopper, RADM")).toBe("Grace H.");
    expect(guestLabel("Sam Lee, Jr.")).toBe("Sam L.");
    expect(guestLabel("María González")).toBe("María G.");
    // Not a "Last, First": more than one comma, or nothing on one side of it, is taken as written.
    expect(guestLabel("Lee, Sam, Jr.")).toBe("Lee, J.");
    expect(guestLabel(", Ana")).toBe(", A.");
    expect(guestLabel("Ana,")).toBe("Ana,");
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
