import type { ReadModel } from "../model";
import { stmt } from "../stmt";
import { getSettings } from "../settings";
import { clockTimeLocal, DAY_MS, localParts } from "../time";
import type { Issues } from "./issues";
import type { CheckedRow, ParsedRow } from "./row-checks";

/**
 * Rooms for the bookings whose file names none. Acuity's export has no room column, and a booking system that
 * books rooms may leave one booking's cell empty; the booking still happens in a room, and the kiosk's add-on
 * offer and the desk's clash checks need to know which. A booking is placed as a receptionist would:
 *   1. a booking imported before keeps its room while it is still free (importing the file again moves nothing);
 *   2. a room that leaves time for an add-on after it and after the booking before it (the kiosk offers add-ons
 *      only where the room is free for their minutes: packed back to back, nobody would be offered one);
 *   3. the room the same therapist works in just before (a therapist stays in one room when they can);
 *   4. the first room by name.
 * Bookings are placed in start order around what is stored and what the file places in named rooms. A booking
 * no room is free for is a row error that says when, so the import tells rather than double-books a room.
 * Cancelled and no-show bookings occupy nothing: they keep their room, or take the first.
 */

interface Stay {
  start: number;
  end: number;
  therapistId: number;
}

const dayOf = (ms: number) => Math.floor(ms / DAY_MS);

/** Each room's bookings, by the UTC day they start (a session is at most 10 hours: neighbouring days suffice). */
class Occupancy {
  private readonly byRoom = new Map<number, Map<number, Stay[]>>();

  add(roomId: number, stay: Stay): void {
    let days = this.byRoom.get(roomId);
    if (!days) {
      days = new Map<number, Stay[]>();
      this.byRoom.set(roomId, days);
    }
    const day = dayOf(stay.start);
    const list = days.get(day);
    if (list) list.push(stay);
    else days.set(day, [stay]);
  }

  /** Stays in the room that may overlap or neighbour [start, end]. */
  private *near(roomId: number, start: number): Generator<Stay> {
    const days = this.byRoom.get(roomId);
    if (!days) return;
    const day = dayOf(start);
    for (const d of [day - 1, day, day + 1]) yield* days.get(d) ?? [];
  }

  /** Whether the room is free over [start, end), and whether `margin` ms more fit on both sides. */
  fit(roomId: number, start: number, end: number, margin: number): { free: boolean; roomy: boolean } {
    let roomy = true;
    for (const s of this.near(roomId, start)) {
      if (s.start < end && s.end > start) return { free: false, roomy: false };
      if (s.start < end + margin && s.end > start - margin) roomy = false;
    }
    return { free: true, roomy };
  }

  /** How long before `start` the therapist's latest stay in this room ended (Infinity: none that day). */
  therapistGap(roomId: number, therapistId: number, start: number): number {
    let gap = Infinity;
    for (const s of this.near(roomId, start))
      if (s.therapistId === therapistId && s.end <= start && start - s.end < DAY_MS / 2)
        gap = Math.min(gap, start - s.end);
    return gap;
  }
}

/** The row with its room, and what the import will do with it. */
function placed(row: CheckedRow, room: { id: number; name: string }, chosen: boolean): ParsedRow {
  const { room: _given, sameApartFromRoom, beforeRoomId, ...rest } = row;
  const action =
    beforeRoomId === null ? "create" : sameApartFromRoom && beforeRoomId === room.id ? "unchanged" : "update";
  return { ...rest, roomId: room.id, roomName: room.name, roomChosen: chosen, action };
}

/**
 * Gives every checked row its room: the file's where it names one, a free one chosen as above where it doesn't.
 * Rows no room is free for are reported to `errors` and left out. `pause` lets others run on a long file;
 * `cancelling`: stored bookings the import cancels, whose rooms are free for the file's.
 */
export async function placeInRooms(
  m: ReadModel,
  rows: CheckedRow[],
  errors: Issues,
  pause: () => Promise<void>,
  cancelling: ReadonlySet<number> = new Set(),
): Promise<ParsedRow[]> {
  const roomless = rows.filter((r) => r.room === null);
  const chosen = new Map<CheckedRow, { id: number; name: string }>();
  // Every row with its room, letting others run on a long file (10,000 rows at once held a kiosk's check-in 25 ms).
  const all = async () => {
    const done: ParsedRow[] = [];
    for (const r of rows) {
      await pause();
      const room = r.room ?? chosen.get(r);
      if (room) done.push(placed(r, room, r.room === null));
    }
    return done;
  };
  if (roomless.length === 0) return all();
  const rooms = stmt(m.db, "SELECT id, name FROM rooms WHERE active = 1 ORDER BY name").all() as {
    id: number;
    name: string;
  }[];
  const roomById = new Map(rooms.map((r) => [r.id, r]));
  const tz = getSettings(m.db).timeZone;
  const longestAddon = stmt(m.db, "SELECT coalesce(max(extra_minutes), 0) FROM addons WHERE active = 1")
    .pluck()
    .get() as number;
  const margin = longestAddon * 60_000;

  // What is booked already, but for the bookings this file places again and those the import cancels (not in the file,
  // and the receptionist chose to cancel them: ./missing.ts); then the file's bookings in named rooms.
  const occupancy = new Occupancy();
  const inFile = new Set(rows.map((r) => r.externalId));
  const starts = rows.map((r) => Date.parse(r.startsAt));
  const ends = rows.map((r) => Date.parse(r.endsAt));
  const stored = stmt(
    m.db,
    `SELECT id, external_id, room_id, therapist_id, starts_at, ends_at FROM appointments
     WHERE status = 'booked' AND starts_at < ? AND ends_at > ?`,
  ).all(new Date(Math.max(...ends) + DAY_MS).toISOString(), new Date(Math.min(...starts) - DAY_MS).toISOString()) as {
    id: number;
    external_id: string | null;
    room_id: number;
    therapist_id: number;
    starts_at: string;
    ends_at: string;
  }[];
  for (const s of stored) {
    if ((s.external_id !== null && inFile.has(s.external_id)) || cancelling.has(s.id)) continue;
    occupancy.add(s.room_id, {
      start: Date.parse(s.starts_at),
      end: Date.parse(s.ends_at),
      therapistId: s.therapist_id,
    });
  }
  for (const r of rows)
    if (r.room && r.status === "booked")
      occupancy.add(r.room.id, {
        start: Date.parse(r.startsAt),
        end: Date.parse(r.endsAt),
        therapistId: r.therapistId,
      });

  for (const row of [...roomless].sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.line - b.line)) {
    await pause();
    const kept = row.beforeRoomId === null ? undefined : roomById.get(row.beforeRoomId);
    if (row.status !== "booked") {
      const room = kept ?? rooms[0];
      if (room) chosen.set(row, room);
      else
        errors.add(
          row.line,
          "room",
          "The catalog has no active rooms yet: a manager adds them in Back office → Catalog.",
        );
      continue;
    }
    const start = Date.parse(row.startsAt);
    const end = Date.parse(row.endsAt);
    let best: { room: { id: number; name: string }; score: number[] } | null = null;
    for (const [index, room] of rooms.entries()) {
      const { free, roomy } = occupancy.fit(room.id, start, end, margin);
      if (!free) continue;
      const score = [
        room === kept ? 0 : 1,
        roomy ? 0 : 1,
        occupancy.therapistGap(room.id, row.therapistId, start),
        index,
      ];
      if (!best || before(score, best.score)) best = { room, score };
    }
    if (!best) {
      errors.add(row.line, "room", noRoomFree(row, rooms.length, tz));
      continue;
    }
    chosen.set(row, best.room);
    occupancy.add(best.room.id, { start, end, therapistId: row.therapistId });
  }
  return all();
}

/** Whether score `a` comes before `b`, element by element. */
function before(a: number[], b: number[]): boolean {
  for (const [i, x] of a.entries()) if (x !== b[i]) return x < (b[i] ?? Infinity);
  return false;
}

function noRoomFree(row: CheckedRow, roomCount: number, tz: string): string {
  const when = `${localParts(row.startsAt, tz).day} ${clockTimeLocal(row.startsAt, tz)}–${clockTimeLocal(row.endsAt, tz)}`;
  if (roomCount === 0)
    return "The file names no room and the catalog has no active rooms yet: a manager adds them in Back office → Catalog.";
  const taken = roomCount === 1 ? "the spa's one room is" : `all ${roomCount} rooms are`;
  return `The file names no room for this booking, and no room is free ${when}: ${taken} booked then. Put the room in the booking system's export, or move a booking at the desk, and import again.`;
}
