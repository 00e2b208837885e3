import path from "node:path";
import { describe, expect, it } from "vitest";
import { NewerDatabaseError } from "./errors";
import { LATEST_VERSION, migrations } from "./migrations";
import { BUSY_TIMEOUT_MS, connect, migrate, openDatabase, type DB } from "./open";
import { checkInAtKiosk, registerWalkIn } from "./kiosk/kiosk";
import { uptakeReport } from "./reports/reports";
import { seedDemo } from "./demo/seed-demo";
import { saveSettings } from "./settings";
import { fixedClock, tempDir } from "./test/helpers";
import type { Clock } from "./time";

/**
 * The demo spa as a customer's version-`version` database would hold it: made by today's code on
 * today's schema, then copied into a file migrated only that far, column by column (what both
 * versions have). Rows an old migration wrote itself (a version counter) give way to the copy's.
 * Before 0013 a check-in's language was English or Spanish: the demo's Chinese ones are Spanish there.
 */
async function demoAtVersion(dir: string, file: string, version: number, clock: Clock): Promise<{ seeded: string; db: DB }> {
  const seeded = path.join(dir, "seeded.sqlite3");
  const source = openDatabase(seeded);
  await seedDemo(source, clock);
  if (version < 13) source.exec("UPDATE check_ins SET lang = 'es' WHERE lang NOT IN ('en', 'es')");
  source.close();
  const db = openDatabase(file, { migrations: migrations.filter((m) => m.version <= version) });
  db.exec(`ATTACH '${seeded}' AS src`);
  db.transaction(() => {
    db.pragma("defer_foreign_keys = ON");
    const names = (schema: string, table: string) => (db.pragma(`${schema}.table_info(${table})`) as { name: string }[]).map((c) => c.name);
    const tables = db.prepare("SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'report_%'").pluck().all() as string[];
    for (const table of tables) {
      const shared = names("main", table).filter((c) => names("src", table).includes(c)).join(", ");
      db.exec(`INSERT OR REPLACE INTO main.${table} (${shared}) SELECT ${shared} FROM src.${table}`);
    }
  })();
  db.exec("DETACH src");
  return { seeded, db };
}

describe("opening the database", () => {
  it("sets WAL, synchronous=FULL, foreign keys, secure_delete and a short busy timeout on every open, including a reopen", () => {
    const file = path.join(tempDir(), "a.sqlite3");
    for (let i = 0; i < 2; i++) {
      const db = openDatabase(file);
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
      expect(db.pragma("synchronous", { simple: true })).toBe(2);
      expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
      expect(db.pragma("busy_timeout", { simple: true })).toBe(BUSY_TIMEOUT_MS);
      expect(BUSY_TIMEOUT_MS).toBeLessThanOrEqual(250);
      expect(db.pragma("secure_delete", { simple: true })).toBe(1);
      db.close();
    }
    // SQLite keeps neither setting in the file: a connection that turns them off leaves nothing
    // behind, and the next open (any connect) has them back.
    const off = connect(file);
    off.pragma("synchronous = OFF");
    off.pragma("foreign_keys = OFF");
    off.close();
    const again = connect(file, { readonly: true });
    expect(again.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(again.pragma("busy_timeout", { simple: true })).toBe(5000);
    again.close();
    const writable = connect(file);
    expect(writable.pragma("synchronous", { simple: true })).toBe(2);
    writable.close();
  });

  it("applies migrations once and records user_version", () => {
    const file = path.join(tempDir(), "b.sqlite3");
    const db = openDatabase(file);
    expect(db.pragma("user_version", { simple: true })).toBe(LATEST_VERSION);
    expect(migrate(db)).toBe(LATEST_VERSION);
    db.close();
  });

  it("applies all pending migrations in one transaction: a failing one leaves the file as it was", () => {
    const file = path.join(tempDir(), "c.sqlite3");
    openDatabase(file).close();
    const next = LATEST_VERSION + 1;
    const broken = [...migrations, { version: next, name: "ok", sql: "CREATE TABLE extra (x INTEGER)" }, { version: next + 1, name: "bad", sql: "CREATE TABLE nope (" }];
    expect(() => openDatabase(file, { migrations: broken })).toThrow();
    const db = openDatabase(file);
    expect(db.pragma("user_version", { simple: true })).toBe(LATEST_VERSION);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'extra'").get()).toBeUndefined();
    db.close();
  });

  it("refuses a database written by a newer version, with a message that says what to do", () => {
    const file = path.join(tempDir(), "d.sqlite3");
    const db = openDatabase(file);
    db.pragma("user_version = 99");
    db.close();
    expect(() => openDatabase(file)).toThrow(NewerDatabaseError);
    expect(() => openDatabase(file)).toThrow(/newer version of Happy Head.*Install the newer version/);
  });

  it("upgrading a version-7 database (0008 rebuilds check-ins and offer lines, 0011 the report cache) keeps every check-in, offer line and report figure", async () => {
    const dir = tempDir();
    const file = path.join(dir, "e.sqlite3");
    const clock = fixedClock("2026-11-25T18:07:00.000Z");
    const { seeded, db: v7 } = await demoAtVersion(dir, file, 7, clock);
    const snapshot = (db: DB) => ({
      checkIns: db.prepare("SELECT appointment_id, checked_in_at, channel, local_day, local_hour, local_weekday FROM check_ins ORDER BY appointment_id").all(),
      items: db.prepare("SELECT * FROM offer_items ORDER BY offer_id, addon_id").all(),
    });
    const report = (db: DB) => uptakeReport(db, { from: "2026-10-20", to: "2026-11-25", grain: "week" });
    // Today's report reads columns a version-7 file lacks: the figures to keep are those of the
    // same data on today's schema, the copy's source.
    const current = openDatabase(seeded);
    const expected = report(current);
    current.close();
    const before = snapshot(v7);
    expect(before.checkIns.length).toBeGreaterThan(100);
    expect(before.items.length).toBeGreaterThan(100);
    v7.close();

    const db = openDatabase(file);
    expect(snapshot(db)).toEqual(before);
    // Every figure as before; version 7 kept no check-in's language, so all are under "none".
    const { byLanguage, ...figures } = report(db);
    const { byLanguage: seededLanguages, ...expectedFigures } = expected;
    expect(figures).toEqual(expectedFigures);
    expect(seededLanguages.length).toBeGreaterThan(1);
    expect(byLanguage).toEqual([{ language: null, figures: expected.totals }]);
    const schema = (name: string) => (db.prepare("SELECT sql FROM sqlite_master WHERE name = ?").get(name) as { sql: string } | undefined)?.sql;
    expect(schema("check_ins")).toMatch(/appointment_id INTEGER PRIMARY KEY/);
    expect(schema("offer_items")).toMatch(/WITHOUT ROWID/);
    expect(schema("offers_by_day")).toBeUndefined();
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'report_stale_%'").pluck().get()).toBe(12);
    // The rebuilt tables take part in the report cache as before: a new check-in is counted.
    const open = db.prepare("SELECT a.id FROM appointments a WHERE a.local_day = '2026-11-25' AND NOT EXISTS (SELECT 1 FROM check_ins c WHERE c.appointment_id = a.id) AND a.status = 'booked' LIMIT 1").pluck().get() as number;
    checkInAtKiosk({ db, clock }, open, "en");
    expect(report(db).totals.checkIns).toBe(expected.totals.checkIns + 1);
    db.close();
  });

  it("upgrading a version-12 database (0013 rebuilds check-ins and walk-ins for more languages) keeps every row and figure, then takes Chinese", async () => {
    const dir = tempDir();
    const file = path.join(dir, "v12.sqlite3");
    const clock = fixedClock("2026-11-25T18:07:00.000Z");
    const { db: v12 } = await demoAtVersion(dir, file, 12, clock);
    saveSettings(v12, { walkInsAllowed: true });
    registerWalkIn({ db: v12, clock }, { firstName: "Sam", lang: "es" });
    expect(() => v12.prepare("UPDATE check_ins SET lang = 'zh' WHERE lang = 'es'").run()).toThrow(/CHECK constraint failed/);
    const snapshot = (db: DB) => ({
      checkIns: db.prepare("SELECT * FROM check_ins ORDER BY appointment_id").all(),
      walkIns: db.prepare("SELECT * FROM walk_ins ORDER BY id").all(),
    });
    const range = { from: "2026-10-20", to: "2026-11-25", grain: "week" } as const;
    const before = snapshot(v12);
    const figures = uptakeReport(v12, range);
    expect(before.checkIns.some((c) => (c as { lang: string | null }).lang === "es")).toBe(true);
    v12.close();

    const db = openDatabase(file);
    expect(snapshot(db)).toEqual(before);
    expect(uptakeReport(db, range)).toEqual(figures);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'report_stale_%'").pluck().get()).toBe(12);
    const open = db.prepare("SELECT a.id FROM appointments a WHERE a.local_day = '2026-11-25' AND NOT EXISTS (SELECT 1 FROM check_ins c WHERE c.appointment_id = a.id) AND a.status = 'booked' ORDER BY a.starts_at DESC LIMIT 1").pluck().get() as number;
    checkInAtKiosk({ db, clock }, open, "zh");
    expect(registerWalkIn({ db, clock }, { firstName: "Wei", lang: "zh" }).walkIn.lang).toBe("zh");
    const after = uptakeReport(db, range);
    expect(after.totals.checkIns).toBe(figures.totals.checkIns + 1);
    expect(after.byLanguage.find((l) => l.language === "zh")?.figures.checkIns).toBe(1);
    db.close();
  });
});
