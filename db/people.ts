import { firstGrapheme, fitText, GUEST_NAME_MAX } from "../contract/common";

/** How guests and therapists are named on screens they don't own. */

const words = (name: string): string[] => name.trim().split(/\s+/u).filter(Boolean);

/** What may follow a name after a comma without being a first name: "Jr.", "PhD", "RADM" (all capitals). */
const isSuffix = (word: string): boolean => /^(jr|sr|phd|md|dds|esq)\.?$/iu.test(word) || /^\p{Lu}+\.?$/u.test(word);

/**
 * A name's given names and surname. Booking systems export "Last, First" ("Hernández, María José", "García López,
 * María"): the part before the comma is the surname. A comma before a suffix or title ("Grace Hopper, RADM", "Sam
 * Lee, Jr.") is not a surname first: the suffix is left out. Otherwise the last word is the surname.
 */
function nameParts(name: string): { given: string[]; surname: string } {
  const parts = name.split(",").map((p) => p.trim());
  const [before = "", after = ""] = parts;
  if (parts.length === 2 && before && after && !words(after).every(isSuffix))
    return { given: words(after), surname: before };
  const w = words(parts.length === 2 && before && after ? before : name);
  return w.length < 2 ? { given: w, surname: "" } : { given: w.slice(0, -1), surname: w[w.length - 1] ?? "" };
}

export const firstName = (name: string): string => nameParts(name).given[0] ?? "";

/**
 * "María González" → "María G." — what the kiosk and the therapist's ticket show. A first name
 * too long for `max` is shortened ("Wolfeschlegelsteinhausen… B."), never the initial; the
 * initial is a whole grapheme (an accented or emoji initial is never split).
 */
export function guestLabel(name: string, max = GUEST_NAME_MAX): string {
  const { given, surname } = nameParts(name);
  const first = given[0] ?? "";
  if (!surname) return fitText(first, max);
  const initial = firstGrapheme(surname);
  const tail = ` ${initial.toLocaleUpperCase()}.`;
  return `${fitText(first, max - tail.length)}${tail}`;
}

/** The kiosk lookup key: the last 10 digits (all of them when shorter). */
export const phoneKey = (digits: string): string => digits.replace(/\D/g, "").slice(-10);
