import type { DB } from "../open";
import { stmt } from "../stmt";
import type { Issues } from "./issues";

type Entry = { id: number; name: string };
type Slot = "room" | "therapist";

/**
 * A booking's room (or therapist) decisions, newest first: the desk's moves (db/desk/appointment.ts `assign`, whose
 * audit names the new one) and the imports that set it (the create, and an update that changed it: an update that
 * left it, or kept the desk's, decided nothing).
 */
const decisions = (slot: Slot) => `SELECT action, json_extract(after_json, '$.${slot}Id') AS from_file
  FROM audit_log WHERE entity = 'appointment' AND entity_id = ?
  AND ((action = 'appointment.assign' AND json_extract(after_json, '$.${slot}') IS NOT NULL)
       OR action = 'appointment.import'
       OR (action IN ('appointment.import_update', 'appointment.import_cancel')
           AND json_extract(before_json, '$.${slot}Id') IS NOT json_extract(after_json, '$.${slot}Id')))
  ORDER BY id DESC`;

/**
 * The room and therapist a booking the file names again gets (row-checks.ts). The desk moved it (another room, another
 * therapist) since the import last set them, and the file still says what that import set: the booking system never
 * heard of the move, so the desk's stands, as the desk's status decision does (./status.ts), and a warning names it
 * (`line`; null for a booking before today, kept without a word) so the desk puts it right in the booking system.
 * A file that names yet another one moved the booking since: the booking system's new decision is the file's.
 */
export function deskMoveKeeper(db: DB, warnings: Issues) {
  const history = { room: stmt(db, decisions("room")), therapist: stmt(db, decisions("therapist")) };
  const active = {
    room: stmt(db, "SELECT id, name FROM rooms WHERE id = ? AND active = 1"),
    therapist: stmt(db, "SELECT id, name FROM therapists WHERE id = ? AND active = 1"),
  };
  /** The desk's room or therapist where it stands over the file's `fromFile`; null where the file's is taken. */
  const deskKeeps = (slot: Slot, appointmentId: number, storedId: number, fromFile: Entry): Entry | null => {
    if (storedId === fromFile.id) return null;
    let deskMoved = false;
    for (const d of history[slot].all(appointmentId) as { action: string; from_file: number | null }[]) {
      if (d.action === "appointment.assign") deskMoved = true;
      else
        return deskMoved && d.from_file === fromFile.id
          ? ((active[slot].get(storedId) as Entry | undefined) ?? null)
          : null;
    }
    return null;
  };
  return <R extends Entry | null>(
    before: { id: number; room_id: number; therapist_id: number } | undefined,
    file: { room: R; therapist: Entry },
    guestName: string,
    line: number | null,
  ): { room: R; therapist: Entry } => {
    if (!before) return file;
    const room = file.room === null ? null : deskKeeps("room", before.id, before.room_id, file.room);
    const therapist = deskKeeps("therapist", before.id, before.therapist_id, file.therapist);
    const kept = [
      room && file.room ? `room ${room.name} instead of ${file.room.name}` : null,
      therapist ? `therapist ${therapist.name} instead of ${file.therapist.name}` : null,
    ].filter((k) => k !== null);
    if (kept.length > 0 && line !== null)
      warnings.add(
        line,
        room ? "room" : "therapist",
        `${guestName} was moved at the desk, and the booking system still has the booking as before: kept the desk's change, ${kept.join(" and ")}. Make the same change in the booking system, or move the guest back at the desk.`,
      );
    return { room: (room ?? file.room) as R, therapist: therapist ?? file.therapist };
  };
}
