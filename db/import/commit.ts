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
import {
  bookedAddonLines,
  dropChoiceOfBooked,
  sameBookedAddons,
  storeBookedAddons,
  type BookedAddonLine,
} from "../desk/booked-addons";
import { slipTitle } from "../../contract/ticket";
import { appendAudit } from "../audit";
import type { StaffActor } from "../model";
import { settleCancelled, ticketChanges, visitChanges, type VisitSlot } from "../desk/visit-changes";
import { DomainError } from "../errors";
import { phoneKey } from "../people";
import { getSettings } from "../settings";
import { localParts } from "../time";
import { analyze } from "./analyse";
import { cancelMissing } from "./missing";
import type { ParsedRow } from "./row-checks";

type Counts = Omit<ImportResult, "cancelledAfterCheckIn" | "changedAfterCheckIn">;
type Written = "created" | "updated" | "unchanged";

/** What the audit trail records of a visit's add-ons booked ahead: each one's code and minutes (the desk's history). */
const auditedBooked = (lines: readonly BookedAddonLine[]) => lines.map((l) => ({ addon: l.code, minutes: l.minutes }));

/** What the audit trail records of an imported booking. */
const audited = (r: ParsedRow) => ({
  serviceId: r.serviceId,
  therapistId: r.therapistId,
  roomId: r.roomId,
  startsAt: r.startsAt,
  endsAt: r.endsAt,
  status: r.status,
});

/**
 * Writes one row; returns what it did, and for a visit it moved after the guest checked in whether a CHANGED ticket
 * was sent (the desk's rule, db/desk/visit-changes.ts). Inside a slice's transaction.
 */
function writeRow(
  m: Model,
  actor: StaffActor,
  tz: string,
  r: ParsedRow,
): { done: Written; movedAfterCheckIn?: { ticketed: boolean } } {
  const { db, clock } = m;
  // Another window may have written this booking since the preview: read it again.
  const current = stmt(
    db,
    `SELECT id, service_id, therapist_id, room_id, starts_at, ends_at, status, note,
            EXISTS (SELECT 1 FROM check_ins c WHERE c.appointment_id = appointments.id) AS came
     FROM appointments WHERE external_id = ?`,
  ).get(r.externalId) as (StoredAppointment & { came: number }) | undefined;
  if (r.action === "unchanged" && current) return { done: "unchanged" };
  if (!current) {
    const id = insertAppointment(m, tz, {
      ...audited(r),
      guestName: r.guestName,
      phone: r.phone,
      note: r.note,
      source: "import",
      externalId: r.externalId,
    });
    storeBookedAddons(db, id, r.addons);
    const booked = bookedAddonLines(db, id);
    appendAudit(db, clock, actor, {
      action: "appointment.import",
      entity: "appointment",
      entityId: id,
      after: {
        externalId: r.externalId,
        ...audited(r),
        ...(booked.length > 0 ? { bookedAhead: auditedBooked(booked) } : {}),
      },
    });
    return { done: "created" };
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
  const bookedBefore = bookedAddonLines(db, current.id);
  storeBookedAddons(db, current.id, r.addons);
  const bookedNow = bookedAddonLines(db, current.id);
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
      bookedAhead: auditedBooked(bookedBefore),
    },
    after: { ...audited(r), bookedAhead: auditedBooked(bookedNow) },
  });
  // An add-on the guest chose at the kiosk, or the desk confirmed, that the file now books ahead: sold once.
  const notExtras = r.status === "booked" ? dropChoiceOfBooked(m, actor, current.id) : [];
  // A checked-in guest's visit the file cancels: as the desk's cancellation, add-ons voided and a VOID ticket.
  if (current.came === 1 && current.status !== "cancelled" && r.status === "cancelled")
    settleCancelled(m, actor, current.id, "Cancelled in the booking system");
  const was: VisitSlot = {
    serviceId: current.service_id,
    therapistId: current.therapist_id,
    roomId: current.room_id,
    startsAt: current.starts_at,
    endsAt: current.ends_at,
  };
  const changes =
    current.came === 1 && current.status === "booked" && r.status === "booked"
      ? [...visitChanges(m, was, r), ...bookedChanges(bookedBefore, bookedNow), ...notExtras]
      : [];
  if (changes.length === 0) return { done: "updated" };
  return { done: "updated", movedAfterCheckIn: { ticketed: ticketChanges(m, actor, current.id, changes) !== null } };
}

/** A CHANGED ticket's lines for the add-ons a file books ahead since the last: "Booked ahead: SCALP MASSAGE 15 min". */
function bookedChanges(before: BookedAddonLine[], after: BookedAddonLine[]): string[] {
  if (sameBookedAddons(before.map(asBooked), after.map(asBooked))) return [];
  const said = (l: BookedAddonLine) => `${slipTitle(l.title)} ${l.minutes} min`;
  const was = new Set(before.map(said));
  const now = new Set(after.map(said));
  return [
    ...[...now].filter((l) => !was.has(l)).map((l) => `Booked ahead: ${l}`),
    ...[...was].filter((l) => !now.has(l)).map((l) => `No longer booked ahead: ${l}`),
  ];
}
const asBooked = (l: BookedAddonLine) => ({ id: l.addonId, minutes: l.minutes });

/**
 * Runs `write` over `items` in slices: at most IMPORT_SLICE_ROWS items or IMPORT_HOLD_MS (then the slice's commit),
 * one transaction each, in its turn, pausing between slices. A slice always writes one item.
 */
async function inSlices<T>(m: Model, turns: ImportTurns, items: readonly T[], write: (item: T) => void): Promise<void> {
  let from = 0;
  // A slice's commit's flush is not counted: every write pays one (the kiosk's own check-in too), the same for one row
  // as for 500. Counted, it left a disk that flushes in 20 ms a row or two per slice, and a 10,000-row file took
  // minutes instead of seconds.
  while (from < items.length) {
    if (from > 0) await turns.pause();
    turns.write(() =>
      m.db
        .transaction(() => {
          // Timed from its turn on the lock: waiting for another writer's turn does not shorten the slice.
          const sliceStart = performance.now();
          const until = Math.min(items.length, from + IMPORT_SLICE_ROWS);
          for (let n = 0; from < until; from++, n++) {
            if (n > 0 && performance.now() - sliceStart >= IMPORT_HOLD_MS) break;
            write(items[from] as T);
          }
        })
        .immediate(),
    );
  }
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
 * again changes nothing and duplicates nothing), a booking the file cancels is cancelled, and so are the bookings
 * imported before that the file no longer holds (./missing.ts) which the receptionist chose to cancel. A visit the file
 * moves after its guest checked in gets a CHANGED ticket where its therapist holds one, as at the desk. The rows
 * are written in slices of at most IMPORT_SLICE_ROWS rows and IMPORT_HOLD_MS (then the slice's commit),
 * one transaction each, yielding to the event loop between slices (and while reading the file), so a kiosk
 * check-in never waits for the whole file. Should a slice fail, the
 * slices before it stay imported and importing the file again finishes the rest (by external ID).
 * A file with row errors imports nothing unless the user chose to skip the bad rows; missing
 * column mappings always refuse. The mapping is remembered for the next file with the same columns.
 */
export async function commitImport(
  m: Model,
  actor: StaffActor,
  content: string,
  options: {
    mapping: ImportMapping;
    dateOrder?: DateOrder | undefined;
    skipBadRows: boolean;
    /** The bookings of the preview's `missing` the receptionist chose to cancel. */
    cancelMissing?: number[] | undefined;
  },
  turns: ImportTurns = ON_THIS_THREAD,
): Promise<ImportResult & { firstId: number | null; earliestStart: string | null }> {
  const { db, clock } = m;
  const a = await analyze(m, content, options);
  if (a.mappingProblem)
    throw new DomainError("INVALID_INPUT", a.errors[0]?.message ?? "Choose a column for every field.", "mapping");
  if (a.errorCount > 0 && !options.skipBadRows) {
    throw new DomainError(
      "CONFLICT",
      `${a.errorCount} row${a.errorCount === 1 ? " has" : "s have"} problems, so nothing was imported. Fix the file, or choose "Skip bad rows" to import the other ${a.rows.reduce((n, r) => n + r.rows, 0)}.`,
    );
  }
  if (a.rows.length === 0)
    throw new DomainError("INVALID_INPUT", "There are no appointments to import in this file.", "content");
  const tz = getSettings(db).timeZone;
  const counts: Counts = {
    created: 0,
    updated: 0,
    unchanged: 0,
    skipped: a.errorCount,
    cancelled: 0,
    cancelledMissing: 0,
  };
  const cancelledAfterCheckIn: ImportResult["cancelledAfterCheckIn"] = [];
  const changedAfterCheckIn: ImportResult["changedAfterCheckIn"] = [];
  let firstId: number | null = null;
  /** The earliest start the import wrote (UTC ISO strings sort as instants). */
  let earliestStart: string | null = null;
  // First the bookings not in the file that the receptionist chose to cancel: the file's roomless bookings were placed
  // in the rooms they free.
  await inSlices(m, turns, a.cancelling, (id) => {
    if (!cancelMissing(m, actor, id)) return;
    counts.cancelledMissing++;
    firstId ??= id;
  });
  await inSlices(m, turns, a.rows, (r) => {
    const { done, movedAfterCheckIn } = writeRow(m, actor, tz, r);
    counts[done]++;
    if (done === "unchanged") return;
    firstId ??= (stmt(db, "SELECT id FROM appointments WHERE external_id = ?").get(r.externalId) as { id: number }).id;
    if (earliestStart === null || r.startsAt < earliestStart) earliestStart = r.startsAt;
    if (r.cancels) counts.cancelled++;
    if (r.cancelsCheckedIn)
      cancelledAfterCheckIn.push({ line: r.line, externalId: r.externalId, guestName: r.guestName });
    if (movedAfterCheckIn)
      changedAfterCheckIn.push({
        line: r.line,
        externalId: r.externalId,
        guestName: r.guestName,
        ...movedAfterCheckIn,
      });
  });
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
  return { ...counts, cancelledAfterCheckIn, changedAfterCheckIn, firstId, earliestStart };
}
