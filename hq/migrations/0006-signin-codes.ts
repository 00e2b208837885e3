/**
 * 0006: one-time sign-in codes (hq/auth/signin-codes.ts). A signed-in owner makes one in their browser for a new
 * browser (a new phone, a laptop), which signs in with it once, within CODE_MINUTES, even while the locks that
 * strangers' wrong passwords set keep new browsers out; it never unlocks a password sign-in. A code is 80 random bits
 * the owner reads or sends to themselves; the table holds its SHA-256 only, so a copy of the database signs nobody in.
 *
 * A code works only while the session that made it is live: signing out there (or owner-password, which ends every
 * session) sets `session_hash` NULL and the code stops working. The rows stay CODE_AUDIT_DAYS as the owner's record
 * of what was made, used and cancelled (times only: no address, no browser).
 */
export const sql = /* sql */ `
CREATE TABLE owner_signin_codes (
  id           uuid PRIMARY KEY,
  code_hash    bytea NOT NULL UNIQUE CHECK (length(code_hash) = 32),
  owner_id     uuid NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
  session_hash bytea REFERENCES owner_sessions(token_hash) ON DELETE SET NULL,
  made_at      timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  used_at      timestamptz,
  cancelled_at timestamptz,
  CHECK (expires_at > made_at),
  CHECK (used_at IS NULL OR cancelled_at IS NULL)
);
CREATE INDEX owner_signin_codes_by_owner ON owner_signin_codes (owner_id, made_at);
CREATE INDEX owner_signin_codes_by_session ON owner_signin_codes (session_hash) WHERE session_hash IS NOT NULL;
`;
