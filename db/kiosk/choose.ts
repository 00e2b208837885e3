import type { Model } from "../model";
import { stmt } from "../stmt";
import type { Language } from "../../contract/common";
import type { AddonChoice, OfferStatus } from "../../contract/channels";
import { appendAudit } from "../audit";
import { DomainError } from "../errors";
import { capacityProblem, isDecided } from "./offers";
import { bookableToday, offerOf } from "./visit";
import type { ScreeningAnswers } from "../../contract/screening";
import { recordScreening } from "../screening/screening";

/**
 * Records the guest's choice (none, one or several add-ons) with their screening answers, in one
 * transaction. Allowed until the desk confirms; the prices and minutes recorded are the ones
 * quoted when the offer was shown.
 */
export function chooseAddons(
  m: Model,
  input: { appointmentId: number; addonIds: number[]; offerMs: number; lang: Language; screening?: ScreeningAnswers[] },
): AddonChoice {
  const { db, clock } = m;
  return db
    .transaction(() => {
      const visit = bookableToday(m, input.appointmentId);
      const offer = offerOf(visit);
      if (visit.checked_in_at === null) throw new DomainError("CONFLICT", "Please check in first.");
      if (!offer)
        throw new DomainError("NOT_AVAILABLE", "That add-on isn't available for this appointment.", "addonIds");
      if (isDecided(offer.status)) {
        throw new DomainError(
          "CONFLICT",
          "The front desk has already confirmed your add-ons. Please ask them for any change.",
        );
      }
      const items = stmt(
        db,
        `SELECT i.addon_id, i.shown, i.price_cents, i.extra_minutes, i.guest_selected, COALESCE(t.title, en.title) AS title, a.code
         FROM offer_items i JOIN addons a ON a.id = i.addon_id
         LEFT JOIN addon_texts t ON t.addon_id = i.addon_id AND t.lang = ?
         LEFT JOIN addon_texts en ON en.addon_id = i.addon_id AND en.lang = 'en'
         WHERE i.offer_id = ?`,
      ).all(input.lang, offer.id) as {
        addon_id: number;
        shown: number;
        price_cents: number;
        extra_minutes: number;
        guest_selected: number;
        title: string;
        code: string;
      }[];
      const chosen = input.addonIds.map((id) => {
        const item = items.find((i) => i.addon_id === id);
        if (!item || item.shown !== 1)
          throw new DomainError("NOT_AVAILABLE", "That add-on isn't available for this appointment.", "addonIds");
        return item;
      });
      const extra = chosen.reduce((sum, i) => sum + i.extra_minutes, 0);
      if (chosen.length > 1 && capacityProblem(visit, extra)) {
        throw new DomainError(
          "NOT_AVAILABLE",
          "Only one of these add-ons fits before the next booking today. Please pick one.",
          "addonIds",
        );
      }
      recordScreening(
        m,
        input.appointmentId,
        items.filter((i) => i.shown === 1).map((i) => i.addon_id),
        input.addonIds,
        input.screening ?? [],
      );
      const status: OfferStatus = chosen.length > 0 ? "accepted" : "declined";
      const before = { status: offer.status, selected: items.filter((i) => i.guest_selected === 1).map((i) => i.code) };
      stmt(db, "UPDATE offer_items SET guest_selected = 0, final_selected = 0 WHERE offer_id = ?").run(offer.id);
      const pick = stmt(
        db,
        "UPDATE offer_items SET guest_selected = 1, final_selected = 1 WHERE offer_id = ? AND addon_id = ?",
      );
      for (const c of chosen) pick.run(offer.id, c.addon_id);
      // Time on the offer screen adds up when a guest comes back to change their choice.
      stmt(db, "UPDATE offers SET status = ?, decided_at = ?, offer_ms = COALESCE(offer_ms, 0) + ? WHERE id = ?").run(
        status,
        clock.now().toISOString(),
        input.offerMs,
        offer.id,
      );
      appendAudit(
        db,
        clock,
        { kind: "kiosk" },
        {
          action: "offer.choose",
          entity: "appointment",
          entityId: input.appointmentId,
          before,
          after: { status, selected: chosen.map((c) => c.code) },
        },
      );
      return {
        status,
        chosen: chosen.map((c) => ({
          addonId: c.addon_id,
          title: c.title,
          priceCents: c.price_cents,
          extraMinutes: c.extra_minutes,
        })),
      };
    })
    .immediate();
}
