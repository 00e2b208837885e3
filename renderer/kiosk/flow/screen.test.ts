import { describe, expect, it } from "vitest";
import { card, match, offerOf, visit } from "../test-support/visits";
import { isWorking, newFind, type Screen } from "./screen";

describe("isWorking: the kiosk says 'One moment…' while a step waits on the main process", () => {
  const offer = offerOf(visit([card(1, 15)]));
  it("is false on a screen at rest, and on screens that never wait", () => {
    for (const s of [{ name: "welcome" }, newFind(), offer] satisfies Screen[]) expect(isWorking(s)).toBe(false);
  });
  it("follows the screen's own busy flag (a search, a check-in, a choice sent)", () => {
    expect(isWorking({ ...newFind(), busy: true })).toBe(true);
    expect(isWorking({ name: "confirm", match: match(7), party: [], busy: true })).toBe(true);
    expect(isWorking({ ...offer, busy: true })).toBe(true);
  });
  it("on the add-on's questions, follows the offer they send the choice with", () => {
    const screening: Screen = { name: "screening", offer, wanted: [1], addonId: 1, answers: [], answered: [] };
    expect(isWorking(screening)).toBe(false);
    expect(isWorking({ ...screening, offer: { ...offer, busy: true } })).toBe(true);
  });
});
