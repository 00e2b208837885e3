import { OfferCard } from "../../../common/OfferCard";
import { KioskPreview } from "../KioskPreview";
import { LANGS, previewCard, type Draft } from "./draft";

/** The add-on's card exactly as the kiosk draws it, in every language at both text sizes, as the form stands. */
export function OfferPreview({ draft }: { draft: Draft }) {
  return (
    <section className="offer-preview" aria-labelledby="preview-title">
      <h2 id="preview-title">Kiosk preview</h2>
      <p className="hint">As guests see the card, at both text sizes. Updates as you type.</p>
      {LANGS.map(({ lang, label }) => (
        <div key={lang} className="preview-lang">
          <h3>{label}</h3>
          <KioskPreview lang={lang} testId="preview">
            <OfferCard card={previewCard(draft, lang)} selected={false} />
          </KioskPreview>
        </div>
      ))}
    </section>
  );
}
