import { I18nextProvider } from "react-i18next";
import { OfferCard } from "../../../common/OfferCard";
import { kioskI18n } from "../kioskI18n";
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
          <div className="preview-sizes">
            {(["normal", "large"] as const).map((size) => (
              <figure key={size} className="preview-figure">
                <figcaption>{size === "normal" ? "Normal text" : "Large text"}</figcaption>
                <div className={`kiosk-frame ${size}`} lang={lang} inert data-testid={`preview-${lang}-${size}`}>
                  <I18nextProvider i18n={kioskI18n(lang)}>
                    <OfferCard card={previewCard(draft, lang)} selected={false} />
                  </I18nextProvider>
                </div>
              </figure>
            ))}
          </div>
        </div>
      ))}
    </section>
  );
}
