/**
 * 0020: chain-wide offers at the location. `chain_releases` keeps each head-office release this
 * location applied (its number, when head office published it and when it was applied here), the
 * release as received, and what of it did not fit this spa (an unknown service name, copy missing
 * in a language the kiosk offers), shown in Back office → Head office.
 *
 * An add-on the chain manages carries the release that last set it (`chain_release`; NULL: the
 * spa's own add-on), whether the chain lets a manager keep their own price, minutes, copy and
 * services for it (`chain_allows_override`), and whether the manager did (`local_override`:
 * the next release then keeps those values). Screening questions of a chain add-on are always the
 * chain's. See db/sync/chain-offers.ts.
 */
export const sql = /* sql */ `
CREATE TABLE chain_releases (
  number       INTEGER PRIMARY KEY CHECK (number >= 1),
  published_at TEXT NOT NULL,
  applied_at   TEXT NOT NULL,
  release      TEXT NOT NULL CHECK (json_valid(release)),
  problems     TEXT NOT NULL CHECK (json_valid(problems) AND json_type(problems) = 'array')
) STRICT;

ALTER TABLE addons ADD COLUMN chain_release INTEGER REFERENCES chain_releases(number);
ALTER TABLE addons ADD COLUMN chain_allows_override INTEGER NOT NULL DEFAULT 0 CHECK (chain_allows_override IN (0, 1));
ALTER TABLE addons ADD COLUMN local_override INTEGER NOT NULL DEFAULT 0 CHECK (local_override IN (0, 1));
`;
