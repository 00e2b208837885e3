import type { Model } from "../model";
import { stmt } from "../stmt";
import type { ImportMapping } from "../../contract/desk";
import type { StoredAppointment } from "../desk/appointments";
import { hasTicket } from "../printing/tickets";
import { getSettings, spaToday } from "../settings";
import { localParts } from "../time";
import { dateField } from "./column-mapping";
import type { Issues } from "./issues";
import type { CheckedRow, FileRow } from "./row-checks";
import { statusKeeper } from "./status";
import { deskMoveKeeper } from "./desk-moves";
import { withJoined, withoutJoined } from "./visits";
import { bookedAddons, choiceOfBooked, sameBookedAddons } from "../desk/booked-addons";

/** What is stored for a booking the file names again, and whether its guest checked in. */
type Before = StoredAppointment & { guest_name: string; phone: string; came: number };

/**
 * Checks each visit of the file (./visits.ts) against what is stored: the booking it updates, if any, and whether it
 * changes anything; the desk's decisions on its status (./status.ts), room and therapist (./desk-moves.ts) stand.
 */
export function visitSettler(m: Model, mapping: ImportMapping, warnings: Issues): (visit: FileRow) => CheckedRow {
  const tz = getSettings(m.db).timeZone;
  const today = spaToday(m);
  const existing = stmt(
    m.db,
    `SELECT a.id, a.guest_name, a.phone, a.service_id, a.therapist_id, a.room_id, a.starts_at, a.ends_at, a.status, a.note,
            c.appointment_id IS NOT NULL AS came
     FROM appointments a LEFT JOIN check_ins c ON c.appointment_id = a.id WHERE a.external_id = ?`,
  );
  // The status a booking the file names again gets (./status.ts): the desk's own decision stands.
  const statusOf = statusKeeper(m.db, mapping, warnings);
  // ...and its room and therapist: the desk's move stands over a file that still says what it said (./desk-moves.ts).
  const keepDeskMoves = deskMoveKeeper(m.db, warnings);
  return (visit) => {
    const { line, externalId, guestName, phone, service, therapist, room, startsAt, endsAt, status } = visit;
    const localDay = localParts(startsAt, tz).day;
    if (visit.noPhone && status === "booked" && localDay >= today)
      warnings.add(
        line,
        "phone",
        `No phone number for ${guestName}: the kiosk won't find this booking. Check them in at the desk, or add the phone in the booking system.`,
      );
    if (localDay < today && status === "booked")
      warnings.add(
        line,
        dateField(mapping),
        `This booking was on ${localDay}, in the past. It is imported for the records; the kiosk won't offer it.`,
      );
    const before = existing.get(externalId) as Before | undefined;
    // Without a Notes column, the stored note stays, but for the services an earlier file joined to it.
    const note = withJoined(
      mapping.notes === undefined && before ? withoutJoined(before.note) : visit.note,
      visit.joined,
    );
    const newStatus = statusOf(before, status, guestName, localDay >= today ? line : null);
    // The guest's own choice (at the kiosk, or the desk's) of an add-on the file books ahead: the import sells it once.
    const choice =
      before && newStatus === "booked"
        ? choiceOfBooked(
            m.db,
            before.id,
            visit.addons.map((a) => a.id),
          )
        : null;
    const chosen = choice?.lines.filter((l) => l.chosen) ?? [];
    if (chosen.length > 0) {
      const titles = chosen.map((l) => l.title).join(" and ");
      warnings.add(
        line,
        "service",
        chosen.some((l) => l.sold)
          ? `${guestName}'s ${titles} was confirmed at the desk, and this file books it ahead: the import takes it off the desk's add-ons and prints a CHANGED slip, so the therapist does it once. If the guest paid for it at the till, refund it: the booking system sold it.`
          : `${guestName} chose ${titles} at the kiosk, and this file books it ahead: the import removes it from the kiosk choice, so it is sold once, by the booking system.`,
      );
    }
    const slot = keepDeskMoves(before, { room, therapist }, guestName, localDay >= today ? line : null);
    const sameApartFromRoom = Boolean(
      before &&
      before.guest_name === guestName &&
      before.phone === phone &&
      before.service_id === service.id &&
      before.therapist_id === slot.therapist.id &&
      before.starts_at === startsAt &&
      before.ends_at === endsAt &&
      before.status === newStatus &&
      before.note === note &&
      sameBookedAddons(bookedAddons(m.db, before.id), visit.addons) &&
      choice === null,
    );
    const cancels = Boolean(before && before.status !== "cancelled" && newStatus === "cancelled");
    const cancelsCheckedIn = cancels && before?.came === 1;
    if (cancelsCheckedIn) {
      warnings.add(
        line,
        "status",
        `${guestName} already checked in, and the booking system now says the booking is cancelled. The import cancels it: tell the desk and the therapist.` +
          (before && hasTicket(m, before.id) ? " A VOID slip prints for the therapist." : ""),
      );
    }
    return {
      line,
      rows: visit.rows,
      externalId,
      guestName,
      phone,
      serviceId: service.id,
      serviceName: service.name,
      therapistId: slot.therapist.id,
      therapistName: slot.therapist.name,
      room: slot.room,
      startsAt,
      endsAt,
      status: newStatus,
      note,
      addons: visit.addons,
      existingId: before?.id ?? null,
      cancels,
      cancelsCheckedIn,
      checkedIn: before?.came === 1,
      was: before
        ? {
            serviceId: before.service_id,
            therapistId: before.therapist_id,
            roomId: before.room_id,
            startsAt: before.starts_at,
            endsAt: before.ends_at,
          }
        : null,
      beforeRoomId: before?.room_id ?? null,
      sameApartFromRoom,
    };
  };
}
