import { useCallback, useEffect, useRef, useState } from "react";
import type { AppInfo, RestoreGap } from "../../../contract/channels";
import { call, messageOf, onEvent } from "../../common/api";
import { clockTime } from "../../common/format";
import { useAuthGuard } from "../useAuthGuard";
import { bookAgainText, decideAgain, decidedWhat, reasonNote, restoreGapsHeading } from "./restoreGapsText";

/**
 * After a restore: the guests who had checked in after the backup was taken, whom the restored data has as not
 * arrived (db/maintenance/restore-gaps.ts). The desk checks each in again, from here or the queue, as they had arrived
 * (their add-on choice then awaits Confirm in the queue), and clears the list once it is dealt with. A booking made
 * after the backup is not in the restored data at all: its code and time say which guest to book again, and one from
 * the booking system comes back to the list with the next import of the day. The desk's
 * Confirms, Changes and Voids made after the backup for guests who had arrived before it are listed too, each to be
 * made again in the queue. Shown only while the list has something on it, in a slot of its own beside the queue (the
 * desk's side column): the rows to act on first, what happened under them.
 */
export function RestoreGaps({
  info,
  onAuthLost,
  onCheckIn,
  caughtUp,
  onShown,
  slot,
}: {
  info: AppInfo;
  onAuthLost: () => void;
  onCheckIn: (appointmentId: number) => void;
  /** Changes when the desk hears from the main process again after missing its heartbeats: read the list again. */
  caughtUp: number;
  /** Each answer: whether there is a list (or an error) to show. */
  onShown: (shown: boolean) => void;
  /** The desk keeps the list's slot (a list was shown since it opened): once cleared, the slot says so. */
  slot: boolean;
}) {
  const [gaps, setGaps] = useState<RestoreGap[]>([]);
  const [error, setError] = useState<string | null>(null);
  const guard = useAuthGuard(onAuthLost);
  /** Whether the list has rows: only then does a change to the queue (a guest checked in again) call for a reload. */
  const listed = useRef(false);
  const load = useCallback(() => {
    guard(call("maintenance.restoreGaps", {})).then(
      (r) => {
        listed.current = r.gaps.length > 0;
        setGaps(r.gaps);
        onShown(r.gaps.length > 0);
      },
      (e: unknown) => {
        setError(messageOf(e));
        onShown(true);
      },
    );
  }, [guard, onShown]);
  useEffect(() => {
    load();
    const offGaps = onEvent("restoreGaps.changed", load);
    const offQueue = onEvent("queue.changed", () => {
      if (listed.current) load();
    });
    return () => {
      offGaps();
      offQueue();
    };
  }, [load, caughtUp]);

  const dismiss = async () => {
    setError(null);
    try {
      await guard(call("maintenance.dismissRestoreGaps", {}));
      listed.current = false;
      setGaps([]);
    } catch (e) {
      setError(messageOf(e));
    }
  };

  if (gaps.length === 0 && !error)
    return slot ? (
      <section className="restore-gaps cleared" aria-label="After the restore">
        <p>The restore&apos;s list is cleared: nothing left to check in or decide again.</p>
      </section>
    ) : null;
  const time = (iso: string) => clockTime(iso, info.timeZone, "en-US");
  const heading = restoreGapsHeading(gaps);
  const leftOut = gaps.some((g) => g.decision === null);
  const undone = gaps.some((g) => g.decision !== null);
  const restoredAt = gaps[0] ? time(gaps[0].restoredAt) : null;
  return (
    <section className="restore-gaps" aria-labelledby="restore-gaps-title">
      <h2 id="restore-gaps-title">{heading}</h2>
      {restoredAt && <p>At {restoredAt} the spa&apos;s data was restored from an earlier backup.</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <ul>
        {gaps.map((g) => {
          const id = g.appointmentId;
          if (g.decision)
            return (
              <li key={g.id} className={g.decidedAgain ? "done" : undefined}>
                <span className="who">
                  <strong>{g.guestName ?? `Booking ${g.bookingCode}`}</strong>
                </span>
                <span>
                  {g.serviceName} at {time(g.startsAt)} · the desk {decidedWhat(g.decision)} at {time(g.decision.at)}
                  {reasonNote(g.decision.reason)}
                </span>
                {g.decidedAgain ? (
                  <span className="again">Decided again</span>
                ) : (
                  <span className="missing">{decideAgain(g.decision.status)}</span>
                )}
              </li>
            );
          return (
            <li key={g.id} className={g.checkedInAgain ? "done" : undefined}>
              <span className="who">
                {g.guestName ? <strong>{g.guestName}</strong> : <strong>Booking {g.bookingCode}</strong>}
              </span>
              <span>
                {g.serviceName} at {time(g.startsAt)} · checked in {time(g.checkedInAt)}{" "}
                {g.channel === "kiosk" ? "at the kiosk" : "at the desk"}
                {g.addons.length > 0 && (
                  <>
                    {" "}
                    · chose <strong>{g.addons.join(" and ")}</strong>
                  </>
                )}
              </span>
              {id === null ? (
                <span className="missing">{bookAgainText(g.externalId)}</span>
              ) : g.checkedInAgain ? (
                <span className="again">Checked in again</span>
              ) : (
                <button type="button" className="primary" onClick={() => onCheckIn(id)}>
                  Check in {g.guestName ?? g.bookingCode}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      <button type="button" className="secondary" onClick={() => void dismiss()}>
        Done, clear this list
      </button>
      {leftOut && (
        <p>
          Some guests checked in after that backup was taken, so the restored queue shows them as not arrived. Check
          them in again, here or in the queue: each comes back with the add-ons they had chosen and their answers to the
          health questions, for you to confirm in the queue so their therapist&apos;s ticket carries them.
        </p>
      )}
      {undone && (
        <p>
          The desk&apos;s add-on decisions made after the backup are undone too: the queue shows those guests&apos;
          add-ons as they stood before. Make each decision again in the queue: the same decision prints its ticket again
          marked REPRINT, since the therapist has the first one.
        </p>
      )}
    </section>
  );
}
