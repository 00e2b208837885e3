import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { languageSchema, type Language } from "../../contract/common";
import en from "../locales/en.json";
import es from "../locales/es.json";
import zh from "../locales/zh.json";

export const LANGUAGES = languageSchema.options;
export type Lang = Language;

/** The kiosk's message catalogs, one per language of the contract's `languageSchema`. */
export const resources: Record<Lang, { translation: object }> = {
  en: { translation: en },
  es: { translation: es },
  zh: { translation: zh },
};

/** i18next with the bundled catalogs; a key missing in another language falls back to English. */
export async function initI18n(lang: Lang = "en"): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources,
    lng: lang,
    fallbackLng: "en",
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18next;
}
