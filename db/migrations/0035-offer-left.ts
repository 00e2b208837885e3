/**
 * 0035: when a guest left the kiosk's offer without choosing (the kiosk idled out, or Cancel), so the desk's row says
 * so at once instead of "Choosing at kiosk" for three minutes. A time, not a status: the offer is still open (the guest
 * may come back and choose, or the desk settles it), and reports count it as they did, shown and not taken, never as
 * declined by the guest. Null: never left, or left before this version.
 */
export const sql = /* sql */ `
ALTER TABLE offers ADD COLUMN left_at TEXT;
`;
