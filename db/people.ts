import { firstGrapheme, fitText, foldText, GUEST_NAME_MAX } from "../contract/common";
import { firstOf, nameParts, readableCase, words } from "../contract/names";

/**
 * How guests and therapists are named on screens they don't own: a guest by `guestLabel` (the kiosk's matches, its
 * greeting and party buttons, the therapist's slip), never their full name; a therapist by `firstName`. How a name
 * is read (its words, titles, parts) is the contract's (contract/names.ts), which the back office's preview of a
 * therapist's name reads too.
 */

/** A surname's particle ("de la Cruz", "van der Berg", "da Silva"): not the word a surname is known by. */
const PARTICLES = new Set("da das de del della den der di do dos du la las le los st ten ter van von".split(" "));

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

/** A staff member's first name, as the kiosk and the slip show a therapist: the rule is the contract's. */
export { firstName } from "../contract/names";

/** The stored `phone_key` (the appointment import stores it too): the rule is the contract's, with its others. */
export { phoneKey } from "../contract/phone";
