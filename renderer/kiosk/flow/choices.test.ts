import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { card, offerOf, visit } from "../test-support/visits";
import { offerChoices, togglePick } from "./choices";
import { changeScreen } from "./visit";
import type { Screen, ScreenOf } from "./screen";

describe("the offer, for any number of add-ons", () => {
  it("two add-ons: one tap each, both, or none; nothing marked on a first offer", () => {
    const c = offerChoices(offerOf(visit([card(1, 15), card(2, 10)])));
    expect(c.several).toBe(false);
    expect([...c.cards.values()]).toEqual([
      { kind: "add", choose: [1] },
      { kind: "add", choose: [2] },
    ]);
    expect(c.all).toEqual({ ids: [1, 2], count: 2 });
    expect(c.marked).toEqual([]);
  });

  it("two that don't fit together: no 'both', and the guest is told", () => {
    const c = offerChoices(offerOf(visit([card(1, 15), card(2, 10)], { freeMinutes: 20 })));
    expect(c.all).toBeNull();
    expect(c.notAllFit).toBe(true);
  });

  it("coming back to change: a chosen card takes itself off and keeps the rest", () => {
    const done: ScreenOf<"done"> = {
      name: "done",
      visit: visit([]),
      party: [],
      already: false,
      notice: null,
      busy: false,
    };
    const s = changeScreen(
      done,
      { checkedIn: true, visit: visit([card(1, 15), card(2, 10)], { status: "accepted", selectedAddonIds: [1, 2] }) },
      0,
    );
    if (s.name !== "offer") throw new Error(s.name);
    const c = offerChoices(s);
    expect(c.marked).toEqual([1, 2]);
    expect(c.cards.get(1)).toEqual({ kind: "remove", choose: [2] });
  });

  it("a third add-on keeps 'all of them' and lets the guest pick any two", () => {
    const s = offerOf(visit([card(1, 15), card(2, 10), card(3, 20)]));
    let c = offerChoices(s);
    expect(c.several).toBe(true);
    expect(c.all).toEqual({ ids: [1, 2, 3], count: 3 });
    expect(c.go).toBeNull();
    const picked = togglePick(togglePick(s, 1), 3);
    c = offerChoices(picked);
    expect(c.go).toEqual([1, 3]);
    expect(c.marked).toEqual([1, 3]);
    expect(c.cards.get(3)).toEqual({ kind: "unpick" });
    expect(offerChoices(togglePick(picked, 3)).go).toEqual([1]);
  });

  it("picking several never goes past the free minutes: a pick that would not fit is refused", () => {
    const s = togglePick(offerOf(visit([card(1, 15), card(2, 10), card(3, 20)], { freeMinutes: 30 })), 1);
    const c = offerChoices(s);
    expect(c.all).toBeNull();
    expect(c.cards.get(3)).toEqual({ kind: "pick", fits: false });
    expect(togglePick(s, 3)).toBe(s);
    expect(offerChoices(togglePick(s, 2)).go).toEqual([1, 2]);
  });

  it("property: with 1 to 8 add-ons, every combination that fits can be chosen, and none that doesn't", () => {
    const scenario = fc.integer({ min: 1, max: 8 }).chain((n) =>
      fc.record({
        minutes: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: n, maxLength: n }),
        want: fc.subarray([...Array(n).keys()].map((i) => i + 1)),
        free: fc.option(fc.integer({ min: 0, max: 120 }), { nil: null }),
      }),
    );
    fc.assert(
      fc.property(scenario, ({ minutes, want, free }) => {
        // As the main process sends them: an add-on that doesn't fit even alone is not available.
        const cards = minutes.map((m, i) =>
          card(i + 1, m, {
            available: free === null || m <= free,
            unavailableReason: free === null || m <= free ? null : "therapist",
          }),
        );
        const fits =
          want.every((id) => cards[id - 1]?.available) &&
          (free === null || want.reduce((sum, id) => sum + (minutes[id - 1] ?? 0), 0) <= free);
        if (!cards.some((c) => c.available)) return; // nothing fits: the offer is skipped
        const start = offerOf(visit(cards, { freeMinutes: free }));
        const reached = chooseByTaps(start, want);
        if (fits) expect(reached?.slice().sort((a, b) => a - b)).toEqual(want);
        else expect(reached).toBeNull();
      }),
      { numRuns: 500 },
    );
  });
});

/** What a guest can get by tapping: one button when the offer has one for it, else picks then "Continue". */
function chooseByTaps(s: ScreenOf<"offer">, want: number[]): number[] | null {
  const c = offerChoices(s);
  const allIsWanted = c.all !== null && c.all.ids.length === want.length && want.every((id) => c.all?.ids.includes(id));
  if (want.length === 0) return []; // "No thanks" is always there
  if (!c.several) {
    const [only] = want;
    if (want.length === 1 && only !== undefined) {
      const a = c.cards.get(only);
      return a?.kind === "add" ? a.choose : null;
    }
    return allIsWanted ? (c.all?.ids ?? null) : null;
  }
  if (allIsWanted) return c.all?.ids ?? null;
  let at: Screen = s;
  for (const id of want) at = togglePick(at, id);
  const go = offerChoices(at).go;
  return go && go.length === want.length ? go : null;
}
