import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { OfferCard as OfferCardData } from "../../contract/channels";
import { money, spaLocale } from "./format";
import "./offer-card.css";

interface Props {
  card: OfferCardData;
  /**
   * The guest chose this one (before, coming back to change; or picked now, among several): the
   * card is marked and its button takes it off ("Added ✓ — tap to remove"). Never pre-ticked on a
   * first offer.
   */
  selected: boolean;
  /** Picking several: this one would not fit before the next booking together with those picked. */
  blocked?: boolean;
  disabled?: boolean;
  /** The card's one button; without it (the back-office preview) the button is inert. */
  onTap?: () => void;
}

/**
 * One add-on offer as the guest sees it: title, price and extra minutes, benefit lines, and its
 * button (or, when it does not fit today, why). The kiosk's offer screen and the back office's
 * live preview both render this, so the preview is the card, not a copy of it. Strings come from
 * the i18next instance in context (the preview provides one per language).
 */
export function OfferCard({ card, selected, blocked = false, disabled = false, onTap }: Props) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  return (
    <article
      className={`card offer-card${card.available ? "" : " unavailable"}${selected ? " chosen" : ""}`}
      aria-labelledby={headingId}
    >
      <h2 id={headingId}>
        {card.title}
        {selected && <span className="badge">{t("offer.chosen")}</span>}
      </h2>
      <p className="price">
        {money(card.priceCents, spaLocale(i18n.language))}{" "}
        <span>· {t("offer.minutes", { count: card.extraMinutes })}</span>
      </p>
      <ul className="benefits">
        {card.benefits.map((b, i) => (
          <li key={`${i}-${b}`}>{b}</li>
        ))}
      </ul>
      {!card.available ? (
        <p className="unavailable-reason">
          <strong>{t("offer.unavailable")}</strong>
          <span>{card.unavailableReason ? t(`offer.reason.${card.unavailableReason}`) : ""}</span>
        </p>
      ) : selected ? (
        <button type="button" className="choice-button added" disabled={disabled} onClick={onTap}>
          {t("offer.remove")}
          <span className="visually-hidden"> ({card.title})</span>
        </button>
      ) : (
        <button type="button" className="choice-button" disabled={disabled || blocked} onClick={onTap}>
          {blocked ? t("offer.doesNotFit", { title: card.title }) : t("offer.add", { title: card.title })}
        </button>
      )}
    </article>
  );
}
