import { createHash } from "node:crypto";
import type { DB } from "../open";

/** A hash over every row of every table: equal before and after means nothing at all changed. */
export function contentHash(db: DB): string {
  const h = createHash("sha256");
  const tables = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as {
    name: string;
  }[];
  for (const { name } of tables) {
    h.update(name);
    // Ordered by every column, so WITHOUT ROWID tables (the report cache) hash the same way.
    const columns = (db.prepare(`SELECT count(*) AS n FROM pragma_table_info('${name}')`).get() as { n: number }).n;
    const order = Array.from({ length: columns }, (_, i) => i + 1).join(", ");
    for (const row of db.prepare(`SELECT * FROM "${name}" ORDER BY ${order}`).iterate()) h.update(JSON.stringify(row));
  }
  return h.digest("hex");
}
