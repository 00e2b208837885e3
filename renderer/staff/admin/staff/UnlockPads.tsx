import { useEffect, useState } from "react";
import { call } from "../../../common/api";
import { UnlockCodeDialog } from "../../UnlockCode";
import type { Guard } from "../../useAuthGuard";
import { toFormError } from "../form";

/**
 * Wrong PINs slow a PIN pad down (not a person): a manager clears every pad's delay here, e.g.
 * after a guest kept tapping the PIN pad opened from the kiosk.
 */
export function UnlockPads({ guard }: { guard: Guard }) {
  const [status, setStatus] = useState<string | null>(null);
  const unlock = async () => {
    try {
      const r = await guard(call("staff.unlockPads", {}));
      setStatus(
        r.unlocked === 0
          ? "No PIN pad was waiting."
          : `Unlocked ${r.unlocked} PIN pad${r.unlocked === 1 ? "" : "s"}: they take PINs again now.`,
      );
    } catch (e) {
      setStatus(toFormError(e).message);
    }
  };
  return (
    <section className="admin-form narrow" aria-labelledby="pads-title">
      <h2 id="pads-title">PIN pads</h2>
      <p>
        After several wrong PINs, a screen waits longer and longer before it takes the next one. Unlock them all here.
      </p>
      <button type="button" className="secondary" onClick={() => void unlock()}>
        Unlock the PIN pads
      </button>
      {status && <p role="status">{status}</p>}
      <PadCode guard={guard} />
    </section>
  );
}

/**
 * The spa's unlock code: when nobody is signed in (one display: the kiosk's PIN pad is the only
 * one), staff open a waiting pad with it. Made here, shown once, kept behind the desk.
 */
function PadCode({ guard }: { guard: Guard }) {
  const [madeAt, setMadeAt] = useState<string | null | undefined>(undefined);
  const [shown, setShown] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    guard(call("staff.padCode", {})).then(
      (r) => setMadeAt(r.madeAt),
      (e: unknown) => setError(toFormError(e).message),
    );
  }, [guard]);
  const make = async () => {
    try {
      const r = await guard(call("staff.makePadCode", {}));
      setMadeAt(r.madeAt);
      setShown(r.code);
    } catch (e) {
      setError(toFormError(e).message);
    }
  };
  return (
    <>
      <h3 className="pad-code-title">Unlock code</h3>
      <p>
        When nobody is signed in to unlock the pads (one display: the kiosk&apos;s PIN pad is the only one), staff type
        the spa&apos;s unlock code on a waiting pad to open it at once. Keep it behind the desk, away from guests.
      </p>
      {madeAt !== undefined && (
        <p role="status" data-testid="pad-code-state">
          {madeAt === null
            ? "This spa has no unlock code yet: make it now, or a guest's wrong PINs can keep staff out for hours."
            : `The current code was made ${new Date(madeAt).toLocaleString()}. It is never shown again; a new code replaces it.`}
        </p>
      )}
      <button type="button" className={madeAt === null ? "primary" : "secondary"} onClick={() => void make()}>
        {madeAt ? "Make a new unlock code" : "Make the unlock code"}
      </button>
      {error && <p role="alert">{error}</p>}
      {shown && <UnlockCodeDialog code={shown} onDone={() => setShown(null)} />}
    </>
  );
}
