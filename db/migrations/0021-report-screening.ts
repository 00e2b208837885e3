/**
 * 0021: the report cache counts the funnel's screening stages (issue 25): guests screened out of
 * an add-on ("not today") and guests marked "therapist will check", by add-on and, as every other
 * count, by day, hour, service, therapist, channel and language. Each fact and cell gains the two
 * counts (0 for every row already there, which is right for a check-in without screening answers);
 * a change to a guest's screening outcome marks their check-in stale, as 0007's triggers do for
 * offers; and the check-ins that already have answers are marked stale, so the background refresh
 * moves their cells by the difference. Nothing else of the cache is recomputed.
 */
/** The report cache's facts and cells, each of which gains the two counts. */
export const SCREENING_COUNT_TABLES = [
  "report_facts",
  "report_cells",
  "report_month_cells",
  "report_addon_facts",
  "report_addon_cells",
  "report_addon_month_cells",
];

/**
 * Marks an appointment's check-in stale (nothing when it has not checked in), as 0007's triggers
 * do, but with an upsert's DO NOTHING rather than OR IGNORE: the kiosk saves answers with an upsert
 * (INSERT … ON CONFLICT DO UPDATE), and an upsert's update overrides a trigger's OR IGNORE, so a
 * guest answering again while their check-in is already stale would fail on report_stale's key.
 */
const mark = (expr: string) =>
  `INSERT INTO report_stale (local_day, appointment_id) SELECT local_day, appointment_id FROM check_ins WHERE appointment_id = ${expr} ON CONFLICT DO NOTHING;`;

/** The check-ins whose cached screening counts the new columns' 0 may understate: those with answers. */
export const MARK_SCREENED = /* sql */ `INSERT OR IGNORE INTO report_stale (local_day, appointment_id)
  SELECT c.local_day, c.appointment_id FROM check_ins c
  WHERE c.appointment_id IN (SELECT appointment_id FROM screening_answers);`;

export const sql = /* sql */ `
${SCREENING_COUNT_TABLES.map(
  (t) => `ALTER TABLE ${t} ADD COLUMN screened_out INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ${t} ADD COLUMN therapist_check INTEGER NOT NULL DEFAULT 0;`,
).join("\n")}

CREATE TRIGGER report_stale_screening_insert AFTER INSERT ON screening_answers BEGIN ${mark("NEW.appointment_id")} END;
CREATE TRIGGER report_stale_screening_update AFTER UPDATE OF outcome ON screening_answers
  BEGIN ${mark("OLD.appointment_id")} ${mark("NEW.appointment_id")} END;
CREATE TRIGGER report_stale_screening_delete AFTER DELETE ON screening_answers BEGIN ${mark("OLD.appointment_id")} END;

${MARK_SCREENED}
`;
