import type { ReadModel } from "../model";
import type { ImportField } from "../../contract/desk";
import { visitChanges } from "../desk/visit-changes";
import { hasTicket } from "../printing/tickets";
import type { Issues } from "./issues";
import type { ParsedRow } from "./row-checks";

/** What the file changes of a visit whose guest already checked in, as a CHANGED ticket says it (empty: nothing). */
export function movedAfterCheckIn(m: ReadModel, r: ParsedRow): string[] {
  if (!r.checkedIn || !r.was || r.status !== "booked" || r.action !== "update") return [];
  return visitChanges(m, r.was, r);
}

const FIELD_OF: Record<string, ImportField> = {
  Therapist: "therapist",
  Room: "room",
  Time: "time",
  Service: "service",
};

/**
 * A file that moves a guest who already checked in (another therapist, room, time or service) is named, with what
 * changes: the guest is waiting for the booking as the desk told them, and the therapist's ticket says otherwise. The
 * import sends a CHANGED ticket where the therapist holds one (commit.ts), as the desk's reassignment does.
 */
export function warnMovedAfterCheckIn(m: ReadModel, rows: ParsedRow[], warnings: Issues): void {
  for (const r of rows) {
    const changes = movedAfterCheckIn(m, r);
    const [first] = changes;
    if (first === undefined || r.existingId === null) continue;
    const ticketed = hasTicket(m, r.existingId);
    const said = changes.map((c) => c.replace(/^(\w+): /, (_, what: string) => `${what.toLowerCase()} `)).join("; ");
    warnings.add(
      r.line,
      FIELD_OF[first.slice(0, first.indexOf(":"))] ?? null,
      `${r.guestName} already checked in: ${said}. The import changes the booking` +
        (ticketed
          ? "; a CHANGED slip prints for the therapist. Tell the guest and the therapists."
          : ". Tell the guest and the therapists."),
    );
  }
}
