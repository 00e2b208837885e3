import path from "node:path";
import { modelOf } from "../model";
import { seedDemo } from "../demo/seed-demo";
import { migrations } from "../migrations";
import { openDatabase, type DB } from "../open";
import type { Clock } from "../time";
import { fixedClock, tempDir } from "./helpers";

/**
 * The demo spa as a customer's version-`version` database would hold it: made by today's code on
 * today's schema, then copied into a file migrated only that far, column by column (what both
 * versions have). Rows an old migration wrote itself (a version counter) give way to the copy's.
 * Before 0013 a check-in's language was English or Spanish: the demo's Chinese ones are Spanish there.
 */
export async function demoAtVersion(
  dir: string,
  file: string,
  version: number,
  clock: Clock,
): Promise<{ seeded: string; db: DB }> {
  const seeded = path.join(dir, "seeded.sqlite3");
  const source = openDatabase(seeded);
  await seedDemo(modelOf(source, clock));
  if (version < 13) source.exec("UPDATE check_ins SET lang = 'es' WHERE lang NOT IN ('en', 'es')");
  source.close();
  const db = openDatabase(file, { migrations: migrations.filter((m) => m.version <= version) });
  db.exec(`ATTACH '${seeded}' AS src`);
  db.transaction(() => {
    db.pragma("defer_foreign_keys = ON");
    const names = (schema: string, table: string) =>
      (db.pragma(`${schema}.table_info(${table})`) as { name: string }[]).map((c) => c.name);
    const tables = db
      .prepare(
        "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'report_%'",
      )
      .pluck()
      .all() as string[];
    for (const table of tables) {
      const shared = names("main", table)
        .filter((c) => names("src", table).includes(c))
        .join(", ");
      db.exec(`INSERT OR REPLACE INTO main.${table} (${shared}) SELECT ${shared} FROM src.${table}`);
    }
  })();
  db.exec("DETACH src");
  return { seeded, db };
}

/**
 * The demo spa as a version-`version` database holding one row of a restore's list (`row`: values beyond, or instead
 * of, a left-out kiosk check-in with the face massage chosen), then opened by today's code, which migrates it. For the
 * tests of the migrations that gave that list its columns. Returns the opened database and the row's booking.
 */
export async function upgradedWithRestoreGap(
  version: number,
  row: Record<string, string | null> = {},
): Promise<{ db: DB; booking: number }> {
  const dir = tempDir();
  const file = path.join(dir, `v${version}.sqlite3`);
  const { db: old } = await demoAtVersion(dir, file, version, fixedClock("2026-12-06T15:00:00.000Z"));
  const booking = old.prepare("SELECT min(id) FROM appointments").pluck().get() as number;
  const values = {
    restored_at: "2026-12-06T15:00:00.000Z",
    appointment_id: booking,
    booking_code: "QX7Z2K",
    starts_at: "2026-12-06T16:00:00.000Z",
    service_name: "Swedish massage",
    checked_in_at: "2026-12-06T15:50:00.000Z",
    channel: "kiosk",
    addons: '["face"]',
    ...row,
  };
  const columns = Object.keys(values);
  old
    .prepare(`INSERT INTO restore_gaps (${columns.join(", ")}) VALUES (${columns.map((c) => `@${c}`).join(", ")})`)
    .run(values);
  old.close();
  return { db: openDatabase(file), booking };
}
