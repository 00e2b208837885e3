import { useCallback, useEffect, useRef, useState } from "react";
import type { AppInfo, DeskOptions, QueueItem, WalkIn } from "../../../contract/channels";
import { SETTLED_STAGES } from "../../../contract/desk";
import { call, messageOf } from "../../common/api";
import { PrinterStatus } from "../PrinterStatus";
import { TableHead } from "../TableHead";
import { DiskSpaceWarning } from "./DiskSpace";
import { ClockCheck } from "./ClockCheck";
import { useAuthGuard } from "../useAuthGuard";
import { isMuted, playArrivalChime, setMuted } from "./arrivalCue";
import { DeskAppointment } from "./DeskAppointment";
import { DeskImport } from "./import/DeskImport";
import { DeskWalkIn } from "./DeskWalkIn";
import { DeskTools } from "./DeskTools";
import { ArrivalNote } from "./ArrivalNote";
import { awaitsConfirmation, choiceOverdue, lateLabel, matchesSearch, needsTheDesk } from "./deskText";
import { download } from "./download";
import { OtherDays } from "./OtherDays";
import { QueueRow } from "./QueueRow";
import { RestoreGaps } from "./RestoreGaps";
import { TicketDialog } from "./TicketDialog";
import { useMinuteClock } from "./useMinuteClock";
import { useQueue } from "./useQueue";
import { useRowActions } from "./useRowActions";
import { firstScreenRows, useRowsInFrames } from "./useRowsInFrames";
import { useSteadyTaps } from "./useSteadyTaps";
import { useFreshness } from "./useFreshness";
import { NotUpToDate, sinceText } from "./NotUpToDate";
import { WalkIns } from "./WalkIns";
import "../desk-layout.css";

type Dialog =
  | { kind: "appointment"; id: number }
  | { kind: "walk-in"; from: WalkIn | null }
  | { kind: "import" }
  | { kind: "ticket"; id: number; lines: { text: string; bold: boolean }[] }
  | null;

/** How long "The list moved as you tapped" stays up. */
const IGNORED_NOTE_MS = 4000;

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
  const { items, complete, day, fresh, arrival, dismissArrival, load, replace, add } = useQueue(
    guard,
    setError,
    info.timeZone,
  );
  const now = useMinuteClock();
  // Heartbeats missed, then heard again: the list, the walk-ins, a restore's list and the printer read afresh.
  const [caughtUp, setCaughtUp] = useState(0);
  // A restore's list: unknown until its first answer (the rows wait for it, so it never pushes them down once shown),
  // then kept in its slot until the desk is opened again (clearing it moves no row either).
  const [restoreSlot, setRestoreSlot] = useState<boolean | null>(null);
  const onRestoreShown = useCallback((shown: boolean) => setRestoreSlot((kept) => kept === true || shown), []);
  const listDay = restoreSlot === null ? null : day;
  const staleSince = useFreshness(() => {
    load();
    setCaughtUp((n) => n + 1);
  });
  const scrollBox = useRef<HTMLDivElement>(null);
  const scrolledToWork = useRef(false);

  // Opened later in the day, the list starts at the first guest the desk still has to see to,
  // not at the morning's settled visits above it (once: updates never move the list).
  useEffect(() => {
    const box = scrollBox.current;
    if (scrolledToWork.current || !box || items.length === 0 || listDay === null) return;
    scrolledToWork.current = true;
    const first = items.find((i) => !SETTLED_STAGES.has(i.stage));
    const row = first && box.querySelector(`tr[data-appointment="${first.appointmentId}"]`);
    if (!row) return;
    const head = box.querySelector("thead")?.getBoundingClientRect().height ?? 0;
    box.scrollTop += row.getBoundingClientRect().top - box.getBoundingClientRect().top - head;
  }, [items, listDay]);

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

  const { busy, done, tapped, onConfirm, onCheckIn } = useRowActions(guard, replace, setError);
  const [tapIgnored, setTapIgnored] = useState(0);
  useSteadyTaps(
    scrollBox,
    `${toDoOnly}|${search}`,
    useCallback(() => setTapIgnored((n) => n + 1), []),
  );
  useEffect(() => {
    if (tapIgnored === 0) return;
    const timer = window.setTimeout(() => setTapIgnored(0), IGNORED_NOTE_MS);
    return () => window.clearTimeout(timer);
  }, [tapIgnored]);
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
  // A row just settled here stays on To do for a moment, saying so: the next one never slides under a second tap.
  const toDo = items.filter((i) => needsTheDesk(i, lateOf(i)) || done.has(i.appointmentId));
  const shown = (toDoOnly ? toDo : items).filter((i) => !searching || matchesSearch(i, search));
  const showEveryone = () => {
    setSearch("");
    setToDoOnly(false);
  };
  // Nobody today answers the search: the guest may have come on the wrong day, or missed theirs.
  const query = search.trim();
  const lookElsewhere = complete && query.length >= 2 && !toDoOnly && shown.length === 0;
  // The first screen at once, the rest a frame at a time; it includes the row the list opens at.
  const firstToDo = scrolledToWork.current ? 0 : items.findIndex((i) => !SETTLED_STAGES.has(i.stage));
  const rendered = useRowsInFrames(shown.length, firstToDo + firstScreenRows());

  // Until the day's list comes (a slow main process) the desk says so, never "Nobody waiting" over no list; nor over
  // the first screen's rows alone, before the rest of the day has come.
  const counts =
    listDay === null
      ? "Loading today's arrivals…"
      : !complete
        ? "Loading the rest of today's arrivals…"
        : [
            waiting === 0 ? "Nobody waiting for confirmation" : `${waiting} waiting for confirmation`,
            late > 0 ? `${late} late, not arrived yet` : "",
            searching || toDoOnly ? `showing ${shown.length} of ${items.length}` : "",
          ]
            .filter(Boolean)
            .join(" · ");
  const staleMark = staleSince === null ? null : `⚠ Not up to date since ${sinceText(staleSince, info.timeZone)}`;
  const statusLine = [staleMark, counts].filter(Boolean).join(" · ");

  return (
    <section className="desk" aria-labelledby="desk-title">
      <div className="desk-head">
        <h1 id="desk-title">Arrivals today</h1>
        <p className="status" role="status" title={statusLine}>
          {staleMark && (
            <span className="stale-mark" aria-hidden="true">
              {staleMark} ·{" "}
            </span>
          )}
          {counts}
        </p>
        <DeskTools
          toDo={complete ? toDo.length : null}
          toDoOnly={toDoOnly}
          onToDo={() => setToDoOnly(!toDoOnly)}
          search={search}
          onSearch={setSearch}
          searchBox={searchBox}
          onWalkIn={() => setDialog({ kind: "walk-in", from: null })}
          onImport={() => setDialog({ kind: "import" })}
          onExport={() => void exportAddons()}
          muted={muted}
          onSound={toggleSound}
        />
      </div>
      <PrinterStatus onAuthLost={onAuthLost} caughtUp={caughtUp} />
      <DiskSpaceWarning />
      <ClockCheck timeZone={info.timeZone} />
      {/* Side by side on a wide screen, a fixed slot above the list on a tall one: arrivals, names left at the kiosk
            and a restore's list changing never move a row. */}
      <div className="desk-body">
        <aside className={restoreSlot ? "desk-side with-restore" : "desk-side"} aria-label="Arrivals and walk-ins">
          <RestoreGaps
            info={info}
            onAuthLost={onAuthLost}
            onCheckIn={onCheckIn}
            caughtUp={caughtUp}
            onShown={onRestoreShown}
            slot={restoreSlot === true}
          />
          <ArrivalNote arrival={arrival} onDismiss={dismissArrival} />
          <WalkIns info={info} onAuthLost={onAuthLost} onBook={onBookWalkIn} caughtUp={caughtUp} />
        </aside>
        <div
          className={staleSince === null ? "queue-scroll" : "queue-scroll stale"}
          ref={scrollBox}
          onPointerDown={tapped}
        >
          <table className="queue" aria-busy={listDay === null || !complete || rendered < shown.length}>
            <TableHead columns={["Time", "Guest", "Service", "Therapist · Room", "Status", "Add-on"]} />
            <tbody>
              {shown.slice(0, listDay === null ? 0 : rendered).map((item) => (
                <QueueRow
                  key={item.appointmentId}
                  item={item}
                  fresh={fresh === item.appointmentId}
                  late={lateOf(item)}
                  overdue={choiceOverdue(item, now)}
                  busy={busy.has(item.appointmentId)}
                  done={done.get(item.appointmentId) ?? null}
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
          {listDay === null && <p className="empty">Loading today&apos;s arrivals…</p>}
          {items.length === 0 && listDay && (
            <p className="empty">No appointments today. Import them from the booking system, or add a walk-in.</p>
          )}
          {listDay && complete && items.length > 0 && shown.length === 0 && (
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
      </div>
      {/* Over the list, never pushing it: an error, or a tap the list moved under. */}
      <div className="desk-toasts">
        {staleSince !== null && <NotUpToDate since={staleSince} timeZone={info.timeZone} />}
        {error && (
          <p className="error" role="alert">
            {error}{" "}
            <button type="button" className="secondary" onClick={() => setError(null)}>
              Dismiss
            </button>
          </p>
        )}
        {tapIgnored > 0 && (
          <p className="tap-ignored" role="status">
            The list moved as you tapped, so nothing was done. Look, then tap again.
          </p>
        )}
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
  );
}
