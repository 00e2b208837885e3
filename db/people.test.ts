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
});
