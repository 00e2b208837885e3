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

/** The stored `phone_key`: the last 10 digits (all of them when shorter). */
export const phoneKey = (digits: string): string => digits.replace(/\D/g, "").slice(-10);

/**
 * The last 8 digits: every two numbers `samePhone` finds the same share them, so a search asks the index on
 * `substr(phone_key, -8)` (migration 0032) for these and `samePhone` decides. Changing 8 needs a new index.
 */
export const phoneEnd = (phone: string): string => phone.replace(/\D/g, "").slice(-8);

/**
 * A national number of 8 or 9 digits: after its trunk "0" ("06 12 34 56 78": "612345678"), or written without one
 * (a spreadsheet dropped the 0: "412345678"; Spain's "612 345 678"). Longer national numbers need no rule of their own:
 * their last 10 digits are the same with the 0 or a country code before them.
 */
function nationalNumber(digits: string): string | null {
  const n = /^0[1-9]/.test(digits) ? digits.slice(1) : digits;
  return /^[1-9]\d{7,8}$/.test(n) ? n : null;
}

/** ITU's two-digit country codes. Every other code starting 2-6, 8 or 9 has three digits: none starts another. */
const TWO_DIGIT_CODE = /^(?:2[07]|3[0-469]|4[013-9]|5[1-8]|6[0-6]|8[1246]|9[0-58])$/;

/**
 * Digits written before a national number to dial it from abroad: a country code, after "00" or "011" and before a
 * "(0)" if written. Never 1 or 7 (nor "12…", the US "+1" and an area code's first digit): those come before 10 digits.
 */
function isCountryCode(prefix: string): boolean {
  const code = prefix.replace(/^(?:00|011)/, "");
  return [code, code.replace(/(?<=^\d{2,3})0$/, "")].some(
    (c) => TWO_DIGIT_CODE.test(c) || (/^[2-689]\d\d$/.test(c) && !TWO_DIGIT_CODE.test(c.slice(0, 2))),
  );
}

/** `digits` are `whole`'s national number, and `whole` is it, with its trunk 0, or after a country code. */
function nationalOf(digits: string, whole: string): boolean {
  const n = nationalNumber(digits);
  if (n === null) return false;
  if (whole === n || whole === `0${n}`) return true;
  // A US or Canadian number is never a country code and 8 digits: "201-200-0000" is not "+20 1200 0000".
  if (/^[2-9]\d\d[2-9]\d{6}$/.test(whole)) return false;
  return whole.endsWith(n) && isCountryCode(whole.slice(0, -n.length));
}

/**
 * Whether two phone numbers (separators ignored) are one guest's, however each was written. The same last 10 digits
 * ("+1 212 555 0123" and "212 555 0123", "+44 7700 900123" and "07700 900123"); or one is a national number of 8-9
 * digits (`nationalNumber`) and the other is it, with its trunk 0, or after a country code (`isCountryCode`):
 * "06 12 34 56 78" is "+33 6 12 34 56 78", "0033 6…" and "+33 (0)6…"; "0412 345 678" is "+61 412 345 678" and
 * "412345678". Safe for US and Canadian numbers: they have 10 digits and never start with 0 (no area code does), so
 * none is a national number here and two match only when all 10 digits do (212-555-1234 never finds 312-555-1234);
 * and neither a US number's first digits nor its "+1" is ever taken for a country code, so none is ever found by a
 * number that merely shares its last 9 digits.
 */
export function samePhone(a: string, b: string): boolean {
  const x = a.replace(/\D/g, "");
  const y = b.replace(/\D/g, "");
  if (x.length < 7 || y.length < 7) return false;
  return phoneKey(x) === phoneKey(y) || nationalOf(x, y) || nationalOf(y, x);
}

/**
 * What the kiosk finds for digits a guest typed: the same number (`samePhone`), or with fewer than 10 digits, the
 * stored number's last digits ("a few last digits", which is why only a whole number looks on later days).
 */
export function phoneFinds(typed: string, stored: string): boolean {
  const digits = typed.replace(/\D/g, "");
  const whole = stored.replace(/\D/g, "");
  return samePhone(digits, whole) || (digits.length >= 7 && digits.length < 10 && whole.endsWith(digits));
}
