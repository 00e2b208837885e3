import { describe, expect, it } from "vitest";
import { verifyAuditChain } from "../audit";
import { arrivalsQueue } from "../desk/queue";
import { CHECKIN_EXPORT_SQL } from "../reports/checkin-rows";
import { uptakeReport } from "../reports/reports";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { createBackup, listBackups, validateBackupFile } from "./backup";
import { eraseExpiredInBackups } from "./retention";
import { eraseExpiredGuestDetails } from "../test/retention";
import { getSettings, saveSettings } from "../settings";
import { demoModel } from "../test/helpers";

describe("retention of guests' personal details", () => {
  it("defaults to 90 days and refuses nonsense", async () => {
    const m = await demoModel();
    expect(getSettings(m.db).retentionDays).toBe(90);
    expect(() => saveSettings(m.db, { retentionDays: 0 })).toThrow(/at least 1 day/);
    expect(() => saveSettings(m.db, { retentionDays: 1.5 })).toThrow();
  });

  it("erases phones and full names after N days while every report stays the same", async () => {
    const m = await demoModel();
    saveSettings(m.db, { retentionDays: 14 });
    const range = { from: "2026-10-01", to: "2026-11-30" };
    const report = () => (["day", "week", "month"] as const).map((grain) => uptakeReport(m, { ...range, grain }));
    const exportRows = () => m.db.prepare(CHECKIN_EXPORT_SQL).all(range);
    const reportBefore = report();
    const rowsBefore = exportRows();
    const old = m.db.prepare("SELECT id, guest_name FROM appointments WHERE local_day < '2026-11-11'").all() as {
      id: number;
      guest_name: string;
    }[];
    expect(old.length).toBeGreaterThan(100);

    const r = eraseExpiredGuestDetails(m);
    expect(r).toEqual({ erased: old.length, before: "2026-11-11" });
    const after = m.db
      .prepare("SELECT id, guest_name, phone, phone_key FROM appointments WHERE local_day < '2026-11-11'")
      .all() as {
      guest_name: string;
      phone: string;
      phone_key: string;
    }[];
    for (const a of after) {
      expect(a.phone).toBe("");
      expect(a.phone_key).toBe("");
      expect(a.guest_name).toMatch(/^\S+( \S\.)?$/u);
    }
    // Within the window nothing changes: today's guests still check in by phone.
    expect(
      (
        m.db.prepare("SELECT count(*) AS n FROM appointments WHERE local_day >= '2026-11-11' AND phone = ''").get() as {
          n: number;
        }
      ).n,
    ).toBe(0);
    // The desk shows today's guests' phones (to call a late guest), and none it no longer keeps.
    expect(arrivalsQueue(m).items.every((i) => i.guestPhone !== null && /^\d{10}$/.test(i.guestPhone))).toBe(true);
    expect(arrivalsQueue(m, "2026-11-10").items.length).toBeGreaterThan(0);
    expect(arrivalsQueue(m, "2026-11-10").items.every((i) => i.guestPhone === null)).toBe(true);
    expect(report()).toEqual(reportBefore);
    expect(exportRows()).toEqual(rowsBefore);
    // Idempotent, audited without names, chain intact.
    expect(eraseExpiredGuestDetails(m).erased).toBe(0);
    const audit = m.db.prepare("SELECT after_json FROM audit_log WHERE action = 'retention.erase'").all() as {
      after_json: string;
    }[];
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.after_json)).toEqual({
      erased: old.length,
      appointmentsBefore: "2026-11-11",
      retentionDays: 14,
    });
    expect(verifyAuditChain(m.db).ok).toBe(true);
  });
});

describe("erased means gone from the files", () => {
  /** Phones of rows retention erases that no kept row still has (a returning guest keeps theirs). */
  const erasable = (m: { db: import("../open").DB }, before: string): string[] =>
    (
      m.db
        .prepare(
          "SELECT DISTINCT phone FROM appointments WHERE local_day < ? AND phone != '' AND phone NOT IN (SELECT phone FROM appointments WHERE local_day >= ?)",
        )
        .all(before, before) as { phone: string }[]
    ).map((r) => r.phone);
  const bytesOf = (file: string) =>
    Buffer.concat([file, `${file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f)));
  const found = (bytes: Buffer, values: string[]) => values.filter((v) => bytes.includes(Buffer.from(v, "utf8")));

  it("after an erase the erased phones are in no byte of the database file or its -wal, nor of any backup", async () => {
    const m = await demoModel();
    saveSettings(m.db, { retentionDays: 14 });
    const phones = erasable(m, "2026-11-11");
    expect(phones.length).toBeGreaterThan(20);
    const backups = path.join(path.dirname(m.db.name), "backups");
    await createBackup(m, backups, "auto");
    expect(found(bytesOf(m.db.name), phones).length).toBe(phones.length);

    expect(eraseExpiredGuestDetails(m).erased).toBeGreaterThan(0);
    expect(found(bytesOf(m.db.name), phones)).toEqual([]);
    const [backup] = listBackups(backups);
    expect(found(readFileSync(path.join(backups, backup!.name)), phones).length).toBe(phones.length);
    expect(eraseExpiredInBackups(m, backups)).toEqual([backup!.name]);
    expect(found(bytesOf(path.join(backups, backup!.name)), phones)).toEqual([]);
    expect(validateBackupFile(path.join(backups, backup!.name)).ok).toBe(true);
  });
});
