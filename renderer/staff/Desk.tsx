import { useCallback, useEffect, useState } from "react";
import type { AppInfo, QueueItem, QueueStage } from "../../contract/channels";
import { call, messageOf, onEvent } from "../common/api";
import { clockTime } from "../common/format";
import { PrinterStatus } from "./PrinterStatus";
import { TicketActions } from "./TicketActions";
import { useAuthGuard } from "./useAuthCall";

const STAGE_LABEL: Record<QueueStage, string> = {
  expected: "Expected",
  checked_in: "Checked in",
  awaiting_confirmation: "Add-on to confirm",
  confirmed: "Confirmed",
  ticket_printed: "Ticket printed",
  no_show: "No-show",
  cancelled: "Cancelled",
};

const PRINT_LABEL = { queued: "Ticket queued", sending: "Printing…", printed: "Ticket printed", failed: "Print failed" } as const;

function addonText(item: QueueItem): string {
  if (!item.offer) return "No add-on offered";
  const list = item.offer.status === "voided" ? [] : item.offer.final;
  if (item.offer.status === "offered") return "Guest is choosing…";
  return list.length > 0 ? list.join(" + ") : "No add-on";
}

/** Today's arrivals, refreshed by events pushed from the main process (no polling). */
export function Desk({ info, onAuthLost }: { info: AppInfo; onAuthLost: () => void }) {
  const [items, setItems] = useState<QueueItem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [fresh, setFresh] = useState<number | null>(null);
  const [preview, setPreview] = useState<{ id: number; lines: string[] } | null>(null);
  const guard = useAuthGuard(onAuthLost);

  const load = useCallback(() => {
    guard(call("desk.queue", {})).then((q) => setItems(q.items), (e: unknown) => setError(messageOf(e)));
  }, [guard]);

  useEffect(() => {
    load();
    return onEvent("queue.changed", (e) => {
      if (e.reason === "check-in") setFresh(e.appointmentId);
      load();
    });
  }, [load]);

  const confirm = async (id: number) => {
    setError(null);
    try {
      const updated = await guard(call("desk.confirmAddons", { appointmentId: id }));
      setItems((list) => list.map((i) => (i.appointmentId === id ? updated : i)));
    } catch (e) {
      setError(messageOf(e));
    }
  };

  const showTicket = async (id: number) => {
    try {
      const { lines } = await guard(call("desk.ticketPreview", { appointmentId: id }));
      setPreview({ id, lines });
    } catch (e) {
      setError(messageOf(e));
    }
  };

  const waiting = items.filter((i) => i.stage === "awaiting_confirmation" || i.stage === "checked_in").length;

  return (
    <section className="desk" aria-labelledby="desk-title">
      <div className="desk-head">
        <h1 id="desk-title">Arrivals today</h1>
        <p className="status" role="status">{waiting === 0 ? "Nobody waiting for confirmation." : `${waiting} waiting for confirmation`}</p>
      </div>
      <PrinterStatus onAuthLost={onAuthLost} />
      {error && <p className="error" role="alert">{error}</p>}
      <table className="queue">
        <thead>
          <tr><th scope="col">Time</th><th scope="col">Guest</th><th scope="col">Service</th><th scope="col">Therapist · Room</th><th scope="col">Status</th><th scope="col">Add-on</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.appointmentId} className={`stage-${item.stage}${fresh === item.appointmentId ? " fresh" : ""}`} data-appointment={item.appointmentId}>
              <td>{clockTime(item.startsAt, info.timeZone, "en-US")}</td>
              <td>{item.guestName}</td>
              <td>{item.serviceName}</td>
              <td>{item.therapistName} · {item.roomName}</td>
              <td><span className={`badge ${item.stage}`}>{STAGE_LABEL[item.stage]}</span>
                {item.ticket && <small className={`print ${item.ticket.printStatus}`}> {PRINT_LABEL[item.ticket.printStatus]}{item.ticket.printError ? `: ${item.ticket.printError}` : ""}</small>}
              </td>
              <td>{addonText(item)}{item.offer && item.offer.channel === "kiosk" && item.offer.status !== "offered" ? <small> (kiosk)</small> : null}</td>
              <td className="actions">
                {(item.stage === "awaiting_confirmation" || item.stage === "checked_in") && (
                  <button type="button" className="primary" onClick={() => void confirm(item.appointmentId)}
                    aria-label={`Confirm ${addonText(item)} for ${item.guestName}`}>Confirm</button>
                )}
                {item.ticket && <button type="button" className="secondary" onClick={() => void showTicket(item.appointmentId)}>Ticket</button>}
                <TicketActions item={item} onAuthLost={onAuthLost} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {preview && (
        <div className="overlay" role="dialog" aria-modal="true" aria-label="Ticket preview">
          <div className="dialog">
            <pre className="ticket-preview">{preview.lines.join("\n")}</pre>
            <button type="button" className="primary" onClick={() => setPreview(null)}>Close</button>
          </div>
        </div>
      )}
    </section>
  );
}
