import type { Access } from "../../contract/channels";
import type { StaffSummary } from "../../contract/channels";
import { DomainError } from "../../db/errors";

export type WindowRole = "kiosk" | "staff";

/**
 * What the main process knows about the window behind a call. It is created when the window
 * is created and is never taken from the renderer: a kiosk window stays a kiosk window.
 */
export interface CallerSession {
  readonly window: WindowRole;
  staff: StaffSummary | null;
  lastActivityMs: number;
}

export const newSession = (window: WindowRole): CallerSession => ({ window, staff: null, lastActivityMs: 0 });

/**
 * Reads a staff window makes by itself when the main process pushes an event (a row changed):
 * they are not a person at the desk, so they don't keep an idle session awake.
 */
const PASSIVE_CHANNELS: ReadonlySet<string> = new Set(["desk.item"]);

/**
 * Decides whether this caller may use a channel of the given access level. Throws a
 * DomainError (FORBIDDEN / NOT_AUTHENTICATED) otherwise; idle staff sessions lock here.
 */
export function authorize(access: Access, session: CallerSession, nowMs: number, staffIdleMs: number, channel = ""): void {
  if (access === "any") return;
  if (access === "kiosk") {
    if (session.window !== "kiosk") throw new DomainError("FORBIDDEN", "This action is only available on the guest kiosk.");
    return;
  }
  if (session.window !== "staff") throw new DomainError("FORBIDDEN", "This action is only available to staff.");
  if (session.staff && nowMs - session.lastActivityMs > staffIdleMs) session.staff = null;
  if (access === "staff") return;
  if (!session.staff) throw new DomainError("NOT_AUTHENTICATED", "Enter your PIN to continue.");
  if (access === "manager" && session.staff.role !== "manager") {
    throw new DomainError("FORBIDDEN", "Only a manager can do this.");
  }
  if (!PASSIVE_CHANNELS.has(channel)) session.lastActivityMs = nowMs;
}
