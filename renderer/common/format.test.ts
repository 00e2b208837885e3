import { describe, expect, it } from "vitest";
import { clockTime, longDay, money, percent, phoneText, spaLocale, todayIn } from "./format";

// The formatters are cached per locale and options: a cached one must never answer for another.
describe("format", () => {
  it("shows whole dollars without cents and cents when there are some, in any order", () => {
    expect([money(2500, "en-US"), money(2550, "en-US"), money(2500, "en-US")]).toEqual(["$25", "$25.50", "$25"]);
    expect(money(2550, "es-US")).toMatch(/25\.50/);
  });

  it("writes a guest's language as it is written in the spa's country: Spanish prices and times as in the US", () => {
    expect([spaLocale("es"), spaLocale("en"), spaLocale("es-MX")]).toEqual(["es-US", "en-US", "es-US"]);
    expect(money(2500, spaLocale("es"))).toBe("$25");
    expect(clockTime("2026-11-25T22:30:00.000Z", "America/Los_Angeles", spaLocale("es"))).toMatch(/^2:30\sp\.\s?m\.$/);
  });

  it('writes Chinese prices with the dollar sign (not "US$25") and days as Chinese writes them', () => {
    expect([money(2500, spaLocale("zh")), money(4550, spaLocale("zh"))]).toEqual(["$25", "$45.50"]);
    expect(longDay("2026-12-03T02:00:00.000Z", "America/Los_Angeles", spaLocale("zh"))).toBe("12月2日星期三");
  });

  it("writes a day out in the spa's zone, starting with a capital to stand at the start of a line", () => {
    // 02:00 UTC on 3 Dec is still 2 Dec in Los Angeles.
    expect(longDay("2026-12-03T02:00:00.000Z", "America/Los_Angeles", "en-US")).toBe("Wednesday, December 2");
    expect(longDay("2026-12-03T02:00:00.000Z", "America/Los_Angeles", spaLocale("es"))).toBe(
      "Miércoles, 2 de diciembre",
    );
  });

  it("shows the same instant in each spa's own time zone", () => {
    const at = "2026-11-25T18:07:00.000Z";
    expect(clockTime(at, "America/Los_Angeles", "en-US")).toBe("10:07 AM");
    expect(clockTime(at, "America/New_York", "en-US")).toBe("1:07 PM");
    expect(clockTime(at, "America/Los_Angeles", "en-US")).toBe("10:07 AM");
  });

  it("shows a take rate with one decimal, and a dash when there is none", () => {
    expect(percent(0.597, "en-US")).toBe("59.7%");
    expect(percent(null, "en-US")).toBe("—");
  });

  it("groups a North American number for reading aloud and leaves any other as booked", () => {
    expect(phoneText("5550102233")).toBe("(555) 010-2233");
    expect(phoneText("+1 555-010-2233")).toBe("(555) 010-2233");
    expect(phoneText("+44 20 7946 0958")).toBe("+44 20 7946 0958");
    expect(phoneText("555 0102 ext 7")).toBe("555 0102 ext 7");
  });

  it("gives today's date as YYYY-MM-DD in the zone asked for", () => {
    expect(todayIn("UTC")).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
