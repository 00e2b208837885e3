import { everyWordMatcher, foldText } from "./common";

/**
 * Phone numbers as guests, booking systems and the desk write them: one rule for whether two are one guest's
 * (`samePhone`), used by the kiosk's search, the guest's preferences and both of the desk's searches.
 */

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

/** A word of a phone number as it is written: digits, and "+", brackets, dots, dashes or slashes between them. */
const PHONE_WORD = /^[\d+().\-/]*\d[\d+().\-/]*$/;

/**
 * A search's phone number: the digits of its words written as a phone number ("06 12 34 56 78", "(555) 201-0000"),
 * when there are enough of them to be one (7: `phoneFinds` finds nothing with fewer), and its other words.
 */
export function typedPhone(query: string): { digits: string; words: string } | null {
  const words = foldText(query).split(" ").filter(Boolean);
  const digits = words
    .filter((w) => PHONE_WORD.test(w))
    .join("")
    .replace(/\D/g, "");
  return digits.length < 7 ? null : { digits, words: words.filter((w) => !PHONE_WORD.test(w)).join(" ") };
}

/**
 * The desk's search, on today's list and on other days: a guest matches when every word is in their fields
 * (`everyWordMatcher`, the phone among them as its digits), or when the search's phone number (`typedPhone`) is
 * theirs however each is written, as the kiosk finds a guest by phone (`phoneFinds`: "06 12 34 56 78" finds "+33 6 12
 * 34 56 78", "07700 900123" "+44 7700 900123", "(555) 201-0000" "+1 555 201 0000") and the other words are in their
 * fields.
 */
export function deskSearchMatcher(query: string): (fields: readonly string[], phone: string | null) => boolean {
  const everyWord = everyWordMatcher(query);
  const typed = typedPhone(query);
  const otherWords = everyWordMatcher(typed?.words ?? "");
  return (fields, phone) =>
    everyWord(fields) || (typed !== null && phone !== null && phoneFinds(typed.digits, phone) && otherWords(fields));
}
