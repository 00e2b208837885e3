import type { ImportPreview } from "../../../../contract/desk";
import { clockTime } from "../../../common/format";
import { TableHead } from "../../TableHead";

const STATUS_SHOWN = { booked: "booked", cancelled: "cancelled", no_show: "no-show" } as const;
const ACTION_SHOWN = { create: "added", update: "updated", unchanged: "unchanged" } as const;

/** A booking's day and hours in the spa's time zone, as the import dialog shows them: "Nov 27 10:00 AM–11:00 AM". */
export const bookingTime = (b: { startsAt: string; endsAt: string }, timeZone: string): string =>
  `${new Date(b.startsAt).toLocaleDateString("en-US", { timeZone, month: "short", day: "numeric" })} ${clockTime(b.startsAt, timeZone, "en-US")}–${clockTime(b.endsAt, timeZone, "en-US")}`;

/** The first rows as they will be imported, in the spa's time zone, and what each will do. */
export function PreviewTable({ preview, timeZone }: { preview: ImportPreview; timeZone: string }) {
  return (
    <table className="import-table import-preview">
      <caption>Preview{preview.bookings > preview.rows.length ? ` (first ${preview.rows.length})` : ""}</caption>
      <TableHead
        columns={["Line", "ID", "Guest", "Time", "Service", "Therapist · Room", "Status", "Note", "Will be"]}
        actions={false}
      />
      <tbody>
        {preview.rows.map((r) => (
          <tr key={r.line} className={r.status === "booked" ? undefined : "cancelled"}>
            <td>{r.line}</td>
            <td>{r.externalId}</td>
            <td>{r.guestName}</td>
            <td>{bookingTime(r, timeZone)}</td>
            <td>{r.serviceName}</td>
            <td>
              {r.therapistName} · {r.roomName}
              {r.roomChosen && r.status === "booked" ? <span className="room-chosen"> (chosen)</span> : null}
            </td>
            <td>{STATUS_SHOWN[r.status]}</td>
            <td className="note">{r.note ?? ""}</td>
            <td>{ACTION_SHOWN[r.action]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
