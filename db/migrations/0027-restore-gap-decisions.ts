/**
 * 0027: a restore's list also names the desk's add-on decisions it took back. A guest who had checked in before the
 * backup is in the restored queue, but a Confirm, Change or Void the desk made for them after the backup is not: the
 * restored queue shows the choice as it stood then ("Add-on to confirm" for an add-on the desk had voided). Such a row
 * keeps when the decision was made (`decided_at`, the replaced file's `offers.confirmed_at`) beside what it was
 * (`offer_status`: confirmed, changed or voided) and the add-ons it left (`addons`). NULL for a left-out check-in. The
 * desk's queue row says so too, until the desk decides again or clears the list. Deciding again is told by the offer's
 * decision time moving on from what the restored data had when the list was made (`restored_decided_at`, NULL: none),
 * not by comparing it with the restore's time: a clock stepped back since would hide a decision made again.
 */
export const sql = /* sql */ `
ALTER TABLE restore_gaps ADD COLUMN decided_at TEXT
  CHECK (decided_at IS NULL OR coalesce(offer_status, '') IN ('confirmed', 'changed', 'voided'));
ALTER TABLE restore_gaps ADD COLUMN restored_decided_at TEXT CHECK (restored_decided_at IS NULL OR decided_at IS NOT NULL);
-- The desk's queue looks up each row's open decision (db/desk/queue.ts).
CREATE INDEX restore_gaps_open_decisions ON restore_gaps (appointment_id)
  WHERE decided_at IS NOT NULL AND dismissed_at IS NULL;
`;
