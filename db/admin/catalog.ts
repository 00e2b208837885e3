import type { StaffActor, Model, ReadModel } from "../model";
import { stmt } from "../stmt";
import {
  namedInputSchema,
  serviceInputSchema,
  type Catalog,
  type RoomAdmin,
  type ServiceAdmin,
  type TherapistAdmin,
} from "../../contract/admin";
import type { z } from "zod";
import { appendAudit } from "../audit";
import { assertStillManager, bit } from "./common";
import { foldText } from "../../contract/common";
import { DomainError } from "../errors";
import type { DB } from "../open";
import { firstName } from "../people";
import { serviceGuestNames, writeServiceGuestNames } from "./service-names";

interface ServiceRow {
  id: number;
  name: string;
  minutes: number;
  price_cents: number;
  active: number;
  offer_addons: number;
}
const toService = (m: ReadModel, r: ServiceRow): ServiceAdmin => ({
  id: r.id,
  name: r.name,
  guestNames: serviceGuestNames(m, r.id),
  minutes: r.minutes,
  priceCents: r.price_cents,
  active: r.active === 1,
  offerAddons: r.offer_addons === 1,
});

export function listServicesAdmin(m: ReadModel): ServiceAdmin[] {
  return (
    stmt(
      m.db,
      `SELECT s.id, s.name, s.minutes, s.price_cents, s.active,
            EXISTS (SELECT 1 FROM addon_services x JOIN addons ad ON ad.id = x.addon_id WHERE x.service_id = s.id AND ad.active = 1) AS offer_addons
     FROM services s ORDER BY s.active DESC, s.name`,
    ).all() as ServiceRow[]
  ).map((r) => toService(m, r));
}
const loadService = (m: ReadModel, id: number): ServiceAdmin | undefined => {
  const r = stmt(
    m.db,
    `SELECT s.id, s.name, s.minutes, s.price_cents, s.active,
            EXISTS (SELECT 1 FROM addon_services x JOIN addons ad ON ad.id = x.addon_id WHERE x.service_id = s.id AND ad.active = 1) AS offer_addons
     FROM services s WHERE s.id = ?`,
  ).get(id) as ServiceRow | undefined;
  return r ? toService(m, r) : undefined;
};

type NamedRow = { id: number; name: string; active: number };
const toTherapist = (r: NamedRow): TherapistAdmin => ({
  id: r.id,
  name: r.name,
  guestName: firstName(r.name),
  active: r.active === 1,
});
const toRoom = (r: NamedRow): RoomAdmin => ({ id: r.id, name: r.name, active: r.active === 1 });

export function catalog(m: ReadModel): Catalog {
  const { db } = m;
  return {
    services: listServicesAdmin(m),
    therapists: (
      stmt(db, "SELECT id, name, active FROM therapists ORDER BY active DESC, name").all() as NamedRow[]
    ).map(toTherapist),
    rooms: (stmt(db, "SELECT id, name, active FROM rooms ORDER BY active DESC, name").all() as NamedRow[]).map(toRoom),
  };
}

/**
 * THE rule for whether a guest is offered add-ons: the add-on's services (table addon_services;
 * the kiosk then checks capacity, db/kiosk/offers.ts). A service "offers add-ons" when at least one
 * active add-on may be added to it. It is set in one place, each add-on's "May be added to"
 * (Back office → Add-on offers, db/admin/addons.ts); a new service starts linked to every active
 * add-on (here), as the first-run spa's services do. `services.offer_addons` is kept equal to the
 * rule for older readers of the table.
 */
function offerEveryActiveAddon(db: DB, serviceId: number): void {
  stmt(db, "INSERT OR IGNORE INTO addon_services (addon_id, service_id) SELECT id, ? FROM addons WHERE active = 1").run(
    serviceId,
  );
  syncServiceOfferFlags(db);
}

/** Keeps the legacy `services.offer_addons` column equal to the rule above. */
export function syncServiceOfferFlags(db: DB): void {
  stmt(
    db,
    "UPDATE services SET offer_addons = EXISTS (SELECT 1 FROM addon_services x JOIN addons ad ON ad.id = x.addon_id WHERE x.service_id = services.id AND ad.active = 1)",
  ).run();
}

/** What one entry of each catalog table is called in messages. */
export const CATALOG_NOUN = { services: "service", therapists: "therapist", rooms: "room" } as const;
export type CatalogTable = keyof typeof CATALOG_NOUN;

/**
 * Refuses a catalog name that reads as another entry's: the same letters in any case, with or
 * without accents (`foldText`: "Chloe Martin" beside Chloé Martin), which the desk, the ticket and
 * the appointment import could not tell apart.
 */
function assertNameFree(db: DB, table: CatalogTable, name: string, id: number | undefined): void {
  const key = foldText(name);
  const rows = stmt(db, `SELECT name FROM ${table} WHERE id != ?`).all(id ?? 0) as { name: string }[];
  const taken = rows.find((r) => foldText(r.name) === key);
  if (taken)
    throw new DomainError("CONFLICT", `There is already a ${CATALOG_NOUN[table]} called “${taken.name}”.`, "name");
}

/**
 * Creates or updates a service. A service is never deleted (appointments and reports point at
 * it); deactivating hides it from new bookings while today's appointments keep it. Prices of
 * past appointments are not stored per appointment here, so changing a price changes only
 * what is shown from now on.
 */
export function saveService(m: Model, actor: StaffActor, input: z.output<typeof serviceInputSchema>): ServiceAdmin {
  const { db, clock } = m;
  return db
    .transaction(() => {
      assertStillManager(m, actor);
      const before = input.id === undefined ? undefined : loadService(m, input.id);
      if (input.id !== undefined && !before)
        throw new DomainError("NOT_FOUND", "That service no longer exists. Reload the page.");
      assertNameFree(db, "services", input.name, input.id);
      const values = [input.name, input.minutes, input.priceCents, bit(input.active)] as const;
      const id =
        input.id ??
        Number(
          stmt(db, "INSERT INTO services (name, minutes, price_cents, active) VALUES (?, ?, ?, ?)").run(...values)
            .lastInsertRowid,
        );
      if (input.id !== undefined) {
        stmt(db, "UPDATE services SET name = ?, minutes = ?, price_cents = ?, active = ? WHERE id = ?").run(
          ...values,
          id,
        );
      } else offerEveryActiveAddon(db, id);
      writeServiceGuestNames(m, id, input.guestNames);
      const after = loadService(m, id);
      appendAudit(db, clock, actor, {
        action: before ? "service.update" : "service.create",
        entity: "service",
        entityId: id,
        before,
        after,
      });
      if (!after) throw new Error("service vanished inside its own transaction");
      return after;
    })
    .immediate();
}

/** Therapists and rooms: a name (unique) and an active switch; never deleted. */
function saveNamed<T>(
  m: Model,
  actor: StaffActor,
  table: "therapists" | "rooms",
  input: z.output<typeof namedInputSchema>,
  to: (r: NamedRow) => T,
): T {
  const { db, clock } = m;
  const noun = CATALOG_NOUN[table];
  return db
    .transaction(() => {
      assertStillManager(m, actor);
      const load = (id: number) =>
        stmt(db, `SELECT id, name, active FROM ${table} WHERE id = ?`).get(id) as NamedRow | undefined;
      const beforeRow = input.id === undefined ? undefined : load(input.id);
      if (input.id !== undefined && !beforeRow)
        throw new DomainError("NOT_FOUND", `That ${noun} no longer exists. Reload the page.`);
      assertNameFree(db, table, input.name, input.id);
      const id =
        input.id ??
        Number(
          stmt(db, `INSERT INTO ${table} (name, active) VALUES (?, ?)`).run(input.name, bit(input.active))
            .lastInsertRowid,
        );
      if (input.id !== undefined)
        stmt(db, `UPDATE ${table} SET name = ?, active = ? WHERE id = ?`).run(input.name, bit(input.active), id);
      const afterRow = load(id);
      if (!afterRow) throw new Error(`${noun} vanished inside its own transaction`);
      appendAudit(db, clock, actor, {
        action: `${noun}.${beforeRow ? "update" : "create"}`,
        entity: noun,
        entityId: id,
        before: beforeRow ? to(beforeRow) : undefined,
        after: to(afterRow),
      });
      return to(afterRow);
    })
    .immediate();
}

export const saveTherapist = (m: Model, actor: StaffActor, input: z.output<typeof namedInputSchema>): TherapistAdmin =>
  saveNamed(m, actor, "therapists", input, toTherapist);
export const saveRoom = (m: Model, actor: StaffActor, input: z.output<typeof namedInputSchema>): RoomAdmin =>
  saveNamed(m, actor, "rooms", input, toRoom);
