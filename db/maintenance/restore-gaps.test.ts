import { copyFileSync, openSync, writeFileSync, writeSync, closeSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createBackup } from "./backup";
import { dismissRestoreGaps, openRestoreGaps, recordRestoreGaps } from "./restore-gaps";
import { confirmAddons } from "../desk/addons";
import { queueItem } from "../desk/queue";
import { latestTicket } from "../printing/tickets";
import { insertScreeningVersion, screeningChecks } from "../screening/screening";
import { defaultScreening } from "../screening/defaults";
import { eraseGuestDetails } from "./retention";
import { checkInAtKiosk } from "../kiosk/check-in";
import { chooseAddons } from "../kiosk/choose";
import { checkInAtDesk } from "../desk/appointment";
import { insertAppointment } from "../desk/appointments";
import { modelOf, type Model } from "../model";
import { connect, openDatabase } from "../open";
import { getSettings, spaToday } from "../settings";
import { riley } from "../test/desk";
import { demoModel, found, oddCopy, tempDir } from "../test/helpers";

/**
 * The demo spa backed up, then two of today's guests check in (one at the kiosk, one at the desk) and a walk-in is
 * booked and checked in: what a restore of that backup loses. Returns the live model (the file the restore replaces)
 * and the backup opened as the restored data, on the same clock.
 */
async function afterTheBackup() {
  const live = await demoModel();
  const dir = tempDir();
  const backup = await createBackup(live, path.join(dir, "backups"), "manual");
  const now = live.clock.now().toISOString();
  const [first, second] = live.db
    .prepare(
      `SELECT a.id FROM appointments a WHERE a.local_day = ? AND a.status = 'booked' AND a.ends_at > ?
         AND NOT EXISTS (SELECT 1 FROM check_ins c WHERE c.appointment_id = a.id) ORDER BY a.starts_at, a.id LIMIT 2`,
    )
    .pluck()
    .all(spaToday(live), now) as number[];
  if (first === undefined || second === undefined) throw new Error("the demo spa has two guests still to come");
  // The first chooses an add-on at the kiosk: the restore's list carries it, for the therapist's ticket.
  const card = checkInAtKiosk(live, first, "en").visit.offer.cards.find((c) => c.available);
  if (!card) throw new Error("the demo spa's first guest to come has room for an add-on");
  chooseAddons(live, { appointmentId: first, addonIds: [card.addonId], offerMs: 3000, lang: "en" });
  live.clock.advance(1);
  checkInAtDesk(live, riley, second);
  live.clock.advance(1);
  const walkIn = live.db.transaction(() =>
    insertAppointment(live, getSettings(live.db).timeZone, {
      guestName: "Sam Walk-In",
      phone: "5550100999",
      serviceId: 1,
      therapistId: 1,
      roomId: 1,
      startsAt: new Date(Date.parse(now) + 2 * 3_600_000).toISOString(),
      source: "walk-in",
    }),
  )();
  checkInAtDesk(live, riley, walkIn);
  const restoredFile = path.join(dir, "restored.sqlite3");
  copyFileSync(path.join(dir, "backups", backup.name), restoredFile);
  const restored: Model = modelOf(openDatabase(restoredFile), live.clock);
  const codeOf = (id: number) =>
    live.db.prepare("SELECT booking_code FROM appointments WHERE id = ?").pluck().get(id) as string;
  const nameOf = (id: number) =>
    live.db.prepare("SELECT guest_name FROM appointments WHERE id = ?").pluck().get(id) as string;
  return { live, restored, dir, first, second, walkIn, codeOf, nameOf, chosen: card.title };
}

describe("what a restore left out, for the desk", () => {
  it("lists the day's check-ins made after the backup: the restored bookings by guest, a booking made since by its code; checked in again, then dismissed", async () => {
    const { live, restored, first, second, walkIn, codeOf, nameOf, chosen } = await afterTheBackup();

    expect(recordRestoreGaps(restored, live.db.name)).toEqual({ recorded: 3, undone: 0, complete: true });
    const gaps = openRestoreGaps(restored);
    expect(
      gaps.map((g) => [g.appointmentId, g.guestName, g.bookingCode, g.channel, g.addons, g.checkedInAgain]),
    ).toEqual([
      [first, nameOf(first), codeOf(first), "kiosk", [chosen], false],
      [second, nameOf(second), codeOf(second), "desk", [], false],
      // Booked after the backup: not in the restored data, so no guest to name there; its code and time are.
      [null, null, codeOf(walkIn), "desk", [], false],
    ]);
    // No guest's details are kept in the list itself.
    const columns = (restored.db.pragma("table_info(restore_gaps)") as { name: string }[]).map((c) => c.name);
    expect(columns.filter((c) => /name|phone/.test(c))).toEqual(["service_name"]);

    // The desk checks the first guest in again from the queue: the list says so.
    checkInAtDesk(restored, riley, first);
    expect(openRestoreGaps(restored).map((g) => g.checkedInAgain)).toEqual([true, false, false]);
    // The second had been checked in at the desk, with no offer made yet: so they come back, no offer made.
    const secondAgain = checkInAtDesk(restored, riley, second);
    expect(secondAgain).toMatchObject({ checkInChannel: "desk", offer: null });
    expect(secondAgain.checkedInAt).toBe(
      live.db.prepare("SELECT checked_in_at FROM check_ins WHERE appointment_id = ?").pluck().get(second),
    );
    expect(openRestoreGaps(restored).map((g) => g.checkedInAgain)).toEqual([true, true, false]);
    // Read again (a second restore the same day): nothing listed twice, nothing checked in again listed.
    expect(recordRestoreGaps(restored, live.db.name)).toEqual({ recorded: 0, undone: 0, complete: true });

    expect(dismissRestoreGaps(restored, riley)).toBe(3);
    expect(openRestoreGaps(restored)).toEqual([]);
    expect(
      restored.db.prepare("SELECT actor FROM audit_log WHERE action = 'restore_gaps.dismiss'").pluck().all(),
    ).toEqual(["staff:Riley Chen"]);
    expect(dismissRestoreGaps(restored, riley)).toBe(0);
  });

  it("a list not dismissed is the day's: the next day's desk does not see it", async () => {
    const { live, restored } = await afterTheBackup();
    expect(recordRestoreGaps(restored, live.db.name).recorded).toBe(3);
    live.clock.advance(24 * 60);
    expect(openRestoreGaps(restored)).toEqual([]);
  });

  it("a replaced file that is not a database, is missing, or is damaged lists what it can and says it could not read it all", async () => {
    const { live, restored, dir } = await afterTheBackup();
    const text = path.join(dir, "text.sqlite3");
    writeFileSync(text, "this is not a database, only a file with its name ".repeat(200));
    expect(recordRestoreGaps(restored, text)).toEqual({ recorded: 0, undone: 0, complete: false });
    expect(recordRestoreGaps(restored, path.join(dir, "gone.sqlite3"))).toEqual({
      recorded: 0,
      undone: 0,
      complete: false,
    });

    // The live file copied as a crash leaves it, then every page after the first two overwritten with noise.
    live.db.pragma("wal_checkpoint(TRUNCATE)");
    const damaged = path.join(dir, "damaged.sqlite3");
    copyFileSync(live.db.name, damaged);
    const fd = openSync(damaged, "r+");
    const noise = Buffer.alloc(statSync(damaged).size - 8192, 0xa5);
    writeSync(fd, noise, 0, noise.length, 8192);
    closeSync(fd);
    expect(recordRestoreGaps(restored, damaged)).toEqual({ recorded: 0, undone: 0, complete: false });
    expect(openRestoreGaps(restored)).toEqual([]);
  });

  it("rows of a file that is not the spa's own are taken only where each value fits the list: the others are left out", async () => {
    const { restored, dir } = await afterTheBackup();
    const foreign = path.join(dir, "foreign.sqlite3");
    const db = connect(foreign);
    db.exec(`CREATE TABLE services (id INTEGER PRIMARY KEY, name TEXT);
      CREATE TABLE appointments (id INTEGER PRIMARY KEY, booking_code TEXT, starts_at TEXT, service_id INTEGER);
      CREATE TABLE check_ins (appointment_id INTEGER, checked_in_at TEXT, channel TEXT, local_day TEXT);`);
    const today = spaToday(restored);
    const at = restored.clock.now().toISOString();
    db.prepare("INSERT INTO services VALUES (1, 'Swedish massage'), (2, ?)").run("x".repeat(5_000));
    const rows: [string, string, number, string, string][] = [
      ["QX7Z2K", at, 1, at, "kiosk"], // fits: listed, its booking not in the restored data
      ["A".repeat(80), at, 1, at, "kiosk"], // a booking code no booking of the spa's has
      ["QX7Z2L", "tomorrow at ten", 1, at, "desk"], // not an instant
      ["QX7Z2M", at, 2, at, "desk"], // a service name past the limit
      ["QX7Z2N", at, 1, at, "phone"], // no such way to check in
    ];
    rows.forEach(([code, startsAt, serviceId, checkedInAt, channel], i) => {
      db.prepare("INSERT INTO appointments VALUES (?, ?, ?, ?)").run(100 + i, code, startsAt, serviceId);
      db.prepare("INSERT INTO check_ins VALUES (?, ?, ?, ?)").run(100 + i, checkedInAt, channel, today);
    });
    db.close();
    expect(recordRestoreGaps(restored, foreign)).toEqual({ recorded: 1, undone: 0, complete: false });
    expect(openRestoreGaps(restored).map((g) => [g.bookingCode, g.appointmentId, g.serviceName])).toEqual([
      ["QX7Z2K", null, "Swedish massage"],
    ]);
  });

  it("checked in again from the list, a guest comes back as they had arrived: time, kiosk, language, add-on choice and a health answer the desk must acknowledge", async () => {
    const live = await demoModel();
    const dir = tempDir();
    const backup = await createBackup(live, path.join(dir, "backups"), "manual");
    // A guest still to come with room for the face massage, who checks in at the kiosk in Spanish and chooses it,
    // answering yes to the question that asks the therapist to check.
    const now = live.clock.now().toISOString();
    const candidates = live.db
      .prepare(
        `SELECT a.id FROM appointments a WHERE a.local_day = ? AND a.status = 'booked' AND a.ends_at > ?
           AND NOT EXISTS (SELECT 1 FROM check_ins c WHERE c.appointment_id = a.id) ORDER BY a.starts_at, a.id`,
      )
      .pluck()
      .all(spaToday(live), now) as number[];
    const guest = candidates
      .map((id) => ({ id, visit: checkInAtKiosk(live, id, "es").visit }))
      .find(({ visit }) => visit.offer.cards.some((c) => c.code === "face" && c.available));
    if (!guest) throw new Error("the demo spa has a guest to come with room for the face massage");
    const face = found(
      guest.visit.offer.cards.find((c) => c.code === "face"),
      "the face massage's card",
    );
    const version = found(face.screening, "the face massage's questions").version;
    chooseAddons(live, {
      appointmentId: guest.id,
      addonIds: [face.addonId],
      offerMs: 4000,
      lang: "es",
      screening: [{ addonId: face.addonId, version, answers: ["no", "no", "yes"] }],
    });
    const kept = live.db
      .prepare("SELECT checked_in_at, channel, lang FROM check_ins WHERE appointment_id = ?")
      .get(guest.id) as { checked_in_at: string; channel: string; lang: string };
    live.clock.advance(20);

    const restoredFile = path.join(dir, "restored.sqlite3");
    copyFileSync(path.join(dir, "backups", backup.name), restoredFile);
    const restored: Model = modelOf(openDatabase(restoredFile), live.clock);
    recordRestoreGaps(restored, live.db.name);
    const gap = found(
      openRestoreGaps(restored).find((g) => g.appointmentId === guest.id),
      "the guest on the restore's list",
    );
    expect(gap.addons).toEqual(["Face massage"]); // in the desk's language
    // The list holds the answers until the guest is checked in again: personal health data, kept no longer.
    const answersKept = () =>
      restored.db.prepare("SELECT screening FROM restore_gaps WHERE id = ?").pluck().get(gap.id) as string;
    expect(JSON.parse(answersKept())).toEqual([{ code: "face", version, answers: ["no", "no", "yes"] }]);

    const item = checkInAtDesk(restored, riley, guest.id);
    // As the replaced file had it: the kiosk's time, channel and language; not the desk's, not now.
    expect(item).toMatchObject({ checkedInAt: kept.checked_in_at, checkInChannel: "kiosk" });
    expect(
      restored.db.prepare("SELECT checked_in_at, channel, lang FROM check_ins WHERE appointment_id = ?").get(guest.id),
    ).toEqual(kept);
    // The choice awaits the desk's Confirm, and the answer calls for the therapist's check, as before the restore.
    expect(item.offer).toMatchObject({ status: "accepted", checksPending: true });
    expect(screeningChecks(restored, guest.id)).toEqual([{ addon: "face", reason: "recent treatment or pregnancy" }]);
    expect(JSON.parse(answersKept())).toEqual([]);
    expect(() => confirmAddons(restored, riley, guest.id)).toThrow(
      expect.objectContaining({ code: "CONFLICT", field: "acknowledged" }),
    );
    expect(confirmAddons(restored, riley, guest.id, true).jobId).not.toBeNull();
    const ticket = found(latestTicket(restored, guest.id), "the therapist's ticket");
    expect(ticket.alerts?.checks).toEqual([{ addon: "face", reason: "recent treatment or pregnancy" }]);
    expect(JSON.stringify(ticket)).toMatch(/FACE/i);
    expect(openRestoreGaps(restored).find((g) => g.id === gap.id)?.checkedInAgain).toBe(true);
    // A second tap, or a second desk: refused by name, nothing written twice.
    expect(() => checkInAtDesk(restored, riley, guest.id)).toThrow(/Already checked in \(at the kiosk\)/);
    // Audited by what was put back, never by the answers.
    const audit = restored.db
      .prepare("SELECT actor, after_json FROM audit_log WHERE action = 'restore_gaps.check_in'")
      .get() as { actor: string; after_json: string };
    expect(audit.actor).toBe("staff:Riley Chen");
    expect(JSON.parse(audit.after_json)).toMatchObject({ offer: "accepted", selected: ["face"], answered: ["face"] });
    expect(JSON.stringify(restored.db.prepare("SELECT * FROM audit_log").all())).not.toMatch(/"yes"/);
  });

  it("checking in again: answers to questions changed since are not put back; retention or clearing the list erases the answers, and a cleared list's guest is checked in plainly", async () => {
    const { live, restored, first } = await afterTheBackup();
    // The first guest's answers, as if given to the face massage's questions before the restore.
    const faceVersion = restored.db
      .prepare("SELECT max(q.version) FROM screening_sets q JOIN addons a ON a.id = q.addon_id WHERE a.code = 'face'")
      .pluck()
      .get() as number;
    recordRestoreGaps(restored, live.db.name);
    const gaps = openRestoreGaps(restored);
    const gapOf = (id: number) =>
      found(
        gaps.find((g) => g.appointmentId === id),
        "the guest's row",
      );
    const firstGap = gapOf(first);
    restored.db
      .prepare("UPDATE restore_gaps SET screening = ? WHERE id = ?")
      .run(JSON.stringify([{ code: "face", version: faceVersion, answers: ["no", "no", "yes"] }]), firstGap.id);
    // A manager rewrote the face massage's questions meanwhile: the old answers no longer read with them.
    const faceId = restored.db.prepare("SELECT id FROM addons WHERE code = 'face'").pluck().get() as number;
    insertScreeningVersion(
      restored.db,
      faceId,
      defaultScreening.face.slice(0, 2),
      restored.clock.now().toISOString(),
      1,
    );
    checkInAtDesk(restored, riley, first);
    expect(screeningChecks(restored, first)).toEqual([]);
    expect(
      restored.db.prepare("SELECT count(*) FROM screening_answers WHERE appointment_id = ?").pluck().get(first),
    ).toBe(0);

    // Retention erases an appointment's answers on the list with its other details; clearing the list erases them all.
    const answers = () => restored.db.prepare("SELECT screening FROM restore_gaps ORDER BY id").pluck().all();
    const [secondGap] = gaps.filter((g) => g.appointmentId !== null && g.appointmentId !== first);
    const second = found(secondGap?.appointmentId ?? undefined, "the second guest");
    restored.db.prepare('UPDATE restore_gaps SET screening = \'[{"code":"scalp","version":1,"answers":[]}]\'').run();
    eraseGuestDetails(restored, [second], "9999-12-31");
    expect(restored.db.prepare("SELECT screening FROM restore_gaps WHERE appointment_id = ?").pluck().get(second)).toBe(
      "[]",
    );
    dismissRestoreGaps(restored, riley);
    expect(new Set(answers())).toEqual(new Set(["[]"]));
    // Once the list is cleared, a guest still on it is checked in at the desk as anyone else; the one put back stays.
    expect(checkInAtDesk(restored, riley, second)).toMatchObject({ checkInChannel: "desk", offer: null });
    expect(queueItem(restored, first).checkInChannel).toBe("kiosk");
  });

  it("a language, offer status or health answers the list can't read are carried as none, and a check-in time past now comes back as now, never costing the guest their row", async () => {
    const { live, restored, dir, first } = await afterTheBackup();
    // As a newer version, or a hand at the file, might have left them: past what this version's schema allows.
    const odd = path.join(dir, "odd.sqlite3");
    const db = oddCopy(live.db, odd);
    db.prepare("UPDATE check_ins SET lang = 'fr' WHERE appointment_id = ?").run(first);
    db.prepare("UPDATE offers SET status = 'haggled' WHERE appointment_id = ?").run(first);
    const [face, scalp] = db
      .prepare("SELECT id FROM addons WHERE code IN ('face', 'scalp') ORDER BY code")
      .pluck()
      .all();
    const setOf = (addonId: unknown) =>
      db.prepare("SELECT max(id) FROM screening_sets WHERE addon_id = ?").pluck().get(addonId);
    const answer = db.prepare(
      "INSERT OR REPLACE INTO screening_answers (appointment_id, addon_id, set_id, answers, outcome, answered_at) VALUES (?, ?, ?, ?, 'fine', '2026-12-06T10:00:00.000Z')",
    );
    answer.run(first, face, setOf(face), "[not json");
    answer.run(first, scalp, setOf(scalp), '["maybe", "no"]');
    db.close();

    expect(recordRestoreGaps(restored, odd)).toEqual({ recorded: 3, undone: 0, complete: false });
    expect(
      restored.db.prepare("SELECT lang, offer_status, screening FROM restore_gaps WHERE appointment_id = ?").get(first),
    ).toEqual({ lang: null, offer_status: null, screening: "[]" });
    // The clock was stepped back since the file was written, so the check-in it kept is later than now: it comes back
    // at now, never in the future; and the guest's choice still comes back.
    const later = new Date(restored.clock.now().getTime() + 2 * 3_600_000).toISOString();
    restored.db.prepare("UPDATE restore_gaps SET checked_in_at = ? WHERE appointment_id = ?").run(later, first);
    expect(checkInAtDesk(restored, riley, first)).toMatchObject({
      checkedInAt: restored.clock.now().toISOString(),
      checkInChannel: "kiosk",
      offer: { status: "accepted" },
    });
  });
});
