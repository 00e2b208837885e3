import type { CheckInChannel, Language } from "../../contract/common";
import type { OfferStatus } from "../../contract/kiosk";
import { appendAudit } from "../audit";
import { slotOf } from "../desk/queue";
import { insertCheckIn } from "../kiosk/check-in";
import { offerCards, openOffer } from "../kiosk/offers";
import type { Model, StaffActor } from "../model";
import { currentSet, storeAnswers } from "../screening/screening";
import { stmt } from "../stmt";
import type { KeptAnswers } from "./replaced-file";

/** A row of the restore's list (db/maintenance/restore-gaps.ts), as the desk's check-in reads it. */
interface GapRow {
  id: number;
  checked_in_at: string;
  channel: CheckInChannel;
  addons: string;
  lang: Language | null;
  offer_status: OfferStatus | null;
  screening: string;
}

/** Where the put-back offer stands: the guest's choice awaiting the desk, as the kiosk leaves it. */
function statusAgain(chosen: number, kept: OfferStatus | null): OfferStatus {
  if (chosen > 0) return "accepted";
  // The guest said no, or the desk settled on nothing (confirmed "no add-on", or voided): nothing to choose again.
  return kept === null || kept === "offered" || kept === "accepted" ? "offered" : "declined";
}

/**
 * When the desk checks in a guest the restore left out (db/desk/appointment.ts, `checkInAtDesk`, from the queue or the
 * list): puts their arrival back as they had made it, and returns true; false when the guest is on no open list. The
 * check-in gets the time (never later than now) and channel the replaced file has, and the language they used; their
 * add-on offer is reopened as they had left it, the add-ons they had chosen selected and awaiting the desk's Confirm;
 * and their answers to its health questions come back, so an answer that calls for a therapist's check must be
 * acknowledged again and prints on the ticket. A bare desk check-in would lose the kiosk arrival for the reports and
 * the flag for the therapist. An add-on that no longer fits (retired, or the therapist's next booking moved up) is not
 * selected: the list still names it. Answers to questions a manager has changed since are not put back: the desk asks
 * again. Audited by what was put back, never by the answers, which then leave the list. Call inside the check-in's
 * transaction, once it is allowed.
 */
export function putBackArrival(m: Model, actor: StaffActor, appointmentId: number): boolean {
  const { db, clock } = m;
  const gap = stmt(
    db,
    `SELECT id, checked_in_at, channel, addons, lang, offer_status, screening
     FROM restore_gaps WHERE appointment_id = ? AND dismissed_at IS NULL AND decided_at IS NULL ORDER BY id DESC LIMIT 1`,
  ).get(appointmentId) as GapRow | undefined;
  if (!gap) return false;
  // A check-in is never later than now: the replaced file's time can be, if the clock was stepped back since.
  const at = new Date(Math.min(Date.parse(gap.checked_in_at), clock.now().getTime()));
  insertCheckIn(m, actor, appointmentId, gap.channel, gap.lang, at);
  const cards = offerCards(m, slotOf(m, appointmentId), gap.lang ?? "en");
  const codes = JSON.parse(gap.addons) as string[];
  const chosen = cards.filter((c) => c.available && codes.includes(c.code));
  const answered: string[] = [];
  let status: OfferStatus | null = null;
  // An offer only where the arrival had one (the kiosk's), or had add-ons chosen: a desk check-in whose add-ons were
  // not settled yet comes back as one, Confirm opening its offer as it does for any desk arrival.
  if (cards.length > 0 && (gap.offer_status !== null || chosen.length > 0)) {
    const offerId = openOffer(m, appointmentId, gap.channel, cards, at);
    status = statusAgain(chosen.length, gap.offer_status);
    const now = clock.now().toISOString();
    const pick = stmt(
      db,
      "UPDATE offer_items SET guest_selected = 1, final_selected = 1 WHERE offer_id = ? AND addon_id = ?",
    );
    for (const c of chosen) pick.run(offerId, c.addonId);
    stmt(db, "UPDATE offers SET status = ?, decided_at = ? WHERE id = ?").run(
      status,
      status === "offered" ? null : now,
      offerId,
    );
    for (const kept of JSON.parse(gap.screening) as KeptAnswers[]) {
      const card = cards.find((c) => c.code === kept.code);
      const set = card ? currentSet(db, card.addonId) : null;
      if (!set || set.version !== kept.version || set.questions.length !== kept.answers.length) continue;
      storeAnswers(db, appointmentId, set, kept.answers, now);
      answered.push(kept.code);
    }
  }
  stmt(db, "UPDATE restore_gaps SET screening = '[]' WHERE id = ?").run(gap.id);
  appendAudit(db, clock, actor, {
    action: "restore_gaps.check_in",
    entity: "appointment",
    entityId: appointmentId,
    after: {
      gapId: gap.id,
      channel: gap.channel,
      checkedInAt: at.toISOString(),
      offer: status,
      selected: chosen.map((c) => c.code),
      answered,
    },
  });
  return true;
}
