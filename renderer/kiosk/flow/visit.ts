/** The visit after the check-in: the offer, the guest's choice, Done, and what the desk changed meanwhile. */
import type { AddonChoice, KioskVisit, OfferCard } from "../../../contract/channels";
import { money, spaLocale } from "../../common/format";
import type { Lang } from "../../common/i18n";
import type { Party, Screen, ScreenOf } from "./screen";

export const chosenCards = (visit: KioskVisit): OfferCard[] =>
  visit.offer.cards.filter((c) => visit.offer.selectedAddonIds.includes(c.addonId));
/**
 * Add-ons taken together: their titles, what they cost and the minutes they add (the "all" button, the Done screen).
 */
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

/**
 * The visit whose offer the guest leaves unanswered when the kiosk goes back to Welcome from this screen (it idled out,
 * or Cancel): the offer, its questions, or a returning guest's preferences on the way to it, while the offer is open.
 * Null: nothing left open (answered, settled, or nothing to choose). The desk is told (kiosk.leaveOffer).
 */
export function leftOpenOffer(s: Screen): number | null {
  const visit =
    s.name === "offer" || (s.name === "preferences" && s.back === null)
      ? s.visit
      : s.name === "screening" || s.name === "notToday"
        ? s.offer.visit
        : null;
  return visit && visit.offer.status === "offered" && canChange(visit) ? visit.appointmentId : null;
}

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
