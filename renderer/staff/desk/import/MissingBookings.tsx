import { useId } from "react";
import type { ImportMissing } from "../../../../contract/desk";
import { bookingTime } from "./PreviewTable";
import { TableHead } from "../../TableHead";

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
/** How many are listed; a longer list (a file filtered by mistake) is counted, and the choice still covers all. */
const LISTED = 200;

/**
 * The bookings imported before that this file no longer holds (on its days, with its therapists, not begun yet), and
 * the receptionist's choice to cancel them. Unticked unless chosen: a file filtered to fewer bookings leaves out ones
 * that still stand. A guest who checked in is listed and kept, whatever is chosen.
 */
export function MissingBookings({
  missing,
  timeZone,
  chosen,
  busy,
  onChoose,
}: {
  missing: ImportMissing[];
  timeZone: string;
  chosen: boolean;
  busy: boolean;
  onChoose: (cancel: boolean) => void;
}) {
  const headingId = useId();
  const cancellable = missing.filter((b) => !b.checkedIn).length;
  return (
    <section className="import-missing" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {plural(missing.length, "booking", "bookings")} imported before {missing.length === 1 ? "is" : "are"} not in
        this file
      </h3>
      <p>
        On the days and with the therapists this file covers, still to come. A booking system leaves out a booking it
        deleted, or moved to a new ID. Cancel them only if this file holds every booking of those days: a file filtered
        to fewer bookings leaves out ones that still stand.
      </p>
      <table className="import-table">
        <TableHead columns={["Guest", "Time", "Service", "Therapist · Room", "ID", ""]} actions={false} />
        <tbody>
          {missing.slice(0, LISTED).map((b) => (
            <tr key={b.appointmentId} className={chosen && !b.checkedIn ? "cancelling" : undefined}>
              <td>{b.guestName}</td>
              <td>{bookingTime(b, timeZone)}</td>
              <td>{b.serviceName}</td>
              <td>
                {b.therapistName} · {b.roomName}
              </td>
              <td>{b.externalId}</td>
              <td>{b.checkedIn ? "Checked in: kept" : chosen ? "Will be cancelled" : "Kept"}</td>
            </tr>
          ))}
          {missing.length > LISTED && (
            <tr>
              <td colSpan={6}>…and {missing.length - LISTED} more.</td>
            </tr>
          )}
        </tbody>
      </table>
      {cancellable > 0 && (
        <label className="check">
          <input type="checkbox" checked={chosen} disabled={busy} onChange={(e) => onChoose(e.target.checked)} />
          Cancel {cancellable === 1 ? "this booking" : `these ${cancellable} bookings`} when importing: the kiosk stops
          offering {cancellable === 1 ? "it" : "them"}, and the desk can reinstate{" "}
          {cancellable === 1 ? "it" : "any of them"}.
        </label>
      )}
    </section>
  );
}
