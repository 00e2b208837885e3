/**
 * 0028: a void the restore undid keeps its reason. The desk's queue row and the restore's list say why the desk had
 * voided the add-on, and Void offers that reason again, so the receptionist does not have to ask the guest twice. Only
 * beside a voided decision (`decided_at`, migration 0027); read from the replaced file as the desk's typed reason is
 * (contract/desk.ts), so no longer than the desk may type. It goes with the list's other details of the guest: when
 * the list is cleared, and at retention.
 */
export const sql = /* sql */ `
ALTER TABLE restore_gaps ADD COLUMN void_reason TEXT
  CHECK (void_reason IS NULL OR (offer_status = 'voided' AND decided_at IS NOT NULL));
`;
