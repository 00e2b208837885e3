import type { StaffActor, Model, ReadModel } from "../model";
import { stmt } from "../stmt";
import { randomInt } from "node:crypto";
import { adminChannels, type StaffAdmin } from "../../contract/admin";
import type { z } from "zod";
import { appendAudit } from "../audit";
import { assertStillManager } from "./common";
import { DomainError } from "../errors";
import type { DB } from "../open";
import { hashPin } from "../staff/pin-hash";
import { guessablePin } from "../../contract/common";

type In<C extends keyof typeof adminChannels> = z.output<(typeof adminChannels)[C]["input"]>;

interface Row {
  id: number;
  name: string;
  role: "receptionist" | "manager";
  active: number;
}

const COLUMNS = "id, name, role, active";

function toAdmin(r: Row): StaffAdmin {
  return { id: r.id, name: r.name, role: r.role, active: r.active === 1 };
}

function load(db: DB, id: number): Row {
  const r = stmt(db, `SELECT ${COLUMNS} FROM staff WHERE id = ?`).get(id) as Row | undefined;
  if (!r) throw new DomainError("NOT_FOUND", "That staff member no longer exists. Reload the page.");
  return r;
}

/** Everyone, active or not: staff are never deleted, so audit rows always name a real person. */
export function listStaffAdmin(m: ReadModel): StaffAdmin[] {
  return (stmt(m.db, `SELECT ${COLUMNS} FROM staff ORDER BY active DESC, role DESC, name`).all() as Row[]).map(toAdmin);
}

/** A PIN nobody chose: 6 random digits from the OS's CSPRNG, shown to the manager once. */
/** A made-up PIN: six random digits, never one anyone would try first. */
function makePin(): string {
  for (;;) {
    const pin = String(randomInt(0, 1_000_000)).padStart(6, "0");
    if (!guessablePin(pin)) return pin;
  }
}

/** Refuses a change that would leave no active manager; call after the change, in its transaction. */
function assertManagerRemains(db: DB, field: string): void {
  const { n } = stmt(db, "SELECT count(*) AS n FROM staff WHERE role = 'manager' AND active = 1").get() as {
    n: number;
  };
  if (n === 0)
    throw new DomainError(
      "CONFLICT",
      "At least one active manager must remain. Add or promote another manager first.",
      field,
    );
}

/**
 * What creating a member and resetting a PIN share: the PIN they typed, or a made-up one the
 * manager reads out once (returned here, never stored, logged or audited); hashed before the
 * transaction (hashing is slow), then `write` under the manager check in one IMMEDIATE transaction.
 */
async function withPin(
  m: Model,
  actor: StaffActor,
  chosen: string | undefined,
  write: (pinHash: string, pinAudit: string) => StaffAdmin,
): Promise<{ staff: StaffAdmin; generatedPin: string | null }> {
  const pin = chosen ?? makePin();
  const pinHash = await hashPin(pin);
  const staff = m.db
    .transaction(() => {
      assertStillManager(m, actor);
      return write(pinHash, chosen ? "set by staff member" : "generated");
    })
    .immediate();
  return { staff, generatedPin: chosen ? null : pin };
}

export function createStaffMember(
  m: Model,
  actor: StaffActor,
  input: In<"admin.createStaff">,
): Promise<{ staff: StaffAdmin; generatedPin: string | null }> {
  const { db, clock } = m;
  return withPin(m, actor, input.pin, (pinHash, pinAudit) => {
    const clash = stmt(db, "SELECT active FROM staff WHERE name = ?").get(input.name) as { active: number } | undefined;
    if (clash) {
      throw new DomainError(
        "CONFLICT",
        clash.active === 1
          ? `There is already a staff member called ${input.name}.`
          : `${input.name} is already on the list (inactive): reactivate them instead.`,
        "name",
      );
    }
    const now = clock.now().toISOString();
    const id = Number(
      stmt(db, "INSERT INTO staff (name, role, pin_hash, created_at) VALUES (?, ?, ?, ?)").run(
        input.name,
        input.role,
        pinHash,
        now,
      ).lastInsertRowid,
    );
    appendAudit(db, clock, actor, {
      action: "staff.create",
      entity: "staff",
      entityId: id,
      after: { name: input.name, role: input.role, pin: pinAudit },
    });
    return toAdmin(load(db, id));
  });
}

/**
 * Renames, changes role, deactivates or reactivates (a manager may step down themselves).
 * Whatever the change, at least one active manager remains: checked after the update, inside
 * the same transaction, so a refused change leaves nothing behind.
 */
export function saveStaffMember(m: Model, actor: StaffActor, input: In<"admin.saveStaff">): StaffAdmin {
  const { db, clock } = m;
  return db
    .transaction(() => {
      assertStillManager(m, actor);
      const before = load(db, input.id);
      if (stmt(db, "SELECT 1 FROM staff WHERE name = ? AND id != ?").get(input.name, input.id)) {
        throw new DomainError("CONFLICT", `There is already a staff member called ${input.name}.`, "name");
      }
      stmt(db, "UPDATE staff SET name = ?, role = ?, active = ? WHERE id = ?").run(
        input.name,
        input.role,
        input.active ? 1 : 0,
        input.id,
      );
      assertManagerRemains(db, input.role !== before.role ? "role" : "active");
      const after = load(db, input.id);
      const view = (r: Row) => ({ name: r.name, role: r.role, active: r.active === 1 });
      appendAudit(db, clock, actor, {
        action: "staff.update",
        entity: "staff",
        entityId: input.id,
        before: view(before),
        after: view(after),
      });
      return toAdmin(after);
    })
    .immediate();
}

/** Gives a staff member a new PIN (theirs, or a made-up one: see withPin). Clears any lockout. */
export function resetStaffPin(
  m: Model,
  actor: StaffActor,
  input: In<"admin.resetPin">,
): Promise<{ staff: StaffAdmin; generatedPin: string | null }> {
  const { db, clock } = m;
  return withPin(m, actor, input.pin, (pinHash, pinAudit) => {
    const row = load(db, input.id);
    if (row.active !== 1) throw new DomainError("CONFLICT", `${row.name} is inactive. Reactivate them first.`, "id");
    stmt(db, "UPDATE staff SET pin_hash = ? WHERE id = ?").run(pinHash, input.id);
    appendAudit(db, clock, actor, {
      action: "staff.resetPin",
      entity: "staff",
      entityId: input.id,
      after: { pin: pinAudit },
    });
    return toAdmin(load(db, input.id));
  });
}
