import { describe, expect, it } from "vitest";
import { card, offerOf, visit } from "../test-support/visits";
import { EMPTY_PREFERENCES } from "./preferences";
import { WELCOME, newFind, type PreferencesScreen, type ScreeningScreen, type ScreenOf } from "./screen";
import { afterChoice, afterDeskChange, changeScreen, leftOpenOffer, visitScreen } from "./visit";

describe("after the check-in", () => {
  const two = [card(1, 15), card(2, 10)];
  it("offers the add-ons while the guest may choose; skips to Done when nothing fits or the desk settled it", () => {
    expect(visitScreen(visit(two), [], false, 0).name).toBe("offer");
    expect(visitScreen(visit(two.map((c) => ({ ...c, available: false }))), [], false, 0).name).toBe("done");
    expect(
      visitScreen(visit(two, { status: "confirmed", locked: true, selectedAddonIds: [1] }), [], true, 0),
    ).toMatchObject({
      name: "done",
      notice: "locked",
    });
    expect(visitScreen(visit(two, { status: "voided", locked: true }), [], true, 0)).toMatchObject({
      name: "done",
      notice: "voided",
    });
  });
  it("a desk change while on Done: locked, voided, or the check-in taken back", () => {
    expect(afterDeskChange({ checkedIn: false, visit: null }, [], false)).toEqual({
      name: "gone",
      message: "gone.undone",
    });
    expect(
      afterDeskChange({ checkedIn: true, visit: visit(two, { status: "confirmed", locked: true }) }, [], false),
    ).toMatchObject({
      name: "done",
      notice: "locked",
    });
  });
  it("Change my add-on reopens the offer from the guest's choice, unless the desk confirmed meanwhile", () => {
    const done: ScreenOf<"done"> = {
      name: "done",
      visit: visit(two),
      party: [],
      already: false,
      notice: null,
      busy: false,
    };
    expect(
      changeScreen(done, { checkedIn: true, visit: visit(two, { status: "accepted", selectedAddonIds: [1] }) }, 0),
    ).toMatchObject({
      name: "offer",
      already: true,
    });
    expect(
      changeScreen(done, { checkedIn: true, visit: visit(two, { status: "confirmed", locked: true }) }, 0),
    ).toMatchObject({
      name: "done",
      notice: "locked",
    });
  });
  it("Done repeats what was recorded", () => {
    const s = afterChoice(offerOf(visit(two)), {
      status: "accepted",
      chosen: [{ addonId: 2, title: "Add-on 2", priceCents: 2000, extraMinutes: 10 }],
    });
    expect(s).toMatchObject({ name: "done", visit: { offer: { status: "accepted", selectedAddonIds: [2] } } });
  });
});

describe("going back to Welcome (the kiosk idled out, Cancel) with the offer unanswered", () => {
  const two = [card(1, 15), card(2, 10)];
  const open = offerOf(visit(two));
  it("names the visit on the offer, its questions, or a returning guest's preferences on the way to it", () => {
    expect(leftOpenOffer(open)).toBe(7);
    const questions: ScreeningScreen = {
      name: "screening",
      offer: open,
      wanted: [1],
      addonId: 1,
      answers: [],
      answered: [],
    };
    expect(leftOpenOffer({ ...questions, answers: [null] })).toBe(7);
    expect(
      leftOpenOffer({ name: "notToday", offer: open, addonId: 1, wanted: [1], alternative: 2, answered: [] }),
    ).toBe(7);
    const prefs: PreferencesScreen = {
      name: "preferences",
      visit: open.visit,
      party: [],
      already: false,
      draft: EMPTY_PREFERENCES,
      lastVisit: true,
      back: null,
      typing: false,
      busy: false,
      error: null,
    };
    expect(leftOpenOffer(prefs)).toBe(7);
    // Opened from Done: the offer was answered before.
    const done: ScreenOf<"done"> = {
      name: "done",
      visit: open.visit,
      party: [],
      already: false,
      notice: null,
      busy: false,
    };
    expect(leftOpenOffer({ ...prefs, back: done })).toBeNull();
  });
  it("names nothing once the guest chose, the desk settled it, nothing fits, or no offer was on screen", () => {
    const on = (v: ReturnType<typeof visit>): ScreenOf<"offer"> => ({ ...open, visit: v });
    expect(leftOpenOffer(on(visit(two, { status: "accepted", selectedAddonIds: [1] })))).toBeNull();
    expect(leftOpenOffer(on(visit(two, { status: "confirmed", locked: true })))).toBeNull();
    expect(leftOpenOffer(on(visit(two.map((c) => ({ ...c, available: false })))))).toBeNull();
    for (const s of [WELCOME, newFind(), { name: "gone", message: "gone.undone" } as const])
      expect(leftOpenOffer(s)).toBeNull();
  });
});
