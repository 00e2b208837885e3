/**
 * How the app reads a person's name as written (a booking system's "FISCHER, LENA", a therapist's "Dr. Ana Ruiz"):
 * its words, titles, suffixes and parts. The rules live here, in the contract, so the model (db/people.ts: the
 * kiosk's and slip's names, `guestLabel`, `sameGuest`) and the view (the catalog's preview of a therapist's name)
 * read a name one way.
 */

/**
 * A name's words, leaving out those that are only emoji or symbols: a booking system's name field carries them
 * ("María Hernández 🌰"), and they are no surname to take the initial of.
 */
export const words = (name: string): string[] => {
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

/**
 * A name written only in capitals, as booking systems export them ("FISCHER, LENA", "GONZÁLEZ LÓPEZ, MARÍA JOSÉ"),
 * in the case people write names: "Fischer, Lena", "O'Brien", "Jean-Pierre". A name with any small letter is as
 * written: "Ana RUIZ" and "AJ Smith" are on purpose. Turkish "İ" loses its dot rather than gain a second one.
 */
export function readableCase(name: string): string {
  if (!/\p{Lu}/u.test(name) || /\p{Ll}/u.test(name)) return name;
  return name
    .toLowerCase()
    .replace(/i\u0307/gu, "i")
    .replace(/(^|[\s\-'’.(])(\p{Ll})/gu, (_, before: string, letter: string) => before + letter.toUpperCase());
}

/**
 * The first name among given names: the first after any titles ("Mrs. Jane" is Jane, "Mr & Mrs John" is John), or
 * all of them when nothing but titles is left ("Mr & Mrs Smith": "Mr & Mrs"; "Dr Smith": "Dr"; "Don Johnson": "Don"),
 * never a surname in full.
 */
export function firstOf(given: string[]): string {
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
export function nameParts(name: string): { given: string[]; surname: string[]; suffixes: string[] } {
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
