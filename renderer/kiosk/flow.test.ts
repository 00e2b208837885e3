import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AppointmentMatch, KioskVisit, OfferCard } from "../../contract/channels";
import { ApiError } from "../common/api";
import {
  afterChoice,
  afterDeskChange,
  afterSearch,
  changeScreen,
  findProblem,
  messageFor,
  newFind,
  offerChoices,
  searchFailed,
  togglePick,
  typeInFind,
  visitScreen,
  walkInFailed,
  newWalkIn,
  type Screen,
  type ScreenOf,
} from "./flow";

const match = (id: number, more: Partial<AppointmentMatch> = {}): AppointmentMatch => ({
  appointmentId: id,
  guestLabel: `Guest ${id}.`,
  startsAt: "2026-12-04T18:00:00.000Z",
  serviceName: "Swedish massage",
  serviceGuestNames: {},
  therapistFirstName: "Chloé",
  checkedIn: false,
  endsAt: "2026-12-04T19:00:00.000Z",
  ended: false,
  ...more,
});
const card = (addonId: number, extraMinutes: number, more: Partial<OfferCard> = {}): OfferCard => ({
  addonId,
  code: `addon${addonId}`,
  title: `Add-on ${addonId}`,
  benefits: [],
  priceCents: 1000 * addonId,
  extraMinutes,
  available: true,
  unavailableReason: null,
  screening: null,
  ...more,
});
const visit = (cards: OfferCard[], offer: Partial<KioskVisit["offer"]> = {}): KioskVisit => ({
  appointmentId: 7,
  guestFirstName: "María",
  startsAt: "2026-12-04T18:00:00.000Z",
  serviceName: "Swedish massage",
  serviceMinutes: 60,
  therapistFirstName: "Chloé",
  checkedInAt: "2026-12-04T17:55:00.000Z",
  offer: { status: "offered", cards, selectedAddonIds: [], locked: false, freeMinutes: null, ...offer },
});
const offerOf = (v: KioskVisit): ScreenOf<"offer"> => {
  const s = visitScreen(v, [], false, 0);
  if (s.name !== "offer") throw new Error(`expected the offer, got ${s.name}`);
  return s;
};
const refusal = (code: "NOT_FOUND" | "CONFLICT" | "INVALID_INPUT" | "FORBIDDEN" | "INTERNAL") =>
  new ApiError({ code, message: "refused" });

describe("finding the booking", () => {
  it("a complete number or a 6-character code searches by itself; anything else waits for Find me", () => {
    expect(typeInFind(newFind("phone"), "5550102233").search).toBe(true);
    expect(typeInFind(newFind("phone"), "555010").search).toBe(false);
    expect(typeInFind(newFind("code"), "hh2233")).toMatchObject({
      search: true,
      screen: { value: "HH2233", error: null },
    });
    expect(typeInFind(newFind("phone"), "555-CALL")).toMatchObject({
      search: false,
      screen: { error: "find.errors.digitsOnly" },
    });
    expect(typeInFind({ ...newFind("phone"), busy: true }, "5550102233").search).toBe(false);
  });

  it("Find me refuses a number too short or a code too short, with the field's own message", () => {
    expect(findProblem({ ...newFind("phone"), value: "55501" })).toBe("find.errors.tooShort");
    expect(findProblem({ ...newFind("phone"), value: "0102233" })).toBeNull();
    expect(findProblem({ ...newFind("code"), value: "HH2" })).toBe("find.errors.codeFormat");
  });

  it("not found says what was searched: a number as the field grouped it, a code as typed", () => {
    const none = { matches: [], laterStartsAt: null };
    expect(afterSearch({ ...newFind("phone"), value: "5550109999" }, true, none)).toEqual({
      name: "notFound",
      mode: "phone",
      searched: "555 010 9999",
    });
    expect(afterSearch({ ...newFind("code"), value: "hh22" }, false, none)).toEqual({
      name: "notFound",
      mode: "code",
      searched: "HH22",
    });
  });

  it("a code searched by itself at 6 characters stays on the field with the code's not-found, never the number's", () => {
    const s = afterSearch({ ...newFind("code"), value: "HH9999" }, true, { matches: [], laterStartsAt: null });
    expect(s).toMatchObject({ name: "find", value: "HH9999", error: "notFound.bodyCode", busy: false });
  });

  it("one booking goes to Is this you? with the rest of the party not checked in and not over; several are listed, keeping how they were found", () => {
    const found = [match(1), match(2), match(3, { checkedIn: true }), match(4, { ended: true })];
    expect(
      afterSearch({ ...newFind("code"), value: "HH2233" }, true, { matches: [match(1)], laterStartsAt: null }),
    ).toEqual({
      name: "confirm",
      match: match(1),
      party: [],
      busy: false,
    });
    const many = afterSearch({ ...newFind("code"), value: "HH2233" }, true, { matches: found, laterStartsAt: null });
    expect(many).toEqual({ name: "matches", mode: "code", matches: found });
  });

  it("a booking on a later day says when, whatever else was found", () => {
    expect(afterSearch(newFind("phone"), false, { matches: [], laterStartsAt: "2026-12-09T18:00:00.000Z" })).toEqual({
      name: "later",
      mode: "phone",
      startsAt: "2026-12-09T18:00:00.000Z",
    });
  });

  it("a refused search is the field's error, in the words of its mode", () => {
    expect(searchFailed(newFind("phone"), refusal("INVALID_INPUT"))).toMatchObject({
      error: "find.errors.tooShort",
      busy: false,
    });
    expect(searchFailed(newFind("code"), refusal("INVALID_INPUT"))).toMatchObject({ error: "find.errors.codeFormat" });
    expect(searchFailed(newFind("code"), new Error("offline"))).toMatchObject({ error: "error.generic" });
  });
});

describe("which message a failure shows", () => {
  it("a visit gone or no longer active sends the guest to the desk; anything else is the general message", () => {
    expect(messageFor(refusal("NOT_FOUND"))).toBe("gone.missing");
    expect(messageFor(refusal("CONFLICT"))).toBe("gone.inactive");
    expect(messageFor(refusal("INTERNAL"))).toBe("error.generic");
    expect(messageFor(new TypeError("x"))).toBe("error.generic");
  });
  it("a walk-in refused says walk-ins are off, or the name is not letters", () => {
    expect(walkInFailed(newWalkIn(), refusal("FORBIDDEN"))).toMatchObject({
      error: "walkIn.errors.notAllowed",
      busy: false,
    });
    expect(walkInFailed(newWalkIn(), refusal("INVALID_INPUT"))).toMatchObject({ error: "walkIn.errors.lettersOnly" });
  });
});

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
