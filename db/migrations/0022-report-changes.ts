/**
 * 0022: a count of the changes that can move a report figure (issue 21). A report-cache pass is
 * computed on a read snapshot and written in a short transaction afterwards (db/reports/cache.ts);
 * it may be written only if nothing it read changed meanwhile. Until now it asked PRAGMA
 * data_version, which moves with every commit of another connection: each kiosk walk-in, sign-in
 * or print-queue step threw the pass in flight away, and a year's first report recomputed about a
 * third of its passes. `report_changes.n` goes up with each change the report_stale triggers watch
 * (a trigger here beside each of them, same table, same event, same condition) and with each
 * refresh pass written, so a pass is thrown away only when a figure's source, or the cache, moved.
 * (Since the refresh is split across two threads by check-in, only a report's own refresh counts as
 * a pass written: db/reports/cache-sql.ts, COUNTED.)
 */

/**
 * Each report_stale trigger (0007, 0021) by its name after `report_stale_`: its table, event and condition. A
 * `report_changes_` trigger of the same name counts the same changes.
 */
export const WATCHED_CHANGES: Record<string, { on: string; event: string; when?: string }> = {
  check_in_insert: { on: "check_ins", event: "INSERT" },
  check_in_update: { on: "check_ins", event: "UPDATE" },
  check_in_delete: { on: "check_ins", event: "DELETE" },
  appointment_update: { on: "appointments", event: "UPDATE OF service_id, therapist_id" },
  offer_insert: { on: "offers", event: "INSERT" },
  offer_update: { on: "offers", event: "UPDATE" },
  offer_delete: { on: "offers", event: "DELETE" },
  item_insert: { on: "offer_items", event: "INSERT" },
  item_update: { on: "offer_items", event: "UPDATE" },
  item_delete: { on: "offer_items", event: "DELETE" },
  print_insert: { on: "print_jobs", event: "INSERT", when: "NEW.status = 'printed'" },
  print_update: {
    on: "print_jobs",
    event: "UPDATE OF status",
    when: "(OLD.status = 'printed') != (NEW.status = 'printed')",
  },
  screening_insert: { on: "screening_answers", event: "INSERT" },
  screening_update: { on: "screening_answers", event: "UPDATE OF outcome" },
  screening_delete: { on: "screening_answers", event: "DELETE" },
};

export const sql = /* sql */ `
CREATE TABLE report_changes (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  n  INTEGER NOT NULL
) STRICT;
INSERT INTO report_changes (id, n) VALUES (1, 0);
${Object.entries(WATCHED_CHANGES)
  .map(
    ([name, { on, event, when }]) =>
      `CREATE TRIGGER report_changes_${name} AFTER ${event} ON ${on}${when ? ` WHEN ${when}` : ""}
  BEGIN UPDATE report_changes SET n = n + 1; END;`,
  )
  .join("\n")}
`;
