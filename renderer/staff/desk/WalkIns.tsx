import { useCallback, useEffect, useRef, useState } from "react";
import type { AppInfo, WalkIn } from "../../../contract/channels";
import { call, messageOf, onEvent } from "../../common/api";
import { clockTime } from "../../common/format";
import { playArrivalChime } from "./arrivalCue";
import { speaksText } from "./deskText";
import { useAuthGuard } from "../useAuthGuard";

const UNDO_MS = 15_000;

/**
 * Walk-ins who left their first name at the kiosk, pushed live. The desk greets them and books
 * them in ("Book Sam…", which takes them off the list), or marks them seen (they left, or came
 * for something else). Its slot beside the queue is always there ("Nobody waiting"), so a name arriving never moves a
 * row under the receptionist's finger.
 */
export function WalkIns({
  info,
  onAuthLost,
  onBook,
  caughtUp,
}: {
  info: AppInfo;
  onAuthLost: () => void;
  onBook: (walkIn: WalkIn) => void;
  /** Changes when the desk hears from the main process again after missing its heartbeats: read the list again. */
  caughtUp: number;
}) {
  const [items, setItems] = useState<WalkIn[]>([]);
  const [error, setError] = useState<string | null>(null);
  const guard = useAuthGuard(onAuthLost);

  /**
   * Entries this window has shown (null before the first load): a new one chimes, like a kiosk check-in; one put back
   * by Undo doesn't.
   */
  const known = useRef<Set<number> | null>(null);
  /** The one just marked seen, for a few seconds: a mis-tap beside "Book" is undone in one tap. */
  const [undo, setUndo] = useState<WalkIn | null>(null);
  const load = useCallback(() => {
    guard(call("desk.walkInsWaiting", {})).then(
      (r) => {
        const shown = known.current;
        if (shown && r.items.some((w) => !shown.has(w.walkInId))) playArrivalChime();
        known.current = new Set([...(shown ?? []), ...r.items.map((w) => w.walkInId)]);
        setItems(r.items);
      },
      (e: unknown) => setError(messageOf(e)),
    );
  }, [guard]);
  useEffect(() => {
    load();
    return onEvent("walkins.changed", load);
  }, [load, caughtUp]);

  useEffect(() => {
    if (!undo) return;
    const timer = window.setTimeout(() => setUndo(null), UNDO_MS);
    return () => window.clearTimeout(timer);
  }, [undo]);

  const seen = async (walkIn: WalkIn, isSeen: boolean) => {
    setError(null);
    try {
      await guard(call("desk.walkInSeen", { walkInId: walkIn.walkInId, seen: isSeen }));
      // Off the list at once; one put back returns with the walkins.changed event, as on every desk.
      if (isSeen) setItems((list) => list.filter((w) => w.walkInId !== walkIn.walkInId));
      setUndo(isSeen ? walkIn : null);
    } catch (e) {
      setError(messageOf(e));
    }
  };

  const nobody = items.length === 0 && !error && !undo;
  return (
    <section className={nobody ? "walk-ins none" : "walk-ins"} aria-labelledby="walk-ins-title">
      <h2 id="walk-ins-title">{nobody ? "Walk-ins" : `Walk-ins waiting (${items.length})`}</h2>
      {nobody && <p className="hint">Nobody waiting. Names left at the kiosk show here.</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {undo && (
        <p role="status">
          {undo.firstName} is off the list.{" "}
          <button type="button" className="secondary" onClick={() => void seen(undo, false)}>
            Undo
          </button>
        </p>
      )}
      <ul>
        {items.map((w) => (
          <li key={w.walkInId}>
            <strong>{w.firstName}</strong> · since {clockTime(w.arrivedAt, info.timeZone, "en-US")}
            {w.lang !== info.languages[0] && <> · {speaksText(w.lang)}</>}
            <button type="button" className="primary" onClick={() => onBook(w)}>
              Book {w.firstName}…
            </button>
            <button type="button" className="secondary" onClick={() => void seen(w, true)}>
              Seen {w.firstName}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
