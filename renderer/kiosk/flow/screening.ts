/**
 * The kiosk's screening questions, without React: choosing an add-on that has questions shows
 * them before it is added, one add-on at a time. "None of these apply to me" answers every one
 * "no" in one tap; "I'd rather not say" is always there (the therapist will check). An add-on the
 * answers say is not for today is not added: the guest is told kindly and offered the other one
 * where it fits. Pure, like the rest of the flow, and tested under Node (screening.test.ts).
 */
import type { OfferCard } from "../../../contract/channels";
import { screeningOutcome, type ScreeningAnswer, type ScreeningAnswers } from "../../../contract/screening";
import type { NotTodayScreen, ScreenOf, ScreeningScreen } from "./screen";

/** Where a step leads: another screen, or the choice to send with its answers. */
export type ScreeningStep =
  | { screen: ScreeningScreen | NotTodayScreen }
  | { send: { offer: ScreenOf<"offer">; addonIds: number[]; screening: ScreeningAnswers[] } };

const cardOf = (offer: ScreenOf<"offer">, addonId: number): OfferCard | undefined =>
  offer.visit.offer.cards.find((c) => c.addonId === addonId);

/**
 * The guest chose `addonIds` on the offer (none: "No thanks"): the questions of the first chosen
 * add-on not yet answered, or, when every one is answered, the choice to send. An add-on already
 * in the guest's earlier choice (changing their mind from Done) was answered then: not asked again.
 */
export function pick(offer: ScreenOf<"offer">, addonIds: number[], answered: ScreeningAnswers[] = []): ScreeningStep {
  const { status, selectedAddonIds } = offer.visit.offer;
  const earlier = status === "offered" ? [] : selectedAddonIds;
  const next = addonIds.find((id) => {
    const s = cardOf(offer, id)?.screening;
    return s && s.questions.length > 0 && !earlier.includes(id) && !answered.some((a) => a.addonId === id);
  });
  const questions = next === undefined ? null : cardOf(offer, next)?.screening?.questions;
  if (next === undefined || !questions) return { send: { offer, addonIds, screening: answered } };
  return {
    screen: { name: "screening", offer, wanted: addonIds, addonId: next, answers: questions.map(() => null), answered },
  };
}

/** A tap on Yes or No for question `index`. */
export const answer = (s: ScreeningScreen, index: number, a: "yes" | "no"): ScreeningScreen => ({
  ...s,
  answers: s.answers.map((x, i) => (i === index ? a : x)),
});

/** "None of these apply to me" shows only until a question is answered yes. */
export const noneApplyShown = (s: { answers: readonly (ScreeningAnswer | null)[] }): boolean =>
  !s.answers.includes("yes");
/** "Continue" goes on once every question has an answer. */
export const canContinue = (s: { answers: readonly (ScreeningAnswer | null)[] }): boolean =>
  s.answers.every((a) => a !== null);

/**
 * The add-on's answers are in (`all`: "none apply" answers every one "no", "I'd rather not say"
 * every one "skip"): not today leads to the kind explanation, anything else to the next add-on's
 * questions or the choice itself.
 */
export function finish(s: ScreeningScreen, all?: "no" | "skip"): ScreeningStep {
  const screening = cardOf(s.offer, s.addonId)?.screening;
  const answers = s.answers.map((a) => all ?? a ?? "skip");
  const entry: ScreeningAnswers = { addonId: s.addonId, version: screening?.version ?? 1, answers };
  const answered = [...s.answered.filter((a) => a.addonId !== s.addonId), entry];
  if (screeningOutcome(screening?.questions ?? [], answers) !== "notToday") return pick(s.offer, s.wanted, answered);
  const wanted = s.wanted.filter((id) => id !== s.addonId);
  return {
    screen: {
      name: "notToday",
      offer: s.offer,
      addonId: s.addonId,
      wanted,
      alternative: alternativeTo(s.offer, wanted, answered),
      answered,
    },
  };
}

/**
 * The add-on to offer instead of a screened-out one: one still available, not already chosen,
 * not itself screened out, and fitting before the next booking with the rest of the choice.
 */
export function alternativeTo(offer: ScreenOf<"offer">, wanted: number[], answered: ScreeningAnswers[]): number | null {
  const { cards, freeMinutes } = offer.visit.offer;
  const minutes = (ids: number[]) =>
    cards.filter((c) => ids.includes(c.addonId)).reduce((sum, c) => sum + c.extraMinutes, 0);
  const screenedOut = (c: OfferCard) =>
    answered.some(
      (a) => a.addonId === c.addonId && screeningOutcome(c.screening?.questions ?? [], a.answers) === "notToday",
    );
  const other = cards.find(
    (c) =>
      c.available &&
      !wanted.includes(c.addonId) &&
      !screenedOut(c) &&
      (freeMinutes === null || minutes([...wanted, c.addonId]) <= freeMinutes),
  );
  return other?.addonId ?? null;
}

/** On "not today": take the other add-on instead (its own questions first), or go on without. */
export const takeInstead = (s: NotTodayScreen): ScreeningStep =>
  s.alternative === null
    ? pick(s.offer, s.wanted, s.answered)
    : pick(s.offer, [...s.wanted, s.alternative], s.answered);
export const goOnWithout = (s: NotTodayScreen): ScreeningStep => pick(s.offer, s.wanted, s.answered);
