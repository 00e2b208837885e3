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

/** Everything the guest's cell says, whole, for a hover: a cell shows what its fixed height holds. */
const guestTitle = (item: QueueItem): string =>
  [
    item.guestName,
    item.guestLanguage ? speaksText(item.guestLanguage) : null,
    ...alertFlags(item.alerts),
    item.note ? `Note: ${item.note}` : null,
  ]
    .filter((line) => line !== null)
    .join("\n");

/**
 * One arrival, in a row of fixed height (desk-layout.css): whatever arrives in it later (a screening flag, a restore's
 * note, preferences, a ticket's buttons) never moves the rows below. A cell shows what its height holds, each line
 * cut with "…", the whole on hover and in the appointment's panel (More…). Memoized: a pushed update re-renders only
 * the rows that changed.
 */
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
  const addon = addonText(item, overdue);
  // Under the add-on, what the receptionist checks before confirming, and what a restore undid.
  const flags = [
    ...(checks.length > 0 ? [`Check before adding: ${checksText(checks)}`] : []),
    ...(item.undoneByRestore
      ? [undoneInQueue(item.undoneByRestore, clockTime(item.undoneByRestore.at, timeZone, "en-US"))]
      : []),
  ];
  return (
    <tr className={`stage-${item.stage}${fresh ? " fresh" : ""}`} data-appointment={item.appointmentId}>
      <td>
        <div className="cell">{clockTime(item.startsAt, timeZone, "en-US")}</div>
      </td>
      <td>
        <div className="cell" title={guestTitle(item)}>
          <span className="line">{item.guestName}</span>
          {item.guestLanguage && <small className="speaks line">{speaksText(item.guestLanguage)}</small>}
          {alertFlags(item.alerts).map((flag) => (
            <small key={flag} className="alert-flag line">
              {flag}
            </small>
          ))}
          {item.note && (
            <small className="booking-note" title={item.note}>
              <span className="note-label">Note:</span> {item.note}
            </small>
          )}
        </div>
      </td>
      <td>
        <div className="cell clamp">{item.serviceName}</div>
      </td>
      <td>
        <div className="cell clamp">
          {item.therapistName} · {item.roomName}
        </div>
      </td>
      <td>
        <div className="cell" title={note ?? undefined}>
          <span className={`badge ${badge.look}`}>{badge.text}</span>
          {note && <small className={`print two-lines ${item.ticket?.printStatus ?? ""}`}> {note}</small>}
        </div>
      </td>
      <td>
        <div className="cell" title={[addon, ...flags].join("\n")}>
          <span className={item.offer?.status === "voided" ? "two-lines voided" : "two-lines"}>
            {addon}
            {item.offer && item.offer.status !== "offered" && (
              <small>
                {" "}
                ({item.offer.status === "changed" || item.offer.status === "voided" ? "desk" : item.offer.channel})
              </small>
            )}
          </span>
          {flags.map((flag) => (
            <small key={flag} className="screening-flag two-lines">
              <span aria-hidden="true">⚠ </span>
              {flag}
            </small>
          ))}
        </div>
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
