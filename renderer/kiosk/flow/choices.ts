/** The offer's choices, for any number of add-ons: what each card's button does, "all of them", picking several. */
import type { KioskVisit } from "../../../contract/channels";
import type { ScreenOf } from "./screen";

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
