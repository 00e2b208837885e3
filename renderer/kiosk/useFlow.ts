import { useCallback, useEffect, useRef, useState } from "react";
import type { KioskVisit, ScreeningAnswers } from "../../contract/channels";
import { call, onEvent } from "../common/api";
import { ApiError } from "../common/api-error";
import type { Lang } from "../common/i18n";
import { afterSearch, findProblem, queryOf, searchFailed, typeInFind } from "./flow/find";
import { messageFor, offerMovedBy } from "./flow/messages";
import { afterCheckIn, afterPreferences, fromDone, saveFailed, toSave } from "./flow/preferences";
import { isWorking, WELCOME, type Party, type PreferencesScreen, type Screen, type ScreenOf } from "./flow/screen";
import { pick, type ScreeningStep } from "./flow/screening";
import { gaveUp } from "./flow/waiting";
import { afterChoice, afterDeskChange, changeScreen, leftOpenOffer, offerMoved } from "./flow/visit";
import { walkInFailed, walkInProblem } from "./flow/walkIn";

/**
 * Runs the kiosk's async steps (search, check-in, choice, walk-in, the desk's changes) and moves
 * the flow with their answers. Every step remembers the generation it started in: `restart` bumps
 * it, so an answer that arrives after the guest left is dropped, never shown to the next one.
 */
export function useFlow(lang: Lang) {
  const [screen, setScreen] = useState<Screen>(WELCOME);
  const generation = useRef(0);
  /** A screen for the current guest; with `gen`, only if that guest is still here. */
  const show = useCallback((next: Screen, gen?: number) => {
    if (gen === undefined || gen === generation.current) setScreen(next);
  }, []);
  const latest = useRef(screen);
  useEffect(() => {
    latest.current = screen;
  }, [screen]);
  const restart = useCallback(() => {
    // A guest leaving the offer unanswered: the desk's row says so at once. The screen never waits for it, and a call
    // that fails (the database busy) shows nothing; the desk then reads the offer as left after its three minutes.
    const left = leftOpenOffer(latest.current);
    if (left !== null) void call("kiosk.leaveOffer", { appointmentId: left }).catch(() => undefined);
    generation.current++;
    setScreen(WELCOME);
  }, []);
  /**
   * The main process has not answered for too long (flow/waiting.ts): the guest is let go, and the answer, if it comes
   * after all, is dropped like one that arrives after the guest left.
   */
  const giveUp = useCallback(() => {
    const cur = latest.current;
    if (!isWorking(cur)) return;
    generation.current++;
    setScreen(gaveUp(cur));
  }, []);

  /** Re-reads a visit after the desk touched it (confirmed, changed, voided, took the check-in back). */
  const refresh = useCallback(
    async (appointmentId: number, already: boolean, party: Party) => {
      const gen = generation.current;
      try {
        show(afterDeskChange(await call("kiosk.visit", { appointmentId, lang }), party, already), gen);
      } catch (e) {
        show({ name: "gone", message: messageFor(e) }, gen);
      }
    },
    [lang, show],
  );

  const watched = screen.name === "done" || screen.name === "offer" ? screen : null;
  const watchedId = watched?.visit.appointmentId;
  const watchedAlready = watched?.already ?? false;
  const watchedParty = watched?.party;
  useEffect(() => {
    if (watchedId === undefined || watchedParty === undefined) return;
    return onEvent("queue.changed", (e) => {
      // The kiosk's own check-ins and choices also announce themselves; only desk changes matter here.
      if (
        e.appointmentId === watchedId &&
        e.reason !== "check-in" &&
        e.reason !== "addon" &&
        e.reason !== "preferences"
      )
        void refresh(watchedId, watchedAlready, watchedParty);
    });
  }, [watchedId, watchedAlready, watchedParty, refresh]);

  const search = async (s: ScreenOf<"find">, auto: boolean) => {
    const gen = generation.current;
    show({ ...s, error: null, busy: true }, gen);
    try {
      show(afterSearch(s, auto, await call("kiosk.findAppointments", queryOf(s.mode, s.value))), gen);
    } catch (e) {
      show(searchFailed(s, e), gen);
    }
  };

  /** One key from the keypad or keyboard, or a typed value; searches when complete. */
  const type = (s: ScreenOf<"find">, value: string) => {
    const next = typeInFind(s, value);
    show(next.screen);
    if (next.search) void search(next.screen, true);
  };

  const submitFind = (s: ScreenOf<"find">) => {
    if (s.busy) return;
    const error = findProblem(s);
    if (error) show({ ...s, error });
    else void search(s, false);
  };

  const checkIn = async (s: ScreenOf<"confirm">) => {
    const gen = generation.current;
    show({ ...s, busy: true }, gen);
    try {
      // Whether they already were comes from the check-in itself: the search's answer may be stale
      // (the desk checked in the rest of a party meanwhile).
      const checkedIn = call("kiosk.checkIn", { appointmentId: s.match.appointmentId, lang });
      // A returning guest's kept preferences, to confirm; if they can't be read, the guest goes on without. Asked
      // beside the check-in, not after it (they don't depend on it): one wait for the main process, not two.
      const kept = call("kiosk.preferences", { appointmentId: s.match.appointmentId }).catch(() => null);
      const { alreadyCheckedIn, ...visit } = await checkedIn;
      const stored = alreadyCheckedIn ? null : await kept;
      show(
        afterCheckIn(
          visit,
          s.party,
          alreadyCheckedIn,
          performance.now(),
          stored ?? { preferences: null, lastVisit: false },
        ),
        gen,
      );
    } catch (e) {
      show({ name: "gone", message: messageFor(e) }, gen);
    }
  };

  /**
   * The guest's choice on the offer: the chosen add-ons' screening questions first (screening.ts), then the choice is
   * sent.
   */
  const choose = (s: ScreenOf<"offer">, addonIds: number[]) => {
    if (!s.busy) proceed(pick(s, addonIds));
  };
  /** A screening step: another screen, or the choice sent with its answers. */
  const proceed = (step: ScreeningStep) => {
    if ("screen" in step) show(step.screen);
    else void send(step.send.offer, step.send.addonIds, step.send.screening);
  };

  const send = async (s: ScreenOf<"offer">, addonIds: number[], screening: ScreeningAnswers[]) => {
    const gen = generation.current;
    show({ ...s, busy: true, error: null }, gen);
    try {
      const offerMs = Math.max(0, Math.round(performance.now() - s.shownAt));
      show(
        afterChoice(
          s,
          await call("kiosk.chooseAddons", {
            appointmentId: s.visit.appointmentId,
            addonIds,
            offerMs,
            lang,
            screening,
          }),
        ),
        gen,
      );
    } catch (e) {
      if (offerMovedBy(e)) {
        // The schedule moved while the guest was reading: show the cards as they are now.
        try {
          const fresh = await call("kiosk.visit", { appointmentId: s.visit.appointmentId, lang });
          if (fresh.visit) return show(offerMoved(s, fresh.visit, e.field === "screening"), gen);
        } catch {
          // fall through to the general message below
        }
      }
      if (e instanceof ApiError && e.code === "CONFLICT")
        return void refresh(s.visit.appointmentId, s.already, s.party);
      show({ name: "gone", message: messageFor(e) }, gen);
    }
  };

  const savePreferences = async (s: PreferencesScreen) => {
    if (s.busy) return;
    const gen = generation.current;
    show({ ...s, busy: true, error: null }, gen);
    try {
      await call("kiosk.savePreferences", { appointmentId: s.visit.appointmentId, preferences: toSave(s) });
      show(afterPreferences(s, performance.now()), gen);
    } catch {
      show(saveFailed(s), gen);
    }
  };

  const openPreferences = async (s: ScreenOf<"done">) => {
    const gen = generation.current;
    show({ ...s, busy: true }, gen);
    try {
      show(fromDone(s, await call("kiosk.preferences", { appointmentId: s.visit.appointmentId })), gen);
    } catch (e) {
      show({ name: "gone", message: messageFor(e) }, gen);
    }
  };

  const changeFromDone = async (s: ScreenOf<"done">) => {
    const gen = generation.current;
    show({ ...s, busy: true }, gen);
    try {
      show(
        changeScreen(s, await call("kiosk.visit", { appointmentId: s.visit.appointmentId, lang }), performance.now()),
        gen,
      );
    } catch (e) {
      show({ name: "gone", message: messageFor(e) }, gen);
    }
  };

  const submitWalkIn = async (s: ScreenOf<"walkIn">) => {
    if (s.busy) return;
    const { name, problem } = walkInProblem(s.value);
    if (problem) return show({ ...s, error: problem });
    const gen = generation.current;
    show({ ...s, busy: true, error: null }, gen);
    try {
      const walkIn = await call("kiosk.walkIn", { firstName: name, lang });
      show({ name: "walkInDone", firstName: walkIn.firstName }, gen);
    } catch (e) {
      show(walkInFailed(s, e), gen);
    }
  };

  /**
   * The offer's or Done's add-ons, booked ahead or not, in another language: only the copy changes, whatever the guest
   * did meanwhile (a tap, a choice) stays.
   */
  const readCardsIn = async (next: Lang) => {
    if (screen.name !== "offer" && screen.name !== "done" && screen.name !== "screening" && screen.name !== "notToday")
      return;
    const gen = generation.current;
    const { appointmentId } = "visit" in screen ? screen.visit : screen.offer.visit;
    let visit: KioskVisit | null;
    try {
      ({ visit } = await call("kiosk.visit", { appointmentId, lang: next }));
    } catch {
      return; // The cards keep their language; a desk change still reaches this screen by its own event.
    }
    if (!visit || gen !== generation.current) return;
    // The cards' copy and the add-ons booked ahead ("Already in your booking: …"), both in the new language.
    const { cards, booked } = visit.offer;
    const withCards = (v: KioskVisit): KioskVisit => ({ ...v, offer: { ...v.offer, cards, booked } });
    setScreen((cur) => {
      if ((cur.name === "offer" || cur.name === "done") && cur.visit.appointmentId === appointmentId)
        return { ...cur, visit: withCards(cur.visit) };
      // The questions on screen in the new language; the answers given stay.
      if ((cur.name === "screening" || cur.name === "notToday") && cur.offer.visit.appointmentId === appointmentId)
        return { ...cur, offer: { ...cur.offer, visit: withCards(cur.offer.visit) } };
      return cur;
    });
  };

  return {
    screen,
    show,
    restart,
    giveUp,
    steps: {
      type,
      submitFind,
      checkIn,
      choose,
      proceed,
      openPreferences,
      savePreferences,
      changeFromDone,
      submitWalkIn,
      readCardsIn,
    },
  };
}

export type Steps = ReturnType<typeof useFlow>["steps"];
