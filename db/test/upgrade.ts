import path from "node:path";
import { modelOf } from "../model";
import { seedDemo } from "../demo/seed-demo";
import { migrations } from "../migrations";
import { openDatabase, type DB } from "../open";
import type { Clock } from "../time";

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
