import { describe, expect, it } from "vitest";
import { bookingsOnOtherDays } from "./appointments";
import { DEMO_GUESTS } from "../demo/seed-demo";
import { demoModel } from "../test/helpers";

describe("a guest not on today's list", () => {
  it("is found on other days by name without accents, phone digits or code: nearest first, with how the visit went", async () => {
    const m = await demoModel();
    // Priya is booked for tomorrow; the demo's history has past visits by its regular guests.
    expect(bookingsOnOtherDays(m, "priya shah")).toMatchObject([
      { guestName: DEMO_GUESTS.tomorrow.name, serviceName: "Swedish massage", status: "booked" },
    ]);
    // A first name alone finds every Priya: the nearest visits first, the past ones marked as they went.
    expect(bookingsOnOtherDays(m, "priya").map((b) => b.guestName)).toContain("Priya Patel");
    expect(bookingsOnOtherDays(m, "SHAH 6677")).toHaveLength(1);
    expect(bookingsOnOtherDays(m, DEMO_GUESTS.tomorrow.code.toLowerCase())).toHaveLength(1);
    expect(bookingsOnOtherDays(m, "priya nobody")).toEqual([]);
    // Today's guests are on the desk's own list, not here.
    expect(bookingsOnOtherDays(m, DEMO_GUESTS.bothFit.code)).toEqual([]);

    const past = bookingsOnOtherDays(m, "a");
    expect(past).toHaveLength(5);
    const now = m.clock.now().getTime();
    const distances = past.map((b) => Math.abs(Date.parse(b.startsAt) - now));
    expect(distances).toEqual([...distances].sort((x, y) => x - y));
    const earlier = past.filter((b) => Date.parse(b.startsAt) < now);
    expect(earlier.every((b) => b.status === "checked_in" || b.status === "missed")).toBe(true);
    expect(earlier.some((b) => b.status === "checked_in")).toBe(true);
  });
});
