import { useCallback, useEffect, useState } from "react";
import { sessionStateSchema, type SessionState } from "../../contract/dashboard";
import { todayIn } from "../../renderer/common/format";
import { DashboardError, get, post, setCsrf } from "./api";
import { forgetDrafts } from "./draftStore";
import { Compare } from "./Compare";
import { Location } from "./Location";
import { Offers } from "./Offers";
import { initialRange, type RangeChoice } from "./RangePicker";
import { SignIn } from "./SignIn";

type View =
  | { kind: "loading" }
  | { kind: "failed"; message: string }
  | { kind: "signedOut"; notice: string | null }
  | { kind: "signedIn"; email: string };

/**
 * The page the address names: `#/location/<id>` one location's report, `#/offers` the chain's offers, anything else the
 * comparison.
 */
const locationInHash = () => /^#\/location\/([0-9a-f-]{36})$/.exec(window.location.hash)?.[1] ?? null;
const offersInHash = () => window.location.hash === "#/offers";

/** The dashboard: the sign-in page, or the chain's reports once an owner has signed in. */
export function App() {
  const [view, setView] = useState<View>({ kind: "loading" });
  const today = todayIn(Intl.DateTimeFormat().resolvedOptions().timeZone);
  // The range stays as chosen when the owner moves between the comparison and a location.
  const [choice, setChoice] = useState<RangeChoice>(() => initialRange(today));
  const [location, setLocation] = useState(locationInHash);
  const [offers, setOffers] = useState(offersInHash);
  useEffect(() => {
    const follow = () => {
      setLocation(locationInHash());
      setOffers(offersInHash());
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
              <a href="#/" aria-current={offers ? undefined : "page"}>
                Reports
              </a>
              <a href="#/offers" aria-current={offers ? "page" : undefined}>
                Chain offers
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
        {view.kind === "signedOut" && <SignIn notice={view.notice} onSignedIn={(state) => adopt(state)} />}
        {view.kind === "signedIn" &&
          (offers ? (
            <Offers onSignedOut={onSignedOut} />
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
