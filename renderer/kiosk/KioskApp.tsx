import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { AppInfo } from "../../contract/channels";
import { languageOwnNames } from "../../contract/common";
import { AlertDialog } from "../common/AlertDialog";
import { call, onEvent } from "../common/api";
import { sinceStartMs } from "../common/clock";
import { LANGUAGES, type Lang } from "../common/i18n";
import { clearsAfter, isWorking, WARN_SECONDS, type Screen } from "./flow/screen";
import { Confirm } from "./screens/Confirm";
import { Done } from "./screens/Done";
import { Find } from "./screens/Find";
import { Later } from "./screens/Later";
import { Matches } from "./screens/Matches";
import { NotFound } from "./screens/NotFound";
import { Offer } from "./screens/Offer";
import { NotToday, Screening } from "./screens/Screening";
import { Preferences } from "./screens/Preferences";
import { SeeTheDesk } from "./screens/SeeTheDesk";
import { KioskContext, type Kiosk } from "./screens/shared";
import { WalkIn, WalkInDone } from "./screens/WalkIn";
import { Welcome } from "./screens/Welcome";
import { useFlow } from "./useFlow";
import { useIdle } from "./useIdle";
import { useWaiting } from "./useWaiting";

/**
 * The guest kiosk around its screens: the spa's settings and logo, language and text size, the
 * idle reset and the last screens' countdown. What each screen leads to is in flow/, the steps
 * that ask the main process in useFlow.ts, each screen in screens/.
 */
export function KioskApp() {
  const { t, i18n } = useTranslation();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [logo, setLogo] = useState<string | null>(null);
  const [large, setLarge] = useState(false);
  const lang: Lang = LANGUAGES.find((l) => l === i18n.language) ?? "en";
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { screen, show, restart, giveUp, steps } = useFlow(lang);

  const loadInfo = useCallback(() => {
    call("app.info", {}).then(setInfo, () => show({ name: "error", message: "error.generic" }));
    // The spa's logo (back office → Kiosk) arrives as a data: URL; without one the name stands alone.
    call("app.logo", {}).then(
      (r) => setLogo(r.dataUrl),
      () => setLogo(null),
    );
  }, [show]);
  useEffect(() => {
    loadInfo();
    return onEvent("settings.changed", loadInfo);
  }, [loadInfo]);

  /** Back to Welcome: every guest detail leaves state, and so the DOM; a late answer is dropped. */
  const reset = useCallback(() => {
    void call("kiosk.endVisit", {}).catch(() => undefined);
    restart();
    setLarge(false);
    void i18n.changeLanguage(info?.languages[0] ?? "en");
  }, [restart, i18n, info]);

  const idleActive = screen.name !== "welcome" || large || lang !== (info?.languages[0] ?? "en");
  const idle = useIdle(idleActive, info?.idleSeconds ?? 45, WARN_SECONDS, reset);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.documentElement.classList.toggle("text-large", large);
  }, [lang, large]);
  // A new screen starts at its top (a zoomed kiosk may have scrolled the last), its heading below the corner buttons.
  useEffect(() => {
    window.scrollTo(0, 0);
    headingRef.current?.focus({ preventScroll: true });
  }, [screen.name]);
  // Each new screen's heading takes the focus, for screen readers and keyboards. Its ring shows
  // only once a key was pressed: Chromium would also ring it on a kiosk no one has touched yet
  // (after a start or reload), a blue box around "Welcome" that means nothing on a touch screen.
  useEffect(() => {
    const root = document.documentElement;
    const keys = () => root.classList.add("keyboard-used");
    const touch = () => root.classList.remove("keyboard-used");
    window.addEventListener("keydown", keys, { capture: true });
    window.addEventListener("pointerdown", touch, { capture: true });
    return () => {
      window.removeEventListener("keydown", keys, { capture: true });
      window.removeEventListener("pointerdown", touch, { capture: true });
    };
  }, []);

  // The last screen clears itself, counting down on screen, so the guest sees why it went and
  // the next guest never finds the last one's name. Set before the screen paints: never "0 seconds". Counted on the
  // monotonic clock: the machine's clock set back never leaves the name there.
  const [clearsIn, setClearsIn] = useState(0);
  useLayoutEffect(() => {
    const seconds = clearsAfter(screen);
    if (seconds === null) return;
    const started = sinceStartMs();
    setClearsIn(seconds);
    const timer = window.setInterval(() => {
      const left = seconds - Math.floor((sinceStartMs() - started) / 1000);
      if (left <= 0) reset();
      else setClearsIn(left);
    }, 250);
    return () => window.clearInterval(timer);
  }, [screen, reset]);

  /**
   * Another language, mid-way too: the screen's own text follows at once, and an offer or Done
   * screen reads the visit again for the add-ons' titles and benefit lines in that language.
   */
  const switchLanguage = async (next: Lang) => {
    await i18n.changeLanguage(next);
    await steps.readCardsIn(next);
  };
  /** Language and text size, on every screen: a guest may notice only after starting. */
  const viewTools = (
    <>
      {/* Each other language the spa offers, by its own name and in its own words. */}
      {info?.languages
        .filter((l) => l !== lang)
        .map((l) => (
          <button
            key={l}
            type="button"
            className="secondary"
            lang={l}
            aria-label={i18n.getFixedT(l)("language.switchTo")}
            onClick={() => void switchLanguage(l)}
          >
            {languageOwnNames[l]}
          </button>
        ))}
      {/* On, it looks pressed (and says so), so a guest sees how to switch back. */}
      <button type="button" className="secondary text-size" aria-pressed={large} onClick={() => setLarge(!large)}>
        {large && <span aria-hidden="true">✓ </span>}
        {t("common.textSize")}
      </button>
    </>
  );

  const working = isWorking(screen);
  const wait = useWaiting(working, giveUp);
  const kiosk: Kiosk = {
    info,
    lang,
    timeZone: info?.timeZone ?? "UTC",
    steps,
    go: (next: Screen) => show(next),
    reset,
    headingRef,
  };

  return (
    <KioskContext.Provider value={kiosk}>
      <main className={`kiosk screen-${screen.name}`}>
        <section
          className={`screen ${screen.name}`}
          aria-labelledby="screen-title"
          aria-busy={working}
          inert={idle.warningLeft !== null}
        >
          <div className="screen-body">
            {screen.name === "welcome" && <Welcome logo={logo} tools={viewTools} />}
            {screen.name === "find" && <Find screen={screen} />}
            {screen.name === "matches" && <Matches screen={screen} />}
            {screen.name === "notFound" && <NotFound screen={screen} />}
            {screen.name === "later" && <Later screen={screen} />}
            {screen.name === "walkIn" && <WalkIn screen={screen} />}
            {screen.name === "walkInDone" && <WalkInDone screen={screen} clearsIn={clearsIn} />}
            {screen.name === "confirm" && <Confirm screen={screen} />}
            {screen.name === "preferences" && <Preferences screen={screen} />}
            {screen.name === "offer" && <Offer screen={screen} />}
            {screen.name === "screening" && <Screening screen={screen} />}
            {screen.name === "notToday" && <NotToday screen={screen} />}
            {screen.name === "done" && <Done screen={screen} clearsIn={clearsIn} />}
            {(screen.name === "gone" || screen.name === "error") && <SeeTheDesk screen={screen} />}
          </div>
          {screen.name !== "welcome" && <div className="toolbar corner">{viewTools}</div>}
          {/* A tap waiting on the main process reads as working, not only as buttons gone faint: words, mid-glass. Past
              a few seconds it says it is taking longer than usual, and where help is (flow/waiting.ts). */}
          <p className={`working${wait === "slow" ? " slow" : ""}`} role="status">
            {working && t("common.working")}
            {wait === "slow" && (
              <>
                {" "}
                <span className="slow-line">{t("waiting.slow")}</span>{" "}
                <span className="slow-line">{t("waiting.slowHelp")}</span>
              </>
            )}
          </p>
        </section>

        {idle.warningLeft !== null && (
          <AlertDialog
            title={t("idle.title")}
            body={t("idle.body", { count: idle.warningLeft })}
            action={t("idle.stay")}
            onAction={idle.stay}
            actionClass="primary big"
          />
        )}
      </main>
    </KioskContext.Provider>
  );
}
