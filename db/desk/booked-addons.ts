import type { Language } from "../../contract/common";
import type { OfferStatus } from "../../contract/channels";
import { slipTitle } from "../../contract/ticket";
import { appendAudit, type Actor } from "../audit";
import { isSettled } from "../kiosk/offers";
import type { Model } from "../model";
import type { DB } from "../open";
import { stmt } from "../stmt";

/**
 * A visit's add-ons booked ahead in the booking system (migration 0033): an import's add-on row joined to its massage
 * (db/import/visits.ts). The booking's length covers them (the therapist and room are held), so they add no minutes
 * after it; the kiosk never offers them again, the desk and the therapist's slip show them as add-ons booked ahead,
 * and neither the kiosk's offer reports nor the till's add-on file count them (the booking system sold them).
 */
export interface BookedAddon {
  id: number;
  /** As booked: part of the booking's own length. */
  minutes: number;
}

/** A booked-ahead add-on as shown: its code, its title in `lang` (English where none), its minutes as booked. */
export interface BookedAddonLine {
  addonId: number;
  code: string;
  title: string;
  minutes: number;
}

/** The appointment's booked-ahead add-ons, as an import stored them, by add-on id. */
export const bookedAddons = (db: DB, appointmentId: number): BookedAddon[] =>
  stmt(
    db,
    "SELECT addon_id AS id, extra_minutes AS minutes FROM booked_addons WHERE appointment_id = ? ORDER BY addon_id",
  ).all(appointmentId) as BookedAddon[];

/** The same add-ons for the same minutes, in any order. */
export const sameBookedAddons = (a: readonly BookedAddon[], b: readonly BookedAddon[]): boolean => {
  const key = (list: readonly BookedAddon[]) =>
    JSON.stringify([...list].sort((x, y) => x.id - y.id).map((x) => [x.id, x.minutes]));
  return key(a) === key(b);
};

/**
 * Replaces the appointment's booked-ahead add-ons with `addons` (none: it has none). Inside the caller's write. Only
 * what changed is written, so importing the same file again writes nothing. A newly booked one is worth the add-on's
 * price on the spa's menu now (migration 0036: the booking system's file has no price), one already stored keeps its
 * price.
 */
export function storeBookedAddons(db: DB, appointmentId: number, addons: readonly BookedAddon[]): void {
  stmt(
    db,
    "DELETE FROM booked_addons WHERE appointment_id = ? AND addon_id NOT IN (SELECT value FROM json_each(?))",
  ).run(appointmentId, JSON.stringify(addons.map((a) => a.id)));
  const upsert = stmt(
    db,
    `INSERT INTO booked_addons (appointment_id, addon_id, extra_minutes, price_cents)
     VALUES (?, ?, ?, (SELECT price_cents FROM addons WHERE id = ?))
     ON CONFLICT (appointment_id, addon_id) DO UPDATE SET extra_minutes = excluded.extra_minutes
     WHERE extra_minutes IS NOT excluded.extra_minutes`,
  );
  for (const a of addons) upsert.run(appointmentId, a.id, a.minutes, a.id);
}

/** The appointment's booked-ahead add-ons as the guest, the desk or the slip reads them, in the catalog's order. */
export const bookedAddonLines = (db: DB, appointmentId: number, lang: Language = "en"): BookedAddonLine[] =>
  stmt(
    db,
    `SELECT b.addon_id AS addonId, a.code, COALESCE(t.title, en.title, a.code) AS title, b.extra_minutes AS minutes
     FROM booked_addons b JOIN addons a ON a.id = b.addon_id
     LEFT JOIN addon_texts t ON t.addon_id = a.id AND t.lang = ?
     LEFT JOIN addon_texts en ON en.addon_id = a.id AND en.lang = 'en'
     WHERE b.appointment_id = ? ORDER BY a.sort_order, a.id`,
  ).all(lang, appointmentId) as BookedAddonLine[];

/** The offer lines of add-ons the visit has booked ahead: the guest's or desk's own choice of them, where it stands. */
interface ChoiceOfBooked {
  offerId: number;
  status: OfferStatus;
  lines: { addonId: number; title: string; chosen: boolean; sold: boolean }[];
}

/**
 * Where the guest's own choice stands of the add-ons `booked` books ahead (by id): the offer's lines of them, each
 * chosen (by the guest or the desk) and sold (the desk settled it: its slip printed); null when the offer has none.
 */
export function choiceOfBooked(db: DB, appointmentId: number, booked: readonly number[]): ChoiceOfBooked | null {
  if (booked.length === 0) return null;
  const offer = stmt(db, "SELECT id, status FROM offers WHERE appointment_id = ?").get(appointmentId) as
    { id: number; status: OfferStatus } | undefined;
  if (!offer) return null;
  const wanted = new Set(booked);
  const lines = (
    stmt(
      db,
      `SELECT i.addon_id AS addonId, t.title, i.final_selected
       FROM offer_items i JOIN addons a ON a.id = i.addon_id JOIN addon_texts t ON t.addon_id = a.id AND t.lang = 'en'
       WHERE i.offer_id = ? ORDER BY a.sort_order, a.id`,
    ).all(offer.id) as { addonId: number; title: string; final_selected: number }[]
  )
    .filter((l) => wanted.has(l.addonId))
    .map((l) => {
      // A voided offer's lines are none of them chosen any more (db/desk/addons.ts markVoided).
      const chosen = l.final_selected === 1;
      return { addonId: l.addonId, title: l.title, chosen, sold: chosen && isSettled(offer.status) };
    });
  return lines.length === 0 ? null : { offerId: offer.id, status: offer.status, lines };
}

const listed = (titles: string[]): string =>
  titles.length <= 1 ? (titles[0] ?? "") : `${titles.slice(0, -1).join(", ")} and ${titles.at(-1) ?? ""}`;

/**
 * An import booked ahead add-ons this visit's offer holds (the guest saw or chose them at the kiosk, the desk may have
 * settled them): the visit must not carry one twice, nor the till and the reports sell it twice. Each one's line leaves
 * the offer, as the kiosk never offers an add-on booked ahead: a guest still choosing can't pick it, a choice not yet
 * confirmed loses it (with nothing else chosen, the guest chose no add-on on top of the booking), and one the desk had
 * confirmed is no longer the desk's sale. A choice of one is audited, the reason in plain words ("Scalp massage is now
 * booked ahead: removed from the kiosk choice"). Returns the CHANGED slip's lines for a sale the therapist holds a slip
 * of (the caller prints it: the therapist does it once, booked ahead). Inside the import's write.
 */
export function dropChoiceOfBooked(m: Model, actor: Actor, appointmentId: number): string[] {
  const { db, clock } = m;
  const booked = bookedAddons(db, appointmentId).map((b) => b.id);
  const choice = choiceOfBooked(db, appointmentId, booked);
  if (!choice) return [];
  const finalTitles = () =>
    stmt(
      db,
      `SELECT t.title FROM offer_items i JOIN addons a ON a.id = i.addon_id
         JOIN addon_texts t ON t.addon_id = a.id AND t.lang = 'en'
         WHERE i.offer_id = ? AND i.final_selected = 1 ORDER BY a.sort_order, a.id`,
    )
      .pluck()
      .all(choice.offerId) as string[];
  const before = finalTitles();
  const remove = stmt(db, "DELETE FROM offer_items WHERE offer_id = ? AND addon_id = ?");
  for (const l of choice.lines) remove.run(choice.offerId, l.addonId);
  const stillChosen = stmt(db, "SELECT 1 FROM offer_items WHERE offer_id = ? AND guest_selected = 1 LIMIT 1").get(
    choice.offerId,
  );
  const status: OfferStatus = choice.status === "accepted" && !stillChosen ? "declined" : choice.status;
  if (status !== choice.status) stmt(db, "UPDATE offers SET status = ? WHERE id = ?").run(status, choice.offerId);
  const chosen = choice.lines.filter((l) => l.chosen);
  if (chosen.length === 0) return [];
  const sold = chosen.filter((l) => l.sold);
  const titles = listed(chosen.map((l) => l.title));
  appendAudit(db, clock, actor, {
    action: "offer.booked_ahead",
    entity: "appointment",
    entityId: appointmentId,
    before: { status: choice.status, final: before },
    after: { status, final: finalTitles() },
    reason:
      `${titles} ${chosen.length === 1 ? "is" : "are"} now booked ahead: removed from the ` +
      (sold.length > 0 ? "add-ons the desk confirmed; a CHANGED slip tells the therapist" : "kiosk choice"),
  });
  return sold.map((l) => `Not an extra any more: ${slipTitle(l.title)} (booked ahead)`);
}
