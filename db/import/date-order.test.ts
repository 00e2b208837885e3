import { describe, expect, it } from "vitest";
import { fileDateOrder } from "./date-order";

describe("day-first or month-first, from the file's dates", () => {
  it("a date past the 12th decides for the whole file; the user may still choose the other order", () => {
    expect(fileDateOrder(["03/12/2026", "25/11/2026"], undefined)).toEqual({
      dateOrder: { order: "day-first", from: "file" },
    });
    expect(fileDateOrder(["03/12/2026", "25/11/2026"], "month-first")).toEqual({
      dateOrder: { order: "month-first", from: "chosen" },
    });
  });

  it("a file with both orders can't be read, and says why", () => {
    const { dateOrder, problem } = fileDateOrder(["25/11/2026", "11/25/2026"], "day-first");
    expect(dateOrder.order).toBeNull();
    expect(problem).toMatch(/mixes day-first dates .* and month-first dates/);
  });

  it("when no date decides, the user is asked, naming a date of the file, until they choose", () => {
    expect(fileDateOrder(["2026-11-25", "03/12/2026"], undefined)).toEqual({
      dateOrder: { order: null, from: "ask" },
      problem: expect.stringContaining("whether 03/12/2026 is day-first or month-first") as unknown,
    });
    expect(fileDateOrder(["03/12/2026"], "day-first")).toEqual({ dateOrder: { order: "day-first", from: "chosen" } });
  });

  it("ISO dates need no order", () => {
    expect(fileDateOrder(["2026-11-25", "2026-12-03"], undefined)).toEqual({
      dateOrder: { order: null, from: "not-needed" },
    });
  });
});
