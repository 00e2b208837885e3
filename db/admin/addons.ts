import type { z } from "zod";
import type { StaffActor, Model, ReadModel } from "../model";
import { stmt } from "../stmt";
import { type addonInputSchema, type AddonAdmin, type AddonText, type ServiceAdmin } from "../../contract/admin";
import { languageNames, languageSchema, otherLanguages, type Language } from "../../contract/common";
import { appendAudit } from "../audit";
import { listServicesAdmin, syncServiceOfferFlags } from "./catalog";
import { assertStillManager, bit } from "./common";
import { DomainError } from "../errors";
import { getSettings, spaToday } from "../settings";
import { chainOfferOf, writeChainValues } from "../sync/chain-offers";

interface AddonRow {
  id: number;
  code: string;
  price_cents: number;
  extra_minutes: number;
  active: number;
  sort_order: number;
  chain_release: number | null;
  chain_allows_override: number;
  local_override: number;
}

const money = (cents: number) => `$${(cents / 100).toFixed(cents % 100 === 0 ? 0 : 2)}`;
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Offers of today still open at the kiosk or waiting for the desk, for one add-on. */
function pendingToday(m: ReadModel, addonId: number): { quoted: number; chosen: number } {
  return stmt(
    m.db,
    `SELECT coalesce(sum(i.shown = 1), 0) AS quoted,
            coalesce(sum(o.status = 'accepted' AND i.final_selected = 1), 0) AS chosen
     FROM appointments a JOIN offers o ON o.appointment_id = a.id JOIN offer_items i ON i.offer_id = o.id
     WHERE a.local_day = ? AND o.status IN ('offered', 'accepted') AND i.addon_id = ?`,
  ).get(spaToday(m), addonId) as { quoted: number; chosen: number };
}

function loadAddon(m: ReadModel, id: number): AddonAdmin | undefined {
  const row = stmt(
    m.db,
    "SELECT id, code, price_cents, extra_minutes, active, sort_order, chain_release, chain_allows_override, local_override FROM addons WHERE id = ?",
  ).get(id) as AddonRow | undefined;
  if (!row) return undefined;
  const texts = stmt(m.db, "SELECT lang, title, benefits FROM addon_texts WHERE addon_id = ?").all(id) as {
    lang: Language;
    title: string;
    benefits: string;
  }[];
  const text = (lang: Language): AddonText | undefined => {
    const t = texts.find((x) => x.lang === lang);
    return t ? { title: t.title, benefits: JSON.parse(t.benefits) as string[] } : undefined;
  };
  const services = stmt(m.db, "SELECT service_id FROM addon_services WHERE addon_id = ? ORDER BY service_id").all(
    id,
  ) as {
    service_id: number;
  }[];
  const copy: AddonAdmin["texts"] = { en: text("en") ?? { title: row.code, benefits: [] } };
  for (const lang of otherLanguages) {
    const t = text(lang);
    if (t) copy[lang] = t;
  }
  return {
    id: row.id,
    code: row.code,
    priceCents: row.price_cents,
    extraMinutes: row.extra_minutes,
    active: row.active === 1,
    sortOrder: row.sort_order,
    texts: copy,
    serviceIds: services.map((s) => s.service_id),
    pendingToday: pendingToday(m, row.id).chosen,
    chain:
      row.chain_release === null
        ? null
        : {
            release: row.chain_release,
            allowOverride: row.chain_allows_override === 1,
            overridden: row.local_override === 1,
          },
  };
}

/** Every add-on (active or not) in display order, with the services it may be added to. */
export function listAddonsAdmin(m: ReadModel): { addons: AddonAdmin[]; services: ServiceAdmin[] } {
  const ids = stmt(m.db, "SELECT id FROM addons ORDER BY sort_order, id").all() as { id: number }[];
  return {
    addons: ids.map((r) => loadAddon(m, r.id)).filter((a): a is AddonAdmin => a !== undefined),
    services: listServicesAdmin(m),
  };
}

/**
 * Creates or updates an add-on with its copy in every language and its services, in one
 * transaction with one audit row (before/after). Prices already quoted to guests are never
 * touched: offer_items carry their own copy of price and minutes. Deactivating an add-on that
 * guests chose today and the desk has not confirmed yet needs `acknowledgePending`; their
 * choice stays as it is.
 */
export function saveAddon(
  m: Model,
  actor: StaffActor,
  input: z.output<typeof addonInputSchema>,
): { addon: AddonAdmin; notices: string[] } {
  const { db, clock } = m;
  return db
    .transaction(() => {
      assertStillManager(m, actor);
      const before = input.id === undefined ? undefined : loadAddon(m, input.id);
      if (input.id !== undefined && !before)
        throw new DomainError("NOT_FOUND", "That add-on no longer exists. Reload the page.");
      // Head office's add-ons (db/sync/chain-offers.ts): changed here only where the chain allows, and then kept by its
      // next release.
      if (before?.chain && !before.chain.allowOverride)
        throw new DomainError(
          "CONFLICT",
          `Head office manages ${before.texts.en.title} (release ${before.chain.release}) and does not allow changing it here.`,
        );
      if (before?.chain && input.code !== before.code)
        throw new DomainError(
          "CONFLICT",
          "Head office's add-ons keep their code: it is how the chain knows them.",
          "code",
        );
      // Copy missing in a language the kiosk offers never blocks saving: guests reading it see the
      // spa's first language (English), and the back office is told which copy is still to write.
      const offered = getSettings(db).languages;
      const unwritten = otherLanguages.filter((lang) => offered.includes(lang) && !input.texts[lang]);
      const codeClash = stmt(db, "SELECT id FROM addons WHERE code = ? AND id != ?").get(input.code, input.id ?? 0);
      if (codeClash) throw new DomainError("CONFLICT", `Another add-on already uses the code “${input.code}”.`, "code");
      for (const lang of languageSchema.options) {
        const t = input.texts[lang];
        if (!t) continue;
        const clash = stmt(
          db,
          "SELECT addon_id FROM addon_texts WHERE lang = ? AND title = ? COLLATE NOCASE AND addon_id != ?",
        ).get(lang, t.title, input.id ?? 0);
        if (clash)
          throw new DomainError(
            "CONFLICT",
            `Another add-on already has the title “${t.title}”: guests could not tell them apart.`,
            `texts.${lang}.title`,
          );
        if (new Set(t.benefits.map((b) => b.toLowerCase())).size !== t.benefits.length) {
          throw new DomainError("INVALID_INPUT", "Two benefit lines say the same thing.", `texts.${lang}.benefits`);
        }
      }
      const known = new Set(listServicesAdmin(m).map((s) => s.id));
      const missing = input.serviceIds.find((id) => !known.has(id));
      if (missing !== undefined)
        throw new DomainError(
          "NOT_FOUND",
          "One of the chosen services no longer exists. Reload the page.",
          "serviceIds",
        );

      const notices: string[] = unwritten.map(
        (lang) =>
          `No ${languageNames[lang]} copy yet: guests reading ${languageNames[lang]} see the English title and benefits. Write them under ${languageNames[lang]} when you can.`,
      );
      if (before) {
        const pending = pendingToday(m, before.id);
        if (before.active && !input.active && pending.chosen > 0) {
          if (!input.acknowledgePending) {
            throw new DomainError(
              "CONFLICT",
              `${plural(pending.chosen, "guest", "guests")} checked in today chose ${before.texts.en.title} and ${pending.chosen === 1 ? "is" : "are"} waiting for the desk. ` +
                "Deactivating stops new offers but keeps their choice; tick “Deactivate anyway” to go ahead.",
              "active",
            );
          }
          notices.push(
            `${plural(pending.chosen, "guest", "guests")} keep ${before.texts.en.title} as chosen; confirm or change it at the desk.`,
          );
        }
        if (
          (before.priceCents !== input.priceCents || before.extraMinutes !== input.extraMinutes) &&
          pending.quoted > 0
        ) {
          notices.push(
            `${plural(pending.quoted, "guest", "guests")} already shown this add-on today keep what they were quoted (${money(before.priceCents)}, ${before.extraMinutes} min). New check-ins see ${money(input.priceCents)}, ${input.extraMinutes} min.`,
          );
        }
      }

      let id = input.id;
      if (id === undefined) {
        id = Number(
          stmt(
            db,
            "INSERT INTO addons (code, price_cents, extra_minutes, active, sort_order) VALUES (?, ?, ?, ?, ?)",
          ).run(input.code, input.priceCents, input.extraMinutes, bit(input.active), input.sortOrder).lastInsertRowid,
        );
      } else {
        stmt(
          db,
          "UPDATE addons SET code = ?, price_cents = ?, extra_minutes = ?, active = ?, sort_order = ? WHERE id = ?",
        ).run(input.code, input.priceCents, input.extraMinutes, bit(input.active), input.sortOrder, id);
      }
      const upsertText = stmt(
        db,
        `INSERT INTO addon_texts (addon_id, lang, title, benefits) VALUES (?, ?, ?, ?)
         ON CONFLICT (addon_id, lang) DO UPDATE SET title = excluded.title, benefits = excluded.benefits`,
      );
      for (const lang of languageSchema.options) {
        const t = input.texts[lang];
        if (t) upsertText.run(id, lang, t.title, JSON.stringify(t.benefits));
        else stmt(db, "DELETE FROM addon_texts WHERE addon_id = ? AND lang = ?").run(id, lang);
      }
      stmt(db, "DELETE FROM addon_services WHERE addon_id = ?").run(id);
      const link = stmt(db, "INSERT INTO addon_services (addon_id, service_id) VALUES (?, ?)");
      for (const sid of input.serviceIds) link.run(id, sid);
      if (before?.chain) stmt(db, "UPDATE addons SET local_override = 1 WHERE id = ?").run(id);
      syncServiceOfferFlags(db);

      const after = loadAddon(m, id);
      if (!after) throw new Error("add-on vanished inside its own transaction");
      const strip = (a: AddonAdmin | undefined) => {
        if (!a) return undefined;
        const { pendingToday: _pending, ...rest } = a;
        return rest;
      };
      appendAudit(db, clock, actor, {
        action: before ? "addon.update" : "addon.create",
        entity: "addon",
        entityId: id,
        before: strip(before),
        after: strip(after),
      });
      return { addon: after, notices };
    })
    .immediate();
}

/**
 * A head-office add-on the manager changed here takes the chain's values again (of the release
 * that last set it: price, minutes, copy, services, order) and follows the chain's next releases.
 * Audited; a service this spa doesn't have is said in the notices.
 */
export function restoreChainValues(m: Model, actor: StaffActor, id: number): { addon: AddonAdmin; notices: string[] } {
  const { db, clock } = m;
  return db
    .transaction(() => {
      assertStillManager(m, actor);
      const before = loadAddon(m, id);
      if (!before) throw new DomainError("NOT_FOUND", "That add-on no longer exists. Reload the page.");
      const chained = before.chain ? chainOfferOf(db, before.chain.release, before.code) : null;
      if (!chained)
        throw new DomainError("CONFLICT", "Head office does not offer this add-on: it has no values to use.");
      const notices: string[] = [];
      writeChainValues(db, id, chained.offer, chained.position, notices);
      stmt(db, "UPDATE addons SET local_override = 0 WHERE id = ?").run(id);
      syncServiceOfferFlags(db);
      const after = loadAddon(m, id)!;
      const { pendingToday: _b, ...was } = before;
      const { pendingToday: _a, ...now } = after;
      appendAudit(db, clock, actor, {
        action: "addon.chain_values",
        entity: "addon",
        entityId: id,
        before: was,
        after: now,
      });
      return { addon: after, notices };
    })
    .immediate();
}
