import { createHash } from "node:crypto";
import type { DB } from "../open";

/** A hash over every row of every table: equal before and after means nothing at all changed. */
export function contentHash(db: DB): string {
  const h = createHash("sha256");
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
  for (const { name } of tables) {
    h.update(name);
    for (const row of db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).iterate()) h.update(JSON.stringify(row));
  }
  return h.digest("hex");
}
