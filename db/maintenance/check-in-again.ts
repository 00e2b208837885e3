import type { CheckInChannel, Language } from "../../contract/common";
import type { QueueItem } from "../../contract/desk";
import type { OfferStatus } from "../../contract/kiosk";
import { appendAudit } from "../audit";
import { requireCanCheckIn } from "../desk/appointment";
import { queueItem, slotOf } from "../desk/queue";
import { DomainError } from "../errors";
import { insertCheckIn } from "../kiosk/check-in";
import { offerCards, openOffer } from "../kiosk/offers";
import type { Model, StaffActor } from "../model";
import { currentSet, storeAnswers } from "../screening/screening";
import { stmt } from "../stmt";
import type { KeptAnswers } from "./restore-gaps";

/** A row of the restore's list (db/maintenance/restore-gaps.ts), as the desk's Check in reads it. */
interface GapRow {
  appointment_id: number | null;
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
 * The desk checks in again a guest the restore left out, as they had arrived: at the time and by the channel the
 * replaced file has, in the language they used, with their add-on offer reopened as they had left it (the add-ons they
 * had chosen, selected and awaiting the desk's Confirm) and their answers to its health questions, so an answer that
 * calls for a therapist's check must be acknowledged again and prints on the ticket. An add-on that no longer fits
 * (retired, or the therapist's next booking moved up) is not selected: the list still names it. Answers to questions
 * a manager has changed since are not put back: the desk asks again. One transaction, audited; the gap's answers are
 * then erased from the list.
 */
export function checkInAgain(m: Model, actor: StaffActor, gapId: number): QueueItem {
  const { db, clock } = m;
  return db
    .transaction(() => {
      const gap = stmt(
        db,
        `SELECT appointment_id, checked_in_at, channel, addons, lang, offer_status, screening
         FROM restore_gaps WHERE id = ? AND dismissed_at IS NULL`,
      ).get(gapId) as GapRow | undefined;
      if (!gap) throw new DomainError("NOT_FOUND", "This list was cleared; check the guest in from the queue.");
      const appointmentId = gap.appointment_id;
      if (appointmentId === null)
        throw new DomainError(
          "CONFLICT",
          "This booking was made after the backup, so the restored data doesn't have it: add the guest as a walk-in.",
        );
      requireCanCheckIn(m, appointmentId);
      const at = new Date(gap.checked_in_at);
      insertCheckIn(m, actor, appointmentId, gap.channel, gap.lang, at);
      const cards = offerCards(m, slotOf(m, appointmentId), gap.lang ?? "en");
      const codes = JSON.parse(gap.addons) as string[];
      const chosen = cards.filter((c) => c.available && codes.includes(c.code));
      const answered: string[] = [];
      let status: OfferStatus | null = null;
      if (cards.length > 0) {
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
      stmt(db, "UPDATE restore_gaps SET screening = '[]' WHERE id = ?").run(gapId);
      appendAudit(db, clock, actor, {
        action: "restore_gaps.check_in",
        entity: "appointment",
        entityId: appointmentId,
        after: {
          gapId,
          channel: gap.channel,
          checkedInAt: gap.checked_in_at,
          offer: status,
          selected: chosen.map((c) => c.code),
          answered,
        },
      });
      return queueItem(m, appointmentId);
    })
    .immediate();
}
