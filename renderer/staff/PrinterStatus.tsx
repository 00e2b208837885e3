import { useCallback, useEffect, useState } from "react";
import type { PrinterStatusInfo } from "../../contract/channels";
import { call, messageOf, onEvent } from "../common/api";
import { useAuthGuard } from "./useAuthGuard";
import "./printing.css";

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The desk's printer banner: the printer's state in plain words ("Printer is out of paper"),
 * tickets waiting and failed. Kept current by the "printer.status" event the main process
 * pushes; the button asks the printer again on demand, never on a timer.
 */
export function PrinterStatus({ onAuthLost, caughtUp }: { onAuthLost: () => void; caughtUp: number }) {
  const [status, setStatus] = useState<PrinterStatusInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const guard = useAuthGuard(onAuthLost);

  const check = useCallback(async () => {
    setChecking(true);
    setError(null);
    try {
      setStatus(await guard(call("printing.status", {})));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setChecking(false);
    }
  }, [guard]);

  useEffect(() => {
    void check();
    return onEvent("printer.status", setStatus);
    // The desk heard from the main process again after missing its heartbeats (and maybe a change): asked again.
  }, [check, caughtUp]);

  if (!status) {
    return (
      <section className="printer-banner" aria-label="Printer" aria-busy={!error}>
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : (
          <p>Checking the printer…</p>
        )}
      </section>
    );
  }
  const backlog = [
    status.queued > 0 ? `${plural(status.queued, "ticket", "tickets")} waiting to print.` : "",
    status.failed > 0
      ? `${plural(status.failed, "ticket", "tickets")} not printed: use Retry or Reprint in the list below.`
      : "",
  ]
    .filter(Boolean)
    .join(" ");
  const reason =
    status.lastError && status.lastError !== status.message && backlog ? `Last problem: ${status.lastError}` : "";
  const detail = [backlog, reason].filter(Boolean).join(" ");
  const problem = status.state !== "ready";
  const tone = problem || status.failed > 0 ? "bad" : status.queued > 0 ? "warn" : "ok";
  return (
    <section className={`printer-banner ${tone}`} aria-label="Printer" data-state={status.state}>
      {/* Two lines, always both, each cut with "…" (the whole on hover): a ticket waiting or failing changes the words,
          never the banner's height, so the queue's rows below it don't move under a receptionist's finger. */}
      <div className="printer-text" role="status" aria-live="polite">
        <span className="printer-line" title={`${status.message} ${status.printer}`}>
          <strong className="printer-headline">{status.message}</strong>{" "}
          <span className="printer-where">{status.printer}</span>
        </span>
        <span className="printer-line" title={detail || undefined}>
          {backlog && <span className="printer-backlog">{backlog}</span>}
          {reason && <span className="printer-reason"> {reason}</span>}
          {!detail && "\u00a0"}
        </span>
      </div>
      <button type="button" className="secondary" disabled={checking} onClick={() => void check()}>
        {checking ? "Checking…" : "Check printer"}
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
