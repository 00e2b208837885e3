/**
 * The kiosk's preferences step, without React: an optional screen where a guest tells the
 * therapist the pressure they like, allergies and areas to avoid, and whether to keep them for
 * next time. It adds no tap to a check-in: a guest opens it from Done ("Anything your therapist
 * should know?"). Only a returning guest who agreed to keep them last time meets it on the way,
 * right after checking in, filled with last visit's to confirm (one tap) or change; one tap skips
 * it. Pure, tested under Node.
 */
import type { KioskVisit } from "../../../contract/channels";
import {
  ALLERGY_OTHER_MAX,
  type Allergen,
  type Area,
  type Preferences,
  type Pressure,
} from "../../../contract/preferences";
import type { Party, PreferencesScreen, Screen, ScreenOf } from "./screen";
import { visitScreen } from "./visit";

export const EMPTY_PREFERENCES: Preferences = {
  pressure: null,
  allergies: [],
  allergyOther: "",
  avoid: [],
  keep: false,
};

const stepOf = (
  visit: KioskVisit,
  party: Party,
  already: boolean,
  stored: { preferences: Preferences | null; lastVisit: boolean },
  back: ScreenOf<"done"> | null,
): PreferencesScreen => ({
  name: "preferences",
  visit,
  party,
  already,
  draft: stored.preferences ?? EMPTY_PREFERENCES,
  lastVisit: stored.lastVisit,
  back,
  typing: false,
  busy: false,
  error: null,
});

/**
 * After a check-in: a returning guest with last visit's preferences kept confirms or changes them
 * first; everyone else goes straight on to the offer or Done (no tap added).
 */
export function afterCheckIn(
  visit: KioskVisit,
  party: Party,
  already: boolean,
  shownAt: number,
  stored: { preferences: Preferences | null; lastVisit: boolean },
): Screen {
  return stored.lastVisit ? stepOf(visit, party, already, stored, null) : visitScreen(visit, party, already, shownAt);
}

/** "Anything your therapist should know?" on Done: the step, with what this visit (or the last, kept) has. */
export const fromDone = (
  done: ScreenOf<"done">,
  stored: { preferences: Preferences | null; lastVisit: boolean },
): PreferencesScreen => stepOf(done.visit, done.party, done.already, stored, done);

/** Skip, or the preferences saved: back to Done, or on to the offer or Done as after a check-in. */
export const afterPreferences = (s: PreferencesScreen, shownAt: number): Screen =>
  s.back ?? visitScreen(s.visit, s.party, s.already, shownAt);

const toggle = <T>(list: readonly T[], item: T): T[] =>
  list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
const edit = (s: PreferencesScreen, draft: Partial<Preferences>): PreferencesScreen => ({
  ...s,
  draft: { ...s.draft, ...draft },
  error: null,
});

/** One pressure at a time; tapping the chosen one again clears it. */
export const choosePressure = (s: PreferencesScreen, p: Pressure) =>
  edit(s, { pressure: s.draft.pressure === p ? null : p });
export const toggleAllergy = (s: PreferencesScreen, a: Allergen) =>
  edit(s, { allergies: toggle(s.draft.allergies, a) });
export const toggleArea = (s: PreferencesScreen, a: Area) => edit(s, { avoid: toggle(s.draft.avoid, a) });
export const toggleKeep = (s: PreferencesScreen) => edit(s, { keep: !s.draft.keep });

/**
 * A key of the on-screen keyboard into the "other allergy" text: lower case (it reads as part of
 * a list: "Nuts, lavender oil"), one space between words, never past the contract's limit.
 */
export function typeOtherKey(current: string, key: string): string {
  if (key === " " && (current === "" || current.endsWith(" "))) return current;
  return (current + key.toLocaleLowerCase()).slice(0, ALLERGY_OTHER_MAX);
}
export const typeOther = (s: PreferencesScreen, key: string) =>
  edit(s, { allergyOther: typeOtherKey(s.draft.allergyOther, key) });
export const deleteOther = (s: PreferencesScreen) => edit(s, { allergyOther: s.draft.allergyOther.slice(0, -1) });
export const clearOther = (s: PreferencesScreen) => edit(s, { allergyOther: "" });
/** The keyboard closes with what was typed, trimmed. */
export const closeOther = (s: PreferencesScreen): PreferencesScreen => ({
  ...edit(s, { allergyOther: s.draft.allergyOther.trim() }),
  typing: false,
});

/** What is sent: the draft as the contract takes it. */
export const toSave = (s: PreferencesScreen): Preferences => ({
  ...s.draft,
  allergyOther: s.draft.allergyOther.trim(),
});

/** Saving failed: the step stays with what the guest chose, saying so; Skip still goes on. */
export const saveFailed = (s: PreferencesScreen): PreferencesScreen => ({
  ...s,
  busy: false,
  error: "preferences.errors.notSaved",
});
