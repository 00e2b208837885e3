/**
 * 0037: how far the machine's clock is believed by what erases by date: privacy retention, the next day's erasing of
 * preferences a guest did not keep, and the age of backups other than the daily ones. A clock set months ahead (a wrong
 * date at boot, a bad time server) would otherwise erase guests' details, allergy alerts for today's visits included,
 * and the manual and before-restore backups, months early and for good.
 *
 * `trusted_at`: the latest clock reading that erasing went by. It moves forward at each retention run whose clock reads
 * no more than CLOCK_AHEAD_MAX_DAYS after it (contract/maintenance.ts), and when a manager confirms the clock's date;
 * check-ins stamped meanwhile by a clock ahead don't move it. Here it starts at the newest audit row's time (every
 * write is audited): the last moment this file was used. NULL for a file with no audit row yet, whose first reading
 * is believed.
 */
export const sql = /* sql */ `
CREATE TABLE clock_trust (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  trusted_at TEXT
) STRICT;
INSERT INTO clock_trust (id, trusted_at) VALUES (1, (SELECT at FROM audit_log ORDER BY id DESC LIMIT 1));
`;
