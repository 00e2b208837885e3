import { useCallback, useEffect, useRef, useState } from "react";
import {
  cancelledSignInCodeSchema,
  madeSignInCodeSchema,
  SIGNIN_CODE_MINUTES,
  signInCodeListSchema,
  type MadeSignInCode,
  type SignInCodeList,
} from "../../contract/dashboard";
import { DashboardError, get, post } from "./api";
import { failureOf } from "./page";
import { QrCode } from "./QrCode";
import { useSecondsLeft, waitText } from "./secondsLeft";
import { dateTimeText, timeText } from "./time";
import "../../renderer/staff/reports/reports.css";

type Code = SignInCodeList["codes"][number];

/**
 * How often, while the code on screen waits, the page asks head office what became of it: the owner who has just
 * scanned it with the new phone sees it used within seconds, and never a dead code that looks live.
 */
const WATCH_MS = 3000;
/**
 * The page's own asks carry `watch=1`: they are not the owner's doing, so head office lets the session end
 * IDLE_MINUTES after the owner's last action even while a code is on screen.
 */
const WATCH_URL = "/api/sign-in-codes?watch=1";
/** Said on the sign-in page after the session ended while this page watched a code: that code is dead too. */
const CODE_ENDED_TOO =
  "The one-time code that was on screen went with it and signs nobody in: after signing in, make a new one.";
/** A code's line in the list: what became of it, in the owner's words. */
function stateText(code: Code, secondsLeft: number): string {
  switch (code.state) {
    case "waiting":
      return `Waiting to be used: ${waitText(secondsLeft)} left`;
    case "used":
      return `Used ${dateTimeText(code.endedAt ?? code.madeAt)}`;
    case "cancelled":
      return `Cancelled ${dateTimeText(code.endedAt ?? code.madeAt)}`;
    case "expired":
      return "Expired unused";
    case "stopped":
      return "Stopped unused: the browser that made it signed out";
  }
}

/** What the code's panel says once the code has ended: its code, QR code and link are gone by then. */
function endedText(state: Exclude<Code["state"], "waiting">, endedAt: string | null): string {
  switch (state) {
    case "used":
      return `Used${endedAt ? ` at ${timeText(endedAt)}` : ""}: a browser signed in with this code. It signs nobody else in.`;
    case "cancelled":
      return `Cancelled${endedAt ? ` at ${timeText(endedAt)}` : ""}: this code signs nobody in.`;
    case "expired":
      return "This code has expired unused.";
    case "stopped":
      return "This code stopped unused: the browser that made it signed out.";
  }
}

/**
 * New browser: the owner, signed in here, makes a one-time code that signs one new browser in (their new phone, a
 * laptop), even while strangers' wrong passwords keep new browsers out. The code is shown this once, with a QR code
 * of the link that carries it; below, the codes of the last days and what became of each, the waiting ones
 * cancellable. While the code shown waits, the page keeps asking what became of it, so it says "used" as soon as the
 * new browser has signed in.
 */
export function NewBrowser({ onSignedOut }: { onSignedOut: (e: DashboardError) => void }) {
  const [list, setList] = useState<SignInCodeList | null>(null);
  const [made, setMade] = useState<MadeSignInCode | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** The last time the page asked what became of the code shown, head office did not answer. */
  const [unanswered, setUnanswered] = useState(false);
  const title = useRef<HTMLHeadingElement>(null);
  const shown = useRef<HTMLElement>(null);
  /** Counts the lists the page has been given, so an answer to a question asked before a newer list is dropped. */
  const lists = useRef(0);
  const adopt = useCallback((next: SignInCodeList) => {
    lists.current++;
    setList(next);
  }, []);

  const failed = useCallback((e: unknown) => setError(failureOf(e, onSignedOut)), [onSignedOut]);
  const load = useCallback(() => get("/api/sign-in-codes", signInCodeListSchema).then(adopt, failed), [adopt, failed]);
  useEffect(() => {
    title.current?.focus();
    void load();
  }, [load]);
  useEffect(() => shown.current?.focus(), [made]);

  const madeRow = made ? list?.codes.find((c) => c.id === made.id) : undefined;
  const watching = made !== null && (madeRow === undefined || madeRow.state === "waiting");
  useEffect(() => {
    if (!watching) return;
    // The session ended while the code waited (signed out in another tab, its 12 hours up): back to sign in, saying
    // so, and that the code went with it.
    const endedWithCode = (ended: DashboardError) =>
      onSignedOut(new DashboardError(ended.code, `${ended.message} ${CODE_ENDED_TOO}`));
    const ask = () => {
      if (document.visibilityState !== "visible") return;
      const asked = lists.current;
      get(WATCH_URL, signInCodeListSchema).then(
        (answer) => {
          if (lists.current === asked) adopt(answer);
          setUnanswered(false);
        },
        (e: unknown) => setUnanswered(failureOf(e, endedWithCode) !== null),
      );
    };
    const timer = window.setInterval(ask, WATCH_MS);
    document.addEventListener("visibilitychange", ask);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", ask);
    };
  }, [watching, adopt, onSignedOut]);

  const make = () => {
    setBusy(true);
    setError(null);
    setNotice(null);
    setUnanswered(false);
    post("/api/sign-in-codes", {}, madeSignInCodeSchema)
      .then((code) => {
        setMade(code);
        return load();
      }, failed)
      .finally(() => setBusy(false));
  };
  const cancel = (id: string) => {
    setError(null);
    post("/api/sign-in-codes/cancel", { id }, cancelledSignInCodeSchema).then((answer) => {
      adopt({ codes: answer.codes });
      if (made?.id === id) setMade(null);
      setNotice(
        answer.cancelled
          ? "The code is cancelled: it signs nobody in."
          : "That code could not be cancelled: it had been used or had ended first. Its line below says which.",
      );
    }, failed);
  };

  return (
    <section className="new-browser" aria-labelledby="new-browser-title">
      <h1 id="new-browser-title" tabIndex={-1} ref={title}>
        Sign in a new browser
      </h1>
      <p className="lead">
        For your new phone or laptop, or when signing in there with your password is locked: make a one-time code here,
        then point the new phone's camera at its QR code, or on the new browser choose{" "}
        <strong>Sign in with a one-time code</strong> and type it, or open the link. It signs in one browser, once,
        within {SIGNIN_CODE_MINUTES} minutes, and only while this browser stays signed in. That browser is then one of
        yours.
      </p>
      {!made && (
        <button type="button" className="primary" disabled={busy} onClick={make}>
          {busy ? "Making a code…" : "Make a one-time code"}
        </button>
      )}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {made && (
        <MadeCode
          key={made.id}
          made={made}
          ended={madeRow?.state === "waiting" ? undefined : madeRow}
          unanswered={unanswered}
          ref={shown}
          onCancel={() => cancel(made.id)}
          onDone={make}
        />
      )}
      {list && <CodeList list={list} onCancel={cancel} />}
    </section>
  );
}

/**
 * The code just made, shown this once: big enough to read off across a desk, its link as a QR code for a phone's
 * camera, and its time left. Once the code is used, cancelled or expired, the code, QR code and link go: what is left
 * says what became of it, so a dead code never looks live.
 */
function MadeCode({
  made,
  ended,
  unanswered,
  ref,
  onCancel,
  onDone,
}: {
  made: MadeSignInCode;
  /** The code's line in the list once it is no longer waiting. */
  ended: Code | undefined;
  unanswered: boolean;
  ref: React.Ref<HTMLElement>;
  onCancel: () => void;
  onDone: () => void;
}) {
  const left = useSecondsLeft(made.secondsLeft);
  const link = `${window.location.origin}/#/code/${made.code}`;
  const until = timeText(new Date(Date.now() + left * 1000).toISOString());
  const over = ended && ended.state !== "waiting" ? ended.state : left === 0 ? "expired" : null;
  return (
    <section
      className={over ? "made-code card ended" : "made-code card"}
      tabIndex={-1}
      ref={ref}
      aria-labelledby="made-code-title"
    >
      <h2 id="made-code-title">Your one-time code</h2>
      {over === null ? (
        <>
          <p className="code" aria-label={`Code ${[...made.code].join(" ")}`}>
            {made.code}
          </p>
          <p>
            Works once, until {until} ({waitText(left)} left). Shown only this once: head office keeps no copy.
          </p>
          <div className="scan">
            <QrCode text={link} label="QR code of the sign-in link" />
            <div>
              <p>On the new phone: point its camera at this QR code, open the link it shows, then press Sign in.</p>
              <p className="link-line">
                Or open this link on the new browser: <span className="link">{link}</span>
              </p>
              {unanswered && (
                <p className="notice" role="status">
                  Head office did not answer just now: once it answers again, this page says whether the code has been
                  used.
                </p>
              )}
            </div>
          </div>
          <div className="actions">
            <button type="button" className="danger" onClick={onCancel}>
              Cancel this code
            </button>
          </div>
        </>
      ) : (
        <>
          <p role="status">{endedText(over, ended?.endedAt ?? null)}</p>
          <button type="button" className="primary" onClick={onDone}>
            Make another code
          </button>
        </>
      )}
    </section>
  );
}

function CodeList({ list, onCancel }: { list: SignInCodeList; onCancel: (id: string) => void }) {
  return (
    <table className="report-table codes">
      <caption>Codes made in the last 30 days, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Made</th>
          <th scope="col">What became of it</th>
          <th scope="col">
            <span className="visually-hidden">Cancel</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {list.codes.length === 0 && (
          <tr>
            <td colSpan={3}>None yet.</td>
          </tr>
        )}
        {list.codes.map((c) => (
          <CodeRow key={c.id} code={c} onCancel={onCancel} />
        ))}
      </tbody>
    </table>
  );
}

function CodeRow({ code, onCancel }: { code: Code; onCancel: (id: string) => void }) {
  const left = useSecondsLeft(code.secondsLeft);
  const waiting = code.state === "waiting" && left > 0;
  return (
    <tr>
      <th scope="row">{dateTimeText(code.madeAt)}</th>
      <td>{code.state === "waiting" && left === 0 ? "Expired unused" : stateText(code, left)}</td>
      <td>
        {waiting && (
          <button
            type="button"
            className="danger"
            aria-label={`Cancel the code made ${dateTimeText(code.madeAt)}`}
            onClick={() => onCancel(code.id)}
          >
            Cancel
          </button>
        )}
      </td>
    </tr>
  );
}
