/**
 * An add-on as the back office edits it: the form's draft (text as typed, every kiosk language),
 * turned into what the contract takes, and the card the kiosk would show for it. Pure, tested
 * beside it (draft.test.ts).
 */
import type { AddonAdmin, AddonInput, ServiceAdmin } from "../../../../contract/admin";
import type { OfferCard as OfferCardData } from "../../../../contract/channels";
import { languageChoiceLabel, languageNames, languageSchema, otherLanguages } from "../../../../contract/common";
import type { Lang } from "../../../common/i18n";
import { dollars, localError, parseDollars, parseWhole, type FormError } from "../form";

/** The kiosk's languages as the form labels them. */
export const LANGS: readonly { lang: Lang; label: string; short: string }[] = languageSchema.options.map((lang) => ({
  lang,
  label: languageChoiceLabel(lang),
  short: languageNames[lang],
}));

export interface TextDraft {
  title: string;
  benefits: [string, string, string];
}
export interface Draft {
  id: number | undefined;
  code: string;
  price: string;
  extraMinutes: string;
  sortOrder: string;
  active: boolean;
  serviceIds: number[];
  texts: Record<Lang, TextDraft>;
  acknowledgePending: boolean;
}

const textDraft = (t: { title: string; benefits: string[] } | undefined): TextDraft => ({
  title: t?.title ?? "",
  benefits: [t?.benefits[0] ?? "", t?.benefits[1] ?? "", t?.benefits[2] ?? ""],
});
/** A draft for every kiosk language, blank where the add-on has no copy in it. */
export const textDrafts = (texts: Partial<AddonAdmin["texts"]>): Record<Lang, TextDraft> =>
  Object.fromEntries(languageSchema.options.map((lang) => [lang, textDraft(texts[lang])])) as Record<Lang, TextDraft>;

export const fromAddon = (a: AddonAdmin): Draft => ({
  id: a.id,
  code: a.code,
  price: dollars(a.priceCents),
  extraMinutes: String(a.extraMinutes),
  sortOrder: String(a.sortOrder),
  active: a.active,
  serviceIds: a.serviceIds,
  texts: textDrafts(a.texts),
  acknowledgePending: false,
});

export const newDraft = (order: number, services: ServiceAdmin[]): Draft => ({
  id: undefined,
  code: "",
  price: "",
  extraMinutes: "10",
  sortOrder: String(order),
  active: true,
  serviceIds: services.filter((s) => s.active).map((s) => s.id),
  texts: textDrafts({}),
  acknowledgePending: false,
});

/** Two benefit lines always go (an empty one gets the contract's message); the third when written. */
const lines = (t: TextDraft): string[] => [
  t.benefits[0],
  t.benefits[1],
  ...(t.benefits[2].trim() ? [t.benefits[2]] : []),
];

/**
 * The copy the contract takes from the drafts of every language. A language left wholly blank has no copy (the kiosk
 * shows English there); a half-written one is sent as typed, for the contract's message on its field.
 */
export function copyOf(drafts: Record<Lang, TextDraft>): AddonInput["texts"] {
  const texts: AddonInput["texts"] = { en: { title: drafts.en.title, benefits: lines(drafts.en) } };
  for (const lang of otherLanguages) {
    const t = drafts[lang];
    if (t.title.trim() || t.benefits.some((b) => b.trim())) texts[lang] = { title: t.title, benefits: lines(t) };
  }
  return texts;
}

export function toInput(d: Draft): AddonInput | FormError {
  const priceCents = parseDollars(d.price);
  if (priceCents === null) return localError("priceCents", "Enter a price in dollars, e.g. 25 or 25.50.");
  const extraMinutes = parseWhole(d.extraMinutes);
  if (extraMinutes === null) return localError("extraMinutes", "Enter the extra time in whole minutes.");
  const sortOrder = parseWhole(d.sortOrder);
  if (sortOrder === null) return localError("sortOrder", "Enter a whole number (0 shows first).");
  return {
    ...(d.id !== undefined ? { id: d.id } : {}),
    code: d.code,
    priceCents,
    extraMinutes,
    sortOrder,
    active: d.active,
    serviceIds: d.serviceIds,
    texts: copyOf(d.texts),
    ...(d.acknowledgePending ? { acknowledgePending: true } : {}),
  };
}

/** What the kiosk's card is drawn from: an add-on's form, or one add-on of the chain's release form. */
export type CardDraft = Pick<Draft, "code" | "price" | "extraMinutes" | "texts"> & { id?: number | undefined };

/** The card exactly as the kiosk will render it, from the form as it stands. */
export function previewCard(d: CardDraft, lang: Lang): OfferCardData {
  // Like the kiosk: without copy in a language, the English copy is shown.
  const text = d.texts[lang].title.trim() ? d.texts[lang] : d.texts.en;
  return {
    addonId: d.id ?? 1,
    code: d.code || "new",
    title: text.title.trim() || "Title",
    benefits: text.benefits.map((b) => b.trim()).filter(Boolean),
    priceCents: Math.max(0, Math.min(parseDollars(d.price) ?? 0, 1_000_000)),
    extraMinutes: Math.max(0, parseWhole(d.extraMinutes) ?? 0),
    available: true,
    unavailableReason: null,
    screening: null,
  };
}

export const FIELDS = [
  "code",
  "priceCents",
  "extraMinutes",
  "sortOrder",
  "active",
  "serviceIds",
  ...LANGS.flatMap(({ lang }) => [
    `texts.${lang}.title`,
    `texts.${lang}.benefits`,
    `texts.${lang}.benefits.0`,
    `texts.${lang}.benefits.1`,
    `texts.${lang}.benefits.2`,
  ]),
];
