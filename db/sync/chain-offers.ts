import { languageNames, languageSchema } from "../../contract/common";
import {
  offerReleaseSchema,
  type ChainOffer,
  type ChainOffersStatus,
  type OfferRelease,
} from "../../contract/head-office";
import { syncServiceOfferFlags } from "../admin/catalog";
import { bit } from "../admin/common";
import { appendAudit } from "../audit";
import type { Model, ReadModel } from "../model";
import type { DB } from "../open";
import { currentSet, insertScreeningVersion } from "../screening/screening";
import { getSettings } from "../settings";
import { stmt } from "../stmt";

/**
 * The chain's add-on offers at this location (migration 0020): the sync worker pulls head
 * office's newest release (GET /v1/offers?after=N) and applies it here, in one transaction with
 * one audit row. Only the catalogue changes (add-ons, their copy and services, screening
 * questions): nothing is appended to the outbox and nothing about a guest is read.
 */

/** The newest release applied here, 0 before the first. */
export const appliedRelease = (db: DB): number =>
  stmt(db, "SELECT coalesce(max(number), 0) FROM chain_releases").pluck().get() as number;

/** Where this location stands with the chain's offers (Back office → Head office). */
export function chainOffersStatus(m: Pick<ReadModel, "db">): ChainOffersStatus {
  const row = stmt(
    m.db,
    "SELECT number, applied_at, problems FROM chain_releases ORDER BY number DESC LIMIT 1",
  ).get() as { number: number; applied_at: string; problems: string } | undefined;
  return row
    ? { release: row.number, appliedAt: row.applied_at, problems: JSON.parse(row.problems) as string[] }
    : { release: null, appliedAt: null, problems: [] };
}

/** JSON with object keys sorted: two question sets compare equal whatever order their languages came in. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );

interface AddonRow {
  id: number;
  chain_release: number | null;
  local_override: number;
}

/**
 * Applies `release` (parsed with offerReleaseSchema) unless this location already has it or a
 * newer one. Each offer creates or updates the add-on with its code: price, minutes, copy (a
 * language the release leaves out is removed: guests reading it see English), the services this
 * spa has by those names, the order of the release, active; its screening questions become a new
 * version when they changed. Where the chain allows a local override and the manager made one,
 * the add-on keeps its own price, minutes, copy and services. A chain add-on the release no
 * longer offers is deactivated. What does not fit (a service this spa doesn't have, copy missing
 * in a language its kiosk offers) is applied around and kept as the release's problems.
 */
export function applyChainRelease(m: Model, release: OfferRelease): { applied: boolean; problems: string[] } {
  const { db, clock } = m;
  return db
    .transaction(() => {
      if (release.number <= appliedRelease(db)) return { applied: false, problems: [] };
      const now = clock.now().toISOString();
      const offered = getSettings(db).languages;
      const problems: string[] = [];
      const kept: string[] = [];
      stmt(
        db,
        "INSERT INTO chain_releases (number, published_at, applied_at, release, problems) VALUES (?, ?, ?, ?, '[]')",
      ).run(release.number, release.publishedAt, now, JSON.stringify(release));
      release.offers.forEach((offer, position) => {
        const found = stmt(db, "SELECT id, chain_release, local_override FROM addons WHERE code = ?").get(
          offer.code,
        ) as AddonRow | undefined;
        if (found && found.chain_release === null)
          problems.push(
            `${offer.code} was this spa's own add-on: head office manages it from release ${release.number}.`,
          );
        const keep = found !== undefined && found.local_override === 1 && offer.allowLocalOverride;
        if (keep) kept.push(offer.code);
        if (found?.local_override === 1 && !offer.allowLocalOverride)
          problems.push(
            `${offer.code}: this spa's own price, minutes and copy were replaced: head office no longer allows a local change.`,
          );
        const id =
          found?.id ??
          Number(
            stmt(db, "INSERT INTO addons (code, price_cents, extra_minutes) VALUES (?, ?, ?)").run(
              offer.code,
              offer.priceCents,
              offer.extraMinutes,
            ).lastInsertRowid,
          );
        stmt(db, "UPDATE addons SET chain_release = ?, chain_allows_override = ?, local_override = ? WHERE id = ?").run(
          release.number,
          bit(offer.allowLocalOverride),
          bit(keep),
          id,
        );
        if (!keep) writeChainValues(db, id, offer, position, problems);
        for (const lang of offered)
          if (lang !== "en" && !(keep ? hasCopy(db, id, lang) : offer.texts[lang]))
            problems.push(
              `${offer.code}: no ${languageNames[lang]} copy: guests reading ${languageNames[lang]} see the English title and benefits.`,
            );
        const screening = currentSet(db, id);
        if (canonical(screening?.questions ?? []) !== canonical(offer.screening))
          insertScreeningVersion(db, id, offer.screening, now, null);
      });
      const codes = release.offers.map((o) => o.code);
      const withdrawn = stmt(
        db,
        `UPDATE addons SET active = 0, chain_release = ? WHERE chain_release IS NOT NULL AND active = 1
           AND code NOT IN (SELECT value FROM json_each(?)) RETURNING code`,
      )
        .pluck()
        .all(release.number, JSON.stringify(codes)) as string[];
      syncServiceOfferFlags(db);
      stmt(db, "UPDATE chain_releases SET problems = ? WHERE number = ?").run(JSON.stringify(problems), release.number);
      appendAudit(
        db,
        clock,
        { kind: "system" },
        {
          action: "head_office.offers_applied",
          entity: "chain_release",
          entityId: release.number,
          after: { addons: codes, keptLocal: kept, withdrawn, problems },
        },
      );
      return { applied: true, problems };
    })
    .immediate();
}

/**
 * The offer of the release that last set chain add-on `code`, and its place in that release; null when the release no
 * longer offers it.
 */
export function chainOfferOf(db: DB, release: number, code: string): { offer: ChainOffer; position: number } | null {
  const json = stmt(db, "SELECT release FROM chain_releases WHERE number = ?").pluck().get(release) as string;
  const offers = offerReleaseSchema.parse(JSON.parse(json)).offers;
  const position = offers.findIndex((o) => o.code === code);
  return position < 0 ? null : { offer: offers[position]!, position };
}

const hasCopy = (db: DB, addonId: number, lang: string): boolean =>
  stmt(db, "SELECT 1 FROM addon_texts WHERE addon_id = ? AND lang = ?").get(addonId, lang) !== undefined;

/**
 * The chain's price, minutes, order, copy and services on add-on `id`; a service name this spa doesn't have is a
 * problem.
 */
export function writeChainValues(db: DB, id: number, offer: ChainOffer, position: number, problems: string[]): void {
  stmt(db, "UPDATE addons SET price_cents = ?, extra_minutes = ?, sort_order = ?, active = 1 WHERE id = ?").run(
    offer.priceCents,
    offer.extraMinutes,
    position,
    id,
  );
  for (const lang of languageSchema.options) {
    const t = offer.texts[lang];
    if (t)
      stmt(
        db,
        `INSERT INTO addon_texts (addon_id, lang, title, benefits) VALUES (?, ?, ?, ?)
         ON CONFLICT (addon_id, lang) DO UPDATE SET title = excluded.title, benefits = excluded.benefits`,
      ).run(id, lang, t.title, JSON.stringify(t.benefits));
    else stmt(db, "DELETE FROM addon_texts WHERE addon_id = ? AND lang = ?").run(id, lang);
    const twin = t
      ? (stmt(
          db,
          `SELECT a.code FROM addon_texts x JOIN addons a ON a.id = x.addon_id
           WHERE x.lang = ? AND x.title = ? COLLATE NOCASE AND a.id != ? AND a.active = 1`,
        )
          .pluck()
          .get(lang, t.title, id) as string | undefined)
      : undefined;
    if (twin)
      problems.push(
        `${offer.code}: its ${languageNames[lang]} title “${t!.title}” is also ${twin}'s here: guests could not tell them apart.`,
      );
  }
  stmt(db, "DELETE FROM addon_services WHERE addon_id = ?").run(id);
  for (const name of offer.services) {
    const serviceId = stmt(db, "SELECT id FROM services WHERE name = ? COLLATE NOCASE ORDER BY active DESC, id LIMIT 1")
      .pluck()
      .get(name) as number | undefined;
    if (serviceId === undefined)
      problems.push(`${offer.code}: this spa has no service named “${name}”, so the add-on is not offered with it.`);
    else stmt(db, "INSERT INTO addon_services (addon_id, service_id) VALUES (?, ?)").run(id, serviceId);
  }
}
