/**
 * 0032: bookings by their phone's last 8 digits. The kiosk found a guest only by the whole of `phone_key` (the last 10
 * digits), so "06 12 34 56 78" never found "+33 6 12 34 56 78" (key 3612345678): a number written with its trunk 0 or
 * with a country code now finds the other (contract/phone.ts `samePhone`), and every two such forms share their last 8
 * digits. This index, on that expression, replaces the one on the whole key, which nothing looks up any more; the
 * key itself is unchanged (the desk's search and retention read it as before), so no row is rewritten.
 */
export const sql = /* sql */ `
DROP INDEX appointments_by_phone;
CREATE INDEX appointments_by_phone_end ON appointments (substr(phone_key, -8), local_day);
`;
