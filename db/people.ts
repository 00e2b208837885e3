import { firstGrapheme, fitText, GUEST_NAME_MAX } from "../contract/common";

/** How guests and therapists are named on screens they don't own. */

const words = (name: string): string[] => name.trim().split(/\s+/u).filter(Boolean);

export const firstName = (name: string): string => /\S+/u.exec(name)?.[0] ?? "";

/**
 * "María González" → "María G." — what the kiosk and the therapist's ticket show. A first name
 * too long for `max` is shortened ("Wolfeschlegelsteinhausen… B."), never the initial; the
 * initial is a whole grapheme (an accented or emoji initial is never split).
 */
export function guestLabel(name: string, max = GUEST_NAME_MAX): string {
  const w = words(name);
  const first = w[0] ?? "";
  if (w.length < 2) return fitText(first, max);
  const initial = firstGrapheme(w[w.length - 1] ?? "");
  const tail = ` ${initial.toLocaleUpperCase()}.`;
  return `${fitText(first, max - tail.length)}${tail}`;
}

/** The kiosk lookup key: the last 10 digits (all of them when shorter). */
export const phoneKey = (digits: string): string => digits.replace(/\D/g, "").slice(-10);
