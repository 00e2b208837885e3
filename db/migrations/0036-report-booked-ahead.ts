/**
 * 0036: the manager's reports count the add-ons guests booked ahead in the booking system (0033), as their own
 * measure beside the kiosk's offer, never in its take rate.
 *
 * - `booked_addons.price_cents`: what a booked-ahead add-on is worth in the reports. The booking system's file carries
 *   no price, so it is the add-on's price on the spa's own menu when an import first stored it (kept over later
 *   imports of the same visit, as an offer line keeps its quoted price); rows already there take today's menu price.
 * - The report cache's per-add-on facts and cells (0007) gain `booked`, `booked_minutes`, `booked_cents` (0 for every
 *   row there: no booked-ahead add-on was counted) and `lines`, the offer lines among them (every row there is one),
 *   so the kiosk's table still lists only add-ons it offered.
 * - A booked-ahead add-on stored, changed or dropped by an import, or its appointment cancelled or reinstated, marks
 *   the check-in stale (and counts as a change, 0022), as 0007's triggers do for offers; the check-ins that already
 *   have one are marked stale here, so the background refresh moves their cells by the difference.
 * - Head office (0016's outbox): the same changes of a checked-in visit, and its check-in, append a `booked_ahead`
 *   event listing the visit's booked-ahead add-ons as they now count (none once cancelled), so head office counts
 *   them as the location does; the checked-in visits that have one now are appended once here.
 */
import { append, appendAll } from "./0016-outbox";
const ADDON_TABLES = ["report_addon_facts", "report_addon_cells", "report_addon_month_cells"];

/**
 * Marks an appointment's check-in stale (nothing when it has not checked in), as 0021's triggers do: with DO NOTHING,
 * as an import stores booked-ahead add-ons with an upsert, whose update overrides a trigger's OR IGNORE.
 */
const mark = (expr: string) =>
  `INSERT INTO report_stale (local_day, appointment_id) SELECT local_day, appointment_id FROM check_ins WHERE appointment_id = ${expr} ON CONFLICT DO NOTHING;`;
const counted = "UPDATE report_changes SET n = n + 1;";

/** Each new report_stale trigger by its name after `report_stale_`: table, event, condition, the appointment(s). */
const TRIGGERS: { name: string; on: string; event: string; when?: string; ids: string[] }[] = [
  { name: "booked_insert", on: "booked_addons", event: "INSERT", ids: ["NEW.appointment_id"] },
  {
    name: "booked_update",
    on: "booked_addons",
    event: "UPDATE",
    ids: ["OLD.appointment_id", "NEW.appointment_id"],
  },
  { name: "booked_delete", on: "booked_addons", event: "DELETE", ids: ["OLD.appointment_id"] },
  {
    name: "appointment_status",
    on: "appointments",
    event: "UPDATE OF status",
    when: "OLD.status IS NOT NEW.status AND EXISTS (SELECT 1 FROM booked_addons WHERE appointment_id = NEW.id)",
    ids: ["NEW.id"],
  },
];

/** A visit's booked-ahead add-ons as a `booked_ahead` event's body (contract/hq.ts): none when it is cancelled. */
const bookedBody = (appointment: string) => `json_object('addons', json((
  SELECT json_group_array(json_object('addon', ad.code, 'minutes', b.extra_minutes, 'priceCents', b.price_cents))
  FROM booked_addons b JOIN addons ad ON ad.id = b.addon_id JOIN appointments ap ON ap.id = b.appointment_id
  WHERE b.appointment_id = ${appointment} AND ap.status != 'cancelled')))`;
const checkedIn = (appointment: string) => `EXISTS (SELECT 1 FROM check_ins WHERE appointment_id = ${appointment})`;
const booked = (appointment: string) => `EXISTS (SELECT 1 FROM booked_addons WHERE appointment_id = ${appointment})`;
/** Each outbox trigger: table, event, condition, the appointment whose list is sent. */
const OUTBOX_TRIGGERS: { name: string; on: string; event: string; when: string; id: string }[] = [
  {
    name: "insert",
    on: "booked_addons",
    event: "INSERT",
    when: checkedIn("NEW.appointment_id"),
    id: "NEW.appointment_id",
  },
  {
    name: "update",
    on: "booked_addons",
    event: "UPDATE",
    when: checkedIn("NEW.appointment_id"),
    id: "NEW.appointment_id",
  },
  {
    name: "delete",
    on: "booked_addons",
    event: "DELETE",
    when: checkedIn("OLD.appointment_id"),
    id: "OLD.appointment_id",
  },
  {
    name: "status",
    on: "appointments",
    event: "UPDATE OF status",
    when: `OLD.status IS NOT NEW.status AND ${booked("NEW.id")} AND ${checkedIn("NEW.id")}`,
    id: "NEW.id",
  },
  { name: "check_in", on: "check_ins", event: "INSERT", when: booked("NEW.appointment_id"), id: "NEW.appointment_id" },
];

export const sql = /* sql */ `
ALTER TABLE booked_addons ADD COLUMN price_cents INTEGER NOT NULL DEFAULT 0 CHECK (price_cents >= 0);
UPDATE booked_addons SET price_cents = (SELECT price_cents FROM addons WHERE id = booked_addons.addon_id);

${ADDON_TABLES.map(
  (t) => `ALTER TABLE ${t} ADD COLUMN lines INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ${t} ADD COLUMN booked INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ${t} ADD COLUMN booked_minutes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ${t} ADD COLUMN booked_cents INTEGER NOT NULL DEFAULT 0;`,
).join("\n")}
UPDATE report_addon_facts SET lines = 1;
UPDATE report_addon_cells SET lines = items;
UPDATE report_addon_month_cells SET lines = items;

${TRIGGERS.map(
  ({
    name,
    on,
    event,
    when,
    ids,
  }) => `CREATE TRIGGER report_stale_${name} AFTER ${event} ON ${on}${when ? ` WHEN ${when}` : ""}
  BEGIN ${ids.map(mark).join(" ")} END;
CREATE TRIGGER report_changes_${name} AFTER ${event} ON ${on}${when ? ` WHEN ${when}` : ""}
  BEGIN ${counted} END;`,
).join("\n")}

INSERT OR IGNORE INTO report_stale (local_day, appointment_id)
  SELECT c.local_day, c.appointment_id FROM check_ins c
  WHERE c.appointment_id IN (SELECT appointment_id FROM booked_addons);

-- Head office: the checked-in visits' booked-ahead add-ons so far, once each.
${appendAll(
  `SELECT DISTINCT b.appointment_id, 'booked_ahead' AS kind, ${bookedBody("b.appointment_id")} AS body FROM booked_addons b
   WHERE ${checkedIn("b.appointment_id")}`,
  "appointment_id",
)}
${OUTBOX_TRIGGERS.map(
  ({ name, on, event, when, id }) => `CREATE TRIGGER outbox_booked_${name} AFTER ${event} ON ${on} WHEN ${when} BEGIN
  ${append("'booked_ahead'", id, bookedBody(id))}
END;`,
).join("\n")}
`;
