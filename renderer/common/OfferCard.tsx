import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { OfferCard as OfferCardData } from "../../contract/channels";
import { money, spaLocale } from "./format";
import "./offer-card.css";

interface Props {
  card: OfferCardData;
  /** The guest chose this one before (they came back to change): marked, never pre-ticked. */
  selected: boolean;
  disabled?: boolean;
  /** One tap adds this add-on and moves on; without it (the back-office preview) the button is inert. */
  onAdd?: () => void;
}

/**
 * One add-on offer as the guest sees it: title, price and extra minutes, benefit lines, and the
 * one-tap "Add …" button (or, when it does not fit today, why). The kiosk's offer screen and the
 * back office's live preview both render this, so the preview is the card, not a copy of it.
 * Strings come from the i18next instance in context (the preview provides one per language).
 */
export function OfferCard({ card, selected, disabled = false, onAdd }: Props) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  return (
    <article className={`card offer-card${card.available ? "" : " unavailable"}`} aria-labelledby={headingId}>
      <h2 id={headingId}>
        {card.title}
        {selected && <span className="badge">{t("offer.chosen")}</span>}
      </h2>
      <p className="price">
        {money(card.priceCents, spaLocale(i18n.language))} <span>· {t("offer.minutes", { count: card.extraMinutes })}</span>
      </p>
      <ul className="benefits">{card.benefits.map((b, i) => <li key={`${i}-${b}`}>{b}</li>)}</ul>
      {card.available ? (
        <button type="button" className="choice-button" disabled={disabled} onClick={onAdd}>
          {t("offer.add", { title: card.title })}
        </button>
      ) : (
        <p className="unavailable-reason">
          <strong>{t("offer.unavailable")}</strong>
          <span>{card.unavailableReason ? t(`offer.reason.${card.unavailableReason}`) : ""}</span>
        </p>
      )}
    </article>
  );
}
