import { describe, expect, it } from "vitest";
import { zoneChangeText } from "./zoneChangeText";

describe("the time zone's warning", () => {
  it("says bookings keep their times and check-ins their moment, with one of each", () => {
    expect(
      zoneChangeText({
        bookings: 12,
        checkIns: 340,
        bookingTime: "10:00 AM",
        checkIn: { before: "5:05 PM", after: "10:05 AM" },
        pauses: false,
      }),
    ).toBe(
      "12 bookings keep their times (10:00 AM stays 10:00 AM); 340 check-ins keep the moment they happened (the last " +
        "one, at 5:05 PM, will read 10:05 AM). Each day's arrivals, the reports, exports and head office follow the " +
        "new time zone.",
    );
    expect(zoneChangeText({ bookings: 1, checkIns: 0, bookingTime: "9:00 AM", checkIn: null, pauses: false })).toBe(
      "1 booking keeps its time (9:00 AM stays 9:00 AM). Each day's arrivals, the reports, exports and head office " +
        "follow the new time zone.",
    );
  });

  it("says when nothing is stored, and when saving pauses the kiosk and the desk", () => {
    expect(zoneChangeText({ bookings: 0, checkIns: 0, bookingTime: null, checkIn: null, pauses: false })).toBe(
      "Nothing is stored yet: bookings and check-ins will be in the new time zone.",
    );
    expect(zoneChangeText({ bookings: 20_001, checkIns: 2, bookingTime: null, checkIn: null, pauses: true })).toMatch(
      /^This spa has more than 10,000 bookings and check-ins\..*pauses the kiosk and the desk: about a minute/,
    );
  });
});
