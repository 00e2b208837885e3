/**
 * 0001: locations and their pairing, the event log, each visit's kept contribution and the
 * per-day roll-ups, all partitioned by location (HASH on location_id, 8 partitions).
 *
 * Isolation is the database's: every location-owned table has row-level security, FORCEd so the
 * owner (the service's own role) is bound too. A row may be read or written only when its
 * location_id is the location of the token in the transaction's `app.token` setting, which the
 * policy hashes and looks up itself (`hq_token_location()`); the app never tells the database
 * which location it is. A bug that pairs location A's token with location B's rows is refused
 * with "new row violates row-level security policy". Head-office reads across locations set
 * `app.scope = 'chain'`, which opens SELECT only. Partitions are never addressed directly: RLS
 * is forced on each with no policy, so a query naming a partition sees nothing and writes nothing.
 */
export declare const PARTITIONS = 8;
/** The counts kept per visit and per cell, named as the location's report cache names them (db/migrations/0004). */
export declare const MEASURES: readonly [
  "check_ins",
  "offered",
  "offered_multi",
  "accepted_kiosk",
  "added_desk",
  "confirmed",
  "voided",
  "taken",
  "taken_multi",
  "revenue_cents",
  "extra_minutes",
  "f_accepted",
  "f_confirmed",
  "f_printed",
  "desk_reviewed",
  "overridden",
];
export declare const ADDON_MEASURES: readonly ["items", "shown", "chosen_kiosk", "taken", "revenue_cents", "extra_minutes"];
export declare const sql: string;
export declare const locationTables: string[];
