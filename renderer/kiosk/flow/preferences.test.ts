import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ALLERGY_OTHER_MAX, preferencesSchema, type Preferences } from "../../../contract/preferences";
import {
  afterPreferences,
  choosePressure,
  closeOther,
  EMPTY_PREFERENCES,
  afterCheckIn,
  fromDone,
  saveFailed,
  toggleAllergy,
  toggleArea,
  toggleKeep,
  toSave,
  typeOther,
  typeOtherKey,
} from "./preferences";
import type { PreferencesScreen, ScreenOf } from "./screen";
import { card, visit as visitOf } from "../test-support/visits";

const visit = visitOf([card(1, 15, { code: "face", title: "Face", priceCents: 1500 })]);
const last: Preferences = {
  pressure: "firm",
  allergies: ["nuts"],
  allergyOther: "lavender oil",
  avoid: ["face"],
  keep: true,
};
const done: ScreenOf<"done"> = { name: "done", visit, party: [], already: false, notice: null, busy: false };
const step = (stored: { preferences: Preferences | null; lastVisit: boolean }): PreferencesScreen =>
  fromDone(done, stored);

describe("the kiosk's preferences step", () => {
  it("adds no tap to a check-in: a guest without kept preferences goes straight on to the offer", () => {
    expect(afterCheckIn(visit, [], false, 0, { preferences: null, lastVisit: false }).name).toBe("offer");
  });

  it("opened from Done it starts empty, nothing pre-ticked (not even keep); Skip goes back to Done", () => {
    const s = step({ preferences: null, lastVisit: false });
    expect(s.draft).toEqual(EMPTY_PREFERENCES);
    expect(s.lastVisit).toBe(false);
    expect(afterPreferences(s, 5)).toEqual(done);
  });

  it("a returning guest who kept them meets last visit's right after check-in, to confirm (one tap) or change, then the offer", () => {
    const s = afterCheckIn(visit, [], false, 0, { preferences: last, lastVisit: true });
    if (s.name !== "preferences") throw new Error(`expected the preferences step, got ${s.name}`);
    expect(s).toMatchObject({ draft: last, lastVisit: true });
    expect(toSave(s)).toEqual(last);
    const changed = toggleAllergy(toggleArea(s, "face"), "latex");
    expect(toSave(changed)).toEqual({ ...last, allergies: ["nuts", "latex"], avoid: [] });
    expect(afterPreferences(s, 5).name).toBe("offer");
  });

  it("opened again from Done it shows what this visit has", () => {
    expect(step({ preferences: last, lastVisit: false })).toMatchObject({ draft: last, lastVisit: false });
  });

  it("one pressure at a time, tapping it again clears it; allergies, areas and keep toggle", () => {
    let s = step({ preferences: null, lastVisit: false });
    s = choosePressure(s, "light");
    s = choosePressure(s, "firm");
    expect(s.draft.pressure).toBe("firm");
    expect(choosePressure(s, "firm").draft.pressure).toBeNull();
    s = toggleKeep(toggleAllergy(toggleAllergy(s, "oils"), "nuts"));
    expect(s.draft).toMatchObject({ allergies: ["oils", "nuts"], keep: true });
    expect(toggleAllergy(s, "oils").draft.allergies).toEqual(["nuts"]);
  });

  it("whatever is typed as the other allergy stays within the contract's limit and is accepted by it (property)", () => {
    const keys = fc.array(fc.constantFrom("A", "Ñ", "É", " ", "-", "'"), { maxLength: ALLERGY_OTHER_MAX * 2 });
    fc.assert(
      fc.property(keys, (typed) => {
        let s = { ...step({ preferences: null, lastVisit: false }), typing: true };
        for (const k of typed) s = typeOther(s, k);
        s = closeOther(s);
        expect(s.typing).toBe(false);
        expect(s.draft.allergyOther.length).toBeLessThanOrEqual(ALLERGY_OTHER_MAX);
        expect(s.draft.allergyOther).not.toMatch(/ {2}|^ | $/);
        expect(preferencesSchema.safeParse(toSave(s)).success).toBe(true);
      }),
    );
    expect(typeOtherKey("", "L")).toBe("l");
    expect(typeOtherKey("lavender ", " ")).toBe("lavender ");
  });

  it("a failed save keeps what the guest chose and says so", () => {
    const s = toggleArea(step({ preferences: null, lastVisit: false }), "neck");
    expect(saveFailed({ ...s, busy: true })).toMatchObject({
      busy: false,
      error: "preferences.errors.notSaved",
      draft: { avoid: ["neck"] },
    });
  });
});
