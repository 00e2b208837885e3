import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Preferences } from "../../contract/preferences";
import { verifyAuditChain } from "../audit";
import { confirmAddons } from "../desk/addons";
import { arrivalsQueue } from "../desk/queue";
import { checkInAtKiosk } from "../kiosk/check-in";
import { chooseAddons } from "../kiosk/choose";
import { createBackup, listBackups } from "../maintenance/backup";
import { eraseExpiredInBackups } from "../maintenance/retention";
import { eraseExpiredGuestDetails } from "../test/retention";
import { connect } from "../open";
import type { Model } from "../model";
import { latestTicket } from "../printing/tickets";
import { saveSettings } from "../settings";
import { appointmentIdOf, demoModel, found, receptionist } from "../test/helpers";
import { DEMO_GUESTS } from "../demo/seed-demo";
import { eraseGuestPreferences, exportGuestPreferences } from "./guest-data";
import { preferencesForVisit, savePreferences } from "./preferences";
import { visitAlerts } from "./stored";

const MARIA_PHONE = "5550102233";
/** A manager's request for María's data (Back office → Guest data). */
const MARIA = { kind: "person", name: DEMO_GUESTS.bothFit.name } as const;
const nutsNoFace: Preferences = {
  pressure: "firm",
  allergies: ["nuts", "latex"],
  allergyOther: "lavender oil",
  avoid: ["face"],
  keep: true,
};
const manager = (m: Model) => {
  const s = found(
    m.db.prepare("SELECT id, name FROM staff WHERE role = 'manager' LIMIT 1").get() as { id: number; name: string },
    "manager",
  );
  return { kind: "staff", staffId: s.id, name: s.name } as const;
};

/** María checks in today and gives her preferences. */
function mariaGives(m: Model, preferences: Preferences): number {
  const id = appointmentIdOf(m, "HH2233");
  checkInAtKiosk(m, id, "en");
  savePreferences(m, id, preferences);
  return id;
}

/** Tomorrow's booking HH6677 made María's (same phone and name), the clock moved to an hour before it. */
function mariaComesBack(
  m: Model & { clock: { set(iso: string): void } },
  name = "Maria Gonzalez",
  phone = MARIA_PHONE,
): number {
  const row = found(
    m.db.prepare("SELECT id, starts_at FROM appointments WHERE booking_code = 'HH6677'").get() as {
      id: number;
      starts_at: string;
    },
    "HH6677",
  );
  m.db
    .prepare("UPDATE appointments SET phone = ?, phone_key = ?, guest_name = ? WHERE id = ?")
    .run(phone, phone.slice(-10), name, row.id);
  m.clock.set(new Date(Date.parse(row.starts_at) - 3_600_000).toISOString());
  checkInAtKiosk(m, row.id, "es");
  return row.id;
}

describe("guest preferences", () => {
  it("are saved for the checked-in visit, audited without what the guest said, and flag the desk row and the ticket", async () => {
    const m = await demoModel();
    const id = appointmentIdOf(m, "HH2233");
    expect(() => savePreferences(m, id, nutsNoFace)).toThrow(/check in first/);
    mariaGives(m, nutsNoFace);
    expect(preferencesForVisit(m, id)).toEqual({ preferences: nutsNoFace, lastVisit: false });
    expect(visitAlerts(m.db, id)).toEqual({ allergies: ["Nuts", "Latex", "lavender oil"], avoid: ["Face"] });
    const row = found(
      arrivalsQueue(m).items.find((i) => i.appointmentId === id),
      "María's row",
    );
    expect(row.alerts).toEqual({ allergies: ["Nuts", "Latex", "lavender oil"], avoid: ["Face"] });

    const audit = m.db.prepare("SELECT action, after_json FROM audit_log WHERE action LIKE 'preferences.%'").all() as {
      action: string;
      after_json: string;
    }[];
    expect(audit).toEqual([
      {
        action: "preferences.give",
        after_json: JSON.stringify({ kept: true, pressure: true, allergies: 3, avoid: 1, replaced: 0 }),
      },
    ]);
    expect(JSON.stringify(audit)).not.toMatch(/lavender|nuts|face/i);

    const { visit } = checkInAtKiosk(m, id, "en");
    chooseAddons(m, {
      appointmentId: id,
      addonIds: [found(visit.offer.cards[0], "card").addonId],
      offerMs: 2000,
      lang: "en",
    });
    confirmAddons(m, receptionist(m), id);
    expect(latestTicket(m, id)?.alerts).toEqual({
      allergies: ["Nuts", "Latex", "lavender oil"],
      avoid: ["Face"],
      checks: [],
    });
    expect(verifyAuditChain(m.db).ok).toBe(true);
  });

  it("nothing given: no flags and no ALERTS box", async () => {
    const m = await demoModel();
    const id = appointmentIdOf(m, "HH2233");
    checkInAtKiosk(m, id, "en");
    savePreferences(m, id, { pressure: "light", allergies: [], allergyOther: "", avoid: [], keep: false });
    expect(visitAlerts(m.db, id)).toEqual({ allergies: [], avoid: [] });
    confirmAddons(m, receptionist(m), id);
    expect(latestTicket(m, id)?.alerts).toEqual({ allergies: [], avoid: [], checks: [] });
  });

  it("a returning guest (same phone and name) starts from last visit's, only if they agreed to keep them", async () => {
    const m = await demoModel();
    mariaGives(m, nutsNoFace);
    const next = mariaComesBack(m);
    expect(preferencesForVisit(m, next)).toEqual({ preferences: nutsNoFace, lastVisit: true });
    // Changed this visit, not kept: the earlier ones are gone too (consent withdrawn).
    savePreferences(m, next, { ...nutsNoFace, allergies: [], keep: false });
    expect(m.db.prepare("SELECT count(*) FROM guest_preferences").pluck().get()).toBe(1);
    expect(m.db.prepare("SELECT after_json FROM audit_log ORDER BY id DESC LIMIT 1").pluck().get()).toBe(
      JSON.stringify({ kept: false, pressure: true, allergies: 1, avoid: 1, replaced: 1 }),
    );
    expect(preferencesForVisit(m, next)).toEqual({
      preferences: { ...nutsNoFace, allergies: [], keep: false },
      lastVisit: false,
    });
  });

  it("a returning guest is the same guest when one booking wrote her number with its country code, the other the local way", async () => {
    const m = await demoModel();
    m.db
      .prepare("UPDATE appointments SET phone = ?, phone_key = ? WHERE booking_code = 'HH2233'")
      .run("33612345678", "3612345678");
    mariaGives(m, nutsNoFace);
    const next = mariaComesBack(m, "Maria Gonzalez", "0612345678");
    expect(preferencesForVisit(m, next)).toEqual({ preferences: nutsNoFace, lastVisit: true });
    expect(exportGuestPreferences(m, manager(m), "06 12 34 56 78", MARIA)).toHaveLength(1);
    savePreferences(m, next, { ...nutsNoFace, avoid: [] });
    expect(m.db.prepare("SELECT count(*) FROM guest_preferences").pluck().get()).toBe(1);
    // Erased on her request, whichever way the manager types her number.
    expect(eraseGuestPreferences(m, manager(m), "+33 6 12 34 56 78", MARIA)).toBe(1);
    expect(m.db.prepare("SELECT count(*) FROM guest_preferences").pluck().get()).toBe(0);
  });

  it("a guest who did not agree to keep them sees nothing next time; neither does someone else on the same phone", async () => {
    const m = await demoModel();
    mariaGives(m, { ...nutsNoFace, keep: false });
    expect(preferencesForVisit(m, mariaComesBack(m))).toEqual({ preferences: null, lastVisit: false });

    const other = await demoModel();
    mariaGives(other, nutsNoFace);
    expect(preferencesForVisit(other, mariaComesBack(other, "Pablo Gonzalez"))).toEqual({
      preferences: null,
      lastVisit: false,
    });
  });

  it("retention erases them, and the ticket's alerts and pressure, with the guest's other details; unkept ones the day after the visit", async () => {
    const m = await demoModel();
    const id = mariaGives(m, nutsNoFace);
    confirmAddons(m, receptionist(m), id);
    expect(latestTicket(m, id)?.pressure).toBe("firm");
    saveSettings(m.db, { retentionDays: 1 });
    // The next day: kept ones stay (for the next visit), within retention.
    m.clock.set("2026-11-26T18:00:00.000Z");
    eraseExpiredGuestDetails(m);
    expect(m.db.prepare("SELECT count(*) FROM guest_preferences").pluck().get()).toBe(1);
    m.clock.set("2026-11-28T18:00:00.000Z");
    eraseExpiredGuestDetails(m);
    expect(m.db.prepare("SELECT count(*) FROM guest_preferences").pluck().get()).toBe(0);
    expect(latestTicket(m, id)?.alerts).toBeUndefined();
    expect(latestTicket(m, id)?.pressure).toBeUndefined();
    expect(m.db.prepare("SELECT content FROM tickets WHERE appointment_id = ?").pluck().all(id).join()).not.toMatch(
      /lavender/,
    );

    const unkept = await demoModel();
    mariaGives(unkept, { ...nutsNoFace, keep: false });
    eraseExpiredGuestDetails(unkept);
    expect(unkept.db.prepare("SELECT count(*) FROM guest_preferences").pluck().get()).toBe(1);
    unkept.clock.set("2026-11-26T18:00:00.000Z");
    eraseExpiredGuestDetails(unkept);
    expect(unkept.db.prepare("SELECT count(*) FROM guest_preferences").pluck().get()).toBe(0);
    expect(verifyAuditChain(unkept.db).ok).toBe(true);
  });

  it("a manager exports one guest's stored preferences on request, then erases them (both audited, counts only)", async () => {
    const m = await demoModel();
    const id = mariaGives(m, nutsNoFace);
    confirmAddons(m, receptionist(m), id);
    const boss = manager(m);
    expect(exportGuestPreferences(m, boss, "(555) 010-2233", MARIA)).toEqual([
      {
        visitDay: "2026-11-25",
        givenAt: "2026-11-25T18:07:00.000Z",
        bookedAs: DEMO_GUESTS.bothFit.name,
        ...nutsNoFace,
      },
    ]);
    expect(exportGuestPreferences(m, boss, "5550009999", { kind: "everyone" })).toEqual([]);
    expect(() => exportGuestPreferences(m, boss, "5550009999", MARIA)).toThrow(/no booking on this number/);
    expect(() => exportGuestPreferences(m, boss, "2233", MARIA)).toThrow(/whole phone number/);
    expect(eraseGuestPreferences(m, boss, MARIA_PHONE, MARIA)).toBe(1);
    expect(preferencesForVisit(m, id)).toEqual({ preferences: null, lastVisit: false });
    expect(latestTicket(m, id)?.alerts).toBeUndefined();
    const audit = m.db
      .prepare(
        "SELECT action, actor, after_json FROM audit_log WHERE action IN ('preferences.export', 'preferences.erase')",
      )
      .all();
    expect(audit).toEqual([
      { action: "preferences.export", actor: `staff:${boss.name}`, after_json: '{"visits":1,"people":1}' },
      { action: "preferences.export", actor: `staff:${boss.name}`, after_json: '{"visits":0,"people":0}' },
      { action: "preferences.erase", actor: `staff:${boss.name}`, after_json: '{"visits":1,"people":1}' },
    ]);
  });

  it("given after the therapist's ticket: a CHANGED ticket says which alerts and what pressure were added, changed or removed; no ticket when none changed", async () => {
    const m = await demoModel();
    const id = appointmentIdOf(m, "HH2233");
    checkInAtKiosk(m, id, "en");
    confirmAddons(m, receptionist(m), id);
    const original = found(latestTicket(m, id), "original ticket");
    expect(savePreferences(m, id, nutsNoFace).jobId).not.toBeNull();
    const changed = found(latestTicket(m, id), "changed ticket");
    expect(changed).toMatchObject({ kind: "changed", confirmedBy: original.confirmedBy });
    expect(changed.changes).toEqual([
      "Alert added: Allergy: Nuts",
      "Alert added: Allergy: Latex",
      "Alert added: Allergy: lavender oil",
      "Alert added: Avoid: Face",
      "Pressure added: Firm",
    ]);
    expect(changed.pressure).toBe("firm");
    expect(savePreferences(m, id, { ...nutsNoFace, keep: false }).jobId).toBeNull();
    expect(savePreferences(m, id, { ...nutsNoFace, avoid: [] }).jobId).not.toBeNull();
    expect(found(latestTicket(m, id), "second change").changes).toEqual(["Alert removed: Avoid: Face"]);
    expect(savePreferences(m, id, { ...nutsNoFace, avoid: [], pressure: "light" }).jobId).not.toBeNull();
    expect(found(latestTicket(m, id), "pressure change").changes).toEqual(["Pressure changed: Firm to Light"]);
    expect(savePreferences(m, id, { ...nutsNoFace, avoid: [], pressure: null }).jobId).not.toBeNull();
    const none = found(latestTicket(m, id), "pressure removed");
    expect(none.changes).toEqual(["Pressure removed: Light"]);
    expect(none.pressure).toBeUndefined();

    // Erased on the guest's request: every ticket keeps printing, without a word of them, changes included.
    expect(eraseGuestPreferences(m, manager(m), MARIA_PHONE, MARIA)).toBe(1);
    const contents = m.db.prepare("SELECT content FROM tickets WHERE appointment_id = ?").pluck().all(id);
    expect(contents.join()).not.toMatch(/Alert (added|removed)|Pressure (added|changed|removed)|lavender/);
    expect(found(latestTicket(m, id), "erased ticket").changes).toEqual([]);
  });

  it("retention erases them from every backup too: the words are in no byte of the database, its -wal or a backup", async () => {
    const m = await demoModel();
    const id = mariaGives(m, { ...nutsNoFace, allergyOther: "tigerbalm-xq7" });
    confirmAddons(m, receptionist(m), id);
    saveSettings(m.db, { retentionDays: 1 });
    const backups = path.join(path.dirname(m.db.name), "backups");
    await createBackup(m, backups, "auto");
    const [backup] = listBackups(backups);
    const file = path.join(backups, found(backup, "backup").name);
    const bytesOf = (f: string) =>
      Buffer.concat([f, `${f}-wal`].filter((x) => existsSync(x)).map((x) => readFileSync(x)));
    expect(bytesOf(file).includes("tigerbalm-xq7")).toBe(true);

    m.clock.set("2026-11-28T18:00:00.000Z");
    eraseExpiredGuestDetails(m);
    expect(bytesOf(m.db.name).includes("tigerbalm-xq7")).toBe(false);
    expect(eraseExpiredInBackups(m, backups)).toEqual([found(backup, "backup").name]);
    expect(bytesOf(file).includes("tigerbalm-xq7")).toBe(false);
    const copy = connect(file, { fileMustExist: true });
    expect(copy.prepare("SELECT count(*) FROM guest_preferences").pluck().get()).toBe(0);
    copy.close();
  });
});
