import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { OfferCard as OfferCardData } from "../../contract/channels";
import { money } from "./format";
import "./offer-card.css";

interface Props {
  card: OfferCardData;
  selected: boolean;
  disabled?: boolean;
  onToggle?: () => void;
}

/**
 * One add-on offer as the guest sees it: title, price and extra minutes, benefit lines, and the
 * add/remove toggle (or why it is unavailable today). The kiosk's offer screen and the back
 * office's live preview both render this, so the preview is the card, not a copy of it.
 * Strings come from the i18next instance in context (the preview provides one per language).
 */
export function OfferCard({ card, selected, disabled = false, onToggle }: Props) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  return (
    <article className={`card offer-card${selected ? " selected" : ""}${card.available ? "" : " unavailable"}`} aria-labelledby={headingId}>
      <h2 id={headingId}>{card.title}</h2>
      <p className="price">
        {money(card.priceCents, i18n.language)} <span>· {t("offer.minutes", { count: card.extraMinutes })}</span>
      </p>
      <ul className="benefits">{card.benefits.map((b, i) => <li key={`${i}-${b}`}>{b}</li>)}</ul>
      {card.available ? (
        <button type="button" className={selected ? "toggle on" : "toggle"} aria-pressed={selected} disabled={disabled} onClick={onToggle}>
          {selected ? t("offer.added", { title: card.title }) : t("offer.add", { title: card.title })}
        </button>
      ) : (
        <p className="unavailable-reason"><strong>{t("offer.unavailable")}.</strong> {card.unavailableReason}</p>
      )}
    </article>
  );
}
