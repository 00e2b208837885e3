import { useEffect, useState } from "react";
import type { StaffSummary } from "../../contract/channels";
import { call, messageOf } from "../common/api";
import { FirstManagerSetup } from "./FirstManagerSetup";

const DIGITS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "", "0", "⌫"] as const;

/** Pick your name, type your PIN. Wrong PINs and lockouts are explained by the main process. */
export function PinLogin({
  spaName,
  demo,
  onLogin,
  notice,
}: {
  spaName: string;
  demo: boolean;
  onLogin: (s: StaffSummary) => void;
  notice?: string | null;
}) {
  const [staff, setStaff] = useState<StaffSummary[]>([]);
  const [who, setWho] = useState<number | null>(null);
  const [pin, setPin] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [needsSetup, setNeedsSetup] = useState(false);

  useEffect(() => {
    call("staff.list", {}).then(
      (r) => {
        setStaff(r.staff);
        setNeedsSetup(r.needsSetup);
      },
      (e: unknown) => setError(messageOf(e)),
    );
  }, []);

  const submit = async () => {
    if (who === null) return;
    setBusy(true);
    try {
      onLogin(await call("staff.login", { staffId: who, pin }));
    } catch (e) {
      setError(messageOf(e));
      setPin("");
    } finally {
      setBusy(false);
    }
  };

  if (needsSetup) return <FirstManagerSetup spaName={spaName} onLogin={onLogin} />;

  return (
    <main className="staff login">
      <h1>{spaName} — staff</h1>
      {demo && <p className="demo-badge">Demo data: the built-in demo spa, not a spa's own data.</p>}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <fieldset className="who-list">
        <legend>Who are you?</legend>
        {staff.map((s) => (
          <button
            key={s.id}
            type="button"
            className={who === s.id ? "choice active" : "choice"}
            aria-pressed={who === s.id}
            onClick={() => {
              setWho(s.id);
              setError(null);
              setPin("");
            }}
          >
            {s.name} <small>{s.role}</small>
          </button>
        ))}
      </fieldset>
      {who !== null && (
        <form
          className="pin"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <label>
            PIN
            <input
              type="password"
              inputMode="numeric"
              autoComplete="off"
              value={pin}
              maxLength={8}
              aria-invalid={error !== null}
              aria-describedby={error ? "pin-error" : undefined}
              onChange={(e) => {
                setPin(e.target.value.replace(/\D/g, ""));
                setError(null);
              }}
            />
          </label>
          <div className="pinpad">
            {DIGITS.map((d, i) =>
              d === "" ? (
                <span key={i} />
              ) : (
                <button
                  key={i}
                  type="button"
                  aria-label={d === "⌫" ? "Delete last digit" : d}
                  onClick={() => setPin(d === "⌫" ? pin.slice(0, -1) : (pin + d).slice(0, 8))}
                >
                  {d}
                </button>
              ),
            )}
          </div>
          {error && (
            <p id="pin-error" className="error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="primary" disabled={busy || pin.length < 4}>
            Unlock
          </button>
        </form>
      )}
    </main>
  );
}
