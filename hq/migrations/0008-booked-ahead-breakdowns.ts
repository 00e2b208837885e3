import { MEASURES } from "./0001-initial";
import { BOOKED_MEASURES } from "./0007-booked-ahead";

/** Every count of a visit's kept facts and of a breakdown cell: the kiosk's (0001) and the add-ons booked ahead. */
export const CELL_COLUMNS = [...MEASURES, ...BOOKED_MEASURES] as const;

/** Tables whose rows gain a visit's add-ons booked ahead: its kept facts, and the breakdown cells summing them. */
const TABLES = ["visit_facts", "day_cells", "month_hour_cells"];
const sums = BOOKED_MEASURES.map((m) => `sum(${m}) AS ${m}`).join(", ");
const fromExcluded = BOOKED_MEASURES.map((m) => `${m} = excluded.${m}`).join(", ");

/**
 * 0008: a visit's add-ons booked ahead (0007's measures) in its kept facts and in the breakdown cells its check-in
 * counts in: by hour, channel, kiosk language and service (day_cells) and by month, weekday and hour
 * (month_hour_cells), as a location's own report breaks them down (its migration 0038). They stay out of the day
 * totals: a location's booked-ahead total is its add-on cells' sum (0007).
 *
 * Filled here from what head office already holds: each visit's kept add-on facts (visit_facts.addons), whose
 * booked-ahead counts sum to the visit's, then the cells from the visits, keyed as ingest keys them (hq/fold.ts
 * cellKeysOf: language "none" for the desk's check-ins). A fact kept before 0007 has no booked-ahead keys: 0. Written
 * by the owner with row-level security not yet forced on the three tables (forced again straight after, in the same
 * transaction), like 0003.
 */
export const sql = /* sql */ `
${TABLES.map((t) => `ALTER TABLE ${t} ${BOOKED_MEASURES.map((m) => `ADD COLUMN ${m} bigint NOT NULL DEFAULT 0`).join(", ")};`).join("\n")}

${TABLES.map((t) => `ALTER TABLE ${t} NO FORCE ROW LEVEL SECURITY;`).join("\n")}
UPDATE visit_facts f SET ${BOOKED_MEASURES.map((m) => `${m} = s.${m}`).join(", ")}
FROM (
  SELECT location_id, visit_id, ${BOOKED_MEASURES.map((m) => `sum(coalesce((a -> 'counts' ->> '${m}')::bigint, 0)) AS ${m}`).join(", ")}
  FROM visit_facts, jsonb_array_elements(addons) a
  WHERE local_day IS NOT NULL
  GROUP BY 1, 2
) s
WHERE f.location_id = s.location_id AND f.visit_id = s.visit_id AND s.booked > 0;

INSERT INTO day_cells (location_id, local_day, dim, key, ${BOOKED_MEASURES.join(", ")})
SELECT f.location_id, f.local_day, k.dim, k.key, ${sums}
FROM visit_facts f
CROSS JOIN LATERAL (VALUES ('hour', f.hour::text), ('channel', f.channel), ('language', coalesce(f.lang, 'none')), ('service', f.service)) AS k(dim, key)
WHERE f.local_day IS NOT NULL AND f.booked > 0
GROUP BY 1, 2, 3, 4
ON CONFLICT (location_id, local_day, dim, key) DO UPDATE SET ${fromExcluded};

INSERT INTO month_hour_cells (location_id, month, weekday, hour, ${BOOKED_MEASURES.join(", ")})
SELECT location_id, date_trunc('month', local_day)::date, extract(dow FROM local_day), hour, ${sums}
FROM visit_facts WHERE local_day IS NOT NULL AND booked > 0
GROUP BY 1, 2, 3, 4
ON CONFLICT (location_id, month, weekday, hour) DO UPDATE SET ${fromExcluded};
${TABLES.map((t) => `ALTER TABLE ${t} FORCE ROW LEVEL SECURITY;`).join("\n")}
`;
