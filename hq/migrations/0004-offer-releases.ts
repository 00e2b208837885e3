/**
 * 0004: chain-wide offers. The owner publishes the chain's add-on offers as a release, numbered
 * 1, 2, 3 … (the next number is taken under a lock in the publishing transaction, so two
 * owners publishing at once get two numbers, never one); a release is never changed once
 * published. Each location pulls the newest release newer than the one it applied
 * (GET /v1/offers?after=N). The service is single-chain: one sequence of releases.
 *
 * Releases are the chain's, not a location's: no location_id, no row-level security; a
 * location's token reads them through the service only.
 */
export const sql = /* sql */ `
CREATE TABLE offer_releases (
  number       integer PRIMARY KEY CHECK (number >= 1),
  published_at timestamptz NOT NULL DEFAULT now(),
  published_by uuid NOT NULL REFERENCES owners(id)
);

-- One add-on of a release, as contract/head-office.ts chainOfferSchema has it.
CREATE TABLE offer_release_offers (
  release_number       integer NOT NULL REFERENCES offer_releases(number),
  position             smallint NOT NULL CHECK (position >= 0),
  addon_code           text NOT NULL CHECK (addon_code ~ '^[a-z][a-z0-9-]{1,39}$'),
  price_cents          integer NOT NULL CHECK (price_cents >= 0),
  extra_minutes        smallint NOT NULL CHECK (extra_minutes >= 0),
  -- Title and benefit lines per language: {"en": {"title": …, "benefits": […]}, …}; English always.
  texts                jsonb NOT NULL CHECK (jsonb_typeof(texts) = 'object' AND texts ? 'en'),
  -- The services it goes with, by name; each location matches its own menu.
  services             text[] NOT NULL CHECK (cardinality(services) >= 1),
  -- The screening questions (a JSON array, at most 3).
  screening            jsonb NOT NULL CHECK (jsonb_typeof(screening) = 'array' AND jsonb_array_length(screening) <= 3),
  allow_local_override boolean NOT NULL,
  PRIMARY KEY (release_number, addon_code),
  UNIQUE (release_number, position)
);
`;
