import type { DB } from "../db/open";

/**
 * A therapist and a room of the bench's own, booked by nobody in the demo's day: a bench guest
 * given them has room for both add-ons, whatever hour the bench runs at.
 */
export function freeTherapistAndRoom(db: DB, n: number): { therapistId: number; roomId: number } {
  return {
    therapistId: Number(
      db.prepare("INSERT INTO therapists (name) VALUES (?)").run(`Bench Therapist${n}`).lastInsertRowid,
    ),
    roomId: Number(db.prepare("INSERT INTO rooms (name) VALUES (?)").run(`Bench Room${n}`).lastInsertRowid),
  };
}
