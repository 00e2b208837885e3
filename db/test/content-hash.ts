import { createHash } from "node:crypto";
import type { DB } from "../open";

/** A hash over every row of every table, rowids too: equal before and after means nothing at all changed. */
export function contentHash(db: DB): string {
  const h = createHash("sha256");
  const tables = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  for (const name of tables) {
    const info = db.prepare("SELECT name, pk FROM pragma_table_info(?) ORDER BY cid").all(name) as {
      name: string;
      pk: number;
    }[];
    const quoted = (c: string) => `"${c.replaceAll('"', '""')}"`;
    const columns = info.map((c) => quoted(c.name));
    const withoutRowid = db.prepare("SELECT wr FROM pragma_table_list(?)").pluck().get(name) === 1;
    // Each row with its rowid (or its primary key, in a WITHOUT ROWID table such as the report cache), in that order,
    // as SQL literals (quote() tells 1, 1.0, '1' and X'31' apart), joined by SQLite into one text a table.
    const key = withoutRowid
      ? info
          .filter((c) => c.pk > 0)
          .sort((a, b) => a.pk - b.pk)
          .map((c) => quoted(c.name))
      : ["rowid"];
    const rows = db
      .prepare(
        `SELECT group_concat(${[...(withoutRowid ? [] : ["rowid"]), ...columns].map((c) => `quote(${c})`).join(" || ',' || ")}, char(10) ORDER BY ${key.join(", ")}) FROM "${name}"`,
      )
      .pluck()
      .get() as string | null;
    h.update(`${name}(${columns.join(",")}) ${rows?.length ?? -1}\n${rows ?? ""}\n`);
  }
  return h.digest("hex");
}
