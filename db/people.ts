import { firstGrapheme, fitText, GUEST_NAME_MAX } from "../contract/common";

/** How guests and therapists are named on screens they don't own. */

/**
 * A name's words, leaving out those that are only emoji or symbols: a booking system's name field carries them
 * ("María Hernández 🌰"), and they are no surname to take the initial of.
 */
const words = (name: string): string[] => {
  const all = name.trim().split(/\s+/u).filter(Boolean);
  const named = all.filter((w) => !/^[\p{Extended_Pictographic}\p{So}\p{Emoji_Modifier}\uFE0F\u200D]+$/u.test(w));
  return named.length > 0 ? named : all;
};

/** What may follow a name after a comma without being a first name: "Jr.", "PhD", "RADM" (all capitals). */
const isSuffix = (word: string): boolean => /^(jr|sr|phd|md|dds|esq)\.?$/iu.test(word) || /^\p{Lu}+\.?$/u.test(word);

/** A title before a name, English or Spanish, with or without its dot: "Mrs.", "Dr", "Sra.", "Dña.", "Don". */
const isTitle = (word: string): boolean =>
  /^(?:mr|mrs|ms|miss|mx|dr|dra|prof|profa|sr|sra|srta|don|doña|dña)\.?$/iu.test(word.normalize("NFC"));
/** What joins two titles: "Mr & Mrs", "Mr and Mrs", "Sr. y Sra.". */
const isJoin = (word: string): boolean => /^(?:&|\+|and|y)$/iu.test(word);

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
 * A name's first name (`firstOf`) and surname. Booking systems export "Last, First" ("Hernández, María José", "García
 * López, María"): the part before the comma is the surname. A comma before a suffix or title ("Grace Hopper, RADM",
 * "Sam Lee, Jr.") is not a surname first: the suffix is left out. Otherwise the last word is the surname.
 */
function nameParts(name: string): { first: string; surname: string } {
  const parts = name.split(",").map((p) => p.trim());
  const [before = "", after = ""] = parts;
  if (parts.length === 2 && before && after && !words(after).every(isSuffix))
    return { first: firstOf(words(after)), surname: before };
  const w = words(parts.length === 2 && before && after ? before : name);
  return w.length < 2
    ? { first: w[0] ?? "", surname: "" }
    : { first: firstOf(w.slice(0, -1)), surname: w[w.length - 1] ?? "" };
}

export const firstName = (name: string): string => nameParts(name).first;

/**
 * "María González" → "María G." — what the kiosk and the therapist's ticket show, titles left out ("Mrs. Jane Doe"
 * → "Jane D."). A first name too long for `max` is shortened ("Wolfeschlegelsteinhausen… B."), never the initial;
 * the initial is a whole grapheme (an accented or emoji initial is never split).
 */
export function guestLabel(name: string, max = GUEST_NAME_MAX): string {
  const { first, surname } = nameParts(name);
  if (!surname) return fitText(first, max);
  const initial = firstGrapheme(surname);
  const tail = ` ${initial.toLocaleUpperCase()}.`;
  return `${fitText(first, max - tail.length)}${tail}`;
}

/** The stored `phone_key` (the appointment import stores it too): the rule is the contract's, with its others. */
export { phoneKey } from "../contract/phone";
