/**
 * 0005: browsers an owner has signed in with (OWASP's "device cookies"). After a successful
 * sign-in the browser holds 256 random bits for that owner in an HttpOnly cookie; the table
 * holds their SHA-256 only, so a copy of the database trusts no browser. A sign-in that carries
 * a live device of the owner it names is counted against that device alone: the account-wide
 * lock that sign-ins from other browsers set (anyone who knows the owner's email can set it)
 * never refuses it. A device lives DEVICE_DAYS after the sign-in that made it (each sign-in
 * replaces it with a new one), and goes when the owner's password is replaced.
 *
 * A failed sign-in made with a device keeps the device's hash beside the account's and the
 * address's: those failures count for that device, the others (device_hash NULL) for the account
 * and the address as before. Failures recorded before this migration have no device: they keep
 * counting as they did.
 */
export const sql = /* sql */ `
CREATE TABLE owner_devices (
  token_hash bytea PRIMARY KEY CHECK (length(token_hash) = 32),
  owner_id   uuid NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX owner_devices_by_owner ON owner_devices (owner_id, created_at);

ALTER TABLE signin_failures ADD COLUMN device_hash bytea CHECK (length(device_hash) = 32);
CREATE INDEX signin_failures_by_device ON signin_failures (device_hash, at) WHERE device_hash IS NOT NULL;
`;
