import { useTranslation } from "react-i18next";
import { OfferCard } from "../../common/OfferCard";
import { offerChoices, togglePick } from "../flow/choices";
import type { ScreenOf } from "../flow/screen";
import { chosenCards, together } from "../flow/visit";
import { Heading, useKiosk } from "./shared";

/**
 * The add-ons as equal cards, any number of them. Up to two, one tap decides: add this one, add
 * both, or no thanks. From three on, the guest taps the cards they want and goes on with them
 * (or takes all at once). The decline is the same size and style as every "add", and nothing is
 * pre-selected on a first offer.
 */
export function Offer({ screen }: { screen: ScreenOf<"offer"> }) {
  const { t } = useTranslation();
  const { lang, go, steps } = useKiosk();
  const choose = (ids: number[]) => void steps.choose(screen, ids);
  const { cards, status } = screen.visit.offer;
  // Booked ahead in the booking system: never among the cards, said so the guest doesn't look for it.
  const booked = screen.visit.offer.booked.map((b) => b.title).join(" + ");
  const choices = offerChoices(screen);
  const current = chosenCards(screen.visit);
  const byId = (ids: number[]) => cards.filter((c) => ids.includes(c.addonId));
  const all = choices.all && together(byId(choices.all.ids), lang);
  const pickedTogether = choices.go && together(byId(choices.go), lang);
  const tap = (addonId: number) => {
    const a = choices.cards.get(addonId);
    if (a?.kind === "add" || a?.kind === "remove") choose(a.choose);
    else if (a?.kind === "pick" || a?.kind === "unpick") go(togglePick(screen, addonId));
  };
  return (
    <>
      <Heading>{t("offer.title")}</Heading>
      <p className="lead">{t(choices.several ? "offer.subtitleMany" : "offer.subtitle")}</p>
      {booked.length > 0 && <p className="note">{t("offer.booked", { list: booked })}</p>}
      {status !== "offered" && (
        <p className="note">
          {current.length > 0
            ? t("offer.yourChoice", { list: current.map((c) => c.title).join(" + ") })
            : t("offer.yourChoiceNone")}
        </p>
      )}
      <div className="offer-cards">
        {cards.map((card) => {
          const a = choices.cards.get(card.addonId);
          return (
            <OfferCard
              key={card.addonId}
              card={card}
              selected={choices.marked.includes(card.addonId)}
              blocked={a?.kind === "pick" && !a.fits}
              disabled={screen.busy}
              onTap={() => tap(card.addonId)}
            />
          );
        })}
      </div>
      {choices.notAllFit && <p className="note">{t(choices.several ? "offer.notAll" : "offer.onlyOne")}</p>}
      {screen.error && (
        <p className="error" role="alert">
          {t(screen.error)}
        </p>
      )}
      <div className="offer-actions">
        {choices.go && pickedTogether && (
          <button
            type="button"
            className="choice-button"
            disabled={screen.busy}
            onClick={() => choose(choices.go ?? [])}
          >
            <span>{t("offer.addPicked", { list: pickedTogether.list })}</span>
            <span className="detail">
              {t("offer.bothDetail", { price: pickedTogether.price, count: pickedTogether.minutes })}
            </span>
          </button>
        )}
        {choices.all && all && (
          <button
            type="button"
            className="choice-button"
            disabled={screen.busy}
            onClick={() => choose(choices.all?.ids ?? [])}
          >
            <span>
              {choices.all.count === 2 ? t("offer.addBoth") : t("offer.addAll", { count: choices.all.count })}
            </span>
            <span className="detail">{t("offer.bothDetail", { price: all.price, count: all.minutes })}</span>
          </button>
        )}
        <button type="button" className="choice-button" disabled={screen.busy} onClick={() => choose([])}>
          {t("offer.noThanks")}
        </button>
      </div>
    </>
  );
}
