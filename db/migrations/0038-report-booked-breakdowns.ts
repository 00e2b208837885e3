/**
 * 0038: the manager's reports break the add-ons booked ahead (0033, 0036) down as every other figure: per day, week
 * and month, service, therapist, check-in channel, kiosk language and weekday × hour, beside the kiosk's figures and
 * never in them. 0036 counted them per add-on only (report_addon_facts and its cells, whose one grain is the day);
 * now each check-in's facts and the cells of every breakdown gain `booked`, `booked_minutes` and `booked_cents` (0 for
 * every row there), and the check-ins with a booked-ahead add-on are marked stale, so the next refresh moves their
 * cells by the difference. 0036's triggers already mark a check-in stale when its booked-ahead add-ons or its
 * appointment's status change: nothing new to watch.
 */
export const BOOKED_BREAKDOWN_TABLES = ["report_facts", "report_cells", "report_month_cells"];

/** The check-ins whose cached facts the new columns' 0 may understate: those with an add-on booked ahead. */
export const MARK_BOOKED = /* sql */ `INSERT OR IGNORE INTO report_stale (local_day, appointment_id)
  SELECT c.local_day, c.appointment_id FROM check_ins c
  WHERE c.appointment_id IN (SELECT appointment_id FROM booked_addons);`;

export const sql = /* sql */ `
${BOOKED_BREAKDOWN_TABLES.map(
  (t) => `ALTER TABLE ${t} ADD COLUMN booked INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ${t} ADD COLUMN booked_minutes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ${t} ADD COLUMN booked_cents INTEGER NOT NULL DEFAULT 0;`,
).join("\n")}

${MARK_BOOKED}
`;
