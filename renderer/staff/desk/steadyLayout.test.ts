import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aimedElsewhere, rowAt, sameLayout, type RowPlace } from "./steadyLayout";

/** Rows of `height` stacked from `from`, keyed "0", "1"… */
const stack = (heights: number[], from = 0): RowPlace[] => {
  let top = from;
  return heights.map((h, i) => {
    const row = { key: String(i), top, bottom: top + h };
    top += h;
    return row;
  });
};

describe("rowAt", () => {
  it("finds the row at a point, its top edge in and its bottom edge out, and none outside the rows", () => {
    const rows = stack([60, 61, 60]);
    expect(rowAt(rows, 0)).toBe("0");
    expect(rowAt(rows, 59)).toBe("0");
    expect(rowAt(rows, 60)).toBe("1");
    expect(rowAt(rows, 180)).toBe("2");
    expect(rowAt(rows, 181)).toBeNull();
    expect(rowAt(rows, -1)).toBeNull();
    expect(rowAt([], 10)).toBeNull();
  });

  it("a banner of 84 px above the list puts another guest under a finger aimed at a row's middle", () => {
    const before = stack([60, 60, 60, 60]);
    const after = stack([60, 60, 60, 60], 84);
    const aimed = 2 * 60 + 30; // the middle of row "2"
    expect(rowAt(before, aimed)).toBe("2");
    expect(rowAt(after, aimed)).toBe("1");
  });
});

describe("aimedElsewhere", () => {
  it("only when another guest's row was at the point: the same guest, or no row at all, was not another", () => {
    const before = stack([60, 60]);
    expect(aimedElsewhere(before, 90, "0")).toBe(true);
    expect(aimedElsewhere(before, 90, "1")).toBe(false);
    expect(aimedElsewhere(before, 500, "7")).toBe(false);
  });
});

describe("sameLayout", () => {
  it("ignores a pixel's rounding, and nothing more", () => {
    const rows = stack([60, 60]);
    expect(
      sameLayout(
        rows,
        rows.map((r) => ({ ...r, top: r.top + 1, bottom: r.bottom + 1 })),
      ),
    ).toBe(true);
    expect(
      sameLayout(
        rows,
        rows.map((r) => ({ ...r, top: r.top + 2, bottom: r.bottom + 2 })),
      ),
    ).toBe(false);
    expect(sameLayout(rows, [...rows, { key: "9", top: 120, bottom: 180 }])).toBe(false);
    expect(sameLayout(rows, [{ ...rows[1], key: "1" } as RowPlace, { ...rows[0], key: "0" } as RowPlace])).toBe(false);
  });

  it("any shift of the whole list by more than a pixel is a change", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 20, max: 200 }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: -500, max: 500 }),
        (heights, shift) => {
          expect(sameLayout(stack(heights), stack(heights, shift))).toBe(Math.abs(shift) <= 1);
        },
      ),
    );
  });
});
