import type { Model, ReadModel } from "../model";
import { stmt } from "../stmt";
import type { OtherLanguage, Role } from "../../contract/common";
import { insertDefaultAddons } from "../admin/addon-copy";
import { saveSettings } from "../settings";
import type { StaffSummary } from "../../contract/channels";
import { appendAudit } from "../audit";
import { DomainError } from "../errors";
import type { DB } from "../open";
import type { Clock } from "../time";
import { waitText } from "../../contract/staff";
import { FIRST_DELAY_MS, type PinPads } from "./pin-pads";
import { newPadCode, storePadCode } from "./pad-code";
import { hashPin, serialized, verifyPin } from "./pin-hash";

/** Adds a staff member whose PIN is already hashed; call inside a transaction. */
export function insertStaff(m: Model, input: { name: string; role: Role; pinHash: string }): number {
  const { db, clock } = m;
  const clash = stmt(db, "SELECT 1 FROM staff WHERE name = ?").get(input.name);
  if (clash) throw new DomainError("CONFLICT", `There is already a staff member called ${input.name}.`, "name");
  const id = Number(
    stmt(db, "INSERT INTO staff (name, role, pin_hash, created_at) VALUES (?, ?, ?, ?)").run(
      input.name,
      input.role,
      input.pinHash,
      clock.now().toISOString(),
    ).lastInsertRowid,
  );
  appendAudit(
    db,
    clock,
    { kind: "system" },
    { action: "staff.create", entity: "staff", entityId: id, after: { name: input.name, role: input.role } },
  );
  return id;
}

export async function createStaff(m: Model, input: { name: string; role: Role; pin: string }): Promise<number> {
  const { db } = m;
  const pinHash = await hashPin(input.pin);
  return db.transaction(() => insertStaff(m, { name: input.name, role: input.role, pinHash }))();
}

export function listActiveStaff(m: ReadModel): StaffSummary[] {
  const { db } = m;
  return stmt(db, "SELECT id, name, role FROM staff WHERE active = 1 ORDER BY role DESC, name").all() as StaffSummary[];
}

/** A staff member as they are now, or null once deactivated (or never there). */
export function activeStaffMember(m: ReadModel, id: number): StaffSummary | null {
  const { db } = m;
  return (
    (stmt(db, "SELECT id, name, role FROM staff WHERE id = ? AND active = 1").get(id) as StaffSummary | undefined) ??
    null
  );
}

interface StaffRow extends StaffSummary {
  pin_hash: string;
  active: number;
}

/** Is there no active manager yet (first run)? Then the staff window offers the setup screen. */
export function needsFirstManager(m: ReadModel): boolean {
  const { db } = m;
  return !stmt(db, "SELECT 1 FROM staff WHERE role = 'manager' AND active = 1 LIMIT 1").get();
}

/**
 * First run: creates the first manager and the spa's unlock code (db/staff/pad-code.ts), so a
 * one-display spa is never without a way to open a PIN pad a guest made wait. Allowed only while
 * there is no active manager, checked again inside the write transaction, so two windows racing
 * through setup create one manager and one code. The code is in the answer only: shown once.
 */
export function createFirstManager(
  m: Model,
  input: { spaName: string; timeZone: string; otherLanguages: OtherLanguage[]; name: string; pin: string },
): Promise<{ staff: StaffSummary; unlockCode: { code: string; madeAt: string } }> {
  const { db } = m;
  // In the PIN queue: the first of two simultaneous setups wins, whichever scrypt finishes first.
  return serialized(async () => {
    if (!needsFirstManager(m))
      throw new DomainError("CONFLICT", "A manager already exists. Sign in with your PIN instead.");
    const pinHash = await hashPin(input.pin);
    const { code, hash } = await newPadCode();
    return db
      .transaction(() => {
        if (!needsFirstManager(m))
          throw new DomainError("CONFLICT", "A manager already exists. Sign in with your PIN instead.");
        // The spa as the first manager described it; English is offered first, and is what copy missing in another
        // language falls back to.
        saveSettings(db, {
          spaName: input.spaName,
          timeZone: input.timeZone,
          languages: ["en", ...input.otherLanguages],
        });
        // An empty spa starts with the face and scalp add-ons, offered on every active service it has.
        if (!stmt(db, "SELECT 1 FROM addons LIMIT 1").get()) {
          insertDefaultAddons(
            db,
            (stmt(db, "SELECT id FROM services WHERE active = 1").all() as { id: number }[]).map((r) => r.id),
            m.clock.now(),
          );
        }
        const id = insertStaff(m, { name: input.name, role: "manager", pinHash });
        const madeAt = storePadCode(m, { kind: "staff", staffId: id, name: input.name }, hash);
        return { staff: { id, name: input.name, role: "manager" as const }, unlockCode: { code, madeAt } };
      })
      .immediate();
  });
}

/**
 * Checks a PIN typed on `pad`. Wrong PINs slow that pad down (db/staff/pin-pads.ts); nobody's
 * entry is ever locked. The check runs in the PIN queue, so the delay a wrong PIN starts is
 * seen by every guess after it. The PIN itself is never stored, logged or audited.
 */
export function login(m: Model, staffId: number, pin: string, pads: PinPads, pad: string): Promise<StaffSummary> {
  const { db, clock } = m;
  return serialized(() => checkPin(db, clock, staffId, pin, pads, pad));
}

async function checkPin(
  db: DB,
  clock: Clock,
  staffId: number,
  pin: string,
  pads: PinPads,
  pad: string,
): Promise<StaffSummary> {
  pads.assertOpen(pad);
  const row = stmt(db, "SELECT id, name, role, pin_hash, active FROM staff WHERE id = ?").get(staffId) as
    StaffRow | undefined;
  if (!row || row.active !== 1) throw new DomainError("NOT_FOUND", "That staff member is not active.", "staffId");
  const good = await verifyPin(pin, row.pin_hash);
  const actor = { kind: "staff", staffId: row.id, name: row.name } as const;
  if (good) {
    pads.succeeded(pad);
    db.transaction(() => appendAudit(db, clock, actor, { action: "staff.login", entity: "staff", entityId: row.id }))();
    return { id: row.id, name: row.name, role: row.role };
  }
  const wait = pads.failed(pad);
  if (wait === FIRST_DELAY_MS) {
    // The pad starts slowing down: worth a line in the audit log (the pad, never the PIN).
    db.transaction(() =>
      appendAudit(db, clock, actor, { action: "staff.pinDelay", entity: "staff", entityId: row.id, after: { pad } }),
    )();
  }
  throw new DomainError(
    "WRONG_PIN",
    wait > 0 ? `Wrong PIN. This screen takes the next PIN in ${waitText(wait)}.` : "Wrong PIN. Try again.",
    "pin",
  );
}
