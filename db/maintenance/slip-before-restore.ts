import { z } from "zod";
import { addonCodeSchema } from "../../contract/admin";
import type { TicketContent } from "../../contract/ticket";
import { DECIDED_SQL } from "../kiosk/offers";
import type { DB } from "../open";
import { stmt } from "../stmt";
import { decidedAgainSql } from "./restore-gaps";

/**
 * A restore and the therapist's slips. The file a restore replaced can hold a decision of the desk's on a guest's
 * add-ons (Confirm, Change or Void) that the restored data lacks: a restored guest's decision made after the backup, or
 * the settled offer of an arrival the desk puts back. Its slip printed before the restore and is with the therapist.
 * When the desk's decision has the therapist do the same again (a VOID slip and one confirming no add-on both mean no
 * add-on), the slip it prints is a copy and says so (REPRINT, keeping a CHANGED or VOID banner), as every other copy of
 * a ticket does; a different decision prints as any decision does.
 */

/** What the slip printed before the restore said: voided, or which add-ons (by code). */
export interface SlipBeforeRestore {
  voided: boolean;
  addons: readonly string[];
}

const SLIP_SQL = `SELECT g.offer_status = 'voided' AS voided, g.addons FROM restore_gaps g
  WHERE g.appointment_id = ? AND g.offer_status IN ${DECIDED_SQL} AND NOT ${decidedAgainSql("g.appointment_id")}
  ORDER BY g.id DESC LIMIT 1`;

const codesSchema = z.array(addonCodeSchema);

/**
 * Read inside the desk's decision, before it changes the offer: the decision a restore undid on this appointment's
 * add-ons, while the desk has not decided on them since (the first decision after the restore is the one that may
 * repeat it); null when there is none.
 */
export function slipBeforeRestore(db: DB, appointmentId: number): SlipBeforeRestore | null {
  const row = stmt(db, SLIP_SQL).get(appointmentId) as { voided: 0 | 1; addons: string } | undefined;
  if (!row) return null;
  const addons = codesSchema.safeParse(JSON.parse(row.addons));
  return addons.success ? { voided: row.voided === 1, addons: addons.data } : null;
}

/**
 * Whether the ticket the desk's decision makes has the therapist do what the slip printed before the restore had them
 * do: the same add-ons on top of the booking. A VOID slip has them do none, as a slip confirming "no add-on" does,
 * so either made again as the other is a copy; an add-on booked ahead is the booking's, on every slip of the visit,
 * and not part of the decision.
 */
export function repeatsSlip(ticket: TicketContent, before: SlipBeforeRestore | null): boolean {
  if (before === null) return false;
  const held = before.voided ? [] : before.addons;
  const now = new Set(ticket.kind === "void" ? [] : ticket.addons.filter((a) => !a.bookedAhead).map((a) => a.code));
  return now.size === held.length && held.every((code) => now.has(code));
}
