import i18next, { type i18n } from "i18next";
import { resources, type Lang } from "../../common/i18n";

const instances = new Map<Lang, i18n>();

/**
 * The kiosk's own message catalogs, one i18next instance per language, so the back office's
 * preview renders the offer card with exactly the words the kiosk uses ("+15 min", "Add …").
 */
export function kioskI18n(lang: Lang): i18n {
  let instance = instances.get(lang);
  if (!instance) {
    instance = i18next.createInstance();
    void instance.init({
      resources,
      lng: lang,
      fallbackLng: "en",
      interpolation: { escapeValue: false },
      initAsync: false,
    });
    instances.set(lang, instance);
  }
  return instance;
}
