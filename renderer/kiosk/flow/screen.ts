/**
 * The kiosk's flow, without React or the screen: which screens there are and how long the last
 * ones stay. The steps between them are pure functions beside this file (find.ts, walkIn.ts, visit.ts,
 * choices.ts, screening.ts, preferences.ts), which message a failure shows is messages.ts, so
 * the flow is tested under Node; `useFlow` runs the async steps with it and the files in
 * screens/ draw each screen.
 */
import type { AppointmentMatch, KioskVisit } from "../../../contract/channels";
import type { Preferences } from "../../../contract/preferences";
import type { ScreeningAnswer, ScreeningAnswers } from "../../../contract/screening";

/** Every catalog key a screen can show as a message. */
export type Message =
  | "find.errors.digitsOnly"
  | "find.errors.tooShort"
  | "find.errors.tooLong"
  | "find.errors.codeFormat"
  | "notFound.bodyPhone"
  | "notFound.bodyCode"
  | "walkIn.errors.empty"
  | "walkIn.errors.lettersOnly"
  | "walkIn.errors.tooLong"
  | "walkIn.errors.notAllowed"
  | "offer.errors.notAvailable"
  | "offer.errors.locked"
  | "offer.errors.questionsChanged"
  | "gone.missing"
  | "gone.inactive"
  | "gone.undone"
  | "waiting.tooLong"
  | "waiting.gaveUp"
  | "error.generic";

export type FindMode = "phone" | "code";
/**
 * The other bookings the guest's number or code found that were not checked in yet: the rest of a
 * couple or family checking in together, offered on the Done screen so the next one need not type
 * the number again. Carried from the choice of booking to Done; gone with every reset.
 */
export type Party = AppointmentMatch[];
export type Screen =
  | { name: "welcome" }
  | { name: "find"; mode: FindMode; value: string; error: Message | null; busy: boolean }
  | { name: "matches"; mode: FindMode; matches: AppointmentMatch[] }
  /** `searched`: the number or code looked for, as the field showed it (null: "None of these is me"). */
  | { name: "notFound"; mode: FindMode; searched: string | null }
  | { name: "later"; mode: FindMode; startsAt: string }
  | { name: "walkIn"; value: string; error: Message | null; busy: boolean }
  | { name: "walkInDone"; firstName: string }
  | { name: "confirm"; match: AppointmentMatch; party: Party; busy: boolean }
  /** `picked`: the add-ons tapped so far where the guest picks several before going on (`picksSeveral`). */
  | {
      name: "offer";
      visit: KioskVisit;
      party: Party;
      shownAt: number;
      error: Message | null;
      busy: boolean;
      already: boolean;
      picked: number[];
    }
  /** An add-on's screening questions, and the kind "not today" (screening.ts). */
  | ScreeningScreen
  | NotTodayScreen
  | PreferencesScreen
  | {
      name: "done";
      visit: KioskVisit;
      party: Party;
      already: boolean;
      notice: "locked" | "voided" | null;
      busy: boolean;
    }
  | { name: "gone"; message: Message }
  | { name: "error"; message: Message };
export type ScreenOf<N extends Screen["name"]> = Extract<Screen, { name: N }>;

/** A step of this screen waits on the main process (a check-in, a choice, a search being sent): the kiosk says so. */
export const isWorking = (s: Screen): boolean =>
  s.name === "screening" || s.name === "notToday" ? s.offer.busy : "busy" in s && s.busy;

/** The screening steps' screens (their logic: screening.ts). */
/**
 * One add-on's questions on screen; `wanted`: every add-on the guest chose; `answered`: the add-ons answered so far.
 */
export interface ScreeningScreen {
  name: "screening";
  offer: ScreenOf<"offer">;
  wanted: number[];
  addonId: number;
  answers: (ScreeningAnswer | null)[];
  answered: ScreeningAnswers[];
}
/**
 * An add-on the answers say is not for today; `alternative`: another add-on the guest may take instead (fits, not
 * screened out).
 */
export interface NotTodayScreen {
  name: "notToday";
  offer: ScreenOf<"offer">;
  addonId: number;
  wanted: number[];
  alternative: number | null;
  answered: ScreeningAnswers[];
}

/** The preferences step's screen (its logic: preferences.ts). */
export type PreferencesError = "preferences.errors.notSaved";

export type PreferencesScreen = {
  name: "preferences";
  visit: KioskVisit;
  party: Party;
  already: boolean;
  draft: Preferences;
  /** The draft is the guest's last visit's, shown to confirm or change. */
  lastVisit: boolean;
  /** Where the step goes on to: the Done screen it was opened from, or (null) the offer or Done after a check-in. */
  back: ScreenOf<"done"> | null;
  /** The "other allergy" keyboard is open. */
  typing: boolean;
  busy: boolean;
  error: PreferencesError | null;
};

export const WARN_SECONDS = 15;
const DONE_SECONDS = 8;
/** Done with someone of the party still to check in: time for the next one to step up and read. */
const DONE_PARTY_SECONDS = 20;
/** How long a last screen stays before it clears itself (null: it waits for the guest). */
export const clearsAfter = (s: Screen): number | null =>
  s.name === "done"
    ? s.party.length > 0
      ? DONE_PARTY_SECONDS
      : DONE_SECONDS
    : s.name === "walkInDone"
      ? DONE_SECONDS
      : null;

export const WELCOME: Screen = { name: "welcome" };
export const newFind = (mode: FindMode = "phone"): ScreenOf<"find"> => ({
  name: "find",
  mode,
  value: "",
  error: null,
  busy: false,
});
export const newWalkIn = (): ScreenOf<"walkIn"> => ({ name: "walkIn", value: "", error: null, busy: false });
