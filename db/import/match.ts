import type { Model } from "../model";
import { stmt } from "../stmt";
import { foldText } from "../../contract/common";
import type { ImportCatalogKind } from "../../contract/desk";
import { CATALOG_NOUN, type CatalogTable } from "../admin/catalog";
import { appendAudit, type Actor } from "../audit";
import { DomainError } from "../errors";
import type { DB } from "../open";

/** Catalog kind of each catalog field. */
const TABLE_OF: Record<ImportCatalogKind, CatalogTable> = {
  service: "services",
  therapist: "therapists",
  room: "rooms",
};

/** How many catalog names a problem lists before "and N more". */
const LISTED_NAMES = 10;

/**
 * Whether each typed word starts a word of the name, in order ("ana r." → "ana ruiz", "deep tissue" → "deep tissue
 * massage").
 */
function startsWords(name: string, typed: string): boolean {
  const words = name.split(" ");
  let at = 0;
  for (const part of typed.replace(/\./g, " ").split(" ").filter(Boolean)) {
    while (at < words.length && !(words[at] ?? "").startsWith(part)) at++;
    if (at === words.length) return false;
    at++;
  }
  return true;
}

export type Lookup = (name: string) => { id: number; name: string } | { problem: string; unknown: boolean };
/**
 * Finds a catalog entry by the name the booking system wrote, in any case, with or without
 * accents and with spaces folded (`foldText`): "Chloe Martin" is Chloé Martin; or by a match staff
 * made once in an earlier preview ("Room 1" is Lotus). Anything else is never guessed, since a near
 * name may be someone new; the problem says what would fix it.
 */
export const lookup = (db: DB, kind: ImportCatalogKind): Lookup => {
  const table = TABLE_OF[kind];
  const rows = stmt(db, `SELECT id, name, active FROM ${table} ORDER BY name`).all() as {
    id: number;
    name: string;
    active: number;
  }[];
  const byName = new Map(rows.map((r) => [foldText(r.name), r]));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const matched = new Map(
    (
      stmt(db, "SELECT name_key, target_id FROM import_name_matches WHERE kind = ?").all(kind) as {
        name_key: string;
        target_id: number;
      }[]
    ).map((r) => [r.name_key, r.target_id]),
  );
  const active = rows.filter((r) => r.active === 1).map((r) => ({ ...r, folded: foldText(r.name) }));
  const noun = CATALOG_NOUN[table];
  const quote = (name: string) => `"${name}"`;
  return (text) => {
    const key = foldText(text);
    const found = byName.get(key) ?? byId.get(matched.get(key) ?? 0);
    if (found?.active === 1) return { id: found.id, name: found.name };
    if (!key)
      return { problem: `The ${noun} is empty. Fill it in in the booking system and export again.`, unknown: false };
    if (found)
      return {
        problem: `The ${noun} ${quote(found.name)} is inactive. A manager can reactivate it in Back office → Catalog.`,
        unknown: false,
      };
    const unknown = `${quote(text.slice(0, 60))} is not a ${noun} in the catalog. Match it to one under "Names not in the catalog" (it is remembered for later imports), or a manager adds it there.`;
    const near = active.filter((r) => startsWords(r.folded, key));
    if (near.length > 0 && near.length <= 3)
      return { problem: `${unknown} Perhaps ${near.map((r) => quote(r.name)).join(" or ")}?`, unknown: true };
    if (active.length === 0) return { problem: `${unknown} The catalog has no active ${table} yet.`, unknown: true };
    const more = active.length > LISTED_NAMES ? ` and ${active.length - LISTED_NAMES} more` : "";
    return {
      problem: `${unknown} The catalog's ${table}: ${active
        .slice(0, LISTED_NAMES)
        .map((r) => r.name)
        .join(", ")}${more}.`,
      unknown: true,
    };
  };
};
export const activeEntries = (db: DB, kind: ImportCatalogKind) =>
  stmt(db, `SELECT id, name FROM ${TABLE_OF[kind]} WHERE active = 1 ORDER BY name`).all() as {
    id: number;
    name: string;
  }[];

/**
 * Remembers that a booking system's name is a catalog entry ("Room 1" is Lotus): this preview and
 * every later import read it so. Any staff member may match; only a manager adds to the catalog.
 */
export function matchImportName(
  m: Model,
  actor: Extract<Actor, { kind: "staff" }>,
  kind: ImportCatalogKind,
  name: string,
  targetId: number,
): { kind: ImportCatalogKind; name: string; targetName: string } {
  const { db, clock } = m;
  return db
    .transaction(() => {
      const target = stmt(db, `SELECT id, name, active FROM ${TABLE_OF[kind]} WHERE id = ?`).get(targetId) as
        { id: number; name: string; active: number } | undefined;
      if (!target || target.active !== 1)
        throw new DomainError(
          "NOT_FOUND",
          `That ${CATALOG_NOUN[TABLE_OF[kind]]} is no longer in the catalog. Preview the file again.`,
          "targetId",
        );
      const key = foldText(name);
      if (!key) throw new DomainError("INVALID_INPUT", "Which name should be matched?", "name");
      stmt(
        db,
        "INSERT INTO import_name_matches (kind, name_key, target_id, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (kind, name_key) DO UPDATE SET target_id = excluded.target_id, created_at = excluded.created_at",
      ).run(kind, key, target.id, clock.now().toISOString());
      appendAudit(db, clock, actor, {
        action: "import.match_name",
        entity: kind,
        entityId: target.id,
        after: { name: name.slice(0, 120), targetId: target.id },
      });
      return { kind, name, targetName: target.name };
    })
    .immediate();
}
