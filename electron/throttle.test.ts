import { describe, expect, it } from "vitest";
import { throttled } from "./throttle";

describe("progress pushed a few times a second", () => {
  it("sends the first call at once, holds those that come too soon, and the last one held is sent by flush", () => {
    let now = 0;
    const sent: number[] = [];
    const t = throttled(
      250,
      () => now,
      (n: number) => sent.push(n),
    );
    for (let step = 1; step <= 20; step++) {
      t.call(step);
      now += 40; // a pass every 40 ms
    }
    // At 0 ms the first call; then the first at least 250 ms after the one sent before (280, 560 ms).
    expect(sent).toEqual([1, 8, 15]);
    t.flush(); // the last one, held at 760 ms
    expect(sent).toEqual([1, 8, 15, 20]);
    t.flush(); // nothing held: nothing sent twice
    expect(sent).toEqual([1, 8, 15, 20]);
  });
});
