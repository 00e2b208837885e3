import { memo, useCallback, useEffect, useRef, useState } from "react";
import { OTHER_DAYS_AHEAD, OTHER_DAYS_BACK, type AppInfo, type DeskOptions, type OtherDayBooking, type QueueItem, type WalkIn } from "../../contract/channels";
import { call, messageOf, onEvent } from "../common/api";
import { clockTime, dateTimeFormat } from "../common/format";
import { isMuted, playArrivalChime, setMuted } from "./arrivalCue";
import { PrinterStatus } from "./PrinterStatus";
import { TicketActions } from "./TicketActions";
import { DeskAppointment } from "./DeskAppointment";
import { DeskImport } from "./DeskImport";
import { DeskWalkIn } from "./DeskWalkIn";
import { WalkIns } from "./WalkIns";
import { addonText, awaitsConfirmation, choiceOverdue, confirmWhat, lateLabel, matchesSearch, needsTheDesk, PRINT_LABEL, speaksText, STAGE_LABEL } from "./deskText";
import { download } from "./download";
import { useAuthGuard } from "./useAuthGuard";

/** How a booking on another day went: a booking still to come says nothing. */
const OTHER_DAY_STATUS: Record<OtherDayBooking["status"], string | null> = {
  booked: null,
  checked_in: "came",
  missed: "never checked in",
  no_show: "no-show",
  cancelled: "cancelled",
};
const otherDayWhen = (iso: string, timeZone: string): string =>
  dateTimeFormat("en-US", { timeZone, weekday: "short", month: "short", day: "numeric", hour: "numeric", minute: "2-digit" }).format(new Date(iso));

type Dialog = { kind: "appointment"; id: number } | { kind: "walk-in"; from: WalkIn | null } | { kind: "import" } | { kind: "ticket"; id: number; lines: string[] } | null;

interface RowProps {
  item: QueueItem;
  fresh: boolean;
  /** "Late · 25 min" for a guest who has not arrived and whose start time has passed. */
  late: string | null;
  /** Checked in at the kiosk minutes ago without answering the offer (`choiceOverdue`). */
  overdue: boolean;
  timeZone: string;
  onConfirm: (id: number) => void;
  onCheckIn: (id: number) => void;
  onTicket: (id: number) => void;
  onAuthLost: () => void;
  onOpen: (id: number) => void;
}

/** One arrival. Memoized: a pushed update re-renders only the rows that changed. */
const QueueRow = memo(function QueueRow({ item, fresh, late, overdue, timeZone, onConfirm, onCheckIn, onTicket, onAuthLost, onOpen }: RowProps) {
  return (
    <tr className={`stage-${item.stage}${fresh ? " fresh" : ""}`} data-appointment={item.appointmentId}>
      <td>{clockTime(item.startsAt, timeZone, "en-US")}</td>
      <td>
        {item.guestName}
        {item.guestLanguage && <small className="speaks">{speaksText(item.guestLanguage)}</small>}
      </td>
      <td>{item.serviceName}</td>
      <td>{item.therapistName} · {item.roomName}</td>
      <td>
        <span className={`badge ${late ? "late" : item.stage}`}>{late ?? STAGE_LABEL[item.stage]}</span>
        {item.ticket && !(item.stage === "ticket_printed" && item.ticket.printStatus === "printed" && item.ticket.kind === "original") && (
          <small className={`print ${item.ticket.printStatus}`}>
            {" "}{PRINT_LABEL[item.ticket.printStatus]}{item.ticket.kind !== "original" ? ` (${item.ticket.kind.toUpperCase()})` : ""}
            {item.ticket.printError ? `: ${item.ticket.printError}` : ""}
          </small>
        )}
      </td>
      <td>
        {addonText(item, overdue)}
        {item.offer && item.offer.status !== "offered" && <small> ({item.offer.status === "changed" || item.offer.status === "voided" ? "desk" : item.offer.channel})</small>}
      </td>
      <td>
        <div className="actions">
          {awaitsConfirmation(item) && (
            <button type="button" className="primary" onClick={() => onConfirm(item.appointmentId)} aria-label={`Confirm ${confirmWhat(item)} for ${item.guestName}`}>
              Confirm
            </button>
          )}
          {item.stage === "expected" && (
            <button type="button" className="secondary" onClick={() => onCheckIn(item.appointmentId)} aria-label={`Check in ${item.guestName}`}>
              Check in
            </button>
          )}
          {item.ticket && <button type="button" className="secondary" onClick={() => onTicket(item.appointmentId)}>Ticket</button>}
          <TicketActions item={item} onAuthLost={onAuthLost} />
          <button type="button" className="secondary" onClick={() => onOpen(item.appointmentId)} aria-label={`Change, void or history for ${item.guestName}`}>
            More…
          </button>
        </div>
      </td>
    </tr>
  );
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

/** The time now, moved on at every minute boundary: enough for "Late · 25 min". */
function useMinuteClock(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let timer = 0;
    const schedule = () => {
      timer = window.setTimeout(() => {
        setNow(Date.now());
        schedule();
      }, 60_000 - (Date.now() % 60_000) + 50);
    };
    schedule();
    return () => window.clearTimeout(timer);
  }, []);
  return now;
}

/** Stages with nothing left for the desk to do. */
const SETTLED: ReadonlySet<QueueItem["stage"]> = new Set(["confirmed", "ticket_printed", "no_show", "cancelled"]);

/** Today's arrivals, refreshed by events pushed from the main process (no polling). */
export function Desk({ info, onAuthLost }: { info: AppInfo; onAuthLost: () => void }) {
  const [items, setItems] = useState<QueueItem[]>([]);
  const [day, setDay] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fresh, setFresh] = useState<number | null>(null);
  const [arrival, setArrival] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [options, setOptions] = useState<DeskOptions | null>(null);
  const [muted, setMutedState] = useState(isMuted);
  const [search, setSearch] = useState("");
  const [toDoOnly, setToDoOnly] = useState(false);
  const [otherDays, setOtherDays] = useState<{ query: string; bookings: OtherDayBooking[] } | null>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  const json = useRef(new Map<number, string>());
  const itemsRef = useRef<QueueItem[]>([]);
  itemsRef.current = items;
  const guard = useAuthGuard(onAuthLost);
  const now = useMinuteClock();
  const scrollBox = useRef<HTMLDivElement>(null);
  const scrolledToWork = useRef(false);

  // Opened later in the day, the list starts at the first guest the desk still has to see to,
  // not at the morning's settled visits above it (once: updates never move the list).
  useEffect(() => {
    const box = scrollBox.current;
    if (scrolledToWork.current || !box || items.length === 0) return;
    scrolledToWork.current = true;
    const first = items.find((i) => !SETTLED.has(i.stage));
    const row = first && box.querySelector(`tr[data-appointment="${first.appointmentId}"]`);
    if (!row) return;
    const head = box.querySelector("thead")?.getBoundingClientRect().height ?? 0;
    box.scrollTop += row.getBoundingClientRect().top - box.getBoundingClientRect().top - head;
  }, [items]);

  const load = useCallback(() => {
    guard(call("desk.queue", {})).then(
      (q) => {
        setDay(q.day);
        setItems((prev) => reconcile(prev, q.items, json.current));
      },
      (e: unknown) => setError(messageOf(e)),
    );
  }, [guard]);

  /**
   * One appointment changed: fetch just its row (a kiosk arrival reaches the screen fastest this
   * way). A row this queue doesn't show yet (a walk-in from another desk) reloads the day.
   */
  const refreshOne = useCallback(
    (appointmentId: number, arrived: boolean) => {
      if (!itemsRef.current.some((i) => i.appointmentId === appointmentId)) return load();
      call("desk.item", { appointmentId }).then(
        (item) => {
          setItems((list) => reconcile(list, list.map((i) => (i.appointmentId === appointmentId ? item : i)), json.current));
          if (arrived) setArrival(`${item.guestName} checked in at the kiosk (${item.serviceName} with ${item.therapistName}${item.guestLanguage ? `; ${speaksText(item.guestLanguage)}` : ""}).`);
        },
        // Signed out meanwhile: the PIN pad takes over at the next staff action.
        () => undefined,
      );
    },
    [load],
  );

  useEffect(() => {
    load();
    guard(call("desk.options", {})).then(setOptions, (e: unknown) => setError(messageOf(e)));
  }, [load, guard]);

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

  // Typing a name with nothing else to type into goes to Find a guest: a receptionist with a
  // keyboard starts typing as the guest gives their name, without reaching for the field first.
  const dialogOpen = dialog !== null;
  useEffect(() => {
    if (dialogOpen) return;
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const typing = target?.closest("input, textarea, select, [contenteditable]") != null;
      if (typing || e.key.length !== 1 || e.key === " " || e.ctrlKey || e.metaKey || e.altKey) return;
      searchBox.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [dialogOpen]);

  const replace = useCallback((updated: QueueItem) => {
    setItems((list) => reconcile(list, list.map((i) => (i.appointmentId === updated.appointmentId ? updated : i)), json.current));
  }, []);

  const act = useCallback(
    async (p: Promise<QueueItem>) => {
      setError(null);
      try {
        replace(await guard(p));
      } catch (e) {
        setError(messageOf(e));
      }
    },
    [guard, replace],
  );

  const onConfirm = useCallback((id: number) => void act(call("desk.confirmAddons", { appointmentId: id })), [act]);
  const onCheckIn = useCallback((id: number) => void act(call("desk.checkIn", { appointmentId: id })), [act]);
  const onOpen = useCallback((id: number) => setDialog({ kind: "appointment", id }), []);
  const onBookWalkIn = useCallback((from: WalkIn) => setDialog({ kind: "walk-in", from }), []);
  const onTicket = useCallback(
    (id: number) => {
      guard(call("desk.ticketPreview", { appointmentId: id })).then(
        ({ lines }) => setDialog({ kind: "ticket", id, lines }),
        (e: unknown) => setError(messageOf(e)),
      );
    },
    [guard],
  );

  const exportAddons = async () => {
    if (!day) return;
    try {
      const file = await guard(call("desk.exportAddons", { day }));
      download(file.filename, file.mimeType, file.content);
    } catch (e) {
      setError(messageOf(e));
    }
  };

  const toggleSound = () => {
    setMuted(!muted);
    setMutedState(!muted);
    if (muted) playArrivalChime();
  };

  const waiting = items.filter(awaitsConfirmation).length;
  const lateOf = (item: QueueItem) => (item.stage === "expected" ? lateLabel(item.startsAt, now) : null);
  const late = items.filter((i) => lateOf(i) !== null).length;
  const open = dialog?.kind === "appointment" ? items.find((i) => i.appointmentId === dialog.id) : undefined;
  const searching = search.trim() !== "";
  const toDo = items.filter((i) => needsTheDesk(i, lateOf(i)));
  const shown = (toDoOnly ? toDo : items).filter((i) => !searching || matchesSearch(i, search));
  const showEveryone = () => {
    setSearch("");
    setToDoOnly(false);
  };
  // Nobody today answers the search: the guest may have come on the wrong day, or missed theirs.
  const query = search.trim();
  const lookElsewhere = query.length >= 2 && !toDoOnly && shown.length === 0;
  useEffect(() => {
    if (!lookElsewhere) return;
    const timer = setTimeout(() => {
      guard(call("desk.otherDays", { query })).then(
        (r) => setOtherDays({ query, bookings: r.bookings }),
        () => setOtherDays(null),
      );
    }, 250);
    return () => clearTimeout(timer);
  }, [lookElsewhere, query, guard]);
  const elsewhere = lookElsewhere && otherDays?.query === query ? otherDays.bookings : null;

  return (
    <>
    <WalkIns info={info} onAuthLost={onAuthLost} onBook={onBookWalkIn} />
    <section className="desk" aria-labelledby="desk-title">
      <div className="desk-head">
        <h1 id="desk-title">Arrivals today</h1>
        <p className="status" role="status">
          {[
            waiting === 0 ? "Nobody waiting for confirmation" : `${waiting} waiting for confirmation`,
            late > 0 ? `${late} late, not arrived yet` : "",
            searching || toDoOnly ? `showing ${shown.length} of ${items.length}` : "",
          ]
            .filter(Boolean)
            .join(" · ")}
        </p>
        <div className="desk-tools">
          <button type="button" className="secondary todo" aria-pressed={toDoOnly} onClick={() => setToDoOnly(!toDoOnly)}>
            To do ({toDo.length})
          </button>
          <label className="desk-search">
            Find a guest
            <input ref={searchBox} type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Name, therapist, room…" autoComplete="off" spellCheck={false} />
          </label>
          <button type="button" className="secondary" onClick={() => setDialog({ kind: "walk-in", from: null })}>Walk-in</button>
          <button type="button" className="secondary" onClick={() => setDialog({ kind: "import" })}>Import appointments</button>
          <button type="button" className="secondary" onClick={() => void exportAddons()}>Export add-ons for POS</button>
          <button type="button" className="secondary" aria-pressed={!muted} onClick={toggleSound}>{muted ? "Sound off" : "Sound on"}</button>
        </div>
      </div>
      {arrival && (
        <div className="arrival" role="status">
          <span><strong>New arrival:</strong> {arrival}</span>
          <button type="button" className="secondary" onClick={() => setArrival(null)}>Dismiss</button>
        </div>
      )}
      <PrinterStatus onAuthLost={onAuthLost} />
      {error && <p className="error" role="alert">{error}</p>}
      <div className="queue-scroll" ref={scrollBox}>
        <table className="queue">
          <thead>
            <tr><th scope="col">Time</th><th scope="col">Guest</th><th scope="col">Service</th><th scope="col">Therapist · Room</th><th scope="col">Status</th><th scope="col">Add-on</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr>
          </thead>
          <tbody>
            {shown.map((item) => (
              <QueueRow key={item.appointmentId} item={item} fresh={fresh === item.appointmentId} late={lateOf(item)} overdue={choiceOverdue(item, now)} timeZone={info.timeZone}
                onConfirm={onConfirm} onCheckIn={onCheckIn} onTicket={onTicket} onAuthLost={onAuthLost} onOpen={onOpen} />
            ))}
          </tbody>
        </table>
        {items.length === 0 && day && <p className="empty">No appointments today. Import them from the booking system, or add a walk-in.</p>}
        {items.length > 0 && shown.length === 0 && (
          <p className="empty">
            {searching ? `Nobody ${toDoOnly ? "on the to-do list" : "today"} matches “${search.trim()}”.` : "Nothing needs the desk right now."}{" "}
            <button type="button" className="secondary" onClick={showEveryone}>Show everyone</button>
          </p>
        )}
        {elsewhere && (
          <section className="other-days" aria-label="On other days">
            {elsewhere.length === 0 ? (
              <p>
                No booking matches “{query}” on other days either ({OTHER_DAYS_BACK} days back, {OTHER_DAYS_AHEAD} ahead).
              </p>
            ) : (
              <>
                <h2>On other days</h2>
                <ul>
                  {elsewhere.map((b) => (
                    <li key={b.appointmentId}>
                      <strong>{b.guestName}</strong> · {otherDayWhen(b.startsAt, info.timeZone)} · {b.serviceName} with {b.therapistName}
                      {OTHER_DAY_STATUS[b.status] && <span className="status-note"> · {OTHER_DAY_STATUS[b.status]}</span>}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
        )}
      </div>
      {dialog?.kind === "ticket" && (
        <div className="overlay" role="dialog" aria-modal="true" aria-label="Ticket preview">
          <div className="dialog">
            <pre className="ticket-preview">{dialog.lines.join("\n")}</pre>
            <button type="button" className="primary" onClick={() => setDialog(null)}>Close</button>
          </div>
        </div>
      )}
      {open && options && (
        <DeskAppointment item={open} options={options} timeZone={info.timeZone} guard={guard} onUpdated={replace} onClose={() => setDialog(null)} onTicket={onTicket} />
      )}
      {dialog?.kind === "walk-in" && options && (
        <DeskWalkIn options={options} info={info} from={dialog.from} guard={guard} onClose={() => setDialog(null)} onCreated={(item) => { setDialog(null); setItems((list) => [...list, item].sort((a, b) => a.startsAt.localeCompare(b.startsAt))); }} />
      )}
      {dialog?.kind === "import" && <DeskImport guard={guard} timeZone={info.timeZone} onClose={() => setDialog(null)} onImported={load} />}
    </section>
    </>
  );
}
