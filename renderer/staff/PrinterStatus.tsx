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
  const problem = status.state !== "ready";
  const tone = problem || status.failed > 0 ? "bad" : status.queued > 0 ? "warn" : "ok";
  return (
    <section className={`printer-banner ${tone}`} aria-label="Printer" data-state={status.state}>
      <div className="printer-text" role="status" aria-live="polite">
        <strong className="printer-headline">{status.message}</strong>
        <span className="printer-where">{status.printer}</span>
        {(status.queued > 0 || status.failed > 0) && (
          <span className="printer-backlog">
            {status.queued > 0 && `${plural(status.queued, "ticket", "tickets")} waiting to print. `}
            {status.failed > 0 &&
              `${plural(status.failed, "ticket", "tickets")} not printed: use Retry or Reprint in the list below.`}
          </span>
        )}
        {status.lastError && status.lastError !== status.message && (status.queued > 0 || status.failed > 0) && (
          <span className="printer-reason">Last problem: {status.lastError}</span>
        )}
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
