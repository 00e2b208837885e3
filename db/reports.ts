import { stmt } from "./stmt";
import type { DateRange, UptakeSummary } from "../contract/channels";
import { toCsv } from "./csv";
import type { DB } from "./open";

/**
 * Add-on uptake over spa-local days [from, to]. "Taken" means selected in the final outcome
 * (after any desk change) and not voided; revenue is the quoted price, before discounts.
 */
export function uptakeSummary(db: DB, range: DateRange): UptakeSummary {
  const p = { from: range.from, to: range.to };
  const checkIns = (stmt(db, "SELECT count(*) AS n FROM check_ins WHERE local_day BETWEEN @from AND @to").get(p) as { n: number }).n;
  const o = stmt(db, 
      `SELECT count(*) AS offered,
              coalesce(sum(EXISTS (SELECT 1 FROM offer_items i WHERE i.offer_id = o.id AND i.guest_selected = 1)), 0) AS accepted,
              coalesce(sum(o.status IN ('confirmed', 'changed')), 0) AS confirmed,
              coalesce(sum(o.status = 'voided'), 0) AS voided,
              coalesce(sum(o.status != 'voided' AND EXISTS (SELECT 1 FROM offer_items i WHERE i.offer_id = o.id AND i.final_selected = 1)), 0) AS taken
       FROM offers o WHERE o.local_day BETWEEN @from AND @to`,
    )
    .get(p) as { offered: number; accepted: number; confirmed: number; voided: number; taken: number };
  const byAddon = stmt(db, 
      `WITH taken AS (
         SELECT i.addon_id, i.price_cents FROM offers o JOIN offer_items i ON i.offer_id = o.id
         WHERE o.local_day BETWEEN @from AND @to AND o.status != 'voided' AND i.final_selected = 1)
       SELECT a.code, t.title,
              (SELECT count(*) FROM taken WHERE taken.addon_id = a.id) AS taken,
              (SELECT coalesce(sum(price_cents), 0) FROM taken WHERE taken.addon_id = a.id) AS revenueCents
       FROM addons a JOIN addon_texts t ON t.addon_id = a.id AND t.lang = 'en'
       ORDER BY a.sort_order, a.id`,
    )
    .all(p) as { code: string; title: string; taken: number; revenueCents: number }[];
  return {
    range: p,
    checkIns,
    offered: o.offered,
    accepted: o.accepted,
    confirmed: o.confirmed,
    voided: o.voided,
    takeRate: o.offered === 0 ? null : o.taken / o.offered,
    revenueCents: byAddon.reduce((s, a) => s + a.revenueCents, 0),
    byAddon,
  };
}

const CSV_HEADER = [
  "Date",
  "Appointment ID",
  "Service",
  "Therapist",
  "Channel",
  "Offered",
  "Guest chose",
  "Final",
  "Status",
  "Add-on revenue",
] as const;

/** One row per offer in the range: what was offered, chosen and finally sold. */
export function uptakeCsv(db: DB, range: DateRange): { filename: string; content: string } {
  const rows = stmt(db, 
      `SELECT o.local_day, a.id, s.name AS service, t.name AS therapist, o.channel, o.status,
              (SELECT group_concat(ad.code, ' + ') FROM offer_items i JOIN addons ad ON ad.id = i.addon_id WHERE i.offer_id = o.id AND i.shown = 1) AS offered,
              (SELECT group_concat(ad.code, ' + ') FROM offer_items i JOIN addons ad ON ad.id = i.addon_id WHERE i.offer_id = o.id AND i.guest_selected = 1) AS chose,
              (SELECT group_concat(ad.code, ' + ') FROM offer_items i JOIN addons ad ON ad.id = i.addon_id WHERE i.offer_id = o.id AND i.final_selected = 1) AS final,
              CASE WHEN o.status = 'voided' THEN 0 ELSE
                (SELECT coalesce(sum(i.price_cents), 0) FROM offer_items i WHERE i.offer_id = o.id AND i.final_selected = 1) END AS cents
       FROM offers o JOIN appointments a ON a.id = o.appointment_id
       JOIN services s ON s.id = a.service_id JOIN therapists t ON t.id = a.therapist_id
       WHERE o.local_day BETWEEN @from AND @to ORDER BY o.local_day, a.starts_at`,
    )
    .all({ from: range.from, to: range.to }) as {
    local_day: string;
    id: number;
    service: string;
    therapist: string;
    channel: string;
    status: string;
    offered: string | null;
    chose: string | null;
    final: string | null;
    cents: number;
  }[];
  const content = toCsv(
    CSV_HEADER,
    rows.map((r) => [r.local_day, r.id, r.service, r.therapist, r.channel, r.offered ?? "", r.chose ?? "", r.final ?? "", r.status, r.cents / 100]),
  );
  return { filename: `addon-uptake_${range.from}_${range.to}.csv`, content };
}
