/**
 * The kiosk's flow, without React or the screen: which screens there are, what each step's answer
 * (or refusal) leads to, and which message a guest reads when something fails. Every function is
 * pure, so the flow is tested under Node (flow.test.ts); `useFlow` runs the async steps with it
 * and the files in screens/ draw each screen.
 */
import type { AddonChoice, AppointmentMatch, KioskVisit, OfferCard } from "../../contract/channels";
import { ApiError } from "../common/api";
import { money, spaLocale } from "../common/format";
import type { Lang } from "../common/i18n";
import type { Preferences } from "../../contract/preferences";
import type { ScreeningAnswer, ScreeningAnswers } from "../../contract/screening";
import {
  CODE_LENGTH,
  MIN_PHONE_DIGITS,
  checkCode,
  checkName,
  checkPhone,
  groupPhoneDigits,
  phoneComplete,
  phoneFieldValue,
} from "./input";

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

/** The screening steps' screens (their logic: screening.ts). */
/** One add-on's questions on screen; `wanted`: every add-on the guest chose; `answered`: the add-ons answered so far. */
export interface ScreeningScreen {
  name: "screening";
  offer: ScreenOf<"offer">;
  wanted: number[];
  addonId: number;
  answers: (ScreeningAnswer | null)[];
  answered: ScreeningAnswers[];
}
/** An add-on the answers say is not for today; `alternative`: another add-on the guest may take instead (fits, not screened out). */
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

/** A refusal from the main process, as the catalog message for this guest. */
export function messageFor(e: unknown): Message {
  if (e instanceof ApiError) {
    if (e.code === "NOT_FOUND") return "gone.missing";
    if (e.code === "CONFLICT") return "gone.inactive";
  }
  return "error.generic";
}
const refused = (e: unknown, code: string): boolean => e instanceof ApiError && e.code === code;

// ── Finding the booking ──────────────────────────────────────────────────────────────────────

/** "Not found" in the words of what was searched: a guest who typed a code is not told about numbers. */
export const notFoundBody = (mode: FindMode): Message =>
  mode === "phone" ? "notFound.bodyPhone" : "notFound.bodyCode";

export type FindQuery = { by: "phone"; phone: string } | { by: "code"; code: string };
export const queryOf = (mode: FindMode, value: string): FindQuery =>
  mode === "phone" ? { by: "phone", phone: checkPhone(value).digits } : { by: "code", code: checkCode(value).code };

/**
 * A key from the keypad or keyboard, or a typed value: the field as it now reads, and whether
 * the value is complete enough to search by itself (a whole phone number, a 6-character code).
 */
export function typeInFind(s: ScreenOf<"find">, value: string): { screen: ScreenOf<"find">; search: boolean } {
  if (s.mode === "phone") {
    const kept = phoneFieldValue(value);
    const { digits, problem } = checkPhone(kept);
    return {
      screen: { ...s, value: kept, error: problem ? `find.errors.${problem}` : null },
      search: !problem && phoneComplete(digits) && !s.busy,
    };
  }
  const { code, problem } = checkCode(value);
  return {
    screen: { ...s, value: problem ? value : code, error: problem ? "find.errors.codeFormat" : null },
    search: !problem && code.length === CODE_LENGTH && !s.busy,
  };
}

/** "Find me" (or Enter): the field's problem, or null when it may be searched. */
export function findProblem(s: ScreenOf<"find">): Message | null {
  if (s.mode === "phone") {
    const { digits, problem } = checkPhone(s.value);
    if (problem) return `find.errors.${problem}`;
    return digits.length < MIN_PHONE_DIGITS ? "find.errors.tooShort" : null;
  }
  const { code, problem } = checkCode(s.value);
  return problem || code.length < 4 ? "find.errors.codeFormat" : null;
}

/** Confirming one of a search's bookings: the others not yet checked in come along as its party. */
export const confirmOne = (match: AppointmentMatch, found: AppointmentMatch[]): ScreenOf<"confirm"> => ({
  name: "confirm",
  match,
  party: found.filter((m) => m.appointmentId !== match.appointmentId && !m.checkedIn && !m.ended),
  busy: false,
});

/**
 * Where a search's answer leads. `auto`: the search ran by itself at 6 code characters; a code
 * may be longer, so "not found" then stays on the field for the guest to keep typing.
 */
export function afterSearch(
  s: ScreenOf<"find">,
  auto: boolean,
  found: { matches: AppointmentMatch[]; laterStartsAt: string | null },
): Screen {
  const { mode, value } = s;
  const [first] = found.matches;
  if (found.laterStartsAt !== null) return { name: "later", mode, startsAt: found.laterStartsAt };
  if (!first) {
    if (auto && mode === "code") return { ...s, error: notFoundBody(mode), busy: false };
    const query = queryOf(mode, value);
    return { name: "notFound", mode, searched: query.by === "phone" ? groupPhoneDigits(query.phone) : query.code };
  }
  return found.matches.length === 1
    ? confirmOne(first, found.matches)
    : { name: "matches", mode, matches: found.matches };
}

/** A search refused: a value the main process would not read is the field's own error. */
export const searchFailed = (s: ScreenOf<"find">, e: unknown): Screen => ({
  ...s,
  error: refused(e, "INVALID_INPUT")
    ? s.mode === "phone"
      ? "find.errors.tooShort"
      : "find.errors.codeFormat"
    : "error.generic",
  busy: false,
});

// ── Walk-ins ─────────────────────────────────────────────────────────────────────────────────

export function walkInProblem(value: string): { name: string; problem: Message | null } {
  const { name, problem } = checkName(value);
  return { name, problem: problem ? `walkIn.errors.${problem}` : null };
}
export const walkInFailed = (s: ScreenOf<"walkIn">, e: unknown): Screen => ({
  ...s,
  busy: false,
  error: refused(e, "FORBIDDEN")
    ? "walkIn.errors.notAllowed"
    : refused(e, "INVALID_INPUT")
      ? "walkIn.errors.lettersOnly"
      : "error.generic",
});

// ── The visit: offer and Done ────────────────────────────────────────────────────────────────

export const chosenCards = (visit: KioskVisit): OfferCard[] =>
  visit.offer.cards.filter((c) => visit.offer.selectedAddonIds.includes(c.addonId));
/** Add-ons taken together: their titles, what they cost and the minutes they add (the "all" button, the Done screen). */
export const together = (cards: OfferCard[], lang: Lang) => ({
  list: cards.map((c) => c.title).join(" + "),
  price: money(
    cards.reduce((sum, c) => sum + c.priceCents, 0),
    spaLocale(lang),
  ),
  minutes: cards.reduce((sum, c) => sum + c.extraMinutes, 0),
});
export const canChange = (visit: KioskVisit): boolean =>
  !visit.offer.locked && visit.offer.cards.some((c) => c.available);

const offerFor = (visit: KioskVisit, party: Party, already: boolean, shownAt: number): ScreenOf<"offer"> => ({
  name: "offer",
  visit,
  party,
  shownAt,
  error: null,
  busy: false,
  already,
  // Where the guest picks several, coming back starts from their choice (marked, so they can take one off).
  picked: visit.offer.selectedAddonIds.filter((id) => visit.offer.cards.some((c) => c.addonId === id && c.available)),
});

/** After a check-in: the offer while the guest may still choose (first time, or not yet answered), else Done. */
export function visitScreen(visit: KioskVisit, party: Party, already: boolean, shownAt: number): Screen {
  if (canChange(visit) && (visit.offer.status === "offered" || !already))
    return offerFor(visit, party, already, shownAt);
  const notice = visit.offer.status === "voided" ? "voided" : visit.offer.locked && already ? "locked" : null;
  return { name: "done", visit, party, already, notice, busy: false };
}

/** The visit read again after the desk touched it: Done with what the desk did, or sent to the desk. */
export function afterDeskChange(
  answer: { checkedIn: boolean; visit: KioskVisit | null },
  party: Party,
  already: boolean,
): Screen {
  const { visit } = answer;
  if (!answer.checkedIn || !visit) return { name: "gone", message: "gone.undone" };
  const notice = visit.offer.status === "voided" ? "voided" : visit.offer.locked ? "locked" : null;
  return { name: "done", visit, party, already, notice, busy: false };
}

/** "Change my add-on" on Done: the offer again, unless the desk settled it meanwhile. */
export function changeScreen(
  s: ScreenOf<"done">,
  answer: { checkedIn: boolean; visit: KioskVisit | null },
  shownAt: number,
): Screen {
  const { visit } = answer;
  if (!answer.checkedIn || !visit) return { name: "gone", message: "gone.undone" };
  if (canChange(visit)) return offerFor(visit, s.party, true, shownAt);
  return {
    name: "done",
    visit,
    party: s.party,
    already: s.already,
    notice: visit.offer.status === "voided" ? "voided" : "locked",
    busy: false,
  };
}

/** The guest's choice, recorded: Done repeats it. */
export const afterChoice = (s: ScreenOf<"offer">, choice: AddonChoice): Screen => ({
  name: "done",
  visit: {
    ...s.visit,
    offer: { ...s.visit.offer, status: choice.status, selectedAddonIds: choice.chosen.map((c) => c.addonId) },
  },
  party: s.party,
  already: s.already,
  notice: null,
  busy: false,
});

/**
 * The schedule moved while the guest read the offer, or a manager saved new screening questions
 * (`screening`: the refusal named them): the cards as they are now, and why.
 */
export const offerMoved = (s: ScreenOf<"offer">, visit: KioskVisit, screening = false): ScreenOf<"offer"> => ({
  ...offerFor(visit, s.party, s.already, s.shownAt),
  error: screening ? "offer.errors.questionsChanged" : "offer.errors.notAvailable",
});

// ── The offer's choices, for any number of add-ons ───────────────────────────────────────────

/**
 * Up to two add-ons, every choice has a button of its own (each one, both, none), so one tap
 * decides. From three on the combinations outnumber any row of buttons: the guest taps the cards
 * they want, then goes on with them.
 */
export const picksSeveral = (offer: KioskVisit["offer"]): boolean => offer.cards.filter((c) => c.available).length >= 3;

export type CardAction =
  /** Choose just this add-on and go on (one tap decides). */
  | { kind: "add"; choose: number[] }
  /** Chosen before: take it off (one tap decides; the rest of the choice stays). */
  | { kind: "remove"; choose: number[] }
  /** Picking several: put it among the picked, or take it off. `fits` false: it would not fit with the others. */
  | { kind: "pick"; fits: boolean }
  | { kind: "unpick" }
  /** Not available today (the card says why). */
  | { kind: "none" };

export interface OfferChoices {
  several: boolean;
  /** What each card's button does, by add-on id. */
  cards: Map<number, CardAction>;
  /** Which cards show as chosen. */
  marked: number[];
  /** Every available add-on at once, when they all fit ("Add both", "Add all 3"). */
  all: { ids: number[]; count: number } | null;
  /** Some of the available add-ons do not fit together before the next booking. */
  notAllFit: boolean;
  /** Picking several: the picked ones, to go on with (null: none picked). */
  go: number[] | null;
}

export function offerChoices(s: ScreenOf<"offer">): OfferChoices {
  const { cards, freeMinutes, selectedAddonIds, status } = s.visit.offer;
  const available = cards.filter((c) => c.available);
  const minutesOf = (ids: number[]) =>
    available.filter((c) => ids.includes(c.addonId)).reduce((sum, c) => sum + c.extraMinutes, 0);
  const fit = (ids: number[]) => freeMinutes === null || minutesOf(ids) <= freeMinutes;
  const allIds = available.map((c) => c.addonId);
  const allFit = fit(allIds);
  const several = picksSeveral(s.visit.offer);
  // Chosen before, and still standing: only an answered offer has a choice to take one off.
  const earlier = status === "offered" ? [] : selectedAddonIds;
  const action = (id: number): CardAction => {
    if (!allIds.includes(id)) return { kind: "none" };
    if (several) return s.picked.includes(id) ? { kind: "unpick" } : { kind: "pick", fits: fit([...s.picked, id]) };
    return earlier.includes(id)
      ? { kind: "remove", choose: earlier.filter((x) => x !== id) }
      : { kind: "add", choose: [id] };
  };
  return {
    several,
    cards: new Map(cards.map((c) => [c.addonId, action(c.addonId)])),
    marked: several ? s.picked : earlier,
    // Once every one is picked, going on with them says the same as "all".
    all:
      allIds.length >= 2 && allFit && !(several && s.picked.length === allIds.length)
        ? { ids: allIds, count: allIds.length }
        : null,
    notAllFit: allIds.length >= 2 && !allFit,
    go: several && s.picked.length > 0 ? s.picked : null,
  };
}

/** A tap on a card where the guest picks several: on or off; a pick that would not fit is ignored. */
export function togglePick(s: ScreenOf<"offer">, addonId: number): ScreenOf<"offer"> {
  const a = offerChoices(s).cards.get(addonId);
  if (a?.kind === "unpick") return { ...s, picked: s.picked.filter((id) => id !== addonId), error: null };
  if (a?.kind === "pick" && a.fits) return { ...s, picked: [...s.picked, addonId], error: null };
  return s;
}
