import { useCallback, useEffect, useState } from "react";
import type { HeadOfficeStatus } from "../../../contract/head-office";
import { call } from "../../common/api";
import { useAuthGuard } from "../useAuthGuard";
import { AdminForm, Field, FormBanner, toFormError, type FormError } from "./form";

/**
 * Back office → Head office: pair this location with the chain's head office (its address and the one-time code the
 * head office gave), and see how sync stands: last sync, events waiting, the chain's offer release applied here and
 * what of it did not fit this spa, the last problem. Sync runs in the background; the kiosk and the desk never wait for
 * it.
 */
export function HeadOfficeAdmin({ onAuthLost }: { onAuthLost: () => void }) {
  const guard = useAuthGuard(onAuthLost);
  const [status, setStatus] = useState<HeadOfficeStatus | null>(null);
  const [url, setUrl] = useState("");
  const [code, setCode] = useState("");
  const [error, setError] = useState<FormError | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  const load = useCallback(() => {
    guard(call("headOffice.status", {})).then(setStatus, (e: unknown) => setError(toFormError(e)));
  }, [guard]);
  useEffect(() => {
    load();
    const timer = setInterval(load, 10_000);
    return () => clearInterval(timer);
  }, [load]);

  const pair = async () => {
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      setStatus(await guard(call("headOffice.pair", { url, code })));
      setCode("");
      setDone(true);
    } catch (e) {
      setError(toFormError(e));
    } finally {
      setBusy(false);
    }
  };
  const when = (iso: string | null) =>
    iso ? new Date(iso).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short" }) : "never";

  return (
    <div className="head-office-admin">
      <h2 id="head-office-title">Head office</h2>
      {status && (
        <dl className="head-office-status" aria-label="Sync status">
          <dt>Paired</dt>
          <dd>{status.paired ? `Yes, with ${status.url ?? ""}` : "No"}</dd>
          <dt>Last sync</dt>
          <dd>{when(status.lastSyncAt)}</dd>
          <dt>Events waiting</dt>
          <dd>{status.waiting}</dd>
          <dt>Chain offers</dt>
          <dd data-testid="chain-offers">
            {status.offers.release === null
              ? "None from head office yet"
              : `Release ${status.offers.release}, applied ${when(status.offers.appliedAt)}`}
            {status.offers.problems.length > 0 && (
              <ul className="chain-problems" aria-label="What did not fit this spa">
                {status.offers.problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            )}
          </dd>
          {status.lastError && (
            <>
              <dt>Last problem</dt>
              <dd>
                {status.lastError}
                {status.retryAt ? ` (trying again ${when(status.retryAt)})` : ""}
              </dd>
            </>
          )}
        </dl>
      )}
      <p className="hint">
        Only facts leave this spa: check-ins, add-on offers and choices, desk decisions and printed tickets. Never a
        guest's name, phone or note.
      </p>
      <AdminForm error={error} className="admin-form narrow" titleId="head-office-title" onSubmit={() => void pair()}>
        <FormBanner error={error} fields={["url", "code"]} />
        <Field label="Head office address" name="url" error={error} hint="For example https://hq.example.com">
          {(p) => <input {...p} type="url" autoComplete="off" value={url} onChange={(e) => setUrl(e.target.value)} />}
        </Field>
        <Field
          label="Pairing code"
          name="code"
          error={error}
          hint="12 letters and digits, from the head office (valid 24 hours, once)"
        >
          {(p) => (
            <input
              {...p}
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="primary" disabled={busy}>
          {status?.paired ? "Pair again" : "Pair"}
        </button>
        {done && (
          <p className="notice" role="status">
            Paired. Waiting events are being sent.
          </p>
        )}
      </AdminForm>
    </div>
  );
}
