import type { DB } from "../open";
import { stmt } from "../stmt";
import type { ImportMapping } from "../../contract/desk";
import type { Issues } from "./issues";

/** A booking's status as stored and as an import reads it (row-checks.ts ParsedRow's). */
type Status = "booked" | "cancelled" | "no_show";

/**
 * The latest decision on a booking's status, the desk's or an import's: an import's update counts only where it
 * changed the status.
 */
const LAST_STATUS_DECISION = `SELECT action FROM audit_log WHERE entity = 'appointment' AND entity_id = ?
  AND (action IN ('appointment.cancel', 'appointment.no_show', 'appointment.reinstate', 'appointment.import',
                  'appointment.import_cancel')
       OR (action = 'appointment.import_update'
           AND json_extract(before_json, '$.status') IS NOT json_extract(after_json, '$.status')))
  ORDER BY id DESC LIMIT 1`;

/** The desk's status decisions, as a warning words them. */
const DESK_DECISIONS: Record<string, { did: string; then: string; undo: string }> = {
  "appointment.cancel": { did: "was cancelled", then: "Cancel it", undo: "reinstate it" },
  "appointment.no_show": { did: "was marked a no-show", then: "Mark it so", undo: "reinstate it" },
  "appointment.reinstate": { did: "was reinstated", then: "Book it again", undo: "cancel it" },
};
const SAYS: Record<Status, string> = { booked: "booked", cancelled: "cancelled", no_show: "no-show" };
const KEPT: Record<Status, string> = { booked: "booked", cancelled: "cancelled", no_show: "as a no-show" };

/**
 * The status a booking the file names again gets (row-checks.ts `newStatus`). Without a Status column, what is
 * stored: a re-import keeps the desk's cancellation or no-show. With one, the file's, except where the desk decided
 * the booking's status last (cancelled it, marked a no-show, reinstated it) and the file says otherwise: the
 * receptionist heard it from the guest and the booking system may not have, so the desk's stands, until the desk
 * changes it. Named in a warning (`line`; null for a booking before today, kept without a word) so the desk puts it
 * right in the booking system or at the desk.
 */
export function statusKeeper(db: DB, mapping: ImportMapping, warnings: Issues) {
  const lastDecision = stmt(db, LAST_STATUS_DECISION).pluck();
  return (
    before: { id: number; status: string } | undefined,
    fromFile: Status,
    guestName: string,
    line: number | null,
  ): Status => {
    if (!before) return fromFile;
    const stored = before.status as Status;
    if (mapping.status === undefined) return stored;
    if (stored === fromFile) return fromFile;
    const decision = lastDecision.get(before.id) as string | undefined;
    const desk = decision === undefined ? undefined : DESK_DECISIONS[decision];
    if (!desk) return fromFile;
    if (line !== null)
      warnings.add(
        line,
        "status",
        `${guestName} ${desk.did} at the desk, but the booking system still says ${SAYS[fromFile]}: ` +
          `kept ${KEPT[stored]}. ${desk.then} in the booking system too, or ${desk.undo} at the desk.`,
      );
    return stored;
  };
}
