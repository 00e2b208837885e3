import { useCallback, useEffect, useState } from "react";
import type { StaffSummary } from "../../contract/channels";
import { PIN_DIGITS } from "../../contract/common";
import { PAD_CODE_DIGITS, waitText } from "../../contract/staff";
import { call, messageOf } from "../common/api";
import { FirstManagerSetup } from "./FirstManagerSetup";
import { SecretDigitsField } from "../common/SecretDigitsField";

const DIGITS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "", "0", "⌫"] as const;

/** Digits typed by touch (one display has no keyboard); `max` digits at most. */
function DigitPad({ value, onChange, max }: { value: string; onChange: (v: string) => void; max: number }) {
  return (
    <div className="pinpad">
      {DIGITS.map((d, i) =>
        d === "" ? (
          <span key={i} />
        ) : (
          <button
            key={i}
            type="button"
            aria-label={d === "⌫" ? "Delete last digit" : d}
            onClick={() => onChange(d === "⌫" ? value.slice(0, -1) : (value + d).slice(0, max))}
          >
            {d}
          </button>
        ),
      )}
    </div>
  );
}

/**
 * This screen's PIN pad waits after wrong PINs (a guest may have kept tapping it): staff open it
 * at once with the spa's unlock code, kept behind the desk. Wrong codes are slowed in the main process.
 */
function OpenPad({ waitMs, onOpened }: { waitMs: number; onOpened: () => void }) {
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      await call("staff.openPad", { code });
      onOpened();
    } catch (e) {
      setError(messageOf(e));
      setCode("");
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="pin open-pad"
      aria-labelledby="open-pad-title"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 id="open-pad-title">This PIN pad is waiting</h2>
      <p>
        After several wrong PINs it takes the next one in {waitText(waitMs)}. Staff: type the spa&apos;s unlock code to
        open it now (a manager makes one in Back office › Staff).
      </p>
      <SecretDigitsField
        label="Unlock code"
        digits={PAD_CODE_DIGITS}
        value={code}
        invalid={error !== null}
        describedBy={error ? "code-error" : undefined}
        onValue={(c) => {
          setCode(c);
          setError(null);
        }}
      />
      <DigitPad value={code} onChange={setCode} max={PAD_CODE_DIGITS} />
      {error && (
        <p id="code-error" className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy || code.length < PAD_CODE_DIGITS}>
        Open the PIN pad
      </button>
    </form>
  );
}

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
  /** How long this screen's pad still waits before it takes a PIN (0: it takes one now). */
  const [padWaitMs, setPadWaitMs] = useState(0);
  const [opened, setOpened] = useState(false);

  const list = useCallback(() => {
    call("staff.list", {}).then(
      (r) => {
        setStaff(r.staff);
        setNeedsSetup(r.needsSetup);
        setPadWaitMs(r.padWaitMs);
      },
      (e: unknown) => setError(messageOf(e)),
    );
  }, []);
  useEffect(list, [list]);
  // A waiting pad takes PINs again once its wait is over: ask then.
  useEffect(() => {
    if (padWaitMs === 0) return;
    const timer = setTimeout(list, padWaitMs + 500);
    return () => clearTimeout(timer);
  }, [padWaitMs, list]);

  const submit = async () => {
    if (who === null) return;
    setBusy(true);
    try {
      onLogin(await call("staff.login", { staffId: who, pin }));
    } catch (e) {
      setError(messageOf(e));
      setPin("");
      list(); // a wrong PIN may have started the pad's wait
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
      {opened && padWaitMs === 0 && (
        <p className="notice" role="status">
          The PIN pad is open: choose your name and type your PIN.
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
      {padWaitMs > 0 && (
        <OpenPad
          waitMs={padWaitMs}
          onOpened={() => {
            setOpened(true);
            setError(null);
            setPadWaitMs(0);
          }}
        />
      )}
      {who !== null && padWaitMs === 0 && (
        <form
          className="pin"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <SecretDigitsField
            label="PIN"
            digits={PIN_DIGITS.max}
            value={pin}
            invalid={error !== null}
            describedBy={error ? "pin-error" : undefined}
            onValue={(digits) => {
              setPin(digits);
              setError(null);
            }}
          />
          <DigitPad value={pin} onChange={setPin} max={PIN_DIGITS.max} />
          {error && (
            <p id="pin-error" className="error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="primary" disabled={busy || pin.length < PIN_DIGITS.min}>
            Unlock
          </button>
        </form>
      )}
    </main>
  );
}
