import { I18nextProvider } from "react-i18next";
import type { ReactNode } from "react";
import type { Lang } from "../../common/i18n";
import { kioskI18n } from "./kioskI18n";
import "./kiosk-preview.css";

/**
 * A piece of the kiosk drawn in the back office exactly as guests see it, in `lang` at both text
 * sizes, with the kiosk's own words; `testId` names each frame (`${testId}-${lang}-${size}`).
 */
export function KioskPreview({ lang, testId, children }: { lang: Lang; testId: string; children: ReactNode }) {
  return (
    <div className="preview-sizes">
      {(["normal", "large"] as const).map((size) => (
        <figure key={size} className="preview-figure">
          <figcaption>{size === "normal" ? "Normal text" : "Large text"}</figcaption>
          <div className={`kiosk-frame ${size}`} lang={lang} inert data-testid={`${testId}-${lang}-${size}`}>
            <I18nextProvider i18n={kioskI18n(lang)}>{children}</I18nextProvider>
          </div>
        </figure>
      ))}
    </div>
  );
}
