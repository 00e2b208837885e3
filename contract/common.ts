import { z } from "zod";

/** Database ids are positive integers. */
export const idSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
/** A calendar day in the spa's time zone. */
export const localDaySchema = z.iso.date();
/** An instant, always UTC, ISO 8601 with Z. */
export const instantSchema = z.iso.datetime();
export const centsSchema = z.number().int().min(0).max(10_000_00);
/** The kiosk's languages: English, the spa's own, first; each other one is offered where the back office turns it on. */
export const languageSchema = z.enum(["en", "es", "zh"]);
export type Language = z.infer<typeof languageSchema>;
/** Each language by its English name, as the desk and the therapist's ticket name it. */
export const languageNames: Record<Language, string> = { en: "English", es: "Spanish", zh: "Chinese" };
/** Each language by its own name, as its speakers look for it on a button. */
export const languageOwnNames: Record<Language, string> = { en: "English", es: "Español", zh: "中文" };
/** A language as staff pick it: "Spanish (Español)", "English". */
export const languageChoiceLabel = (lang: Language): string =>
  languageNames[lang] === languageOwnNames[lang] ? languageNames[lang] : `${languageNames[lang]} (${languageOwnNames[lang]})`;
/** The languages besides English, whose add-on copy is optional until the kiosk offers them. */
export const otherLanguageSchema = languageSchema.exclude(["en"]);
export type OtherLanguage = z.infer<typeof otherLanguageSchema>;
export const otherLanguages = otherLanguageSchema.options;
export const roleSchema = z.enum(["receptionist", "manager"]);
export type Role = z.infer<typeof roleSchema>;
export const channelKindSchema = z.enum(["kiosk", "desk"]);
export type CheckInChannel = z.infer<typeof channelKindSchema>;

/**
 * Text as people match it by eye: lower case, without accents, runs of spaces as one ("maria"
 * is María, "muller" Zoë Müller, "chloe  martin" Chloé Martin). The desk's search and the
 * appointment import's catalog names compare folded text.
 */
export const foldText = (text: string): string =>
  text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();

/**
 * The desk's way of searching: every word typed appears somewhere in the fields, all folded
 * (`foldText`), so "gonzalez 2233" finds María González whose number ends in 2233.
 */
export function matchesEveryWord(query: string, fields: readonly string[]): boolean {
  const text = foldText(fields.join(" "));
  return foldText(query).split(" ").filter(Boolean).every((word) => text.includes(word));
}

/** Staff PINs: 4 to 8 digits. */
export const pinSchema = z.string().regex(/^\d{4,8}$/, "A PIN is 4 to 8 digits.");

/** Control characters other than tab, line feed and carriage return: never in typed text or a CSV file. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Text a person typed: trimmed, bounded, no control characters. */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Keep this under ${max} characters.`)
    .refine((s) => !CONTROL_CHARACTER.test(s), "Remove control characters.");

/**
 * A name the spa wrote in English, in the kiosk's other languages where it wrote one; a guest
 * reading another language sees the English name. Keyed by language, so a new language needs no
 * new field.
 */
export const otherLanguageNamesSchema = (max: number) => z.partialRecord(otherLanguageSchema, text(max));
export type OtherLanguageNames = Partial<Record<OtherLanguage, string>>;

/** A small file produced in the main process for the renderer to save (e.g. the POS add-on CSV). */
export const fileExportSchema = z.object({ filename: z.string(), mimeType: z.string(), content: z.string() });
