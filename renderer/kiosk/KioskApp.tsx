import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { serviceNameIn, type AppInfo, type AppointmentMatch, type KioskVisit, type OfferCard as OfferCardData } from "../../contract/channels";
import { ApiError, call, onEvent } from "../common/api";
import { clockTime, longDay, money, spaLocale } from "../common/format";
import { LANGUAGES, type Lang } from "../common/i18n";
import { languageOwnNames } from "../../contract/common";
import { CODE_LENGTH, MIN_PHONE_DIGITS, checkCode, checkName, checkPhone, groupPhoneDigits, phoneComplete, phoneFieldValue, typeNameKey } from "./input";
import { OfferCard } from "../common/OfferCard";
import { Keypad, LetterBoard } from "./Keypad";
import { useIdle } from "./useIdle";

/** Every catalog key a screen can show as a message. */
type Message =
  | "find.errors.digitsOnly"
  | "find.errors.tooShort"
  | "find.errors.tooLong"
  | "find.errors.codeFormat"
  | "notFound.body"
  | "walkIn.errors.empty"
  | "walkIn.errors.lettersOnly"
  | "walkIn.errors.tooLong"
  | "walkIn.errors.notAllowed"
  | "offer.errors.notAvailable"
  | "offer.errors.locked"
  | "gone.missing"
  | "gone.inactive"
  | "gone.undone"
  | "error.generic";

type FindMode = "phone" | "code";
/**
 * The other bookings the guest's number or code found that were not checked in yet: the rest of a
 * couple or family checking in together, offered on the Done screen so the next one need not type
 * the number again. Carried from the choice of booking to Done; gone with every reset.
 */
type Party = AppointmentMatch[];
type Screen =
  | { name: "welcome" }
  | { name: "find"; mode: FindMode; value: string; error: Message | null; busy: boolean }
  | { name: "matches"; matches: AppointmentMatch[] }
  /** `searched`: the number or code looked for, as the field showed it (null: "None of these is me"). */
  | { name: "notFound"; mode: FindMode; searched: string | null }
  | { name: "later"; mode: FindMode; startsAt: string }
  | { name: "walkIn"; value: string; error: Message | null; busy: boolean }
  | { name: "walkInDone"; firstName: string }
  | { name: "confirm"; match: AppointmentMatch; party: Party; busy: boolean }
  | { name: "offer"; visit: KioskVisit; party: Party; shownAt: number; error: Message | null; busy: boolean; already: boolean }
  | { name: "done"; visit: KioskVisit; party: Party; already: boolean; notice: "locked" | "voided" | null; busy: boolean }
  | { name: "gone"; message: Message }
  | { name: "error"; message: Message };

const WARN_SECONDS = 15;
const DONE_SECONDS = 8;
/** Done with someone of the party still to check in: time for the next one to step up and read. */
const DONE_PARTY_SECONDS = 20;
const newFind = (mode: FindMode = "phone"): Screen => ({ name: "find", mode, value: "", error: null, busy: false });
const newWalkIn = (): Screen => ({ name: "walkIn", value: "", error: null, busy: false });

/** A refusal from the main process, as the catalog message for this guest. */
function messageFor(e: unknown): Message {
  if (e instanceof ApiError) {
    if (e.code === "NOT_FOUND") return "gone.missing";
    if (e.code === "CONFLICT") return "gone.inactive";
  }
  return "error.generic";
}

const chosenCards = (visit: KioskVisit): OfferCardData[] => visit.offer.cards.filter((c) => visit.offer.selectedAddonIds.includes(c.addonId));
/** Add-ons taken together: their titles, what they cost and the minutes they add (the "both" button, the Done screen). */
const together = (cards: OfferCardData[], lang: Lang) => ({
  list: cards.map((c) => c.title).join(" + "),
  price: money(cards.reduce((sum, c) => sum + c.priceCents, 0), spaLocale(lang)),
  minutes: cards.reduce((sum, c) => sum + c.extraMinutes, 0),
});
const canChange = (visit: KioskVisit): boolean => !visit.offer.locked && visit.offer.cards.some((c) => c.available);
/** Confirming one of a search's bookings: the others not yet checked in come along as its party. */
const confirmOne = (match: AppointmentMatch, found: AppointmentMatch[]): Screen => ({
  name: "confirm",
  match,
  party: found.filter((m) => m.appointmentId !== match.appointmentId && !m.checkedIn && !m.ended),
  busy: false,
});

/** The booked service in the guest's language where the spa named it so; else its own name, marked as English for screen readers. */
function ServiceName({ match, lang }: { match: AppointmentMatch; lang: Lang }) {
  const name = serviceNameIn(match, lang);
  return <span lang={name.lang === lang ? undefined : name.lang}>{name.name}</span>;
}

export function KioskApp() {
  const { t, i18n } = useTranslation();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [logo, setLogo] = useState<string | null>(null);
  const [screen, setScreenState] = useState<Screen>({ name: "welcome" });
  const [large, setLarge] = useState(false);
  const lang: Lang = LANGUAGES.find((l) => l === i18n.language) ?? "en";
  const headingRef = useRef<HTMLHeadingElement>(null);
  /** Bumped on every reset: an answer that arrives after the guest left is dropped, never shown. */
  const generation = useRef(0);
  const setScreen = useCallback((next: Screen, gen?: number) => {
    if (gen === undefined || gen === generation.current) setScreenState(next);
  }, []);

  const loadInfo = useCallback(() => {
    call("app.info", {}).then(setInfo, () => setScreenState({ name: "error", message: "error.generic" }));
    // The spa's logo (back office → Kiosk) arrives as a data: URL; without one the name stands alone.
    call("app.logo", {}).then((r) => setLogo(r.dataUrl), () => setLogo(null));
  }, []);
  useEffect(() => {
    loadInfo();
    return onEvent("settings.changed", loadInfo);
  }, [loadInfo]);

  /** Back to Welcome: every guest detail leaves state, and so the DOM. */
  const reset = useCallback(() => {
    generation.current++;
    setScreenState({ name: "welcome" });
    setLarge(false);
    void i18n.changeLanguage(info?.languages[0] ?? "en");
  }, [i18n, info]);

  const idleActive = screen.name !== "welcome" || large || lang !== (info?.languages[0] ?? "en");
  const idle = useIdle(idleActive, info?.idleSeconds ?? 45, WARN_SECONDS, reset);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.documentElement.classList.toggle("text-large", large);
  }, [lang, large]);
  useEffect(() => headingRef.current?.focus(), [screen.name]);
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
  // the next guest never finds the last one's name.
  const [clearsIn, setClearsIn] = useState(DONE_SECONDS);
  useEffect(() => {
    if (screen.name !== "done" && screen.name !== "walkInDone") return;
    const started = Date.now();
    const seconds = screen.name === "done" && screen.party.length > 0 ? DONE_PARTY_SECONDS : DONE_SECONDS;
    setClearsIn(seconds);
    const timer = window.setInterval(() => {
      const left = seconds - Math.floor((Date.now() - started) / 1000);
      if (left <= 0) reset();
      else setClearsIn(left);
    }, 250);
    return () => window.clearInterval(timer);
  }, [screen, reset]);
  const clears = <p className="clears">{t("common.clears", { count: clearsIn })}</p>;

  /** Re-reads a visit after the desk touched it (confirmed, changed, voided, took the check-in back). */
  const refresh = useCallback(
    async (appointmentId: number, already: boolean, party: Party) => {
      const gen = generation.current;
      try {
        const { checkedIn, visit } = await call("kiosk.visit", { appointmentId, lang });
        if (!checkedIn || !visit) return setScreen({ name: "gone", message: "gone.undone" }, gen);
        const notice = visit.offer.status === "voided" ? "voided" : visit.offer.locked ? "locked" : null;
        setScreen({ name: "done", visit, party, already, notice, busy: false }, gen);
      } catch (e) {
        setScreen({ name: "gone", message: messageFor(e) }, gen);
      }
    },
    [lang, setScreen],
  );

  const watched = screen.name === "done" || screen.name === "offer" ? screen : null;
  const watchedId = watched?.visit.appointmentId;
  const watchedAlready = watched?.already ?? false;
  const watchedParty = watched?.party;
  useEffect(() => {
    if (watchedId === undefined || watchedParty === undefined) return;
    return onEvent("queue.changed", (e) => {
      // The kiosk's own check-ins and choices also announce themselves; only desk changes matter here.
      if (e.appointmentId === watchedId && e.reason !== "check-in" && e.reason !== "addon") void refresh(watchedId, watchedAlready, watchedParty);
    });
  }, [watchedId, watchedAlready, watchedParty, refresh]);

  const tz = info?.timeZone ?? "UTC";

  const search = async (mode: FindMode, value: string, auto: boolean) => {
    const gen = generation.current;
    const query = mode === "phone" ? { by: "phone" as const, phone: checkPhone(value).digits } : { by: "code" as const, code: checkCode(value).code };
    setScreen({ name: "find", mode, value, error: null, busy: true }, gen);
    try {
      const { matches, laterStartsAt } = await call("kiosk.findAppointments", query);
      const [first] = matches;
      if (laterStartsAt !== null) setScreen({ name: "later", mode, startsAt: laterStartsAt }, gen);
      else if (!first) {
        // A code typed to 6 characters may be longer; let the guest keep typing instead of leaving.
        if (auto && mode === "code") setScreen({ name: "find", mode, value, error: "notFound.body", busy: false }, gen);
        else setScreen({ name: "notFound", mode, searched: query.by === "phone" ? groupPhoneDigits(query.phone) : query.code }, gen);
      } else if (matches.length === 1) setScreen(confirmOne(first, matches), gen);
      else setScreen({ name: "matches", matches }, gen);
    } catch (e) {
      const message: Message = e instanceof ApiError && e.code === "INVALID_INPUT" ? (mode === "phone" ? "find.errors.tooShort" : "find.errors.codeFormat") : "error.generic";
      setScreen({ name: "find", mode, value, error: message, busy: false }, gen);
    }
  };

  /** Applies one key from the keypad or keyboard, or a typed value, and searches when complete. */
  const typeInFind = (s: Extract<Screen, { name: "find" }>, value: string) => {
    if (s.mode === "phone") {
      const kept = phoneFieldValue(value);
      const { digits, problem } = checkPhone(kept);
      const error: Message | null = problem ? `find.errors.${problem}` : null;
      setScreen({ ...s, value: kept, error });
      if (!problem && phoneComplete(digits) && !s.busy) void search("phone", kept, true);
    } else {
      const { code, problem } = checkCode(value);
      setScreen({ ...s, value: problem ? value : code, error: problem ? "find.errors.codeFormat" : null });
      if (!problem && code.length === CODE_LENGTH && !s.busy) void search("code", code, true);
    }
  };
  const submitFind = (s: Extract<Screen, { name: "find" }>) => {
    if (s.busy) return;
    if (s.mode === "phone") {
      const { digits, problem } = checkPhone(s.value);
      if (problem) return setScreen({ ...s, error: `find.errors.${problem}` });
      if (digits.length < MIN_PHONE_DIGITS) return setScreen({ ...s, error: "find.errors.tooShort" });
    } else {
      const { code, problem } = checkCode(s.value);
      if (problem || code.length < 4) return setScreen({ ...s, error: "find.errors.codeFormat" });
    }
    void search(s.mode, s.value, false);
  };

  const showVisit = (visit: KioskVisit, party: Party, already: boolean, gen: number) => {
    if (canChange(visit) && (visit.offer.status === "offered" || !already)) {
      setScreen({ name: "offer", visit, party, shownAt: performance.now(), error: null, busy: false, already }, gen);
    } else {
      setScreen({ name: "done", visit, party, already, notice: visit.offer.status === "voided" ? "voided" : visit.offer.locked && already ? "locked" : null, busy: false }, gen);
    }
  };

  const checkIn = async (s: Extract<Screen, { name: "confirm" }>) => {
    const gen = generation.current;
    setScreen({ ...s, busy: true }, gen);
    try {
      // Whether they already were comes from the check-in itself: the search's answer may be stale
      // (the desk checked in the rest of a party meanwhile).
      const { alreadyCheckedIn, ...visit } = await call("kiosk.checkIn", { appointmentId: s.match.appointmentId, lang });
      showVisit(visit, s.party, alreadyCheckedIn, gen);
    } catch (e) {
      setScreen({ name: "gone", message: messageFor(e) }, gen);
    }
  };

  const choose = async (s: Extract<Screen, { name: "offer" }>, addonIds: number[]) => {
    if (s.busy) return;
    const gen = generation.current;
    setScreen({ ...s, busy: true, error: null }, gen);
    try {
      const choice = await call("kiosk.chooseAddons", {
        appointmentId: s.visit.appointmentId,
        addonIds,
        offerMs: Math.max(0, Math.round(performance.now() - s.shownAt)),
        lang,
      });
      const visit: KioskVisit = { ...s.visit, offer: { ...s.visit.offer, status: choice.status, selectedAddonIds: choice.chosen.map((c) => c.addonId) } };
      setScreen({ name: "done", visit, party: s.party, already: s.already, notice: null, busy: false }, gen);
    } catch (e) {
      if (e instanceof ApiError && e.code === "NOT_AVAILABLE") {
        // The schedule moved while the guest was reading: show the cards as they are now.
        try {
          const fresh = await call("kiosk.visit", { appointmentId: s.visit.appointmentId, lang });
          if (fresh.visit) return setScreen({ ...s, visit: fresh.visit, busy: false, error: "offer.errors.notAvailable" }, gen);
        } catch {
          // fall through to the general message below
        }
      }
      if (e instanceof ApiError && e.code === "CONFLICT") return void refresh(s.visit.appointmentId, s.already, s.party);
      setScreen({ name: "gone", message: messageFor(e) }, gen);
    }
  };

  const changeFromDone = async (s: Extract<Screen, { name: "done" }>) => {
    const gen = generation.current;
    setScreen({ ...s, busy: true }, gen);
    try {
      const { checkedIn, visit } = await call("kiosk.visit", { appointmentId: s.visit.appointmentId, lang });
      if (!checkedIn || !visit) return setScreen({ name: "gone", message: "gone.undone" }, gen);
      if (canChange(visit)) setScreen({ name: "offer", visit, party: s.party, shownAt: performance.now(), error: null, busy: false, already: true }, gen);
      else setScreen({ name: "done", visit, party: s.party, already: s.already, notice: visit.offer.status === "voided" ? "voided" : "locked", busy: false }, gen);
    } catch (e) {
      setScreen({ name: "gone", message: messageFor(e) }, gen);
    }
  };

  const submitWalkIn = async (s: Extract<Screen, { name: "walkIn" }>) => {
    if (s.busy) return;
    const { name, problem } = checkName(s.value);
    if (problem) return setScreen({ ...s, error: `walkIn.errors.${problem}` });
    const gen = generation.current;
    setScreen({ ...s, busy: true, error: null }, gen);
    try {
      const walkIn = await call("kiosk.walkIn", { firstName: name, lang });
      setScreen({ name: "walkInDone", firstName: walkIn.firstName }, gen);
    } catch (e) {
      const message: Message = e instanceof ApiError && e.code === "FORBIDDEN" ? "walkIn.errors.notAllowed" : e instanceof ApiError && e.code === "INVALID_INPUT" ? "walkIn.errors.lettersOnly" : "error.generic";
      setScreen({ ...s, busy: false, error: message }, gen);
    }
  };

  const heading = (text: string) => (
    <h1 ref={headingRef} id="screen-title" tabIndex={-1}>
      {text}
    </h1>
  );
  const startOver = (
    <button type="button" className="secondary" onClick={reset}>
      {t("common.cancel")}
    </button>
  );
  const walkInsAllowed = info?.walkInsAllowed ?? false;
  /** For a guest with no booking today: leave a first name for the desk (when the spa takes walk-ins). */
  const walkInButton = walkInsAllowed && (
    <button type="button" className="secondary big" onClick={() => setScreen(newWalkIn())}>
      {t("notFound.walkIn")}
    </button>
  );

  /**
   * Another language, mid-way too: the screen's own text follows at once, and an offer or Done
   * screen reads the visit again for the add-ons' titles and benefit lines in that language.
   */
  const switchLanguage = async (next: Lang) => {
    await i18n.changeLanguage(next);
    if (screen.name !== "offer" && screen.name !== "done") return;
    const gen = generation.current;
    const { appointmentId } = screen.visit;
    try {
      const { visit } = await call("kiosk.visit", { appointmentId, lang: next });
      if (!visit || gen !== generation.current) return;
      // Only the copy changes: whatever the guest did meanwhile (a tap, a choice) stays.
      setScreenState((cur) =>
        (cur.name === "offer" || cur.name === "done") && cur.visit.appointmentId === appointmentId
          ? { ...cur, visit: { ...cur.visit, offer: { ...cur.visit.offer, cards: visit.offer.cards } } }
          : cur,
      );
    } catch {
      // The cards keep their language; a desk change still reaches this screen by its own event.
    }
  };
  /** Language and text size, on every screen: a guest may notice only after starting. */
  const viewTools = (
    <>
      {/* Each other language the spa offers, by its own name and in its own words. */}
      {info?.languages
        .filter((l) => l !== lang)
        .map((l) => (
          <button key={l} type="button" className="secondary" lang={l} aria-label={i18n.getFixedT(l)("language.switchTo")} onClick={() => void switchLanguage(l)}>
            {languageOwnNames[l]}
          </button>
        ))}
      <button type="button" className="secondary" aria-pressed={large} onClick={() => setLarge(!large)}>
        {t("common.textSize")}
      </button>
    </>
  );

  return (
    <main className={`kiosk screen-${screen.name}`}>
      <section className={`screen ${screen.name}`} aria-labelledby="screen-title" inert={idle.warningLeft !== null}>
        <div className="screen-body">
          {screen.name === "welcome" && (
            <>
              {logo && <img className="spa-logo" src={logo} alt="" />}
              {heading(t("welcome.title", { spa: info?.spaName ?? "" }))}
              <p className="lead">{t("welcome.subtitle")}</p>
              <button type="button" className="primary huge" onClick={() => setScreen(newFind())}>
                {t("welcome.checkIn")}
              </button>
              <div className="toolbar">{viewTools}</div>
            </>
          )}

          {screen.name === "find" && (
            <>
              {heading(t("find.title"))}
              <div className="find-layout">
                <div className="find-entry">
                  <div className="segmented" role="group" aria-label={t("find.modeLabel")}>
                    {(["phone", "code"] as const).map((mode) => (
                      <button key={mode} type="button" className={screen.mode === mode ? "segment on" : "segment"} aria-pressed={screen.mode === mode}
                        onClick={() => setScreen(newFind(mode))}>
                        {mode === "phone" ? t("find.phoneTab") : t("find.codeTab")}
                      </button>
                    ))}
                  </div>
                  <p className="lead" id="find-hint">{screen.mode === "phone" ? t("find.phoneHint") : t("find.codeHint")}</p>
                  <label className="field">
                    <span>{screen.mode === "phone" ? t("find.phoneLabel") : t("find.codeLabel")}</span>
                    <input
                      value={screen.mode === "phone" && /^\d*$/.test(screen.value) ? groupPhoneDigits(screen.value) : screen.value}
                      inputMode="none"
                      autoComplete="off"
                      autoCorrect="off"
                      spellCheck={false}
                      maxLength={40}
                      aria-invalid={screen.error !== null && screen.error !== "notFound.body"}
                      aria-describedby={screen.error ? "find-hint find-error" : "find-hint"}
                      onChange={(e) => typeInFind(screen, e.target.value)}
                      onKeyDown={(e) => e.key === "Enter" && submitFind(screen)}
                    />
                  </label>
                  <p id="find-error" className="error" role="alert">{screen.error ? t(screen.error) : ""}</p>
                </div>
                <div className="find-keys">
                  {screen.mode === "phone" ? (
                    <Keypad disabled={screen.busy} onKey={(d) => typeInFind(screen, (screen.value + d).slice(0, 40))}
                      onDelete={() => typeInFind(screen, screen.value.slice(0, -1))} onClear={() => typeInFind(screen, "")} />
                  ) : (
                    <LetterBoard kind="code" disabled={screen.busy} onKey={(k) => typeInFind(screen, (screen.value + k).slice(0, 12))}
                      onDelete={() => typeInFind(screen, screen.value.slice(0, -1))} onClear={() => typeInFind(screen, "")} />
                  )}
                  <button type="button" className="primary big" disabled={screen.busy || screen.value.trim() === ""} onClick={() => submitFind(screen)}>
                    {screen.busy ? t("find.searching") : t("find.find")}
                  </button>
                </div>
              </div>
              <div className="toolbar">
                {walkInsAllowed && (
                  <button type="button" className="secondary" onClick={() => setScreen(newWalkIn())}>
                    {t("find.noBooking")}
                  </button>
                )}
                {startOver}
              </div>
            </>
          )}

          {screen.name === "matches" && (
            <>
              {heading(t("matches.title"))}
              <p className="lead">{t("matches.hint")}</p>
              <ul className="choices">
                {screen.matches.map((m) => (
                  <li key={m.appointmentId}>
                    <button type="button" className="choice" onClick={() => setScreen(confirmOne(m, screen.matches))}>
                      <strong>{m.guestLabel}</strong>
                      <span>
                        {clockTime(m.startsAt, tz, spaLocale(lang))} · <ServiceName match={m} lang={lang} />
                        {m.checkedIn ? ` · ${t("matches.checkedIn")}` : m.ended ? ` · ${t("matches.ended")}` : ""}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
              <div className="toolbar">
                <button type="button" className="secondary" onClick={() => setScreen({ name: "notFound", mode: "phone", searched: null })}>{t("matches.notMe")}</button>
                {startOver}
              </div>
            </>
          )}

          {screen.name === "notFound" && (
            <>
              {heading(t("notFound.title"))}
              {/* What was looked for, so a mistyped digit shows before the guest tries again. */}
              {screen.searched !== null && <p className="searched">{t(screen.mode === "phone" ? "notFound.searchedPhone" : "notFound.searchedCode", { value: screen.searched })}</p>}
              <p className="lead">{t("notFound.body")}</p>
              {walkInsAllowed && <p className="lead">{t("notFound.walkInHint")}</p>}
              <div className="stack">
                <button type="button" className="primary big" onClick={() => setScreen(newFind(screen.mode))}>{t("notFound.tryAgain")}</button>
                {walkInButton}
                {startOver}
              </div>
            </>
          )}

          {screen.name === "later" && (
            <>
              {heading(t("later.title"))}
              <p className="searched">{t("later.when", { day: longDay(screen.startsAt, tz, spaLocale(lang)), time: clockTime(screen.startsAt, tz, spaLocale(lang)) })}</p>
              <p className="lead">{t("later.body")}</p>
              <div className="stack">
                <button type="button" className="primary big" onClick={reset}>{t("done.finish")}</button>
                {walkInButton}
                <button type="button" className="secondary big" onClick={() => setScreen(newFind(screen.mode))}>{t("notFound.tryAgain")}</button>
              </div>
            </>
          )}

          {screen.name === "walkIn" && (
            <>
              {heading(t("walkIn.title"))}
              <div className="find-layout">
                <div className="find-entry">
                  <p className="lead" id="walkin-hint">{t("walkIn.body")}</p>
                  <label className="field">
                    <span>{t("walkIn.label")}</span>
                    <input
                      value={screen.value}
                      inputMode="none"
                      autoComplete="off"
                      autoCorrect="off"
                      spellCheck={false}
                      maxLength={40}
                      aria-invalid={screen.error !== null}
                      aria-describedby={screen.error ? "walkin-hint walkin-error" : "walkin-hint"}
                      onChange={(e) => setScreen({ ...screen, value: e.target.value, error: null })}
                      onKeyDown={(e) => e.key === "Enter" && void submitWalkIn(screen)}
                    />
                  </label>
                  <p id="walkin-error" className="error" role="alert">{screen.error ? t(screen.error) : ""}</p>
                  <button type="button" className="primary big" disabled={screen.busy || screen.value.trim() === ""} onClick={() => void submitWalkIn(screen)}>
                    {screen.busy ? t("walkIn.sending") : t("walkIn.submit")}
                  </button>
                </div>
                <div className="find-keys">
                  <LetterBoard kind="name" disabled={screen.busy} onKey={(k) => setScreen({ ...screen, value: typeNameKey(screen.value, k), error: null })}
                    onDelete={() => setScreen({ ...screen, value: screen.value.slice(0, -1), error: null })} onClear={() => setScreen({ ...screen, value: "", error: null })} />
                </div>
              </div>
              <div className="toolbar">{startOver}</div>
            </>
          )}

          {screen.name === "walkInDone" && (
            <>
              {heading(t("walkIn.doneTitle", { name: screen.firstName }))}
              <p className="lead">{t("walkIn.doneBody")}</p>
              <button type="button" className="primary big" onClick={reset}>{t("done.finish")}</button>
              {clears}
            </>
          )}

          {screen.name === "confirm" && (
            <>
              {heading(t("confirm.title"))}
              <div className="card summary">
                <p className="who">{screen.match.guestLabel}</p>
                <p><ServiceName match={screen.match} lang={lang} /></p>
                <p>
                  {clockTime(screen.match.startsAt, tz, spaLocale(lang))} · {t("confirm.with", { therapist: screen.match.therapistFirstName })}
                </p>
                {screen.match.checkedIn && <p className="note">{t("confirm.already")}</p>}
              </div>
              {/* A session already over is not checked in here: the desk decides what happens instead. */}
              {!screen.match.checkedIn && screen.match.ended ? (
                <>
                  <p className="notice" role="status">{t("confirm.ended", { time: clockTime(screen.match.endsAt, tz, spaLocale(lang)) })}</p>
                  <div className="stack">
                    <button type="button" className="primary big" onClick={reset}>{t("done.finish")}</button>
                    <button type="button" className="secondary big" onClick={() => setScreen(newFind())}>{t("confirm.no")}</button>
                  </div>
                </>
              ) : (
                <div className="stack">
                  <button type="button" className="primary big" disabled={screen.busy} onClick={() => void checkIn(screen)}>{t("confirm.yes")}</button>
                  <button type="button" className="secondary big" disabled={screen.busy} onClick={() => setScreen(newFind())}>{t("confirm.no")}</button>
                </div>
              )}
            </>
          )}

          {screen.name === "offer" && <OfferScreen screen={screen} heading={heading} lang={lang} onChoose={(ids) => void choose(screen, ids)} />}

          {screen.name === "done" && (
            <>
              {heading(t("done.title", { name: screen.visit.guestFirstName }))}
              {screen.already && <p className="lead">{t("done.already")}</p>}
              <p className="lead">
                {chosenCards(screen.visit).length > 0 ? t("done.withAddons", together(chosenCards(screen.visit), lang)) : t("done.noAddons")}
              </p>
              {screen.notice && <p className="notice" role="status">{t(`done.${screen.notice}`)}</p>}
              <p>{t("done.seat")}</p>
              <div className="stack">
                <button type="button" className="primary big" onClick={reset}>{t("done.finish")}</button>
                {screen.party.map((m) => (
                  <button key={m.appointmentId} type="button" className="secondary big" disabled={screen.busy} onClick={() => setScreen(confirmOne(m, screen.party))}>
                    {t("done.party", { name: m.guestLabel })}
                  </button>
                ))}
                {screen.notice === null && canChange(screen.visit) && (
                  <button type="button" className="secondary big" disabled={screen.busy} onClick={() => void changeFromDone(screen)}>{t("done.change")}</button>
                )}
              </div>
              {clears}
            </>
          )}

          {screen.name === "gone" && (
            <>
              {heading(t("gone.title"))}
              <p className="lead">{t(screen.message)}</p>
              <button type="button" className="primary big" onClick={reset}>{t("error.back")}</button>
            </>
          )}

          {screen.name === "error" && (
            <>
              {heading(t("error.title"))}
              <p className="lead">{t(screen.message)}</p>
              <button type="button" className="primary big" onClick={reset}>{t("error.back")}</button>
            </>
          )}
        </div>
        {screen.name !== "welcome" && <div className="toolbar corner">{viewTools}</div>}
      </section>

      {idle.warningLeft !== null && (
        <div className="overlay">
          <div className="dialog" role="alertdialog" aria-modal="true" aria-labelledby="idle-title" aria-describedby="idle-body">
            <h2 id="idle-title">{t("idle.title")}</h2>
            <p id="idle-body">{t("idle.body", { count: idle.warningLeft })}</p>
            <button type="button" className="primary big" autoFocus onClick={idle.stay}>{t("idle.stay")}</button>
          </div>
        </div>
      )}
    </main>
  );
}

/**
 * Face and scalp as two equal cards. One tap decides: add this one, add both, or no thanks —
 * the decline is the same size and style as every "add", and nothing is pre-selected.
 */
function OfferScreen({ screen, heading, lang, onChoose }: {
  screen: Extract<Screen, { name: "offer" }>;
  heading: (text: string) => ReactNode;
  lang: Lang;
  onChoose: (addonIds: number[]) => void;
}) {
  const { t } = useTranslation();
  const { cards, freeMinutes, selectedAddonIds, status } = screen.visit.offer;
  const available = cards.filter((c) => c.available);
  const both = together(available, lang);
  const bothFit = available.length === 2 && (freeMinutes === null || both.minutes <= freeMinutes);
  const current = chosenCards(screen.visit);
  return (
    <>
      {heading(t("offer.title"))}
      <p className="lead">{t("offer.subtitle")}</p>
      {status !== "offered" && (
        <p className="note">{current.length > 0 ? t("offer.yourChoice", { list: current.map((c) => c.title).join(" + ") }) : t("offer.yourChoiceNone")}</p>
      )}
      <div className="offer-cards">
        {cards.map((card) => (
          <OfferCard key={card.addonId} card={card} selected={selectedAddonIds.includes(card.addonId)} disabled={screen.busy} onAdd={() => onChoose([card.addonId])} />
        ))}
      </div>
      {available.length === 2 && !bothFit && <p className="note">{t("offer.onlyOne")}</p>}
      {screen.error && <p className="error" role="alert">{t(screen.error)}</p>}
      <div className={bothFit ? "offer-actions" : "offer-actions single"}>
        {bothFit && (
          <button type="button" className="choice-button" disabled={screen.busy} onClick={() => onChoose(available.map((c) => c.addonId))}>
            <span>{t("offer.addBoth")}</span>
            <span className="detail">{t("offer.bothDetail", { price: both.price, count: both.minutes })}</span>
          </button>
        )}
        <button type="button" className="choice-button" disabled={screen.busy} onClick={() => onChoose([])}>
          {t("offer.noThanks")}
        </button>
      </div>
    </>
  );
}
