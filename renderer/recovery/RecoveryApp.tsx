import { useEffect, useState } from "react";
import type { KioskBridge } from "../../contract/bridge";
import {
  offersRestore,
  recoveryChannels,
  STARTUP_EVENT,
  startupStateSchema,
  type RecoveryChannel,
  type StartupState,
  type StartupStep,
} from "../../contract/recovery";
import type { Result } from "../../contract/result";
import type { BackupInfo } from "../../contract/maintenance";
import { PIN_DIGITS } from "../../contract/common";
import { PAD_CODE_DIGITS } from "../../contract/staff";
import { SecretDigitsField } from "../common/SecretDigitsField";

declare global {
  interface Window {
    kiosk: KioskBridge;
  }
}

const STEP_TEXT: Record<StartupStep, string> = {
  checking: "Checking the database",
  "backing-up": "Backing up before the update",
  upgrading: "Updating the database",
  opening: "Opening",
};

async function call(channel: RecoveryChannel, input: object): Promise<string | null> {
  recoveryChannels[channel].input.parse(input);
  const r = (await window.kiosk.invoke(channel, input)) as Result<unknown>;
  return r.ok ? null : r.error.message;
}

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
const size = (bytes: number) =>
  bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
const KIND_TEXT: Record<BackupInfo["kind"], string> = {
  auto: "daily",
  manual: "manual",
  "before-restore": "before a restore",
  "before-upgrade": "before an update",
  rescued: "rescued when the data file went missing",
};

/**
 * Recovery on the guest's display: a guest can only call staff; a manager's PIN (checked against
 * the newest readable backup) opens the real screen. Nothing else is reachable from here.
 */
function LockedRecovery({
  title,
  onUnlock,
  onOpenPad,
  error,
  busy,
}: {
  title: string;
  onUnlock: (pin: string) => Promise<unknown>;
  /** The spa's unlock code: opens this screen's PIN pad when wrong PINs made it wait. */
  onOpenPad: (code: string) => Promise<boolean>;
  error: string | null;
  busy: boolean;
}) {
  const [pin, setPin] = useState("");
  /** null: the manager's PIN; a string: the unlock code being typed. */
  const [code, setCode] = useState<string | null>(null);
  const [padOpened, setPadOpened] = useState(false);
  /** The PIN's refusal stays with the PIN: the code form shows only its own answers. */
  const [codeTried, setCodeTried] = useState(false);
  if (code !== null) {
    return (
      <main className="recovery problem">
        <h1>{title}</h1>
        <form
          className="card"
          aria-labelledby="code-title"
          onSubmit={(e) => {
            e.preventDefault();
            setCodeTried(true);
            void onOpenPad(code).then((opened) => {
              setPadOpened(opened);
              setCode(opened ? null : "");
            });
          }}
        >
          <h2 id="code-title">Staff: the spa&apos;s unlock code</h2>
          <p>It opens this screen&apos;s PIN pad after wrong PINs; then a manager types their PIN.</p>
          <SecretDigitsField
            label="Unlock code"
            digits={PAD_CODE_DIGITS}
            value={code}
            invalid={codeTried && Boolean(error)}
            onValue={setCode}
          />
          {codeTried && error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="primary" disabled={busy || code.length < PAD_CODE_DIGITS}>
            Open the PIN pad
          </button>
          <button type="button" className="secondary" onClick={() => setCode(null)}>
            Back to the manager&apos;s PIN
          </button>
        </form>
      </main>
    );
  }
  return (
    <main className="recovery problem">
      <h1>{title}</h1>
      <p className="message">Happy Head can't open right now. Please ask a member of staff for help.</p>
      <form
        className="card"
        aria-labelledby="unlock-title"
        onSubmit={(e) => {
          e.preventDefault();
          void onUnlock(pin).then(() => setPin(""));
        }}
      >
        <h2 id="unlock-title">Staff: manager's PIN</h2>
        {padOpened && !error && <p role="status">The PIN pad is open: a manager types their PIN.</p>}
        <SecretDigitsField label="PIN" digits={PIN_DIGITS.max} value={pin} invalid={Boolean(error)} onValue={setPin} />
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy || pin.length < PIN_DIGITS.min}>
          Unlock
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setCodeTried(false);
            setCode("");
          }}
        >
          PIN pad waiting? Open it with the spa&apos;s code
        </button>
      </form>
    </main>
  );
}

/** The startup window: progress while the database is checked and opened; recovery when it can't be. */
export function RecoveryApp() {
  const [state, setState] = useState<StartupState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const off = window.kiosk.on(STARTUP_EVENT, (payload) => {
      const parsed = startupStateSchema.safeParse(payload);
      if (parsed.success) setState(parsed.data);
    });
    void window.kiosk.invoke("recovery.state", {}).then((r) => {
      const res = r as Result<unknown>;
      const parsed = res.ok ? startupStateSchema.safeParse(res.value) : null;
      if (parsed?.success) setState(parsed.data);
    });
    return off;
  }, []);

  /** Resolves true when the action was done (its refusal, if any, is shown). */
  const act = async (channel: RecoveryChannel, input: object = {}): Promise<boolean> => {
    setBusy(true);
    const refused = await call(channel, input);
    setError(refused);
    setBusy(false);
    return refused === null;
  };

  if (!state || state.phase === "starting") {
    const step = state?.phase === "starting" ? state : null;
    const pct = step ? Math.round(((step.stepIndex + 0.5) / step.stepCount) * 100) : 5;
    return (
      <main className="recovery starting" aria-busy="true">
        <h1>Happy Head is starting</h1>
        <p className="step" role="status">
          {step ? `${STEP_TEXT[step.step]}…` : "Starting…"}
        </p>
        <progress max={100} value={pct} aria-label="Startup progress">
          {pct}%
        </progress>
        {step && (
          <p className="hint">
            Step {step.stepIndex + 1} of {step.stepCount}. Please don't switch the kiosk off.
          </p>
        )}
      </main>
    );
  }
  if (state.phase === "ready") {
    return (
      <main className="recovery starting">
        <h1>Ready</h1>
        <p role="status">Opening the kiosk…</p>
      </main>
    );
  }
  if (state.locked)
    return (
      <LockedRecovery
        title={state.title}
        onUnlock={(pin) => act("recovery.unlock", { pin })}
        onOpenPad={(code) => act("recovery.openPad", { code })}
        error={error}
        busy={busy}
      />
    );
  const newest = state.backups[0];
  return (
    <main className="recovery problem">
      <h1>{state.title}</h1>
      <p className="message">{state.message}</p>
      <p className="folder">
        Data folder: <code>{state.dataDir}</code>
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {offersRestore(state.kind) && (
        <section aria-labelledby="restore-title" className="card">
          <h2 id="restore-title">Restore from a backup</h2>
          {state.backups.length === 0 ? (
            <p>There are no backups in this data folder.</p>
          ) : (
            <>
              <p>The current database is kept as a backup before anything is replaced.</p>
              <ul className="backups">
                {state.backups.map((b) => (
                  <li key={b.name}>
                    <span>
                      <strong>{when(b.createdAt)}</strong> · {KIND_TEXT[b.kind]} · {size(b.sizeBytes)}
                      {b === newest && <em> (most recent)</em>}
                    </span>
                    <button
                      type="button"
                      className={b === newest ? "primary" : "secondary"}
                      disabled={busy}
                      onClick={() => void act("recovery.restore", { name: b.name })}
                      aria-label={`Restore the backup from ${when(b.createdAt)}`}
                    >
                      Restore
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
      <div className="actions">
        {state.canRetry && (
          <button type="button" className="primary" disabled={busy} onClick={() => void act("recovery.retry")}>
            Try again
          </button>
        )}
        <button type="button" className="secondary" disabled={busy} onClick={() => void act("recovery.chooseFolder")}>
          Open a different folder…
        </button>
        <button type="button" className="danger" disabled={busy} onClick={() => void act("recovery.quit")}>
          Quit
        </button>
      </div>
    </main>
  );
}
