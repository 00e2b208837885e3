import { useEffect, useState } from "react";
import { call, messageOf } from "../common/api";

/** 1234 5678 90: easier to copy onto paper and read back. */
const grouped = (code: string) => code.replace(/(\d{4})(\d{4})(\d+)/, "$1 $2 $3");

/**
 * The spa's unlock code, the only time it is shown (the first run, or a manager making a new one):
 * where to keep it, and an "I've written it down" step before it goes away for good. Nothing in
 * the app shows it again; a manager can make a new one, which stops this one working.
 */
export function UnlockCodeShown({ code, onDone }: { code: string; onDone: () => void }) {
  const [written, setWritten] = useState(false);
  return (
    <div className="unlock-code">
      <h2 id="code-title">Write down the spa&apos;s unlock code</h2>
      <p className="issued-pin" data-testid="pad-code">
        {grouped(code)}
      </p>
      <div id="code-body">
        <p>
          If a guest taps wrong PINs at the staff screen, it waits before it takes the next one (on a single screen, for
          hours). Staff type this code there to open it at once, then sign in with their own PIN.
        </p>
        <p>
          <strong>Keep it behind the desk</strong> (in the till or the manager&apos;s notebook), where staff can find it
          and guests can&apos;t. Never on or near the kiosk, and not on a note stuck to the screen.
        </p>
        <p>
          This is the only time it is shown. If it is lost, a manager makes a new one in Back office › Staff, and this
          one stops working.
        </p>
      </div>
      <label className="check">
        <input type="checkbox" checked={written} onChange={(e) => setWritten(e.target.checked)} /> I&apos;ve written it
        down and it will be kept behind the desk
      </label>
      <button type="button" className="primary" disabled={!written} onClick={onDone}>
        Done: hide the code
      </button>
    </div>
  );
}

/** The code in a dialog over the current screen (Back office › Staff, the prompt below). */
export function UnlockCodeDialog({ code, onDone }: { code: string; onDone: () => void }) {
  return (
    <div className="overlay">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="code-title" aria-describedby="code-body">
        <UnlockCodeShown code={code} onDone={onDone} />
      </div>
    </div>
  );
}

/**
 * For a signed-in manager: a spa without an unlock code (set up before the first run made one, or
 * restored from a backup that had none) is told so plainly and can make it here. Checked again
 * whenever `checkAgain` changes (after a restore).
 */
export function UnlockCodeMissing({
  checkAgain,
  guard,
}: {
  checkAgain: unknown;
  guard: <T>(p: Promise<T>) => Promise<T>;
}) {
  const [missing, setMissing] = useState(false);
  const [shown, setShown] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    guard(call("staff.padCode", {})).then(
      (r) => setMissing(r.madeAt === null),
      () => undefined, // the banner is a reminder; the Staff page says the same and reports errors
    );
  }, [checkAgain, guard]);
  const make = async () => {
    setError(null);
    try {
      const r = await guard(call("staff.makePadCode", {}));
      setShown(r.code);
      setMissing(false);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <>
      {missing && (
        <section className="notice unlock-missing" aria-labelledby="unlock-missing-title">
          <h2 id="unlock-missing-title">This spa has no unlock code</h2>
          <p>
            Without it, a guest who taps wrong PINs at the staff screen can keep staff out for hours. Make it now and
            keep it behind the desk.
          </p>
          <button type="button" className="primary" onClick={() => void make()}>
            Make the unlock code now
          </button>
          {error && <p role="alert">{error}</p>}
        </section>
      )}
      {shown && <UnlockCodeDialog code={shown} onDone={() => setShown(null)} />}
    </>
  );
}
