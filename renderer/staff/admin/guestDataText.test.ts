import { describe, expect, it } from "vitest";
import type { GuestOnPhone } from "../../../contract/preferences";
import { bookingsLine, eraseQuestion, erasedText, exportedText, storedLine } from "./guestDataText";

const lena: GuestOnPhone = {
  name: "FISCHER, LENA",
  bookings: 3,
  firstDay: "2025-03-03",
  lastDay: "2026-11-25",
  stored: { visits: 1, allergies: 1, avoid: 1, pressure: 1 },
};
const tom: GuestOnPhone = {
  name: "Tom Fischer",
  bookings: 1,
  firstDay: "2026-11-25",
  lastDay: "2026-11-25",
  stored: { visits: 0, allergies: 0, avoid: 0, pressure: 0 },
};

describe("Guest data's words: what a manager reads before exporting or erasing one person's data", () => {
  it("each person's line: their bookings and spa days, and what of theirs is stored", () => {
    expect(bookingsLine(lena)).toBe("3 bookings · Mar 3, 2025 – Nov 25, 2026");
    expect(bookingsLine(tom)).toBe("1 booking · Nov 25, 2026");
    expect(storedLine(lena.stored)).toBe("Preferences from 1 visit: allergies, areas to avoid, pressure");
    expect(storedLine(tom.stored)).toBe("No preferences stored");
  });

  it("the erase says whose, what goes and what stays before it happens", () => {
    expect(eraseQuestion({ kind: "person", person: lena })).toBe(
      "Erase FISCHER, LENA: preferences from 1 visit (1 with allergies, 1 with areas to avoid, 1 with a pressure) and " +
        "the alerts and pressure on their tickets. Their 3 bookings stay, and nobody else on this number is touched. " +
        "This can't be undone.",
    );
    expect(eraseQuestion({ kind: "person", person: tom })).toBe(
      "Nothing is stored for Tom Fischer: there is nothing to erase.",
    );
    expect(eraseQuestion({ kind: "everyone", people: [lena, tom] })).toBe(
      "Erase everyone on this number (FISCHER, LENA; Tom Fischer): preferences from 1 visit (1 with allergies, 1 " +
        "with areas to avoid, 1 with a pressure) and the alerts and pressure on their tickets. The 4 bookings stay. " +
        "This can't be undone.",
    );
  });

  it("what was done, with whose", () => {
    expect(exportedText({ kind: "person", person: lena }, 1)).toBe(
      "Exported the preferences of 1 visit of FISCHER, LENA.",
    );
    expect(exportedText({ kind: "person", person: tom }, 0)).toBe(
      "Nothing is stored for Tom Fischer: the file says so.",
    );
    expect(erasedText({ kind: "everyone", people: [lena, tom] }, 1)).toBe(
      "Erased the preferences of 1 visit of everyone on this number (2 people), and their tickets' alerts.",
    );
  });
});
