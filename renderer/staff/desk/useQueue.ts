import { useCallback, useEffect, useRef, useState } from "react";
import type { QueueItem } from "../../../contract/channels";
import { call, messageOf, onEvent } from "../../common/api";
import { playArrivalChime } from "./arrivalCue";
import { speaksText } from "./deskText";
import { todayIn } from "../../common/format";
import { firstScreenRows } from "./useRowsInFrames";

/** How often the desk looks whether the spa's day has turned: a list of yesterday never stays up longer. */
const DAY_LOOK_MS = 30_000;

/** A hidden window paints no frame: the rest of the day is read after this long anyway. */
const PAINT_WAIT_MS = 100;
/** Resolves once the next frame has been painted, or after PAINT_WAIT_MS in a window that paints none. */
const afterPaint = () =>
  new Promise<void>((painted) => {
    requestAnimationFrame(() => setTimeout(painted));
    setTimeout(painted, PAINT_WAIT_MS);
  });

/** Keeps the previous object for rows whose content didn't change, so memoized rows skip rendering. */
function reconcile(prev: QueueItem[], next: QueueItem[], cache: Map<number, string>): QueueItem[] {
  const byId = new Map(prev.map((i) => [i.appointmentId, i]));
  return next.map((item) => {
    const json = JSON.stringify(item);
    const old = byId.get(item.appointmentId);
    if (old && cache.get(item.appointmentId) === json) return old;
    cache.set(item.appointmentId, json);
    return item;
  });
}

/**
 * Today's arrivals, kept current by the events the main process pushes (no polling): a changed
 * appointment re-reads only its row, an import the whole day. A kiosk check-in chimes, marks its
 * row fresh and is announced (`arrival`).
 */
export function useQueue(
  guard: <T>(p: Promise<T>) => Promise<T>,
  onError: (message: string) => void,
  timeZone: string,
) {
  const [items, setItems] = useState<QueueItem[]>([]);
  const [day, setDay] = useState<string | null>(null);
  const [fresh, setFresh] = useState<number | null>(null);
  const [arrival, setArrival] = useState<string | null>(null);
  /** Whether `items` is the whole day: on opening, the first screen's rows come first and the rest after them. */
  const [complete, setComplete] = useState(false);
  const json = useRef(new Map<number, string>());
  const itemsRef = useRef<QueueItem[]>([]);
  itemsRef.current = items;
  /** Bumped by each load: an answer to an earlier one, overtaken, is dropped. */
  const loads = useRef(0);
  const opened = useRef(false);

  const load = useCallback(() => {
    const mine = ++loads.current;
    const read = (first?: number) =>
      guard(call("desk.queue", first === undefined ? {} : { first })).then((q) => {
        if (mine !== loads.current) return true;
        setDay(q.day);
        setItems((prev) => reconcile(prev, q.items, json.current));
        setComplete(q.complete);
        return q.complete;
      });
    // Opening: the rows the list opens on, painted before the rest of the day is even asked for (less to carry, check
    // and draw before the receptionist sees the list); a list already shown is read whole, never shrunk meanwhile.
    const whole = opened.current
      ? read()
      : read(firstScreenRows()).then(async (done) => {
          if (done) return;
          await afterPaint();
          await read();
        });
    opened.current = true;
    whole.catch((e: unknown) => onError(messageOf(e)));
  }, [guard, onError]);

  /** One row as the main process now has it (after a desk action, or pushed). */
  const replace = useCallback((updated: QueueItem) => {
    setItems((list) =>
      reconcile(
        list,
        list.map((i) => (i.appointmentId === updated.appointmentId ? updated : i)),
        json.current,
      ),
    );
  }, []);

  /** A booking made at the desk (a walk-in), in time order. */
  const add = useCallback(
    (item: QueueItem) => setItems((list) => [...list, item].sort((a, b) => a.startsAt.localeCompare(b.startsAt))),
    [],
  );

  /**
   * One appointment changed: fetch just its row (a kiosk arrival reaches the screen fastest this
   * way). A row this queue doesn't show yet (a walk-in from another desk) reloads the day.
   */
  const refreshOne = useCallback(
    (appointmentId: number, arrived: boolean) => {
      if (!itemsRef.current.some((i) => i.appointmentId === appointmentId)) return load();
      call("desk.item", { appointmentId }).then(
        (item) => {
          replace(item);
          if (arrived)
            setArrival(
              `${item.guestName} checked in at the kiosk (${item.serviceName} with ${item.therapistName}${item.guestLanguage ? `; ${speaksText(item.guestLanguage)}` : ""}).`,
            );
        },
        // Signed out meanwhile: the PIN pad takes over at the next staff action.
        () => undefined,
      );
    },
    [load, replace],
  );

  useEffect(load, [load]);
  // At the spa's midnight the day's list is another: read it then, not at the next change pushed (no event marks it).
  useEffect(() => {
    let shown = todayIn(timeZone);
    const timer = setInterval(() => {
      const today = todayIn(timeZone);
      if (today === shown) return;
      shown = today;
      load();
    }, DAY_LOOK_MS);
    return () => clearInterval(timer);
  }, [load, timeZone]);
  // A restore's list, recorded or cleared, says which rows carry a decision it undid.
  useEffect(() => onEvent("restoreGaps.changed", load), [load]);
  useEffect(
    () =>
      onEvent("queue.changed", (e) => {
        if (e.reason === "import") return load();
        if (e.reason === "check-in") {
          setFresh(e.appointmentId);
          playArrivalChime();
        }
        refreshOne(e.appointmentId, e.reason === "check-in");
      }),
    [load, refreshOne],
  );

  return { items, complete, day, fresh, arrival, dismissArrival: () => setArrival(null), load, replace, add };
}
