import { useId, useState } from "react";
import { appNow } from "../../common/clock";
import type { DeskOptions, QueueItem } from "../../../contract/channels";
import { checksText } from "../../../contract/screening";
import { call, messageOf } from "../../common/api";
import { ApiError } from "../../common/api-error";
import { clockTime, phoneText } from "../../common/format";
import { AddonChecks } from "./AddonChecks";
import { useStoredDraft } from "../../common/storedDraft";
import { useSeenOffer } from "./useSeenOffer";
import { useAppointmentHistory } from "./useAppointmentHistory";
import { actionLabel, addonText, changeText, choiceOverdue, PRINT_LABEL, speaksText, STAGE_LABEL } from "./deskText";
import { useDialogKeys } from "./useDialogKeys";
import { changeTicks, ticksUndoneChange, undoneChangeHint, undoneVoidHint } from "./restoreGapsText";
import { ActionMessages } from "../ActionMessages";
import { ReasonForm } from "./ReasonForm";

interface Props {
  item: QueueItem;
  options: DeskOptions;
  timeZone: string;
  guard: <T>(p: Promise<T>) => Promise<T>;
  onUpdated: (item: QueueItem) => void;
  onClose: () => void;
  onTicket: (id: number) => void;
}

/**
 * One appointment, one step further than the queue's one-tap Confirm: change or void the
 * add-ons, assign therapist and room, check in / no-show / cancel / reinstate, reprint, and the
 * appointment's full history from the audit log.
 */
export function DeskAppointment({ item, options, timeZone, guard, onUpdated, onClose, onTicket }: Props) {
  const titleId = useId();
  // Drafts of what another window or the kiosk may move meanwhile: an edit survives any update of the guest.
  const [selected, setSelected] = useStoredDraft<number[]>(changeTicks(item));
  const seen = useSeenOffer(item);
  const tick = (ids: number[]) => {
    seen.begin();
    setSelected(ids);
  };
  const [changeReason, setChangeReason] = useState("");
  // A flagged add-on added or kept by Change needs the receptionist's acknowledgement, as Confirm does.
  const [flagAsked, setFlagAsked] = useState(false);
  // Ticked for the flags shown when it was ticked: a flag raised since (the guest changed add-ons) unticks it.
  const [acknowledgedFor, setAcknowledgedFor] = useState<string | null>(null);
  const [reasonFor, setReasonFor] = useState<"void" | "cancel" | "reinstate" | null>(null);
  const [reason, setReason] = useState("");
  const [therapistId, setTherapistId] = useStoredDraft(item.therapistId);
  const [roomId, setRoomId] = useStoredDraft(item.roomId);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useDialogKeys(onClose);
  const undone = item.undoneByRestore;
  const undoneVoid = undone?.status === "voided" ? undone : null;
  const ticksUndone = ticksUndoneChange(item, selected);

  const history = useAppointmentHistory(item, guard, setError);

  const run = async (p: Promise<QueueItem>, message: string) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const updated = await guard(p);
      onUpdated(updated);
      setDone(message);
      setReasonFor(null);
      setReason("");
      setChangeReason("");
      setFlagAsked(false);
      setAcknowledgedFor(null);
      seen.forget();
    } catch (e) {
      setError(messageOf(e));
      if (e instanceof ApiError && e.field === "acknowledged") setFlagAsked(true);
      // Refused as changed meanwhile: the message says what is there now, which the next try is made on.
      if (e instanceof ApiError && e.field === "seen") seen.forget();
    } finally {
      setBusy(false);
    }
  };

  const id = item.appointmentId;
  // The flags of the add-ons now on the ticket; one the Change adds is named by the refusal above.
  const pendingChecks = item.offer?.checksPending === true ? item.offer.checks : [];
  const askFlag = flagAsked || pendingChecks.length > 0;
  const flagsShown = JSON.stringify(pendingChecks);
  const acknowledged = acknowledgedFor === flagsShown;
  const active = item.stage !== "cancelled" && item.stage !== "no_show";
  const checkedIn = item.checkedInAt !== null;
  const submitReason = () => {
    if (reasonFor === "void")
      void run(
        call("desk.voidAddons", { appointmentId: id, reason, seen: seen.get() }),
        "Add-on voided; a VOID ticket is on its way to the printer.",
      );
    if (reasonFor === "cancel") void run(call("desk.cancel", { appointmentId: id, reason }), "Appointment cancelled.");
    if (reasonFor === "reinstate")
      void run(call("desk.reinstate", { appointmentId: id, reason }), "Appointment reinstated.");
  };

  return (
    <div className="overlay" role="presentation">
      <div className="dialog panel" role="dialog" aria-modal="true" aria-labelledby={titleId}>
        <header className="panel-head">
          <h2 id={titleId}>{item.guestName}</h2>
          <button type="button" className="secondary" onClick={onClose}>
            Close
          </button>
        </header>
        <p className="panel-facts">
          {clockTime(item.startsAt, timeZone, "en-US")} · {item.serviceName} · {item.therapistName} · {item.roomName}
          {item.guestLanguage ? ` · ${speaksText(item.guestLanguage)}` : ""}
          {item.externalId ? ` · booking ${item.externalId}` : ""}
          {` · code ${item.bookingCode}`}
          {item.guestPhone ? ` · phone ${phoneText(item.guestPhone)}` : ""} ·{" "}
          <span className={`badge ${item.stage}`}>{STAGE_LABEL[item.stage]}</span>
        </p>
        {item.note && (
          <p className="booking-note-full">
            <span className="note-label">Booking note:</span> {item.note}
          </p>
        )}
        <ActionMessages error={error} ok={done} />

        <div className="panel-grid">
          <section aria-labelledby={`${titleId}-addons`}>
            <h3 id={`${titleId}-addons`}>Add-ons</h3>
            <p>
              Now: <strong>{addonText(item, choiceOverdue(item, appNow()))}</strong>
              {item.offer?.guestChoice.length ? ` (guest chose ${item.offer.guestChoice.join(" + ")})` : ""}
            </p>
            {item.offer?.voidReason && <p>Void reason: {item.offer.voidReason}</p>}
            <fieldset className="addon-pick" disabled={!active || !checkedIn || busy}>
              <legend>Change to</legend>
              <AddonChecks addons={options.addons} selected={selected} onChange={tick} booked={item.bookedAddonIds} />
              {ticksUndone && undone && (
                <p className="hint">{undoneChangeHint(clockTime(undone.at, timeZone, "en-US"))}</p>
              )}
              <label>
                Note (optional)
                <input value={changeReason} onChange={(e) => setChangeReason(e.target.value)} />
              </label>
              {askFlag && (
                <label className="check">
                  <input
                    type="checkbox"
                    checked={acknowledged}
                    onChange={(e) => setAcknowledgedFor(e.target.checked ? flagsShown : null)}
                  />
                  <span>
                    <span aria-hidden="true">⚠ </span>I checked the flagged add-on with {item.guestName}
                    {pendingChecks.length > 0 ? `: ${checksText(pendingChecks)}` : ""}
                  </span>
                </label>
              )}
              <button
                type="button"
                className="primary"
                onClick={() =>
                  void run(
                    call("desk.changeAddons", {
                      appointmentId: id,
                      addonIds: selected,
                      acknowledged,
                      seen: seen.get(),
                      ...(changeReason.trim() ? { reason: changeReason } : {}),
                    }),
                    "Add-ons changed; the ticket is on its way to the printer.",
                  )
                }
              >
                Save add-on change
              </button>
              {item.offer && item.offer.status !== "voided" && (
                <button
                  type="button"
                  className="danger"
                  onClick={() => {
                    // A void the restore undid: its reason, for the desk to void again without asking the guest twice.
                    if (undoneVoid?.reason) setReason(undoneVoid.reason);
                    seen.restart();
                    setReasonFor("void");
                  }}
                >
                  Void add-on…
                </button>
              )}
            </fieldset>
            {!checkedIn && active && <p className="hint">Check the guest in to change add-ons.</p>}
          </section>

          <section aria-labelledby={`${titleId}-assign`}>
            <h3 id={`${titleId}-assign`}>Therapist and room</h3>
            <fieldset className="assign" disabled={!active || busy}>
              <legend className="visually-hidden">Assign</legend>
              <label>
                Therapist
                <select value={therapistId} onChange={(e) => setTherapistId(Number(e.target.value))}>
                  {options.therapists.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Room
                <select value={roomId} onChange={(e) => setRoomId(Number(e.target.value))}>
                  {options.rooms.map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.name}
                    </option>
                  ))}
                </select>
              </label>
              <button
                type="button"
                className="primary"
                disabled={therapistId === item.therapistId && roomId === item.roomId}
                onClick={() =>
                  void run(call("desk.assign", { appointmentId: id, therapistId, roomId }), "Therapist and room saved.")
                }
              >
                Save therapist and room
              </button>
            </fieldset>
          </section>

          <section aria-labelledby={`${titleId}-visit`}>
            <h3 id={`${titleId}-visit`}>Visit</h3>
            <div className="row-buttons">
              {active && !checkedIn && (
                <>
                  <button
                    type="button"
                    className="primary"
                    disabled={busy}
                    onClick={() => void run(call("desk.checkIn", { appointmentId: id }), "Checked in at the desk.")}
                  >
                    Check in at desk
                  </button>
                  <button
                    type="button"
                    className="secondary"
                    disabled={busy}
                    onClick={() => void run(call("desk.markNoShow", { appointmentId: id }), "Marked as no-show.")}
                  >
                    Mark no-show
                  </button>
                </>
              )}
              {active && (
                <button type="button" className="danger" disabled={busy} onClick={() => setReasonFor("cancel")}>
                  Cancel appointment…
                </button>
              )}
              {!active && (
                <button type="button" className="secondary" disabled={busy} onClick={() => setReasonFor("reinstate")}>
                  Reinstate…
                </button>
              )}
            </div>
            <h3>Ticket</h3>
            {item.ticket ? (
              <div className="row-buttons">
                <span className={`print ${item.ticket.printStatus}`}>
                  #{item.ticket.ticketNumber} {item.ticket.kind.toUpperCase()} · {PRINT_LABEL[item.ticket.printStatus]}
                  {item.ticket.printError ? `: ${item.ticket.printError}` : ""}
                </span>
                <button type="button" className="secondary" onClick={() => onTicket(id)}>
                  Show ticket
                </button>
                <button
                  type="button"
                  className="secondary"
                  disabled={busy}
                  onClick={() =>
                    void run(call("printing.reprint", { appointmentId: id }), "Reprint sent to the printer.")
                  }
                >
                  Reprint
                </button>
              </div>
            ) : (
              <p>No ticket yet: it prints when the add-on is confirmed.</p>
            )}
          </section>
        </div>

        {reasonFor && (
          <ReasonForm
            question={
              reasonFor === "void"
                ? "Why is the add-on voided?"
                : reasonFor === "cancel"
                  ? "Why is the appointment cancelled?"
                  : "Why is it reinstated?"
            }
            reason={reason}
            onReason={setReason}
            action={reasonFor === "void" ? "Void add-on" : reasonFor === "cancel" ? "Cancel appointment" : "Reinstate"}
            look={reasonFor === "reinstate" ? "primary" : "danger"}
            busy={busy}
            hint={
              reasonFor === "void" && undoneVoid && reason === undoneVoid.reason
                ? undoneVoidHint(clockTime(undoneVoid.at, timeZone, "en-US"))
                : null
            }
            onSubmit={submitReason}
            onBack={() => setReasonFor(null)}
          />
        )}

        <section aria-labelledby={`${titleId}-history`} className="history">
          <h3 id={`${titleId}-history`}>History</h3>
          <ol>
            {history.map((h) => {
              return (
                <li key={h.id}>
                  <time dateTime={h.at}>{clockTime(h.at, timeZone, "en-US")}</time>{" "}
                  <strong>{actionLabel(h.action)}</strong> — {h.actor}
                  {h.changes.map((c) => (
                    <span key={c.what} className="change">
                      {" "}
                      · {changeText(c)}
                    </span>
                  ))}
                  {h.reason && <span className="why"> · reason: {h.reason}</span>}
                </li>
              );
            })}
          </ol>
        </section>
      </div>
    </div>
  );
}
