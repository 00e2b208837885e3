import type { GuestOnPhone } from "../../../contract/preferences";
import { dateTimeFormat } from "../../common/format";

/**
 * The words of Back office → Guest data (GuestDataAdmin.tsx): each person on a number, and what an export or erase
 * of theirs holds, said before it happens.
 */

/** Whose request it is: one person on the number, or everyone on it (all of them asked). */
export type GuestTarget = { kind: "person"; person: GuestOnPhone } | { kind: "everyone"; people: GuestOnPhone[] };

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
/** A spa day ("2026-11-25", already the spa's) as "Nov 25, 2026". */
const day = (d: string) =>
  dateTimeFormat("en-US", { timeZone: "UTC", month: "short", day: "numeric", year: "numeric" }).format(
    new Date(`${d}T12:00:00Z`),
  );

/** "3 bookings · Mar 3, 2025 – Nov 25, 2026"; one day once. */
export const bookingsLine = (p: GuestOnPhone): string =>
  `${count(p.bookings, "booking", "bookings")} · ${
    p.firstDay === p.lastDay ? day(p.lastDay) : `${day(p.firstDay)} – ${day(p.lastDay)}`
  }`;

/** What of theirs is stored: "Preferences from 1 visit: allergies, areas to avoid, pressure"; or none. */
export function storedLine(s: GuestOnPhone["stored"]): string {
  if (s.visits === 0) return "No preferences stored";
  const what = [
    s.allergies > 0 ? "allergies" : null,
    s.avoid > 0 ? "areas to avoid" : null,
    s.pressure > 0 ? "pressure" : null,
  ].filter(Boolean);
  return `Preferences from ${count(s.visits, "visit", "visits")}${what.length > 0 ? `: ${what.join(", ")}` : ""}`;
}

/** The stored preferences of a target, all its people's summed. */
export function storedOf(t: GuestTarget): GuestOnPhone["stored"] {
  const people = t.kind === "person" ? [t.person] : t.people;
  const sum = (k: keyof GuestOnPhone["stored"]) => people.reduce((n, p) => n + p.stored[k], 0);
  return { visits: sum("visits"), allergies: sum("allergies"), avoid: sum("avoid"), pressure: sum("pressure") };
}

/** Who a target is, in a sentence: "Lena Fischer", "everyone on this number (3 people)". */
export const targetName = (t: GuestTarget): string =>
  t.kind === "person" ? t.person.name : `everyone on this number (${count(t.people.length, "person", "people")})`;

/**
 * The erase said before it happens, exactly: "Erase Lena Fischer: preferences from 1 visit (1 with allergies, 1 with
 * areas to avoid, 1 with a pressure) and the alerts and pressure on their tickets. Their 3 bookings stay, and nobody
 * else on this number is touched."
 */
export function eraseQuestion(t: GuestTarget): string {
  const s = storedOf(t);
  if (s.visits === 0) return `Nothing is stored for ${targetName(t)}: there is nothing to erase.`;
  const parts = [
    s.allergies > 0 ? `${s.allergies} with allergies` : null,
    s.avoid > 0 ? `${s.avoid} with areas to avoid` : null,
    s.pressure > 0 ? `${s.pressure} with a pressure` : null,
  ].filter(Boolean);
  const bookings = t.kind === "person" ? t.person.bookings : t.people.reduce((n, p) => n + p.bookings, 0);
  const who = t.kind === "person" ? "Their" : "The";
  const others = t.kind === "person" ? ", and nobody else on this number is touched" : "";
  const what = `preferences from ${count(s.visits, "visit", "visits")}${parts.length > 0 ? ` (${parts.join(", ")})` : ""}`;
  const name =
    t.kind === "person" ? t.person.name : `everyone on this number (${t.people.map((p) => p.name).join("; ")})`;
  return (
    `Erase ${name}: ${what} and the alerts and pressure on their tickets. ` +
    `${who} ${count(bookings, "booking stays", "bookings stay")}${others}. This can't be undone.`
  );
}

export const exportedText = (t: GuestTarget, visits: number): string =>
  visits === 0
    ? `Nothing is stored for ${targetName(t)}: the file says so.`
    : `Exported the preferences of ${count(visits, "visit", "visits")} of ${targetName(t)}.`;

export const erasedText = (t: GuestTarget, visits: number): string =>
  `Erased the preferences of ${count(visits, "visit", "visits")} of ${targetName(t)}, and their tickets' alerts.`;
