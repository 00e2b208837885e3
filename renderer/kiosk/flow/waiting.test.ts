import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { card, match, offerOf, visit } from "../test-support/visits";
import { newFind, newWalkIn, type Screen } from "./screen";
import { gaveUp, GIVE_UP_SECONDS, SLOW_SECONDS, waitStage } from "./waiting";

describe("waitStage: how long a guest waits on the main process before the kiosk says so, then lets them go", () => {
  it("says nothing more than 'One moment…' before the slow limit, the notice from it, gives up at the longer one", () => {
    expect(waitStage(true, 0)).toBe("working");
    expect(waitStage(true, SLOW_SECONDS * 1000 - 1)).toBe("working");
    expect(waitStage(true, SLOW_SECONDS * 1000)).toBe("slow");
    expect(waitStage(true, GIVE_UP_SECONDS * 1000 - 1)).toBe("slow");
    expect(waitStage(true, GIVE_UP_SECONDS * 1000)).toBe("stuck");
  });
  it("an answered step is never slow nor stuck, however long the screen was shown", () => {
    fc.assert(fc.property(fc.nat(), (ms) => waitStage(false, ms) === "idle"));
  });
  it("only ever moves forward as time passes: working, then slow, then stuck", () => {
    const order = ["working", "slow", "stuck"];
    fc.assert(
      fc.property(fc.nat(10 * GIVE_UP_SECONDS * 1000), fc.nat(60_000), (a, more) => {
        expect(order.indexOf(waitStage(true, a + more))).toBeGreaterThanOrEqual(order.indexOf(waitStage(true, a)));
      }),
    );
  });
  it("leaves the notice on screen for a while before giving up, and gives up before a spa's shortest idle reset", () => {
    expect(GIVE_UP_SECONDS - SLOW_SECONDS).toBeGreaterThanOrEqual(10);
    expect(GIVE_UP_SECONDS).toBeLessThanOrEqual(15 + 15); // the settings' least idleSeconds, then its countdown
  });
});

describe("gaveUp: where the guest goes when the kiosk stops waiting", () => {
  it("a search changed nothing: the number stays as typed, free to try again, with a plain message", () => {
    const s = { ...newFind(), value: "555 010 1234", busy: true };
    expect(gaveUp(s)).toEqual({ ...s, busy: false, error: "waiting.tooLong" });
  });
  it("a check-in, a choice, a walk-in may still land: the guest is sent to the desk, nothing is sent again", () => {
    const offer = offerOf(visit([card(1, 15)]));
    const waiting: Screen[] = [
      { name: "confirm", match: match(7), party: [], busy: true },
      { ...offer, busy: true },
      { name: "screening", offer: { ...offer, busy: true }, wanted: [1], addonId: 1, answers: [], answered: [] },
      { ...newWalkIn(), value: "Zoë", busy: true },
    ];
    for (const s of waiting) expect(gaveUp(s)).toEqual({ name: "gone", message: "waiting.gaveUp" });
  });
});
