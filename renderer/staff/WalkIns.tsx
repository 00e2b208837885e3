import { useCallback, useEffect, useRef, useState } from "react";
import type { AppInfo, WalkIn } from "../../contract/channels";
import { call, messageOf, onEvent } from "../common/api";
import { clockTime } from "../common/format";
import { playArrivalChime } from "./arrivalCue";
import { speaksText } from "./deskText";
import { useAuthGuard } from "./useAuthCall";

/**
 * Walk-ins who left their first name at the kiosk, pushed live. The desk greets them and books
 * them in ("Book Sam…", which takes them off the list), or marks them seen (they left, or came
 * for something else). Shown only when someone is waiting.
 */
export function WalkIns({ info, onAuthLost, onBook }: { info: AppInfo; onAuthLost: () => void; onBook: (walkIn: WalkIn) => void }) {
  const [items, setItems] = useState<WalkIn[]>([]);
  const [error, setError] = useState<string | null>(null);
  const guard = useAuthGuard(onAuthLost);

  /** Entries already on screen (null before the first load): a new one chimes, like a kiosk check-in. */
  const known = useRef<Set<number> | null>(null);
  const load = useCallback(() => {
    guard(call("kiosk.walkInsWaiting", {})).then(
      (r) => {
        if (known.current && r.items.some((w) => !known.current?.has(w.walkInId))) playArrivalChime();
        known.current = new Set(r.items.map((w) => w.walkInId));
        setItems(r.items);
      },
      (e: unknown) => setError(messageOf(e)),
    );
  }, [guard]);
  useEffect(() => {
    load();
    return onEvent("walkins.changed", load);
  }, [load]);

  const seen = async (walkInId: number) => {
    setError(null);
    try {
      await guard(call("kiosk.walkInSeen", { walkInId }));
      setItems((list) => list.filter((w) => w.walkInId !== walkInId));
    } catch (e) {
      setError(messageOf(e));
    }
  };

  if (items.length === 0 && !error) return null;
  return (
    <section className="walk-ins" aria-labelledby="walk-ins-title">
      <h2 id="walk-ins-title">Walk-ins waiting ({items.length})</h2>
      {error && <p className="error" role="alert">{error}</p>}
      <ul>
        {items.map((w) => (
          <li key={w.walkInId}>
            <strong>{w.firstName}</strong> · since {clockTime(w.arrivedAt, info.timeZone, "en-US")}
            {w.lang !== info.languages[0] && <> · {speaksText(w.lang)}</>}
            <button type="button" className="primary" onClick={() => onBook(w)}>
              Book {w.firstName}…
            </button>
            <button type="button" className="secondary" onClick={() => void seen(w.walkInId)}>
              Seen {w.firstName}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
