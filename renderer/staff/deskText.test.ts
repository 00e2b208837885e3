import { describe, expect, it } from "vitest";
import { lateLabel } from "./deskText";

describe("lateLabel", () => {
  const start = "2026-12-01T17:00:00.000Z";
  const at = (minutes: number, seconds = 0) => Date.parse(start) + minutes * 60_000 + seconds * 1000;

  it("says nothing before the start time or within its first minute", () => {
    expect(lateLabel(start, at(-30))).toBeNull();
    expect(lateLabel(start, at(0))).toBeNull();
    expect(lateLabel(start, at(0, 59))).toBeNull();
  });

  it("counts whole minutes, then hours and minutes", () => {
    expect(lateLabel(start, at(1))).toBe("Late · 1 min");
    expect(lateLabel(start, at(25, 30))).toBe("Late · 25 min");
    expect(lateLabel(start, at(60))).toBe("Late · 1 h");
    expect(lateLabel(start, at(125))).toBe("Late · 2 h 5 min");
  });
});
