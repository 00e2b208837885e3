import { describe, expect, it } from "vitest";
import { SLICE_HOLD_MS, sliceSizes } from "./gate";

describe("the background writer's slice sizes", () => {
  it("halve while a slice holds the lock longer than SLICE_HOLD_MS, down to the minimum, and grow back to the maximum once slices are quick", () => {
    const s = sliceSizes(250, 10);
    expect(s.next()).toBe(250);
    const sizes: number[] = [];
    for (let i = 0; i < 8; i++) {
      s.held(SLICE_HOLD_MS * 20); // a loaded machine: every slice far too long
      sizes.push(s.next());
    }
    expect(sizes).toEqual([125, 62, 31, 15, 10, 10, 10, 10]);
    s.held(SLICE_HOLD_MS * 0.75); // within the hold: the size stays
    expect(s.next()).toBe(10);
    const back: number[] = [];
    for (let i = 0; i < 6; i++) {
      s.held(1);
      back.push(s.next());
    }
    expect(back).toEqual([20, 40, 80, 160, 250, 250]);
  });
});
