import type { Access } from "../../contract/channels";
import type { StaffSummary } from "../../contract/channels";
import { DomainError } from "../../db/errors";

export type WindowRole = "kiosk" | "staff";
/**
 * The PIN pad a staff window is: on the staff's own display, or on the kiosk's (opened with the
 * kiosk's Staff button, where a guest can reach it). Wrong-PIN delays are kept per pad.
 */
export type PinPad = "staff-display" | "kiosk-display";

/**
 * What the main process knows about the window behind a call. It is created when the window
 * is created and is never taken from the renderer: a kiosk window stays a kiosk window.
 */
export interface CallerSession {
  readonly window: WindowRole;
  readonly pad: PinPad;
  staff: StaffSummary | null;
  /** The last call a person made, on the main process's monotonic clock (never the wall clock). */
  lastActivityMs: number;
  /** Kiosk: the appointments this visit's searches returned, the only ones it may act on. */
  visitScope: Set<number>;
  /** Kiosk: the appointments this window checked in (or found checked in), the latest CHECKED_IN_KEPT of them. */
  checkedInHere: Set<number>;
  /** Kiosk: when recent searches found nobody (monotonic ms), and when the next search may run. */
  searchMisses: number[];
  nextSearchAt: number;
}

export const newSession = (window: WindowRole, pad: PinPad = "staff-display"): CallerSession => ({
  window,
  pad,
  staff: null,
  lastActivityMs: 0,
  visitScope: new Set(),
  checkedInHere: new Set(),
  searchMisses: [],
  nextSearchAt: 0,
});

/** Searches that found nobody count for 10 minutes; after 3 of them each search waits 1 s, doubling, up to 30 s. */
export const MISS_WINDOW_MS = 10 * 60_000;
export const FREE_MISSES = 3;
export const searchDelayMs = (recentMisses: number): number =>
  recentMisses < FREE_MISSES ? 0 : Math.min(30_000, 1000 * 2 ** (recentMisses - FREE_MISSES));

/**
 * A kiosk search waits its turn: after repeated misses in this window, each search is held back
 * (a growing delay, per kiosk window), so trying phone numbers one after another is slow. Calls
 * made at once queue behind each other. A guest who mistypes once or twice never waits.
 */
export async function searchTurn(session: CallerSession, nowMs: () => number): Promise<void> {
  const now = nowMs();
  session.searchMisses = session.searchMisses.filter((t) => now - t < MISS_WINDOW_MS);
  const at = Math.max(now, session.nextSearchAt) + searchDelayMs(session.searchMisses.length);
  session.nextSearchAt = at;
  if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
}

/** A kiosk may act only on appointments its own search in this visit returned. */
export function assertInVisit(session: CallerSession, appointmentId: number): void {
  if (!session.visitScope.has(appointmentId))
    throw new DomainError(
      "NOT_FOUND",
      "Find your booking first: search by your phone number or booking code.",
      "appointmentId",
    );
}

/** How many of a kiosk window's latest check-ins it may still say were left on the offer: a day's and more. */
export const CHECKED_IN_KEPT = 500;

/** A kiosk window checked this appointment in (or was told it already was): kept after the visit ends. */
export function keepCheckedIn(session: CallerSession, appointmentId: number): void {
  session.checkedInHere.delete(appointmentId);
  session.checkedInHere.add(appointmentId);
  for (const oldest of session.checkedInHere) {
    if (session.checkedInHere.size <= CHECKED_IN_KEPT) break;
    session.checkedInHere.delete(oldest);
  }
}

/**
 * A kiosk may say a guest left the offer only of a visit it checked in itself: its visit's scope is gone by then
 * (Cancel and the idle reset end the visit), and another kiosk's or the desk's guests are not its to speak for.
 */
export function assertCheckedInHere(session: CallerSession, appointmentId: number): void {
  if (!session.checkedInHere.has(appointmentId))
    throw new DomainError("NOT_FOUND", "This kiosk did not check that guest in.", "appointmentId");
}

/**
 * Decides whether this caller may use a channel of the given access level. Throws a
 * DomainError (FORBIDDEN / NOT_AUTHENTICATED) otherwise; idle staff sessions lock here. Only a
 * call a person made (`byPerson`) counts as activity: the window's own refreshes after pushed
 * events don't keep a session open with nobody at the desk.
 */
export function authorize(
  access: Access,
  session: CallerSession,
  nowMs: number,
  /** Read only for a signed-in staff session: a kiosk's call makes no settings read for it. */
  staffIdleMs: () => number,
  byPerson: boolean,
): void {
  if (access === "any") return;
  if (access === "kiosk") {
    if (session.window !== "kiosk")
      throw new DomainError("FORBIDDEN", "This action is only available on the guest kiosk.");
    return;
  }
  if (session.window !== "staff") throw new DomainError("FORBIDDEN", "This action is only available to staff.");
  if (session.staff && nowMs - session.lastActivityMs > staffIdleMs()) session.staff = null;
  if (access === "staff") return;
  if (!session.staff) throw new DomainError("NOT_AUTHENTICATED", "Enter your PIN to continue.");
  if (access === "manager" && session.staff.role !== "manager") {
    throw new DomainError("FORBIDDEN", "Only a manager can do this.");
  }
  if (byPerson) session.lastActivityMs = nowMs;
}
