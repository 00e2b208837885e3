import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { followStored } from "./storedDraft";

describe("a form's draft of a value that moves meanwhile (followStored)", () => {
  const start = (stored: number[]) => ({ base: JSON.stringify(stored), draft: stored });

  it("keeps the receptionist's ticks when anything else about the guest changes, and follows the stored value only while untouched", () => {
    const opened = start([1]);
    // The stored add-ons did not move (the guest gave preferences, another window confirmed): the draft stays.
    const ticked = { ...opened, draft: [1, 2] };
    expect(followStored(ticked, [1])).toBe(ticked);
    // They moved while the draft was edited: the edit stays, made now from the new value.
    expect(followStored(ticked, [2])).toEqual({ base: "[2]", draft: [1, 2] });
    // They moved while the draft was untouched: it follows.
    expect(followStored(opened, [2])).toEqual({ base: "[2]", draft: [2] });
  });

  it("never loses an edit, and an untouched draft always shows the stored value (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 4 })),
        fc.array(fc.array(fc.integer({ min: 1, max: 4 }))),
        fc.option(fc.array(fc.integer({ min: 1, max: 4 }))),
        (first, moves, edit) => {
          let state = start(first);
          if (edit !== null) state = { ...state, draft: edit };
          for (const stored of moves) {
            const before = state;
            state = followStored(state, stored);
            const touched = JSON.stringify(before.draft) !== before.base;
            expect(state.draft).toEqual(touched ? before.draft : stored);
            expect(state.base).toBe(JSON.stringify(stored));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
