import { ADDON_MEASURES } from "./0001-initial";

/**
 * 0007: add-ons guests booked ahead in a location's booking system, per location, day and add-on: how many, their
 * minutes and their value in cents at the location's menu price (the location's `booked_ahead` events, its migration
 * 0036). Their own measure beside the kiosk's offer, never in its take rate. 0 for every cell already there: a location
 * from before it sends none, and its figures stay the kiosk's alone. A visit's kept facts (visit_facts.addons) written
 * before it have none of these keys, read as 0 (hq/ingest.ts).
 */
export const BOOKED_MEASURES = ["booked", "booked_minutes", "booked_cents"] as const;
/** Every column of an add-on cell: the kiosk's offer (0001) and the booked-ahead add-ons. */
export const ADDON_COLUMNS = [...ADDON_MEASURES, ...BOOKED_MEASURES] as const;

export const sql = /* sql */ `
ALTER TABLE day_addon_cells ${BOOKED_MEASURES.map((m) => `ADD COLUMN ${m} bigint NOT NULL DEFAULT 0`).join(", ")};
`;
