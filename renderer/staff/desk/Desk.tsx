import { useCallback, useEffect, useRef, useState } from "react";
import type { AppInfo, DeskOptions, QueueItem, ScreeningCheck, WalkIn } from "../../../contract/channels";
import { call, messageOf } from "../../common/api";
import { PrinterStatus } from "../PrinterStatus";
import { TableHead } from "../TableHead";
import { DiskSpaceWarning } from "./DiskSpace";
import { useAuthGuard } from "../useAuthGuard";
import { isMuted, playArrivalChime, setMuted } from "./arrivalCue";
import { DeskAppointment } from "./DeskAppointment";
import { DeskImport } from "./import/DeskImport";
import { DeskWalkIn } from "./DeskWalkIn";
import { awaitsConfirmation, choiceOverdue, lateLabel, matchesSearch, needsTheDesk } from "./deskText";
import { download } from "./download";
import { OtherDays } from "./OtherDays";
import { QueueRow } from "./QueueRow";
import { RestoreGaps } from "./RestoreGaps";
import { TicketDialog } from "./TicketDialog";
import { useMinuteClock } from "./useMinuteClock";
import { useQueue } from "./useQueue";
import { FIRST_FRAME_ROWS, useRowsInFrames } from "./useRowsInFrames";
import { WalkIns } from "./WalkIns";

type Dialog =
  | { kind: "appointment"; id: number }
  | { kind: "walk-in"; from: WalkIn | null }
  | { kind: "import" }
  | { kind: "ticket"; id: number; lines: { text: string; bold: boolean }[] }
  | null;

/** Stages with nothing left for the desk to do. */
const SETTLED: ReadonlySet<QueueItem["stage"]> = new Set(["confirmed", "ticket_printed", "no_show", "cancelled"]);

/** Today's arrivals, refreshed by events pushed from the main process (no polling). */
export function Desk({ info, onAuthLost }: { info: AppInfo; onAuthLost: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [options, setOptions] = useState<DeskOptions | null>(null);
  const [muted, setMutedState] = useState(isMuted);
  const [search, setSearch] = useState("");
  const [toDoOnly, setToDoOnly] = useState(false);
  const searchBox = useRef<HTMLInputElement>(null);
  const guard = useAuthGuard(onAuthLost);
  const { items, day, fresh, arrival, dismissArrival, load, replace, add } = useQueue(guard, setError, info.timeZone);
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

  useEffect(() => {
    guard(call("desk.options", {})).then(setOptions, (e: unknown) => setError(messageOf(e)));
  }, [guard]);

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

  const onConfirm = useCallback(
    (id: number, checked: readonly ScreeningCheck[] = []) =>
      void act(
        call("desk.confirmAddons", { appointmentId: id, acknowledged: checked.length > 0 ? [...checked] : false }),
      ),
    [act],
  );
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
  // The first screen at once, the rest a frame at a time; it includes the row the list opens at.
  const firstToDo = scrolledToWork.current ? 0 : items.findIndex((i) => !SETTLED.has(i.stage));
  const rendered = useRowsInFrames(shown.length, firstToDo + FIRST_FRAME_ROWS);

  return (
    <>
      <RestoreGaps info={info} onAuthLost={onAuthLost} onCheckIn={onCheckIn} />
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
            <button
              type="button"
              className="secondary todo"
              aria-pressed={toDoOnly}
              onClick={() => setToDoOnly(!toDoOnly)}
            >
              To do ({toDo.length})
            </button>
            <label className="desk-search">
              Find a guest
              <input
                ref={searchBox}
                type="search"
                value={search}
                onChange={(e) => setSearch(e.target.value)}
                placeholder="Name, therapist, room…"
                autoComplete="off"
                spellCheck={false}
              />
            </label>
            <button type="button" className="secondary" onClick={() => setDialog({ kind: "walk-in", from: null })}>
              Walk-in
            </button>
            <button type="button" className="secondary" onClick={() => setDialog({ kind: "import" })}>
              Import appointments
            </button>
            <button type="button" className="secondary" onClick={() => void exportAddons()}>
              Export add-ons for POS
            </button>
            <button type="button" className="secondary" aria-pressed={!muted} onClick={toggleSound}>
              {muted ? "Sound off" : "Sound on"}
            </button>
          </div>
        </div>
        {arrival && (
          <div className="arrival" role="status">
            <span>
              <strong>New arrival:</strong> {arrival}
            </span>
            <button type="button" className="secondary" onClick={dismissArrival}>
              Dismiss
            </button>
          </div>
        )}
        <PrinterStatus onAuthLost={onAuthLost} />
        <DiskSpaceWarning />
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="queue-scroll" ref={scrollBox}>
          <table className="queue">
            <TableHead columns={["Time", "Guest", "Service", "Therapist · Room", "Status", "Add-on"]} />
            <tbody>
              {shown.slice(0, rendered).map((item) => (
                <QueueRow
                  key={item.appointmentId}
                  item={item}
                  fresh={fresh === item.appointmentId}
                  late={lateOf(item)}
                  overdue={choiceOverdue(item, now)}
                  timeZone={info.timeZone}
                  onConfirm={onConfirm}
                  onCheckIn={onCheckIn}
                  onTicket={onTicket}
                  onAuthLost={onAuthLost}
                  onOpen={onOpen}
                />
              ))}
            </tbody>
          </table>
          {items.length === 0 && day && (
            <p className="empty">No appointments today. Import them from the booking system, or add a walk-in.</p>
          )}
          {items.length > 0 && shown.length === 0 && (
            <p className="empty">
              {searching
                ? `Nobody ${toDoOnly ? "on the to-do list" : "today"} matches “${search.trim()}”.`
                : "Nothing needs the desk right now."}{" "}
              <button type="button" className="secondary" onClick={showEveryone}>
                Show everyone
              </button>
            </p>
          )}
          {lookElsewhere && <OtherDays query={query} timeZone={info.timeZone} guard={guard} />}
        </div>
        {dialog?.kind === "ticket" && <TicketDialog lines={dialog.lines} onClose={() => setDialog(null)} />}
        {open && options && (
          <DeskAppointment
            item={open}
            options={options}
            timeZone={info.timeZone}
            guard={guard}
            onUpdated={replace}
            onClose={() => setDialog(null)}
            onTicket={onTicket}
          />
        )}
        {dialog?.kind === "walk-in" && options && (
          <DeskWalkIn
            options={options}
            info={info}
            from={dialog.from}
            guard={guard}
            onClose={() => setDialog(null)}
            onCreated={(item) => {
              setDialog(null);
              add(item);
            }}
          />
        )}
        {dialog?.kind === "import" && (
          <DeskImport guard={guard} timeZone={info.timeZone} onClose={() => setDialog(null)} onImported={load} />
        )}
      </section>
    </>
  );
}
