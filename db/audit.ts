import { stmt } from "./stmt";
import { hash } from "node:crypto";
import type { DB } from "./open";
import type { Clock } from "./time";

/** Who did it. Guests act through the kiosk and are never named in the audit log. */
export type Actor = { kind: "kiosk" } | { kind: "system" } | { kind: "staff"; staffId: number; name: string };

export interface AuditEntry {
  action: string;
  entity: string;
  entityId: number | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

const GENESIS = "0".repeat(64);

interface AuditRow {
  id: number;
  at: string;
  actor: string;
  staff_id: number | null;
  action: string;
  entity: string;
  entity_id: number | null;
  before_json: string | null;
  after_json: string | null;
  reason: string | null;
  prev_hash: string;
  hash: string;
}

const actorLabel = (a: Actor): string => (a.kind === "staff" ? `staff:${a.name}` : a.kind);

/** One-shot `hash()`, not a `createHash()` stream: it is called inside every audited transaction. */
const rowHash = (r: Omit<AuditRow, "id" | "hash">): string =>
  hash(
    "sha256",
    JSON.stringify([
      r.prev_hash,
      r.at,
      r.actor,
      r.staff_id,
      r.action,
      r.entity,
      r.entity_id,
      r.before_json,
      r.after_json,
      r.reason,
    ]),
  );

/** Appends one audit row; call inside the transaction that makes the change. */
export function appendAudit(db: DB, clock: Clock, actor: Actor, entry: AuditEntry): void {
  const last = stmt(db, "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").get() as { hash: string } | undefined;
  const row = {
    prev_hash: last?.hash ?? GENESIS,
    at: clock.now().toISOString(),
    actor: actorLabel(actor),
    staff_id: actor.kind === "staff" ? actor.staffId : null,
    action: entry.action,
    entity: entry.entity,
    entity_id: entry.entityId,
    before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
    after_json: entry.after === undefined ? null : JSON.stringify(entry.after),
    reason: entry.reason ?? null,
  };
  stmt(
    db,
    `INSERT INTO audit_log (at, actor, staff_id, action, entity, entity_id, before_json, after_json, reason, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    row.at,
    row.actor,
    row.staff_id,
    row.action,
    row.entity,
    row.entity_id,
    row.before_json,
    row.after_json,
    row.reason,
    row.prev_hash,
    rowHash(row),
  );
}

export type ChainReport = { ok: true; rows: number } | { ok: false; rows: number; firstBadId: number; problem: string };

/** Walks the chain: reports the first row that was edited, or whose predecessor was deleted. */
export function verifyAuditChain(db: DB): ChainReport {
  let prev = GENESIS;
  let rows = 0;
  for (const r of stmt(db, "SELECT * FROM audit_log ORDER BY id").iterate() as IterableIterator<AuditRow>) {
    rows++;
    if (r.prev_hash !== prev)
      return { ok: false, rows, firstBadId: r.id, problem: "a row before it was deleted or edited" };
    if (rowHash(r) !== r.hash) return { ok: false, rows, firstBadId: r.id, problem: "this row was edited" };
    prev = r.hash;
  }
  return { ok: true, rows };
}

/**
 * A deleted last row leaves a valid (shorter) chain; a backup remembers it. Reports whether the
 * newest audit row of an older copy (a backup) is still in the live log, unchanged.
 */
export function auditRowKeptSince(live: DB, older: DB): { ok: true } | { ok: false; missingId: number } {
  const last = older.prepare("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").get() as
    { id: number; hash: string } | undefined;
  if (!last) return { ok: true };
  const now = live.prepare("SELECT hash FROM audit_log WHERE id = ?").get(last.id) as { hash: string } | undefined;
  return now?.hash === last.hash ? { ok: true } : { ok: false, missingId: last.id };
}
