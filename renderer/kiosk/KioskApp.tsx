import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { AppInfo, AppointmentMatch, KioskVisit } from "../../contract/channels";
import { call, messageOf, onEvent, ApiError } from "../common/api";
import { clockTime } from "../common/format";
import { OfferCard } from "../common/OfferCard";
import type { Lang } from "../common/i18n";
import { Keypad } from "./Keypad";
import { useIdle } from "./useIdle";

type Screen =
  | { name: "welcome" }
  | { name: "find"; mode: "phone" | "code"; value: string; error: string | null; busy: boolean }
  | { name: "matches"; matches: AppointmentMatch[] }
  | { name: "notFound" }
  | { name: "confirm"; match: AppointmentMatch; busy: boolean }
  | { name: "offer"; visit: KioskVisit; selected: number[]; shownAt: number; error: string | null; busy: boolean; already: boolean }
  | { name: "done"; firstName: string; chosen: string[]; already: boolean }
  | { name: "error"; message: string };

const WARN_SECONDS = 15;
const DONE_SECONDS = 8;

export function KioskApp() {
  const { t, i18n } = useTranslation();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [logo, setLogo] = useState<string | null>(null);
  const [screen, setScreen] = useState<Screen>({ name: "welcome" });
  const [large, setLarge] = useState(false);
  const lang = (i18n.language === "es" ? "es" : "en") as Lang;
  const headingRef = useRef<HTMLHeadingElement>(null);

  const loadInfo = useCallback(() => {
    call("app.info", {}).then(setInfo, (e: unknown) => setScreen({ name: "error", message: messageOf(e) }));
    // The spa's logo (back office → Kiosk) arrives as a data: URL; without one the name stands alone.
    call("admin.logo", {}).then((r) => setLogo(r.dataUrl), () => setLogo(null));
  }, []);
  useEffect(() => {
    loadInfo();
    return onEvent("settings.changed", loadInfo);
  }, [loadInfo]);

  /** Back to Welcome: every guest detail leaves state, and so the DOM. */
  const reset = useCallback(() => {
    setScreen({ name: "welcome" });
    setLarge(false);
    void i18n.changeLanguage("en");
  }, [i18n]);

  const idle = useIdle(screen.name !== "welcome", info?.idleSeconds ?? 45, WARN_SECONDS, reset);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.documentElement.classList.toggle("text-large", large);
  }, [lang, large]);
  useEffect(() => headingRef.current?.focus(), [screen.name]);

  useEffect(() => {
    if (screen.name !== "done") return;
    const timer = window.setTimeout(reset, DONE_SECONDS * 1000);
    return () => window.clearTimeout(timer);
  }, [screen, reset]);

  const tz = info?.timeZone ?? "UTC";
  const fail = (e: unknown) => setScreen({ name: "error", message: messageOf(e) });

  const search = async (mode: "phone" | "code", value: string) => {
    setScreen({ name: "find", mode, value, error: null, busy: true });
    try {
      const { matches } = await call("kiosk.findAppointments", mode === "phone" ? { by: "phone", phone: value } : { by: "code", code: value });
      if (matches.length === 0) setScreen({ name: "notFound" });
      else if (matches.length === 1 && matches[0]) setScreen({ name: "confirm", match: matches[0], busy: false });
      else setScreen({ name: "matches", matches });
    } catch (e) {
      if (e instanceof ApiError && e.code === "INVALID_INPUT") setScreen({ name: "find", mode, value, error: e.message, busy: false });
      else fail(e);
    }
  };

  const checkIn = async (match: AppointmentMatch) => {
    setScreen({ name: "confirm", match, busy: true });
    try {
      const visit = await call("kiosk.checkIn", { appointmentId: match.appointmentId, lang });
      if (visit.offer.cards.length > 0 && !visit.offer.locked) {
        setScreen({ name: "offer", visit, selected: visit.offer.selectedAddonIds, shownAt: performance.now(), error: null, busy: false, already: match.checkedIn });
      } else {
        const chosen = visit.offer.cards.filter((c) => visit.offer.selectedAddonIds.includes(c.addonId)).map((c) => c.title);
        setScreen({ name: "done", firstName: visit.guestFirstName, chosen, already: match.checkedIn });
      }
    } catch (e) {
      fail(e);
    }
  };

  const choose = async (s: Extract<Screen, { name: "offer" }>, addonIds: number[]) => {
    setScreen({ ...s, busy: true, error: null });
    try {
      const choice = await call("kiosk.chooseAddons", {
        appointmentId: s.visit.appointmentId,
        addonIds,
        offerMs: Math.round(performance.now() - s.shownAt),
        lang,
      });
      setScreen({ name: "done", firstName: s.visit.guestFirstName, chosen: choice.chosen.map((c) => c.title), already: s.already });
    } catch (e) {
      if (e instanceof ApiError && (e.code === "NOT_AVAILABLE" || e.code === "CONFLICT")) setScreen({ ...s, busy: false, error: e.message });
      else fail(e);
    }
  };

  return (
    <main className="kiosk" aria-live="polite">
      {screen.name === "welcome" && (
        <section className="screen welcome">
          {logo && <img className="spa-logo" src={logo} alt="" />}
          <h1 ref={headingRef} tabIndex={-1}>{t("welcome.title", { spa: info?.spaName ?? "" })}</h1>
          <p className="lead">{t("welcome.subtitle")}</p>
          <button type="button" className="primary huge" onClick={() => setScreen({ name: "find", mode: "phone", value: "", error: null, busy: false })}>
            {t("welcome.checkIn")}
          </button>
          <div className="toolbar">
            {(info?.languages.length ?? 0) > 1 && (
              <button type="button" className="secondary" lang={lang === "en" ? "es" : "en"} aria-label={t("welcome.languageLabel")}
                onClick={() => void i18n.changeLanguage(lang === "en" ? "es" : "en")}>
                {t("welcome.language")}
              </button>
            )}
            <button type="button" className="secondary" aria-pressed={large} onClick={() => setLarge(!large)}>
              {large ? t("welcome.textSizeNormal") : t("welcome.textSize")}
            </button>
          </div>
        </section>
      )}

      {screen.name === "find" && (
        <section className="screen find">
          <h1 ref={headingRef} tabIndex={-1}>{t("find.title")}</h1>
          <p className="lead">{screen.mode === "phone" ? t("find.phoneHint") : t("find.codeHint")}</p>
          <label className="field">
            <span>{screen.mode === "phone" ? t("find.phoneLabel") : t("find.codeLabel")}</span>
            <input
              value={screen.value}
              inputMode={screen.mode === "phone" ? "numeric" : "text"}
              autoComplete="off"
              maxLength={screen.mode === "phone" ? 20 : 12}
              aria-invalid={screen.error !== null}
              aria-describedby={screen.error ? "find-error" : undefined}
              onChange={(e) => setScreen({ ...screen, value: e.target.value, error: null })}
              onKeyDown={(e) => e.key === "Enter" && void search(screen.mode, screen.value)}
            />
          </label>
          {screen.error && <p id="find-error" className="error" role="alert">{screen.error}</p>}
          {screen.mode === "phone" && (
            <Keypad
              onDigit={(d) => setScreen({ ...screen, value: (screen.value + d).slice(0, 20), error: null })}
              onDelete={() => setScreen({ ...screen, value: screen.value.slice(0, -1), error: null })}
              onClear={() => setScreen({ ...screen, value: "", error: null })}
            />
          )}
          <button type="button" className="primary" disabled={screen.busy || screen.value.trim() === ""} onClick={() => void search(screen.mode, screen.value)}>
            {screen.busy ? t("find.searching") : t("find.find")}
          </button>
          <div className="toolbar">
            <button type="button" className="secondary" onClick={() => setScreen({ ...screen, mode: screen.mode === "phone" ? "code" : "phone", value: "", error: null })}>
              {screen.mode === "phone" ? t("find.useCode") : t("find.usePhone")}
            </button>
            <button type="button" className="secondary" onClick={reset}>{t("common.cancel")}</button>
          </div>
        </section>
      )}

      {screen.name === "matches" && (
        <section className="screen matches">
          <h1 ref={headingRef} tabIndex={-1}>{t("matches.title")}</h1>
          <ul className="choices">
            {screen.matches.map((m) => (
              <li key={m.appointmentId}>
                <button type="button" className="choice" onClick={() => setScreen({ name: "confirm", match: m, busy: false })}>
                  <strong>{m.guestLabel}</strong>
                  <span>{clockTime(m.startsAt, tz, lang)} · {m.serviceName}{m.checkedIn ? ` · ${t("matches.checkedIn")}` : ""}</span>
                </button>
              </li>
            ))}
          </ul>
          <button type="button" className="secondary" onClick={reset}>{t("common.cancel")}</button>
        </section>
      )}

      {screen.name === "notFound" && (
        <section className="screen not-found">
          <h1 ref={headingRef} tabIndex={-1}>{t("notFound.title")}</h1>
          <p className="lead">{t("notFound.body")}</p>
          <button type="button" className="primary" onClick={() => setScreen({ name: "find", mode: "phone", value: "", error: null, busy: false })}>
            {t("notFound.tryAgain")}
          </button>
          <button type="button" className="secondary" onClick={reset}>{t("common.cancel")}</button>
        </section>
      )}

      {screen.name === "confirm" && (
        <section className="screen confirm">
          <h1 ref={headingRef} tabIndex={-1}>{t("confirm.title")}</h1>
          <div className="card summary">
            <p className="who">{screen.match.guestLabel}</p>
            <p>{screen.match.serviceName}</p>
            <p>{clockTime(screen.match.startsAt, tz, lang)} · {t("confirm.with", { therapist: screen.match.therapistFirstName })}</p>
          </div>
          <button type="button" className="primary" disabled={screen.busy} onClick={() => void checkIn(screen.match)}>{t("confirm.yes")}</button>
          <button type="button" className="secondary" disabled={screen.busy} onClick={() => setScreen({ name: "find", mode: "phone", value: "", error: null, busy: false })}>
            {t("confirm.no")}
          </button>
        </section>
      )}

      {screen.name === "offer" && (
        <section className="screen offer">
          <h1 ref={headingRef} tabIndex={-1}>{t("offer.title")}</h1>
          <p className="lead">{t("offer.subtitle")}</p>
          <div className="offer-cards">
            {screen.visit.offer.cards.map((card) => {
              const on = screen.selected.includes(card.addonId);
              return (
                <OfferCard key={card.addonId} card={card} selected={on} disabled={screen.busy}
                  onToggle={() => setScreen({ ...screen, error: null, selected: on ? screen.selected.filter((id) => id !== card.addonId) : [...screen.selected, card.addonId] })} />
              );
            })}
          </div>
          {screen.error && <p className="error" role="alert">{screen.error}</p>}
          <div className="offer-actions">
            <button type="button" className="secondary big" disabled={screen.busy} onClick={() => void choose(screen, [])}>{t("offer.noThanks")}</button>
            <button type="button" className="primary big" disabled={screen.busy || screen.selected.length === 0} onClick={() => void choose(screen, screen.selected)}>
              {t("offer.continueWith", { count: screen.selected.length })}
            </button>
          </div>
        </section>
      )}

      {screen.name === "done" && (
        <section className="screen done">
          <h1 ref={headingRef} tabIndex={-1}>{t("done.title", { name: screen.firstName })}</h1>
          {screen.already && <p className="lead">{t("done.already")}</p>}
          <p className="lead">{screen.chosen.length > 0 ? t("done.withAddons", { list: screen.chosen.join(" + ") }) : t("done.noAddons")}</p>
          <p>{t("done.seat")}</p>
          <button type="button" className="primary" onClick={reset}>{t("done.finish")}</button>
        </section>
      )}

      {screen.name === "error" && (
        <section className="screen error-screen">
          <h1 ref={headingRef} tabIndex={-1}>{t("error.title")}</h1>
          <p className="lead">{screen.message}</p>
          <button type="button" className="primary" onClick={reset}>{t("error.back")}</button>
        </section>
      )}

      {idle.warningLeft !== null && (
        <div className="overlay" role="alertdialog" aria-modal="true" aria-labelledby="idle-title" aria-describedby="idle-body">
          <div className="dialog">
            <h2 id="idle-title">{t("idle.title")}</h2>
            <p id="idle-body">{t("idle.body", { count: idle.warningLeft })}</p>
            <button type="button" className="primary" onClick={idle.stay}>{t("idle.stay")}</button>
          </div>
        </div>
      )}
    </main>
  );
}
