/** How guests and therapists are named on screens they don't own. */

const words = (name: string): string[] => name.trim().split(/\s+/u).filter(Boolean);

export const firstName = (name: string): string => /\S+/u.exec(name)?.[0] ?? "";

/** "María González" → "María G." — what the kiosk and the therapist's ticket show. */
export function guestLabel(name: string): string {
  const w = words(name);
  if (w.length < 2) return w[0] ?? "";
  const initial = Array.from(w[w.length - 1] ?? "")[0] ?? "";
  return `${w[0]} ${initial.toLocaleUpperCase()}.`;
}

/** The kiosk lookup key: the last 10 digits (all of them when shorter). */
export const phoneKey = (digits: string): string => digits.replace(/\D/g, "").slice(-10);
