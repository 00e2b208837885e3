import type { Model } from "../model";
import { stmt } from "../stmt";
import { appendAudit } from "../audit";
import { bookedAddonLines, bookedAddons, storeBookedAddons } from "../desk/booked-addons";
import { addonFinder } from "./addon-names";
import { lengthInName } from "./values";
import { ALSO_BOOKED, NOTE_SEPARATOR } from "./visits";

/**
 * Bookings an import wrote before migration 0033 name a joined add-on in their note ("Also booked: Scalp Massage 15
 * min · Light"), not as an add-on booked ahead: the kiosk offered it again, the slip printed it as a note. Read here as
 * an import reads a file's rows (./addon-names.ts, the length in the name), each label that names one of the spa's
 * add-ons with its minutes becomes that add-on booked ahead and leaves the note; any other label ("Hot stones 30 min",
 * a name the catalog does not have, one without minutes), and the booking system's own note after " · ", stay as they
 * were. A label of an add-on the guest or the desk chose for that visit stays too: the desk settled that visit, and
 * which of the two the guest had is not the note's to say.
 */

/** The note's labels and the booking system's note after them; null when the note does not start with the list. */
function joinedOf(note: string): { labels: string[]; rest: string | null } | null {
  if (!note.startsWith(ALSO_BOOKED)) return null;
  const at = note.indexOf(NOTE_SEPARATOR);
  const list = at < 0 ? note.slice(ALSO_BOOKED.length) : note.slice(ALSO_BOOKED.length, at);
  return { labels: list.split(", "), rest: at < 0 ? null : note.slice(at + NOTE_SEPARATOR.length) };
}

/**
 * Converts every such note, each booking in its own audit row (the desk's history says "Booked ahead: → Scalp
 * massage 15 min"), in one transaction; the number of bookings converted. The app runs it through bookJoinedNotesOnce;
 * a note once converted no longer starts with the list, so it does nothing again.
 */
export function bookJoinedNotes(m: Model): number {
  const { db, clock } = m;
  return db
    .transaction(() => {
      const rows = stmt(
        db,
        `SELECT id, note FROM appointments WHERE note LIKE '${ALSO_BOOKED.replace(/'/g, "''")}%'`,
      ).all() as { id: number; note: string }[];
      if (rows.length === 0) return 0;
      const find = addonFinder(db);
      const chosen = stmt(
        db,
        `SELECT i.addon_id FROM offers o JOIN offer_items i ON i.offer_id = o.id
         WHERE o.appointment_id = ? AND (i.guest_selected = 1 OR i.final_selected = 1)`,
      );
      const setNote = stmt(db, "UPDATE appointments SET note = ? WHERE id = ?");
      let converted = 0;
      for (const { id, note } of rows) {
        const joined = joinedOf(note);
        if (!joined) continue;
        const theirs = new Set(chosen.pluck().all(id) as number[]);
        const booked = new Map(bookedAddons(db, id).map((b) => [b.id, b.minutes]));
        // Booked ahead already (a file imported since): the label only repeats it, and leaves the note.
        const stored = new Set(booked.keys());
        const before = bookedAddonLines(db, id);
        const kept: string[] = [];
        for (const label of joined.labels) {
          const addon = find(label);
          const minutes = lengthInName(label);
          if (addon === null || minutes === null || theirs.has(addon.id)) kept.push(label);
          else if (!stored.has(addon.id)) booked.set(addon.id, (booked.get(addon.id) ?? 0) + minutes);
        }
        if (kept.length === joined.labels.length) continue;
        storeBookedAddons(
          db,
          id,
          [...booked].map(([addonId, minutes]) => ({ id: addonId, minutes })),
        );
        const list = kept.length > 0 ? `${ALSO_BOOKED}${kept.join(", ")}` : null;
        setNote.run(
          list !== null && joined.rest !== null ? `${list}${NOTE_SEPARATOR}${joined.rest}` : (list ?? joined.rest),
          id,
        );
        const said = (lines: ReturnType<typeof bookedAddonLines>) =>
          lines.map((l) => ({ addon: l.code, minutes: l.minutes }));
        appendAudit(
          db,
          clock,
          { kind: "system" },
          {
            action: "appointment.booked_from_note",
            entity: "appointment",
            entityId: id,
            before: { bookedAhead: said(before) },
            after: { bookedAhead: said(bookedAddonLines(db, id)) },
          },
        );
        converted++;
      }
      return converted;
    })
    .immediate();
}

/**
 * At each open of the app's database (its start, a restore's reopen): bookJoinedNotes once, for a file migration 0034
 * marked as holding such notes, then the mark goes; any other file is asked one row. Looking through every note at
 * every start held the main thread before the kiosk was up, the longer the bigger the file. The number converted.
 */
export function bookJoinedNotesOnce(m: Model): number {
  const { db } = m;
  return db
    .transaction(() => {
      if (!stmt(db, "SELECT 1 FROM pending_upkeep WHERE step = 'joined-notes'").get()) return 0;
      const converted = bookJoinedNotes(m);
      stmt(db, "DELETE FROM pending_upkeep WHERE step = 'joined-notes'").run();
      return converted;
    })
    .immediate();
}
