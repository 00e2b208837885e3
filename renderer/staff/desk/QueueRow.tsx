import { memo } from "react";
import type { QueueItem } from "../../../contract/channels";
import { checksText, type ScreeningCheck } from "../../../contract/screening";
import { clockTime } from "../../common/format";
import { addonText, alertFlags, awaitsConfirmation, doneText, printNote, speaksText, stageBadge } from "./deskText";
import { ConfirmButton } from "./ConfirmButton";
import type { RowDone } from "./useRowActions";
import { TicketActions } from "./TicketActions";
import { undoneInQueue } from "./restoreGapsText";

interface RowProps {
  item: QueueItem;
  fresh: boolean;
  /** "Late · 25 min" for a guest who has not arrived and whose start time has passed. */
  late: string | null;
  /** Checked in at the kiosk minutes ago without answering the offer (`choiceOverdue`). */
  overdue: boolean;
  /** A Confirm or Check in from this window is on its way. */
  busy: boolean;
  /** Just confirmed or checked in from this window: for a moment the row says so where its buttons were. */
  done: RowDone | null;
  timeZone: string;
  /** `checked`: the screening flags the receptionist checked with the guest, as this row showed them. */
  onConfirm: (id: number, checked?: readonly ScreeningCheck[]) => void;
  onCheckIn: (id: number) => void;
  onTicket: (id: number) => void;
  onAuthLost: () => void;
  onOpen: (id: number) => void;
}

/**
 * A row just settled, where its button was: "Confirmed ✓", and under it "— ticket printing", in no more height than
 * the button had, so the row keeps its size and no row below it moves.
 */
function DoneNote({ text }: { text: string }) {
  const [head, tail] = text.split(" — ");
  return (
    <span className="row-done" role="status">
      {head}
      {tail && <small> — {tail}</small>}
    </span>
  );
}

/** One arrival. Memoized: a pushed update re-renders only the rows that changed. */
export const QueueRow = memo(function QueueRow({
  item,
  fresh,
  late,
  overdue,
  busy,
  done,
  timeZone,
  onConfirm,
  onCheckIn,
  onTicket,
  onAuthLost,
  onOpen,
}: RowProps) {
  const note = printNote(item);
  const checks = item.offer?.checks ?? [];
  const badge = stageBadge(item, late, overdue);
  return (
    <tr className={`stage-${item.stage}${fresh ? " fresh" : ""}`} data-appointment={item.appointmentId}>
      <td>{clockTime(item.startsAt, timeZone, "en-US")}</td>
      <td>
        {item.guestName}
        {item.guestLanguage && <small className="speaks">{speaksText(item.guestLanguage)}</small>}
        {alertFlags(item.alerts).map((flag) => (
          <small key={flag} className="alert-flag">
            {flag}
          </small>
        ))}
        {item.note && (
          <small className="booking-note" title={item.note}>
            <span className="note-label">Note:</span> {item.note}
          </small>
        )}
      </td>
      <td>{item.serviceName}</td>
      <td>
        {item.therapistName} · {item.roomName}
      </td>
      <td>
        <span className={`badge ${badge.look}`}>{badge.text}</span>
        {note && <small className={`print ${item.ticket?.printStatus ?? ""}`}> {note}</small>}
      </td>
      <td>
        {addonText(item, overdue)}
        {item.offer && item.offer.status !== "offered" && (
          <small>
            {" "}
            ({item.offer.status === "changed" || item.offer.status === "voided" ? "desk" : item.offer.channel})
          </small>
        )}
        {checks.length > 0 && (
          <small className="screening-flag">
            <span aria-hidden="true">⚠ </span>Check before adding: {checksText(checks)}
          </small>
        )}
        {item.undoneByRestore && (
          <small className="screening-flag">
            <span aria-hidden="true">⚠ </span>
            {undoneInQueue(item.undoneByRestore, clockTime(item.undoneByRestore.at, timeZone, "en-US"))}
          </small>
        )}
      </td>
      <td>
        <div className="actions">
          {done ? (
            <DoneNote text={doneText(item, done)} />
          ) : (
            <>
              {(awaitsConfirmation(item) || item.stage === "choosing") && (
                <ConfirmButton item={item} overdue={overdue} busy={busy} onConfirm={onConfirm} />
              )}
              {item.stage === "expected" && (
                <button
                  type="button"
                  className="secondary"
                  disabled={busy}
                  onClick={() => onCheckIn(item.appointmentId)}
                  aria-label={`Check in ${item.guestName}`}
                >
                  {busy ? "Checking in…" : "Check in"}
                </button>
              )}
              {item.ticket && (
                <button type="button" className="secondary" onClick={() => onTicket(item.appointmentId)}>
                  Ticket
                </button>
              )}
              <TicketActions item={item} onAuthLost={onAuthLost} />
            </>
          )}
          <button
            type="button"
            className="secondary"
            onClick={() => onOpen(item.appointmentId)}
            aria-label={`Change, void or history for ${item.guestName}`}
          >
            More…
          </button>
        </div>
      </td>
    </tr>
  );
});
