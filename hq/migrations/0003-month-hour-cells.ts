import { columns, isolation, MEASURES, PARTITIONS } from "./0001-initial";

/** Tables whose rows ingest updates in place, batch after batch. */
const UPDATED = ["visit_facts", "day_totals", "day_cells", "day_addon_cells", "month_hour_cells"];

/**
 * 0003: the weekday × hour grid per location and spa-local month, kept at ingest beside the day
 * cells by hour (it is their sum by month, weekday and hour). A chain's year is 12 rows a weekday
 * and hour per location instead of 365 ÷ 7: the chain-wide grid reads these for the whole months
 * of a range and the day cells only for the days at its ends.
 *
 * Filled here from the day cells already kept: read with the chain's scope, written by the owner
 * with row-level security not yet forced on the new table (forced again straight after, in the
 * same transaction).
 *
 * The tables whose rows every batch updates (the facts and the cells) leave a quarter of each
 * page free, so an update can stay on its page without new index entries (a HOT update: no
 * indexed column of theirs ever changes).
 */
export const sql = /* sql */ `
CREATE TABLE month_hour_cells (
  location_id uuid NOT NULL,
  -- The first day of the spa-local month.
  month       date NOT NULL CHECK (extract(day FROM month) = 1),
  weekday     smallint NOT NULL CHECK (weekday BETWEEN 0 AND 6),
  hour        smallint NOT NULL CHECK (hour BETWEEN 0 AND 23),
${columns(MEASURES)},
  PRIMARY KEY (location_id, month, weekday, hour)
) PARTITION BY HASH (location_id);
CREATE INDEX month_hour_cells_by_month ON month_hour_cells (month);
${isolation("month_hour_cells")}

SELECT set_config('app.scope', 'chain', true);
ALTER TABLE month_hour_cells NO FORCE ROW LEVEL SECURITY;
INSERT INTO month_hour_cells (location_id, month, weekday, hour, ${MEASURES.join(", ")})
SELECT location_id, date_trunc('month', local_day)::date, extract(dow FROM local_day), key::smallint, ${MEASURES.map((m) => `sum(${m})`).join(", ")}
FROM day_cells WHERE dim = 'hour' GROUP BY 1, 2, 3, 4;
ALTER TABLE month_hour_cells FORCE ROW LEVEL SECURITY;
${UPDATED.flatMap((t) => Array.from({ length: PARTITIONS }, (_, i) => `ALTER TABLE ${t}_p${i} SET (fillfactor = 75);`)).join("\n")}
`;
