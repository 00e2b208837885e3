/**
 * 0030: an add-on the desk added counts as offered. The kiosk hides an add-on that would not fit before the
 * therapist's next booking, but the desk may add it when the guest asks: such a guest was counted as taking an add-on
 * and not as offered one, so a day of them read a take rate over 100% (and the Reports screen refused the whole
 * report). The report's facts (db/reports/cache-sql.ts) now count an add-on as offered when it was shown or added by
 * the desk; the check-ins that have such a line are marked stale here, and the background refresh moves their cells
 * by the difference. Nothing else of the cache is recomputed.
 */
export const sql = /* sql */ `
INSERT OR IGNORE INTO report_stale (local_day, appointment_id)
  SELECT c.local_day, c.appointment_id FROM check_ins c
  WHERE c.appointment_id IN (SELECT o.appointment_id FROM offers o JOIN offer_items i ON i.offer_id = o.id
                             WHERE i.shown = 0 AND i.final_selected = 1);
`;
