import type { Model } from "../model";
import { setImmediate as yieldToOthers } from "node:timers/promises";
import { stmt } from "../stmt";
import {
  IMPORT_HOLD_MS,
  IMPORT_SLICE_ROWS,
  type DateOrder,
  type ImportMapping,
  type ImportResult,
} from "../../contract/desk";
import { insertAppointment, type StoredAppointment } from "../desk/appointments";
import { appendAudit, type Actor } from "../audit";
import { DomainError } from "../errors";
import { phoneKey } from "../people";
import { getSettings } from "../settings";
import { localParts } from "../time";
import { analyze } from "./analyse";
import type { ParsedRow } from "./row-checks";

type Counts = Omit<ImportResult, "cancelledAfterCheckIn">;

/** What the audit trail records of an imported booking. */
const audited = (r: ParsedRow) => ({
  serviceId: r.serviceId,
  therapistId: r.therapistId,
  roomId: r.roomId,
  startsAt: r.startsAt,
  endsAt: r.endsAt,
  status: r.status,
});

/** Writes one row; returns what it did. Inside a slice's transaction. */
function writeRow(
  m: Model,
  actor: Extract<Actor, { kind: "staff" }>,
  tz: string,
  r: ParsedRow,
): "created" | "updated" | "unchanged" {
  const { db, clock } = m;
  // Another window may have written this booking since the preview: read it again.
  const current = stmt(
    db,
    "SELECT id, service_id, therapist_id, room_id, starts_at, ends_at, status, note FROM appointments WHERE external_id = ?",
  ).get(r.externalId) as StoredAppointment | undefined;
  if (r.action === "unchanged" && current) return "unchanged";
  if (!current) {
    const id = insertAppointment(m, tz, {
      ...audited(r),
      guestName: r.guestName,
      phone: r.phone,
      note: r.note,
      source: "import",
      externalId: r.externalId,
    });
    appendAudit(db, clock, actor, {
      action: "appointment.import",
      entity: "appointment",
      entityId: id,
      after: { externalId: r.externalId, ...audited(r) },
    });
    return "created";
  }
  stmt(
    db,
    `UPDATE appointments SET guest_name = ?, phone = ?, phone_key = ?, service_id = ?, therapist_id = ?, room_id = ?,
            starts_at = ?, ends_at = ?, local_day = ?, status = ?, note = ? WHERE id = ?`,
  ).run(
    r.guestName,
    r.phone,
    phoneKey(r.phone),
    r.serviceId,
    r.therapistId,
    r.roomId,
    r.startsAt,
    r.endsAt,
    localParts(r.startsAt, tz).day,
    r.status,
    r.note,
    current.id,
  );
  appendAudit(db, clock, actor, {
    action:
      r.status === "cancelled" && current.status !== "cancelled"
        ? "appointment.import_cancel"
        : "appointment.import_update",
    entity: "appointment",
    entityId: current.id,
    before: {
      serviceId: current.service_id,
      therapistId: current.therapist_id,
      roomId: current.room_id,
      startsAt: current.starts_at,
      endsAt: current.ends_at,
      status: current.status,
    },
    after: audited(r),
  });
  return "updated";
}

/**
 * How an import takes its turns: `write` runs one slice's transaction (the background writer runs it in
 * its turn on the write gate, electron/background/gate.ts `inSlice`); `pause` lets others run between
 * slices. Called directly, one transaction at a time, yielding to the event loop.
 */
export interface ImportTurns {
  write: <T>(transaction: () => T) => T;
  pause: () => Promise<unknown>;
}
const ON_THIS_THREAD: ImportTurns = { write: (transaction) => transaction(), pause: () => yieldToOthers() };

/**
 * Imports the file: new external ids are created, known ones updated (so importing the same file
 * again changes nothing and duplicates nothing), a booking the file cancels is cancelled. The rows
 * are written in slices of at most IMPORT_SLICE_ROWS rows and IMPORT_HOLD_MS (then the slice's commit),
 * one transaction each, yielding to the event loop between slices (and while reading the file), so a kiosk
 * check-in never waits for the whole file. Should a slice fail, the
 * slices before it stay imported and importing the file again finishes the rest (by external ID).
 * A file with row errors imports nothing unless the user chose to skip the bad rows; missing
 * column mappings always refuse. The mapping is remembered for the next file with the same columns.
 */
export async function commitImport(
  m: Model,
  actor: Extract<Actor, { kind: "staff" }>,
  content: string,
  options: { mapping: ImportMapping; dateOrder?: DateOrder | undefined; skipBadRows: boolean },
  turns: ImportTurns = ON_THIS_THREAD,
): Promise<ImportResult & { firstId: number | null; earliestStart: string | null }> {
  const { db, clock } = m;
  const a = await analyze(m, content, options);
  if (a.mappingProblem)
    throw new DomainError("INVALID_INPUT", a.errors[0]?.message ?? "Choose a column for every field.", "mapping");
  if (a.errorCount > 0 && !options.skipBadRows) {
    throw new DomainError(
      "CONFLICT",
      `${a.errorCount} row${a.errorCount === 1 ? " has" : "s have"} problems, so nothing was imported. Fix the file, or choose "Skip bad rows" to import the other ${a.rows.length}.`,
    );
  }
  if (a.rows.length === 0)
    throw new DomainError("INVALID_INPUT", "There are no appointments to import in this file.", "content");
  const tz = getSettings(db).timeZone;
  const counts: Counts = { created: 0, updated: 0, unchanged: 0, skipped: a.errorCount, cancelled: 0 };
  const cancelledAfterCheckIn: ImportResult["cancelledAfterCheckIn"] = [];
  let firstId: number | null = null;
  /** The earliest start the import wrote (UTC ISO strings sort as instants). */
  let earliestStart: string | null = null;
  let from = 0;
  // A slice writes rows for IMPORT_HOLD_MS, then commits. Its commit's flush is not counted: every write
  // pays one (the kiosk's own check-in too), the same for one row as for 500. Counted, it left a disk that
  // flushes in 20 ms a row or two per slice, and a 10,000-row file took minutes instead of seconds.
  while (from < a.rows.length) {
    if (from > 0) await turns.pause();
    turns.write(() =>
      db
        .transaction(() => {
          // Timed from its turn on the lock: waiting for another writer's turn does not shorten the slice.
          const sliceStart = performance.now();
          const until = Math.min(a.rows.length, from + IMPORT_SLICE_ROWS);
          // A slice ends at IMPORT_SLICE_ROWS rows or its time, whichever comes first; it always writes one row.
          for (let n = 0; from < until; from++, n++) {
            if (n > 0 && performance.now() - sliceStart >= IMPORT_HOLD_MS) break;
            const r = a.rows[from];
            if (!r) break;
            const done = writeRow(m, actor, tz, r);
            counts[done]++;
            if (done !== "unchanged") {
              firstId ??= (
                stmt(db, "SELECT id FROM appointments WHERE external_id = ?").get(r.externalId) as { id: number }
              ).id;
              if (earliestStart === null || r.startsAt < earliestStart) earliestStart = r.startsAt;
              if (r.cancels) counts.cancelled++;
              if (r.cancelsCheckedIn)
                cancelledAfterCheckIn.push({ line: r.line, externalId: r.externalId, guestName: r.guestName });
            }
          }
        })
        .immediate(),
    );
  }
  turns.write(() =>
    db
      .transaction(() => {
        stmt(
          db,
          "INSERT INTO import_mappings (header_key, mapping, updated_at) VALUES (?, ?, ?) ON CONFLICT (header_key) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at",
        ).run(a.headerKey, JSON.stringify(options.mapping), clock.now().toISOString());
        appendAudit(db, clock, actor, { action: "import.commit", entity: "import", entityId: null, after: counts });
      })
      .immediate(),
  );
  return { ...counts, cancelledAfterCheckIn, firstId, earliestStart };
}
