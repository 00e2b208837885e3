import type { QueueItem, RestoreGap, UndoneDecision } from "../../../contract/channels";
import { fitText } from "../../../contract/common";

/**
 * The most of a void's reason the queue row shows (with an ellipsis past it): the row is read at a glance, and the
 * whole reason (up to REASON_MAX) is on the list and in the Void form, which fills it in.
 */
export const QUEUE_REASON_MAX = 60;

type Status = UndoneDecision["status"];
/** The desk's action for each decision, to be made again. */
const ACTION: Record<Status, string> = { confirmed: "confirm", changed: "change", voided: "void" };

/**
 * What the desk had decided on a guest's add-ons ("confirmed Face massage"), read after "the desk" on the restore's
 * list and after "the desk had" on the queue row.
 */
export function decidedWhat({ status, addons }: Pick<UndoneDecision, "status" | "addons">): string {
  const chosen = addons.join(" and ");
  if (status === "voided") return "voided the add-on";
  if (status === "confirmed") return addons.length > 0 ? `confirmed ${chosen}` : "confirmed no add-on";
  return addons.length > 0 ? `changed the add-on to ${chosen}` : "removed the add-on";
}

/** A void's reason after its time, as the appointment's history writes one: " (reason: Guest changed their mind)". */
export const reasonNote = (reason: string | null): string => (reason ? ` (reason: ${reason})` : "");

/** The one thing to do for a decision the restore took back: the same action again, in the queue. */
export const decideAgain = (status: Status): string =>
  `Undone by the restore: ${ACTION[status]} it again in the queue.`;

/**
 * The queue row's warning while a decision the restore undid is not made again (`time`: when it was made, as the desk
 * reads it): the row itself shows the add-on as it stood before, so the receptionist does not act on that.
 */
export function undoneInQueue(decision: UndoneDecision, time: string): string {
  const again = ACTION[decision.status].charAt(0).toUpperCase() + ACTION[decision.status].slice(1);
  const reason = decision.reason === null ? null : fitText(decision.reason, QUEUE_REASON_MAX);
  return `Undone by the restore: the desk had ${decidedWhat(decision)} at ${time}${reasonNote(reason)}. ${again} it again.`;
}

/**
 * What the appointment's Change ticks when it opens: the add-ons as they stand (none once voided) or, while a Change
 * the restore undid is not made again, the add-ons it had left, so the desk makes it again in one tap.
 */
export function changeTicks(item: QueueItem): number[] {
  if (item.undoneByRestore?.status === "changed") return item.undoneByRestore.addonIds;
  return item.offer?.status === "voided" ? [] : (item.offer?.finalAddonIds ?? []);
}

/** Whether Change is ticked as the Change the restore undid: then `undoneChangeHint` says where the ticks came from. */
export function ticksUndoneChange(item: QueueItem, selected: readonly number[]): boolean {
  const undone = item.undoneByRestore;
  if (undone?.status !== "changed") return false;
  return selected.length === undone.addonIds.length && undone.addonIds.every((id) => selected.includes(id));
}

/** Under Void's reason, while it is the reason of a void the restore undid (`time`: when the desk had voided). */
export const undoneVoidHint = (time: string): string =>
  `The reason the desk gave at ${time}, for the void the restore undid.`;

/** Under Change, while it is ticked as a Change the restore undid (`time`: when the desk had made it). */
export const undoneChangeHint = (time: string): string =>
  `As the desk had changed the add-ons at ${time}, before the restore undid it.`;

/**
 * A row whose booking was made after the backup: how the desk books the guest again. One from the booking system comes
 * back with an import of the day's bookings, which links it to the row; one made at the desk is added as a walk-in.
 */
export const bookAgainText = (externalId: string | null): string =>
  externalId === null
    ? "Booked after the backup, so not in the restored data: add the guest again as a walk-in."
    : `Booked after the backup, so not in the restored data. Import today's bookings again and booking ${externalId} ` +
      "comes back here, to check in as it was; or add the guest as a walk-in.";

/**
 * The list's heading: what is left to do. Guests to check in again (of the left-out check-ins), and the desk's add-on
 * decisions to make again; then bookings to make again; then that it is all done.
 */
export function restoreGapsHeading(gaps: RestoreGap[]): string {
  const arrivals = gaps.filter((g) => g.decision === null);
  const checkIns = arrivals.filter((g) => g.appointmentId !== null && !g.checkedInAgain).length;
  const decisions = gaps.filter((g) => g.decision !== null && !g.decidedAgain).length;
  const bookAgain = arrivals.filter((g) => g.appointmentId === null).length;
  const decide = `Decide again: ${decisions === 1 ? "1 add-on decision" : `${decisions} add-on decisions`} the restore undid`;
  if (checkIns > 0 && decisions > 0) return `Check in again: ${checkIns} of ${arrivals.length} · ${decide}`;
  if (checkIns > 0) return `Check in again: ${checkIns} of ${arrivals.length}`;
  if (decisions > 0) return decide;
  if (bookAgain > 0) return `Book again: ${bookAgain === 1 ? "1 guest" : `${bookAgain} guests`} the restore left out`;
  return arrivals.length > 0
    ? "Everyone the restore left out is checked in again"
    : "Every decision the restore undid is made again";
}
