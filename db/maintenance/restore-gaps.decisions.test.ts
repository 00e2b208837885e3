import { copyFileSync } from "node:fs";
import { ADDONS_PER_VISIT } from "../../contract/common";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createBackup } from "./backup";
import { dismissRestoreGaps, openRestoreGaps, recordRestoreGaps } from "./restore-gaps";
import { changeAddons, confirmAddons, voidAddons } from "../desk/addons";
import { checkInAtDesk } from "../desk/appointment";
import { queueItem } from "../desk/queue";
import { latestTicket } from "../printing/tickets";
import { checkInAtKiosk } from "../kiosk/check-in";
import { chooseAddons } from "../kiosk/choose";
import { modelOf, type Model } from "../model";
import { openDatabase } from "../open";
import { spaToday } from "../settings";
import { riley } from "../test/desk";
import { demoModel, oddCopy, tempDir } from "../test/helpers";

/**
 * Four of the demo spa's guests choose an add-on at the kiosk, the fourth confirmed at the desk, then a backup; after
 * it the desk confirms the first, voids the second and takes the third's add-on off. Returns the live model (the file
 * a restore replaces), the backup opened as the restored data, the guests, and when each decision was made.
 */
async function decidedAfterTheBackup() {
  const live = await demoModel();
  const ids = live.db
    .prepare(
      `SELECT a.id FROM appointments a WHERE a.local_day = ? AND a.status = 'booked' AND a.ends_at > ?
         AND NOT EXISTS (SELECT 1 FROM check_ins c WHERE c.appointment_id = a.id) ORDER BY a.starts_at, a.id`,
    )
    .pluck()
    .all(spaToday(live), live.clock.now().toISOString()) as number[];
  // Four guests who choose an add-on at the kiosk before the backup; the fourth is confirmed before it too.
  const chose: { id: number; addonId: number; title: string }[] = [];
  for (const id of ids) {
    const card = checkInAtKiosk(live, id, "en").visit.offer.cards.find((c) => c.available);
    if (!card) continue;
    chooseAddons(live, { appointmentId: id, addonIds: [card.addonId], offerMs: 3000, lang: "en" });
    chose.push({ id, addonId: card.addonId, title: card.title });
    live.clock.advance(1);
    if (chose.length === 4) break;
  }
  const [confirmed, voided, changed, before] = chose;
  if (!confirmed || !voided || !changed || !before)
    throw new Error("the demo spa has four guests with room for an add-on");
  confirmAddons(live, riley, before.id, true);
  live.clock.advance(1);
  const dir = tempDir();
  const backup = await createBackup(live, path.join(dir, "backups"), "manual");

  // After the backup: the desk confirms one, voids one (the guest changed their mind) and takes another's add-on off.
  live.clock.advance(5);
  confirmAddons(live, riley, confirmed.id, true);
  const confirmedAt = live.clock.now().toISOString();
  live.clock.advance(1);
  voidAddons(live, riley, { appointmentId: voided.id, reason: "Guest changed their mind" });
  const voidedAt = live.clock.now().toISOString();
  live.clock.advance(1);
  changeAddons(live, riley, { appointmentId: changed.id, addonIds: [], acknowledged: true });
  const changedAt = live.clock.now().toISOString();

  const restoredFile = path.join(dir, "restored.sqlite3");
  copyFileSync(path.join(dir, "backups", backup.name), restoredFile);
  const restored: Model = modelOf(openDatabase(restoredFile), live.clock);
  live.clock.advance(1);
  return { live, restored, dir, confirmed, voided, changed, before, confirmedAt, voidedAt, changedAt };
}

describe("the desk's add-on decisions a restore took back", () => {
  it("a Confirm, Change or Void made after the backup is listed for a guest who had arrived before it, until the desk decides again; one made before it is not", async () => {
    const { live, restored, confirmed, voided, changed, before, confirmedAt, voidedAt, changedAt } =
      await decidedAfterTheBackup();
    expect(recordRestoreGaps(restored, live.db.name)).toEqual({ recorded: 0, undone: 3, complete: true });
    const rows = () =>
      openRestoreGaps(restored).map((g) => ({
        id: g.appointmentId,
        decision: g.decision,
        addons: g.addons,
        checkedInAgain: g.checkedInAgain,
        decidedAgain: g.decidedAgain,
      }));
    // Each with what the desk had decided, when, and the add-ons it left; the guest is checked in already.
    expect(rows()).toEqual([
      {
        id: confirmed.id,
        decision: {
          status: "confirmed",
          at: confirmedAt,
          addons: [confirmed.title],
          addonIds: [confirmed.addonId],
          reason: null,
        },
        addons: [confirmed.title],
        checkedInAgain: true,
        decidedAgain: false,
      },
      {
        id: voided.id,
        decision: { status: "voided", at: voidedAt, addons: [], addonIds: [], reason: "Guest changed their mind" },
        addons: [],
        checkedInAgain: true,
        decidedAgain: false,
      },
      {
        id: changed.id,
        decision: { status: "changed", at: changedAt, addons: [], addonIds: [], reason: null },
        addons: [],
        checkedInAgain: true,
        decidedAgain: false,
      },
    ]);
    // The restored queue has each choice as it stood at the backup: what the list is there to correct, and the row
    // itself says so, where the receptionist would tap Confirm.
    expect(queueItem(restored, voided.id)).toMatchObject({
      offer: { status: "accepted" },
      undoneByRestore: { status: "voided", at: voidedAt, reason: "Guest changed their mind" },
    });
    expect(queueItem(restored, confirmed.id).undoneByRestore).toEqual({
      status: "confirmed",
      at: confirmedAt,
      addons: [confirmed.title],
      addonIds: [confirmed.addonId],
      reason: null,
    });
    expect(queueItem(restored, before.id).undoneByRestore).toBeNull();
    // A guest on the list for a decision is checked in already: Check in does not put an arrival back twice.
    expect(() => checkInAtDesk(restored, riley, confirmed.id)).toThrow(/Already checked in/);

    // The desk decides again: the list says so, guest by guest. The clock was stepped back two hours since the restore
    // (synchronised at last): a decision made at the earlier time still counts as made again.
    live.clock.set(new Date(live.clock.now().getTime() - 2 * 3_600_000).toISOString());
    confirmAddons(restored, riley, confirmed.id, true);
    voidAddons(restored, riley, { appointmentId: voided.id, reason: "Guest changed their mind" });
    expect(rows().map((r) => r.decidedAgain)).toEqual([true, true, false]);
    expect([confirmed, voided, changed].map((g) => queueItem(restored, g.id).undoneByRestore?.status ?? null)).toEqual([
      null,
      null,
      "changed",
    ]);
    // Read again (a second restore the same day): nothing listed twice.
    expect(recordRestoreGaps(restored, live.db.name)).toEqual({ recorded: 0, undone: 0, complete: true });
    // Once the desk clears the list, the queue no longer carries it.
    dismissRestoreGaps(restored, riley);
    expect(queueItem(restored, changed.id).undoneByRestore).toBeNull();
    // The void's reason, typed about a guest, goes with the list.
    expect(restored.db.prepare("SELECT count(*) FROM restore_gaps WHERE void_reason IS NOT NULL").pluck().get()).toBe(
      0,
    );
  });
  it("a decision the list can't read (a status this version does not know, a time that is not one) is left out, and the restore says the file was not read whole; a reason the desk could not have typed is left out alone", async () => {
    const { live, restored, dir, confirmed, voided, changed, changedAt } = await decidedAfterTheBackup();
    const odd = path.join(dir, "odd.sqlite3");
    const db = oddCopy(live.db, odd);
    db.prepare("UPDATE offers SET confirmed_at = 'last Tuesday' WHERE appointment_id = ?").run(confirmed.id);
    db.prepare("UPDATE offers SET status = 'comped' WHERE appointment_id = ?").run(voided.id);
    // A void whose reason carries a control character and runs past what the desk may type.
    db.prepare("UPDATE offers SET status = 'voided', void_reason = ? WHERE appointment_id = ?").run(
      `Guest\u0007 left ${"x".repeat(400)}`,
      changed.id,
    );
    db.close();
    expect(recordRestoreGaps(restored, odd)).toEqual({ recorded: 0, undone: 1, complete: false });
    expect(openRestoreGaps(restored).map((g) => [g.appointmentId, g.decision])).toEqual([
      [changed.id, { status: "voided", at: changedAt, addons: [], addonIds: [], reason: null }],
    ]);
    // An add-on the restored data does not have keeps its code, in the file's order, on the list and in the queue.
    restored.db.prepare("UPDATE restore_gaps SET addons = ?").run('["hot_stone", "face"]');
    expect(openRestoreGaps(restored)[0]?.decision?.addons).toEqual(["hot_stone", "Face massage"]);
    expect(queueItem(restored, changed.id).undoneByRestore).toMatchObject({
      addons: ["hot_stone", "Face massage"],
      addonIds: [restored.db.prepare("SELECT id FROM addons WHERE code = 'face'").pluck().get()],
    });
  });
  it("a decision with more add-ons than a visit may have keeps as many as one may, and the restore says the file was not read whole", async () => {
    const { live, restored, dir, confirmed } = await decidedAfterTheBackup();
    const odd = path.join(dir, "odd.sqlite3");
    const db = oddCopy(live.db, odd);
    const offer = db.prepare("SELECT id FROM offers WHERE appointment_id = ?").pluck().get(confirmed.id) as number;
    for (let i = 0; i < ADDONS_PER_VISIT + 2; i++) {
      const addon = db
        .prepare("INSERT INTO addons (code, price_cents, extra_minutes, sort_order) VALUES (?, 500, 5, ?)")
        .run(`extra${String.fromCharCode(97 + i)}`, 100 + i).lastInsertRowid;
      db.prepare(
        "INSERT INTO offer_items (offer_id, addon_id, shown, final_selected, price_cents, extra_minutes) VALUES (?, ?, 1, 1, 500, 5)",
      ).run(offer, addon);
    }
    db.close();
    expect(recordRestoreGaps(restored, odd)).toEqual({ recorded: 0, undone: 3, complete: false });
    const decision = queueItem(restored, confirmed.id).undoneByRestore;
    expect(decision?.addons).toHaveLength(ADDONS_PER_VISIT);
    expect(decision?.addons[0]).toBe(confirmed.title);
    expect(openRestoreGaps(restored).find((g) => g.appointmentId === confirmed.id)?.addons).toHaveLength(
      ADDONS_PER_VISIT,
    );
  });
  it("the first decision the desk makes again prints under REPRINT when it says what the slip printed before the restore said; any other prints as usual", async () => {
    const { live, restored, confirmed, voided, changed, before } = await decidedAfterTheBackup();
    // A fifth guest arrives after the backup and the desk confirms their add-on: the restore leaves the arrival out.
    const [id] = live.db
      .prepare(
        `SELECT a.id FROM appointments a WHERE a.local_day = ? AND a.status = 'booked' AND a.ends_at > ?
           AND NOT EXISTS (SELECT 1 FROM check_ins c WHERE c.appointment_id = a.id) ORDER BY a.starts_at, a.id`,
      )
      .pluck()
      .all(spaToday(live), live.clock.now().toISOString()) as number[];
    const card = id === undefined ? undefined : checkInAtKiosk(live, id, "en").visit.offer.cards[0];
    if (id === undefined || !card?.available) throw new Error("the demo spa has a fifth guest with room for an add-on");
    const arrived = { id, card };
    chooseAddons(live, { appointmentId: arrived.id, addonIds: [arrived.card.addonId], offerMs: 3000, lang: "en" });
    confirmAddons(live, riley, arrived.id, true);
    expect(recordRestoreGaps(restored, live.db.name)).toEqual({ recorded: 1, undone: 3, complete: true });
    const slip = (id: number) => {
      const t = latestTicket(restored, id);
      return { kind: t?.kind, reprintOf: t?.reprintOf, addons: t?.addons.map((a) => a.title) };
    };

    // The same decisions again: the therapist holds these slips already, and each copy says so.
    confirmAddons(restored, riley, confirmed.id, true);
    expect(slip(confirmed.id)).toEqual({
      kind: "reprint",
      reprintOf: undefined,
      addons: [confirmed.title.toUpperCase()],
    });
    voidAddons(restored, riley, { appointmentId: voided.id, reason: "Guest changed their mind" });
    expect(slip(voided.id)).toEqual({ kind: "reprint", reprintOf: "void", addons: [] });
    checkInAtDesk(restored, riley, arrived.id);
    confirmAddons(restored, riley, arrived.id, true);
    expect(slip(arrived.id)).toEqual({
      kind: "reprint",
      reprintOf: undefined,
      addons: [arrived.card.title.toUpperCase()],
    });
    // A different decision (the desk keeps the add-on it had taken off) is new to the therapist: a plain ticket.
    confirmAddons(restored, riley, changed.id, true);
    expect(slip(changed.id)).toEqual({ kind: "original", reprintOf: undefined, addons: [changed.title.toUpperCase()] });
    // Only the first decision after the restore can repeat the lost one: the next ones print as they always do.
    changeAddons(restored, riley, { appointmentId: confirmed.id, addonIds: [], acknowledged: true });
    expect(slip(confirmed.id)).toMatchObject({ kind: "changed", addons: [] });
    changeAddons(restored, riley, { appointmentId: changed.id, addonIds: [], acknowledged: true });
    expect(slip(changed.id)).toMatchObject({ kind: "changed", addons: [] });
    // A guest decided on before the backup has nothing undone: a change prints CHANGED.
    changeAddons(restored, riley, { appointmentId: before.id, addonIds: [], acknowledged: true });
    expect(slip(before.id)).toMatchObject({ kind: "changed", addons: [] });
  });
});
