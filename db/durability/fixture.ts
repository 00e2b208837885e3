import { modelOf } from "../model";
import { insertAppointment } from "../desk/appointments";
import { verifyAuditChain } from "../audit";
import { connect, openDatabase, type DB } from "../open";
import { seedDemo } from "../demo/seed-demo";
import { getSettings } from "../settings";
import { localParts, zonedToUtc, type Clock } from "../time";

/**
 * The spa the durability tests hammer: the demo spa plus `guests` appointments today, each with
 * its own therapist and room so both add-ons always fit (every check-in writes a check-in, an
 * offer, two offer lines, and two audit rows across two transactions).
 */
export const DURABILITY_NOW = "2026-11-25T18:07:00.000Z";
export const fixedClock: Clock = { now: () => new Date(DURABILITY_NOW) };
export const GUEST_PREFIX = "Durability Guest";

export async function createDurabilitySpa(file: string, guests: number): Promise<void> {
  const db = openDatabase(file);
  await seedDemo(modelOf(db, fixedClock));
  const tz = getSettings(db).timeZone;
  const today = localParts(fixedClock.now(), tz).day;
  db.transaction(() => {
    for (let i = 0; i < guests; i++) {
      const therapist = Number(
        db.prepare("INSERT INTO therapists (name) VALUES (?)").run(`Durability Therapist ${i}`).lastInsertRowid,
      );
      const room = Number(
        db.prepare("INSERT INTO rooms (name) VALUES (?)").run(`Durability Room ${i}`).lastInsertRowid,
      );
      insertAppointment(modelOf(db, fixedClock), tz, {
        guestName: `${GUEST_PREFIX} ${i}`,
        phone: `555${String(7000000 + i)}`,
        serviceId: 1,
        therapistId: therapist,
        roomId: room,
        startsAt: new Date(zonedToUtc(today, "10:30", tz).getTime() + (i % 600) * 60_000).toISOString(),
        source: "demo",
      });
    }
  })();
  db.close();
}

/**
 * The next durability guests who have not yet chosen their add-ons (re-running a half-done one is fine: check-in is
 * idempotent).
 */
export function pendingGuests(db: DB): number[] {
  return (
    db
      .prepare(
        `SELECT a.id FROM appointments a LEFT JOIN offers o ON o.appointment_id = a.id
         WHERE a.guest_name LIKE '${GUEST_PREFIX} %' AND (o.status IS NULL OR o.status = 'offered') ORDER BY a.id`,
      )
      .all() as { id: number }[]
  ).map((r) => r.id);
}

export interface DurabilityReport {
  integrity: string;
  checkIns: number;
  /** Acknowledged check-ins not found complete in the database. */
  lost: number[];
  /** Rows written without their partners: a check-in without its offer or audit row, or the reverse. */
  halfWritten: string[];
  auditChainOk: boolean;
}

/**
 * What a crash or a power cut must never break: SQLite's integrity, every acknowledged check-in
 * complete (check-in, accepted offer with its lines, both audit rows), and no transaction visible
 * in part.
 */
export function inspect(file: string, acknowledged: Iterable<number>): DurabilityReport {
  const db = connect(file);
  try {
    const integrity = (db.pragma("integrity_check") as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join("; ");
    const q = (sql: string) => (db.prepare(sql).all() as { id: number }[]).map((r) => r.id);
    const halfWritten = [
      ...q(
        `SELECT c.appointment_id AS id FROM check_ins c WHERE NOT EXISTS (SELECT 1 FROM offers o WHERE o.appointment_id = c.appointment_id)`,
      ).map((id) => `check-in ${id} without its offer`),
      ...q(
        `SELECT o.appointment_id AS id FROM offers o WHERE NOT EXISTS (SELECT 1 FROM check_ins c WHERE c.appointment_id = o.appointment_id)`,
      ).map((id) => `offer ${id} without its check-in`),
      ...q(`SELECT o.id FROM offers o WHERE (SELECT count(*) FROM offer_items i WHERE i.offer_id = o.id) = 0`).map(
        (id) => `offer ${id} without its lines`,
      ),
      ...q(
        `SELECT c.appointment_id AS id FROM check_ins c WHERE NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.action = 'check_in.create' AND l.entity_id = c.appointment_id)`,
      ).map((id) => `check-in ${id} without its audit row`),
      ...q(
        `SELECT l.entity_id AS id FROM audit_log l WHERE l.action = 'check_in.create' AND NOT EXISTS (SELECT 1 FROM check_ins c WHERE c.appointment_id = l.entity_id)`,
      ).map((id) => `audit row for check-in ${id} without the check-in`),
      ...q(
        `SELECT o.appointment_id AS id FROM offers o WHERE o.status = 'accepted' AND NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.action = 'offer.choose' AND l.entity_id = o.appointment_id)`,
      ).map((id) => `choice ${id} without its audit row`),
      ...q(
        `SELECT l.entity_id AS id FROM audit_log l WHERE l.action = 'offer.choose' AND NOT EXISTS (SELECT 1 FROM offers o WHERE o.appointment_id = l.entity_id AND o.status != 'offered')`,
      ).map((id) => `audit row for choice ${id} without the choice`),
      ...q(
        `SELECT o.appointment_id AS id FROM offers o WHERE o.status = 'accepted' AND NOT EXISTS (SELECT 1 FROM offer_items i WHERE i.offer_id = o.id AND i.final_selected = 1)`,
      ).map((id) => `choice ${id} without its add-ons`),
    ];
    const complete = db.prepare(
      `SELECT 1 FROM check_ins c JOIN offers o ON o.appointment_id = c.appointment_id
       WHERE c.appointment_id = ? AND o.status = 'accepted'
         AND EXISTS (SELECT 1 FROM audit_log l WHERE l.action = 'offer.choose' AND l.entity_id = c.appointment_id)`,
    );
    const lost = [...acknowledged].filter((id) => !complete.get(id));
    const checkIns = (
      db
        .prepare(
          "SELECT count(*) AS n FROM check_ins c JOIN appointments a ON a.id = c.appointment_id WHERE a.guest_name LIKE ?",
        )
        .get(`${GUEST_PREFIX} %`) as { n: number }
    ).n;
    return { integrity, checkIns, lost, halfWritten, auditChainOk: verifyAuditChain(db).ok };
  } finally {
    db.close();
  }
}
