import { firstGrapheme, fitText, foldText, GUEST_NAME_MAX } from "../contract/common";

/**
 * How guests and therapists are named on screens they don't own: a guest by `guestLabel` (the kiosk's matches, its
 * greeting and party buttons, the therapist's slip), never their full name; a therapist by `firstName`.
 */

/**
 * A name's words, leaving out those that are only emoji or symbols: a booking system's name field carries them
 * ("María Hernández 🌰"), and they are no surname to take the initial of.
 */
const words = (name: string): string[] => {
  const all = name.trim().split(/\s+/u).filter(Boolean);
  const named = all.filter((w) => !/^[\p{Extended_Pictographic}\p{So}\p{Emoji_Modifier}\uFE0F\u200D]+$/u.test(w));
  return named.length > 0 ? named : all;
};

/**
 * What may follow a name without being part of it, with or without dots, in any case: "Jr.", "III", "Ph.D.", "RADM".
 * A known list: a given name in capitals ("FISCHER, LENA") is no suffix. Left out are words that are also names
 * ("Do", "Pa", "V", Nepal's surname "KC").
 */
const SUFFIXES = new Set("jr sr ii iii iv phd md dds dmd dvm esq rn cpa mba jd radm ret retd obe mbe cbe".split(" "));
const isSuffix = (word: string): boolean => SUFFIXES.has(word.toLowerCase().replace(/\./g, ""));

/** A title before a name, English or Spanish, with or without its dot: "Mrs.", "Dr", "Sra.", "Dña.", "Don". */
const isTitle = (word: string): boolean =>
  /^(?:mr|mrs|ms|miss|mx|dr|dra|prof|profa|sr|sra|srta|don|doña|dña)\.?$/iu.test(word.normalize("NFC"));
/** What joins two titles: "Mr & Mrs", "Mr and Mrs", "Sr. y Sra.". */
const isJoin = (word: string): boolean => /^(?:&|\+|and|y)$/iu.test(word);

/** A surname's particle ("de la Cruz", "van der Berg", "da Silva"): not the word a surname is known by. */
const PARTICLES = new Set("da das de del della den der di do dos du la las le los st ten ter van von".split(" "));

/**
 * A name written only in capitals, as booking systems export them ("FISCHER, LENA", "GONZÁLEZ LÓPEZ, MARÍA JOSÉ"),
 * in the case people write names: "Fischer, Lena", "O'Brien", "Jean-Pierre". A name with any small letter is as
 * written: "Ana RUIZ" and "AJ Smith" are on purpose. Turkish "İ" loses its dot rather than gain a second one.
 */
function readableCase(name: string): string {
  if (!/\p{Lu}/u.test(name) || /\p{Ll}/u.test(name)) return name;
  return name
    .toLowerCase()
    .replace(/i\u0307/gu, "i")
    .replace(/(^|[\s\-'’.(])(\p{Ll})/gu, (_, before: string, letter: string) => before + letter.toUpperCase());
}

/**
 * A name in a script written without spaces between family and given name, family name first (Chinese, Japanese,
 * Korean: "王小明", "山田 太郎", "김민수"): which characters are the given name can't be told, and the whole is
 * too much for a public screen. Shown as those countries' own forms and notices do, its middle hidden: "王*明".
 */
const EAST_ASIAN = /^[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}]+$/u;
const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });
function masked(name: string): string {
  const g = [...graphemes.segment(name)].map((s) => s.segment);
  const [head = "", ...rest] = g;
  // Two characters: the second is the given name, hidden whole ("王*").
  const last = rest.length > 1 ? (rest[rest.length - 1] ?? "") : "";
  return `${head}${"*".repeat(rest.length - (last ? 1 : 0))}${last}`;
}

/**
 * The first name among given names: the first after any titles ("Mrs. Jane" is Jane, "Mr & Mrs John" is John), or
 * all of them when nothing but titles is left ("Mr & Mrs Smith": "Mr & Mrs"; "Dr Smith": "Dr"; "Don Johnson": "Don"),
 * never a surname in full.
 */
function firstOf(given: string[]): string {
  let i = 0;
  while (i < given.length && (isTitle(given[i] ?? "") || (i > 0 && isJoin(given[i] ?? "")))) i++;
  return given[i] ?? given.join(" ");
}

/**
 * A name as given names and surname, suffixes apart. Booking systems export "Last, First" ("Hernández, María José",
 * "FISCHER, LENA"): the part before the comma is the surname. A part after a comma that is only suffixes ("Grace
 * Hopper, RADM", "Lee, Sam, Jr.") is a suffix, as are suffixes ending a name of three words or more ("Sam Lee Jr.").
 * Otherwise the last word is the surname: a name can't say which of its words is the family name ("Nguyễn Thị Lan",
 * "Yamada Taro"), so none is guessed.
 */
function nameParts(name: string): { given: string[]; surname: string[]; suffixes: string[] } {
  const parts = name
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) parts.push(name.trim()); // "," is as written
  const suffixes: string[] = [];
  while (parts.length > 1 && words(parts[parts.length - 1] ?? "").every(isSuffix))
    suffixes.unshift(...words(parts.pop() ?? ""));
  if (parts.length === 2) return { given: words(parts[1] ?? ""), surname: words(parts[0] ?? ""), suffixes };
  const w = words(parts.join(" "));
  while (w.length > 2 && isSuffix(w[w.length - 1] ?? "")) suffixes.unshift(w.pop() ?? "");
  return w.length < 2 ? { given: w, surname: [], suffixes } : { given: w.slice(0, -1), surname: w.slice(-1), suffixes };
}

/** A staff member's first name (a therapist's, on the kiosk and the slip), titles left out: "Dr. Ana Ruiz" is Ana. */
export const firstName = (name: string): string => firstOf(nameParts(readableCase(name)).given);

/** The letter a surname is known by: its first word's that is no particle ("De La Cruz" is C, "da Silva" S). */
function initialOf(surname: string[]): string {
  const word = surname.find((w) => !PARTICLES.has(w.toLowerCase())) ?? surname[0] ?? "";
  // A Latin, Greek or Cyrillic letter followed by one of theirs, printable ASCII or nothing is a whole grapheme (no
  // mark or joiner follows it): the usual name needs no segmenting.
  const plain = /^([\p{sc=Latn}\p{sc=Grek}\p{sc=Cyrl}0-9])(?:[\p{sc=Latn}\p{sc=Grek}\p{sc=Cyrl}\x20-\x7E]|$)/u.exec(
    word,
  )?.[1];
  if (plain) return plain.toLocaleUpperCase();
  for (const { segment } of graphemes.segment(word))
    if (/^[\p{L}\p{N}]/u.test(segment)) return segment.toLocaleUpperCase();
  return firstGrapheme(word).toLocaleUpperCase();
}

/**
 * How a guest is named on every screen they don't own and on the therapist's slip: the first name and the surname's
 * initial, "María González" → "María G.", titles and suffixes left out ("Mrs. Jane Doe" → "Jane D."), a name in
 * capitals in the case people write ("FISCHER, LENA" → "Lena F."); an East Asian name with its middle hidden
 * ("王小明" → "王*明"). A first name too long for `max` is shortened ("Wolfeschlegelsteinhausen… B."), never the
 * initial; the initial is a whole grapheme (an accented or emoji initial is never split).
 */
export function guestLabel(name: string, max = GUEST_NAME_MAX): string {
  const readable = readableCase(name.normalize("NFC"));
  const joined = words(readable).join("");
  if (EAST_ASIAN.test(joined)) return fitText(masked(joined), max);
  const { given, surname } = nameParts(readable);
  const first = firstOf(given);
  if (surname.length === 0) return fitText(first, max);
  const tail = ` ${initialOf(surname)}.`;
  return fitText(`${fitText(first, Math.max(1, max - tail.length))}${tail}`, max);
}

/**
 * Whether two bookings' names are one person's, however each booking wrote it: "FISCHER, LENA" is "Lena Fischer",
 * "Nguyen Thi Lan" is "Nguyễn Thị Lan", "Sam Lee, Jr." is "Sam Lee Jr.". Every word counts, titles and suffixes too:
 * on one phone, "Lena Fischer" is not "Tom Fischer", "Mr Smith" not "Mrs Smith", "Sam Lee Jr." not "Sam Lee Sr.".
 * Words in another order ("Fischer Lena") are another name: a guest missed is asked again, never shown another's.
 */
export function sameGuest(a: string, b: string): boolean {
  return guestKey(a) === guestKey(b);
}

function guestKey(name: string): string {
  const { given, surname, suffixes } = nameParts(name.normalize("NFC"));
  const all = [...given, ...surname, ...suffixes].map((w) => foldText(w.replace(/\./g, ""))).filter(Boolean);
  return EAST_ASIAN.test(all.join("")) ? all.join("") : all.join(" ");
}

/** The stored `phone_key` (the appointment import stores it too): the rule is the contract's, with its others. */
export { phoneKey } from "../contract/phone";
