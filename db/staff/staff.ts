import { stmt } from "../stmt";
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from "node:crypto";
import type { OtherLanguage, Role } from "../../contract/common";
import { insertDefaultAddons } from "../admin/addon-copy";
import { saveSettings } from "../settings";
import type { StaffSummary } from "../../contract/channels";
import { appendAudit } from "../audit";
import { DomainError } from "../errors";
import type { DB } from "../open";
import type { Clock } from "../time";

const scrypt = (pin: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> =>
  new Promise((resolve, reject) => scryptCb(pin, salt, keylen, opts, (e, k) => (e ? reject(e) : resolve(k))));

/** scrypt parameters: ~50 ms per guess on kiosk hardware, stored with the hash so they can grow. */
const PARAMS = { N: 16384, r: 8, p: 1 } as const;
export const MAX_FAILED_PINS = 5;
export const LOCKOUT_MINUTES = 5;

export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(pin, salt, 32, PARAMS);
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString("base64")}$${key.toString("base64")}`;
}

export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !key) return false;
  const expected = Buffer.from(key, "base64");
  const actual = await scrypt(pin, Buffer.from(salt, "base64"), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return timingSafeEqual(actual, expected);
}

/** Adds a staff member whose PIN is already hashed; call inside a transaction. */
export function insertStaff(db: DB, clock: Clock, input: { name: string; role: Role; pinHash: string }): number {
  const clash = stmt(db, "SELECT 1 FROM staff WHERE name = ?").get(input.name);
  if (clash) throw new DomainError("CONFLICT", `There is already a staff member called ${input.name}.`, "name");
  const id = Number(
    stmt(db, "INSERT INTO staff (name, role, pin_hash, created_at) VALUES (?, ?, ?, ?)")
      .run(input.name, input.role, input.pinHash, clock.now().toISOString()).lastInsertRowid,
  );
  appendAudit(db, clock, { kind: "system" }, { action: "staff.create", entity: "staff", entityId: id, after: { name: input.name, role: input.role } });
  return id;
}

export async function createStaff(db: DB, clock: Clock, input: { name: string; role: Role; pin: string }): Promise<number> {
  const pinHash = await hashPin(input.pin);
  return db.transaction(() => insertStaff(db, clock, { name: input.name, role: input.role, pinHash }))();
}

export function listActiveStaff(db: DB): StaffSummary[] {
  return stmt(db, "SELECT id, name, role FROM staff WHERE active = 1 ORDER BY role DESC, name").all() as StaffSummary[];
}

/** A staff member as they are now, or null once deactivated (or never there). */
export function activeStaffMember(db: DB, id: number): StaffSummary | null {
  return (stmt(db, "SELECT id, name, role FROM staff WHERE id = ? AND active = 1").get(id) as StaffSummary | undefined) ?? null;
}

interface StaffRow extends StaffSummary {
  pin_hash: string;
  locked_until: string | null;
  active: number;
}

/** Is there no active manager yet (first run)? Then the staff window offers the setup screen. */
export function needsFirstManager(db: DB): boolean {
  return !stmt(db, "SELECT 1 FROM staff WHERE role = 'manager' AND active = 1 LIMIT 1").get();
}

/**
 * First run: creates the first manager. Allowed only while there is no active manager, checked
 * again inside the write transaction, so two windows racing through setup create one manager.
 */
export function createFirstManager(
  db: DB,
  clock: Clock,
  input: { spaName: string; timeZone: string; otherLanguages: OtherLanguage[]; name: string; pin: string },
): Promise<StaffSummary> {
  // In the PIN queue: the first of two simultaneous setups wins, whichever scrypt finishes first.
  return serialized(async () => {
    if (!needsFirstManager(db)) throw new DomainError("CONFLICT", "A manager already exists. Sign in with your PIN instead.");
    const pinHash = await hashPin(input.pin);
    return db.transaction(() => {
      if (!needsFirstManager(db)) throw new DomainError("CONFLICT", "A manager already exists. Sign in with your PIN instead.");
      // The spa as the first manager described it; English is offered first, and is what copy missing in another language falls back to.
      saveSettings(db, { spaName: input.spaName, timeZone: input.timeZone, languages: ["en", ...input.otherLanguages] });
      // An empty spa starts with the face and scalp add-ons, offered on every active service it has.
      if (!stmt(db, "SELECT 1 FROM addons LIMIT 1").get()) {
        insertDefaultAddons(db, (stmt(db, "SELECT id FROM services WHERE active = 1").all() as { id: number }[]).map((r) => r.id));
      }
      const id = insertStaff(db, clock, { name: input.name, role: "manager", pinHash });
      return { id, name: input.name, role: "manager" as const };
    }).immediate();
  });
}

/**
 * PIN checks run one at a time. scrypt is async (the thread pool), so without this N parallel
 * guesses would all read "not locked" before any of them recorded its failure, and N parallel
 * scrypts would each take 16 MB. Serialized, the lock written by the fifth wrong PIN is seen by
 * every later guess before it is evaluated, and a hammered PIN channel costs one scrypt at a time.
 */
let pinQueue: Promise<unknown> = Promise.resolve();
function serialized<T>(task: () => Promise<T>): Promise<T> {
  const run = pinQueue.then(task, task);
  pinQueue = run.catch(() => undefined);
  return run;
}

/**
 * Checks a PIN. Five wrong PINs in a row lock that staff entry for five minutes; the lock is a
 * column, so it survives a restart. The PIN itself is never stored, logged or audited.
 */
export function login(db: DB, clock: Clock, staffId: number, pin: string): Promise<StaffSummary> {
  return serialized(() => checkPin(db, clock, staffId, pin));
}

async function checkPin(db: DB, clock: Clock, staffId: number, pin: string): Promise<StaffSummary> {
  const row = stmt(db, "SELECT id, name, role, pin_hash, locked_until, active FROM staff WHERE id = ?").get(staffId) as StaffRow | undefined;
  if (!row || row.active !== 1) throw new DomainError("NOT_FOUND", "That staff member is not active.", "staffId");
  const lockedFor = row.locked_until ? new Date(row.locked_until).getTime() - clock.now().getTime() : 0;
  if (lockedFor > 0) {
    const minutes = Math.ceil(lockedFor / 60_000);
    throw new DomainError("LOCKED_OUT", `Too many wrong PINs. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}, or ask a manager.`, "pin");
  }
  const good = await verifyPin(pin, row.pin_hash);
  const actor = { kind: "staff", staffId: row.id, name: row.name } as const;
  if (good) {
    db.transaction(() => {
      stmt(db, "UPDATE staff SET failed_attempts = 0, locked_until = NULL WHERE id = ?").run(row.id);
      appendAudit(db, clock, actor, { action: "staff.login", entity: "staff", entityId: row.id });
    })();
    return { id: row.id, name: row.name, role: row.role };
  }
  // Count the failure in its own committed transaction, then refuse.
  const locked = db.transaction(() => {
    const { failed_attempts: failed } = stmt(db, "UPDATE staff SET failed_attempts = failed_attempts + 1 WHERE id = ? RETURNING failed_attempts")
      .get(row.id) as { failed_attempts: number };
    if (failed < MAX_FAILED_PINS) return { locked: false, left: MAX_FAILED_PINS - failed };
    const until = new Date(clock.now().getTime() + LOCKOUT_MINUTES * 60_000).toISOString();
    stmt(db, "UPDATE staff SET failed_attempts = 0, locked_until = ? WHERE id = ?").run(until, row.id);
    appendAudit(db, clock, actor, { action: "staff.lockout", entity: "staff", entityId: row.id, after: { lockedUntil: until } });
    return { locked: true, left: 0 };
  })();
  if (locked.locked) {
    throw new DomainError("LOCKED_OUT", `Too many wrong PINs. This entry is locked for ${LOCKOUT_MINUTES} minutes.`, "pin");
  }
  throw new DomainError(
    "WRONG_PIN",
    `Wrong PIN. ${locked.left} tr${locked.left === 1 ? "y" : "ies"} left before a ${LOCKOUT_MINUTES}-minute lock.`,
    "pin",
  );
}
