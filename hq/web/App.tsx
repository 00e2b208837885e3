import { useCallback, useEffect, useState } from "react";
import { sessionStateSchema, type SessionState } from "../../contract/dashboard";
import { todayIn } from "../../renderer/common/format";
import { DashboardError, get, post, setCsrf } from "./api";
import { forgetDrafts } from "./draftStore";
import { CodeSignIn } from "./CodeSignIn";
import { Compare } from "./Compare";
import { Location } from "./Location";
import { NewBrowser } from "./NewBrowser";
import { Offers } from "./Offers";
import { initialRange, type RangeChoice } from "./RangePicker";
import { SignIn } from "./SignIn";

type View =
  | { kind: "loading" }
  | { kind: "failed"; message: string }
  | { kind: "signedOut"; notice: string | null }
  | { kind: "signedIn"; email: string };

/**
 * The page the address names: `#/location/<id>` one location's report, `#/offers` the chain's offers, `#/new-browser`
 * the one-time codes, anything else the comparison. Signed out: `#/code` (with the code a link carries, or none) the
 * sign-in with a one-time code, anything else the sign-in with a password.
 */
const locationInHash = () => /^#\/location\/([0-9a-f-]{36})$/.exec(window.location.hash)?.[1] ?? null;
const pageInHash = () =>
  window.location.hash === "#/offers" ? "offers" : window.location.hash === "#/new-browser" ? "newBrowser" : null;
const codeInHash = () => {
  const found = /^#\/code(?:\/([\w-]{0,40}))?$/.exec(window.location.hash);
  return found ? (found[1] ?? "") : null;
};

/** The dashboard: the sign-in page, or the chain's reports once an owner has signed in. */
export function App() {
  const [view, setView] = useState<View>({ kind: "loading" });
  const today = todayIn(Intl.DateTimeFormat().resolvedOptions().timeZone);
  // The range stays as chosen when the owner moves between the comparison and a location.
  const [choice, setChoice] = useState<RangeChoice>(() => initialRange(today));
  const [location, setLocation] = useState(locationInHash);
  const [page, setPage] = useState(pageInHash);
  const [code, setCode] = useState(codeInHash);
  useEffect(() => {
    const follow = () => {
      setLocation(locationInHash());
      setPage(pageInHash());
      setCode(codeInHash());
    };
    window.addEventListener("hashchange", follow);
    return () => window.removeEventListener("hashchange", follow);
  }, []);

  const adopt = useCallback((state: SessionState, notice: string | null = null) => {
    setCsrf(state.csrf);
    setView(state.signedIn ? { kind: "signedIn", email: state.email } : { kind: "signedOut", notice });
  }, []);
  const refresh = useCallback(
    (notice: string | null = null) =>
      get("/api/session", sessionStateSchema).then(
        (state) => adopt(state, notice),
        (e: unknown) => setView({ kind: "failed", message: e instanceof Error ? e.message : String(e) }),
      ),
    [adopt],
  );
  useEffect(() => void refresh(), [refresh]);

  /** A request refused because the session ended: back to the sign-in page, saying why. */
  const onSignedOut = useCallback((e: DashboardError) => void refresh(e.message), [refresh]);
  const signOut = () => {
    // Whoever signs in next at this tab starts the chain's offers from the newest release, not from these changes.
    forgetDrafts();
    return post("/api/sign-out", {}, sessionStateSchema).then(
      (state) => adopt(state, "You are signed out."),
      (e: unknown) => void refresh(e instanceof Error ? e.message : null),
    );
  };

  return (
    <div className="hq">
      <header className="topbar">
        <span className="brand">
          <strong>Happy Head</strong> head office
        </span>
        {view.kind === "signedIn" && (
          <>
            <nav aria-label="Pages" className="pages">
              <a href="#/" aria-current={page ? undefined : "page"}>
                Reports
              </a>
              <a href="#/offers" aria-current={page === "offers" ? "page" : undefined}>
                Chain offers
              </a>
              <a href="#/new-browser" aria-current={page === "newBrowser" ? "page" : undefined}>
                New browser
              </a>
            </nav>
            <span className="who">Signed in as {view.email}</span>
            <button type="button" className="secondary" onClick={() => void signOut()}>
              Sign out
            </button>
          </>
        )}
      </header>
      <main>
        {view.kind === "loading" && <p role="status">Loading…</p>}
        {view.kind === "failed" && (
          <p className="error" role="alert">
            {view.message}
          </p>
        )}
        {view.kind === "signedOut" &&
          (code === null ? (
            <SignIn notice={view.notice} onSignedIn={(state) => adopt(state)} />
          ) : (
            <CodeSignIn
              initial={code}
              onSignedIn={(state) => {
                setCode(null);
                adopt(state);
              }}
            />
          ))}
        {view.kind === "signedIn" &&
          (page === "offers" ? (
            <Offers onSignedOut={onSignedOut} />
          ) : page === "newBrowser" ? (
            <NewBrowser onSignedOut={onSignedOut} />
          ) : location ? (
            <Location
              key={location}
              id={location}
              choice={choice}
              today={today}
              onChoice={setChoice}
              onSignedOut={onSignedOut}
            />
          ) : (
            <Compare choice={choice} today={today} onChoice={setChoice} onSignedOut={onSignedOut} />
          ))}
      </main>
    </div>
  );
}
