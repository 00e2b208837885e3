/**
 * 0002: the chain owner's sign-in to the web dashboard — accounts, server-side sessions and the
 * failed sign-ins the rate limit counts (hq/auth/). None of these tables is a location's: they
 * carry no location_id and no row-level security; the dashboard reads locations' figures only
 * through the chain-scoped, read-only reads of hq/reports.ts.
 *
 * Secrets are stored only as derived values: a password as its scrypt hash (parameters and salt
 * in the text), a session as the SHA-256 of its 256-bit cookie value. A failed sign-in keeps the
 * SHA-256 of the account name typed and of the address (never either text: a name field often
 * receives a password typed one field too early), for a day.
 */
export const sql = /* sql */ `
CREATE TABLE owners (
  id            uuid PRIMARY KEY,
  email         text NOT NULL UNIQUE CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
  password_hash text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  password_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE owner_sessions (
  token_hash   bytea PRIMARY KEY CHECK (length(token_hash) = 32),
  owner_id     uuid NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX owner_sessions_by_owner ON owner_sessions (owner_id);

CREATE TABLE signin_failures (
  id           bigserial PRIMARY KEY,
  account_hash bytea NOT NULL CHECK (length(account_hash) = 32),
  address_hash bytea NOT NULL CHECK (length(address_hash) = 32),
  at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX signin_failures_by_account ON signin_failures (account_hash, at);
CREATE INDEX signin_failures_by_address ON signin_failures (address_hash, at);
`;
