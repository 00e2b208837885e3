import { z } from "zod";

/** Database ids are positive integers. */
export const idSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
/**
 * The calendar days the app takes (a report's range, the desk's day): years 2000 to 2999. A year past 9999 has no
 * 10-character form, so a day after 9999-12-31 no longer sorted after it and a report's walk over its days never
 * ended; a year before 100 reads as 1900 and up in calendar arithmetic.
 */
export const DAY_MIN = "2000-01-01";
export const DAY_MAX = "2999-12-31";
/** A calendar day in the spa's time zone. */
export const localDaySchema = z.iso
  .date()
  .refine((day) => day >= DAY_MIN && day <= DAY_MAX, "Pick a date in the years 2000 to 2999.");
/** An instant, always UTC, ISO 8601 with Z. */
export const instantSchema = z.iso.datetime();
export const centsSchema = z.number().int().min(0).max(10_000_00);
/**
 * The kiosk's languages: English, the spa's own, first; each other one is offered where the back office turns it on.
 */
export const languageSchema = z.enum(["en", "es", "zh"]);
export type Language = z.infer<typeof languageSchema>;
/** Each language by its English name, as the desk and the therapist's ticket name it. */
export const languageNames: Record<Language, string> = { en: "English", es: "Spanish", zh: "Chinese" };
/** Each language by its own name, as its speakers look for it on a button. */
export const languageOwnNames: Record<Language, string> = { en: "English", es: "Español", zh: "中文" };
/** A language as staff pick it: "Spanish (Español)", "English". */
export const languageChoiceLabel = (lang: Language): string =>
  languageNames[lang] === languageOwnNames[lang]
    ? languageNames[lang]
    : `${languageNames[lang]} (${languageOwnNames[lang]})`;
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
 * The desk's way of searching: every word typed appears somewhere in the fields, all folded (`foldText`), so
 * "gonzalez 2233" finds María González whose number ends in 2233 (contract/phone.ts `deskSearchMatcher` adds phone
 * numbers however written). The words are folded once for a search over many rows; a row of plain ASCII (most names,
 * every phone and code) is only lower-cased: folding it changes nothing else a word can match (a word holds no space).
 */
export function everyWordMatcher(query: string): (fields: readonly string[]) => boolean {
  const words = foldText(query).split(" ").filter(Boolean);
  return (fields) => {
    const joined = fields.join(" ");
    const text = NOT_ASCII.test(joined) ? foldText(joined) : joined.toLowerCase();
    return words.every((word) => text.includes(word));
  };
}
// eslint-disable-next-line no-control-regex -- the test is for any character outside ASCII
const NOT_ASCII = /[^\u0000-\u007f]/;

/** How many digits a staff PIN has, at least and at most: the schema, every PIN field and the PIN pad. */
export const PIN_DIGITS = { min: 4, max: 8 } as const;
/** Staff PINs: 4 to 8 digits. */
export const pinSchema = z
  .string()
  .regex(
    new RegExp(`^\\d{${PIN_DIGITS.min},${PIN_DIGITS.max}}$`),
    `A PIN is ${PIN_DIGITS.min} to ${PIN_DIGITS.max} digits.`,
  );

/**
 * A PIN anyone would try first: one digit repeated (0000), two taking turns (1212), or a run up or down (1234, 9876).
 * Sign-in takes any PIN (one set before this rule still works); a PIN being set must not be one of these.
 */
export function guessablePin(pin: string): boolean {
  const d = Array.from(pin, Number);
  const steps = d.slice(1).map((x, i) => x - (d[i] ?? 0));
  const alternates = d.every((x, i) => x === d[i % 2]);
  return alternates || steps.every((s) => s === 1) || steps.every((s) => s === -1);
}
/** A PIN being set (a new staff member's, a reset, the first manager's): not one anyone would try first. */
export const newPinSchema = pinSchema.refine(
  (pin) => !guessablePin(pin),
  "Choose a PIN that is harder to guess: not one digit repeated (0000), two taking turns (1212) or a run (1234).",
);

/**
 * How long a session can be, in minutes: a service's length and an imported booking's (every way a booking gets its
 * end). The desk's check for a therapist or room already taken (db/desk/appointment.ts, clash) searches back from a
 * session's start no further than the longest one.
 */
export const SESSION_MINUTES = { min: 5, max: 600 } as const;

/**
 * The longest texts people write, defined once: every write checks them and everything derived
 * from a write (the therapist's ticket, report rows, exports) is built to hold them. Lengths are
 * UTF-16 units, as zod's `max` counts them.
 */
/** A guest's full name: the desk's walk-in form and the appointment import. */
export const GUEST_NAME_MAX = 80;
/** A service, therapist, room or staff member's name, and the spa's name. */
export const NAME_MAX = 80;
/**
 * A booking's note (from the booking system's export) as the desk row and the therapist's ticket
 * carry it: one line, control characters and line breaks folded to spaces, cut at this length.
 */
export const APPOINTMENT_NOTE_MAX = 200;
/** A reason a receptionist gives (void, cancel, reinstate, change). */
export const REASON_MAX = 300;
/** The add-ons one visit can take. */
export const ADDONS_PER_VISIT = 10;

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });
export const ELLIPSIS = "\u2026";

/**
 * Text shortened to at most `max` UTF-16 units with an ellipsis, cut between graphemes, so an
 * accent, a flag or a family emoji is never split ("Bartholomew-Alexan…"). Unchanged when it fits.
 */
export function fitText(text: string, max: number): string {
  if (text.length <= max) return text;
  let kept = "";
  for (const { segment } of graphemes.segment(text)) {
    if (kept.length + segment.length + ELLIPSIS.length > max) break;
    kept += segment;
  }
  return kept.trimEnd() + ELLIPSIS;
}

/** The first user-perceived character of `text` ("" when empty). */
export const firstGrapheme = (text: string): string =>
  graphemes.segment(text)[Symbol.iterator]().next().value?.segment ?? "";

/**
 * A list cut to at most `max` items: the first `max - 1` and one summarising the rest (`more`
 * is given the hidden items, e.g. "+3 more"). Unchanged when it fits.
 */
export function fitList<T>(items: readonly T[], max: number, more: (hidden: readonly T[]) => T): T[] {
  if (items.length <= max) return [...items];
  return [...items.slice(0, max - 1), more(items.slice(max - 1))];
}

/**
 * Characters never accepted in typed text or an imported cell: control characters other than tab,
 * line feed and carriage return (C0, DEL, C1: printer and terminal commands, binary), and the bidi
 * embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) that make text display in an
 * order other than the one stored ("Trojan Source"). The left-to-right and right-to-left marks
 * (U+200E, U+200F) are allowed: they only place the punctuation next to them, cannot reorder a
 * run of text, and phones put them in real Hebrew and Arabic names.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const UNSAFE_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
/** The C0 control characters of UNSAFE_CHARACTER: in a file's first bytes, the sign of a binary file. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * What is wrong with `value` for a person to fix, or null: names the field and the character
 * ("Guest name has an invisible text-direction character (U+202E) at character 12; retype it.").
 */
export function unsafeCharacterProblem(value: string, field = "This text"): string | null {
  const found = UNSAFE_CHARACTER.exec(value);
  if (!found) return null;
  const code = found[0].codePointAt(0) ?? 0;
  const what = code >= 0x202a ? "text-direction" : "control";
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  return `${field} has an invisible ${what} character (${hex}) at character ${found.index + 1}; retype it.`;
}

/** The first of `cells` (an imported row) holding an UNSAFE_CHARACTER: its index and the message, naming its column. */
export function unsafeCell(
  cells: readonly string[],
  columnName: (index: number) => string,
): { index: number; message: string } | null {
  for (const [index, cell] of cells.entries()) {
    const message = unsafeCharacterProblem(cell, columnName(index));
    if (message !== null) return { index, message };
  }
  return null;
}

/** Text a person typed: trimmed, bounded, no control or text-direction characters (`UNSAFE_CHARACTER`). */
export const text = (max: number, field = "This text") =>
  z
    .string()
    .trim()
    .max(max, `Keep this under ${max} characters.`)
    .superRefine((s, ctx) => {
      const problem = unsafeCharacterProblem(s, field);
      if (problem !== null) ctx.addIssue({ code: "custom", message: problem });
    });

/**
 * A name the spa wrote in English, in the kiosk's other languages where it wrote one; a guest
 * reading another language sees the English name. Keyed by language, so a new language needs no
 * new field.
 */
export const otherLanguageNamesSchema = (max: number) =>
  z.partialRecord(otherLanguageSchema, text(max, "The translated name"));
export type OtherLanguageNames = Partial<Record<OtherLanguage, string>>;

/** A small file produced in the main process for the renderer to save (e.g. the POS add-on CSV). */
export const fileExportSchema = z.object({ filename: z.string(), mimeType: z.string(), content: z.string() });
