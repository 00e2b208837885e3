import { useState } from "react";
import type { QueueItem } from "../../../contract/channels";
import { call, messageOf } from "../../common/api";
import { useAuthGuard } from "../useAuthGuard";

/**
 * Retry and Reprint for an arrival's ticket. Retry sends a ticket that did not print (never one
 * that may already be on paper); Reprint prints another copy under a REPRINT banner. The row
 * updates through the "queue.changed" event the main process pushes.
 */
export function TicketActions({ item, onAuthLost }: { item: QueueItem; onAuthLost: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const guard = useAuthGuard(onAuthLost);
  const ticket = item.ticket;
  if (!ticket) return null;

  const act = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await guard(action());
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const canRetry = ticket.printStatus === "failed" || (ticket.printStatus === "queued" && ticket.printError !== null);
  const canReprint = ticket.printStatus === "printed" || ticket.printStatus === "failed";
  return (
    <>
      {canRetry && (
        <button
          type="button"
          className="primary"
          disabled={busy}
          aria-label={`Retry printing for ${item.guestName}`}
          onClick={() => void act(() => call("printing.retry", { printJobId: ticket.printJobId }))}
        >
          Retry
        </button>
      )}
      {canReprint && (
        <button
          type="button"
          className="secondary"
          disabled={busy}
          aria-label={`Reprint for ${item.guestName}`}
          onClick={() => void act(() => call("printing.reprint", { appointmentId: item.appointmentId }))}
        >
          Reprint
        </button>
      )}
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
