import { createContext, useContext, type ReactNode, type RefObject } from "react";
import { useTranslation } from "react-i18next";
import { serviceNameIn, type AppInfo, type AppointmentMatch } from "../../../contract/channels";
import type { Lang } from "../../common/i18n";
import { newWalkIn, type Screen } from "../flow/screen";
import type { Steps } from "../useFlow";

/** What every screen needs from the kiosk around it: the spa, the guest's language, the steps. */
export interface Kiosk {
  info: AppInfo | null;
  lang: Lang;
  timeZone: string;
  steps: Steps;
  /** Another screen for the same guest, at once (no step to wait for). */
  go: (next: Screen) => void;
  /** Back to Welcome: every guest detail leaves state, and so the DOM. */
  reset: () => void;
  headingRef: RefObject<HTMLHeadingElement | null>;
}
export const KioskContext = createContext<Kiosk | null>(null);
export function useKiosk(): Kiosk {
  const kiosk = useContext(KioskContext);
  if (!kiosk) throw new Error("A kiosk screen is drawn outside KioskApp.");
  return kiosk;
}

/** The screen's title: it takes the focus when the screen changes, for screen readers and keyboards. */
export function Heading({ children }: { children: ReactNode }) {
  const { headingRef } = useKiosk();
  return (
    <h1 ref={headingRef} id="screen-title" tabIndex={-1}>
      {children}
    </h1>
  );
}

export function StartOver() {
  const { t } = useTranslation();
  const { reset } = useKiosk();
  return (
    <button type="button" className="secondary" onClick={reset}>
      {t("common.cancel")}
    </button>
  );
}

/** "Done" on a last screen: back to Welcome for the next guest. */
export function Finish() {
  const { t } = useTranslation();
  const { reset } = useKiosk();
  return (
    <button type="button" className="primary big" onClick={reset}>
      {t("done.finish")}
    </button>
  );
}

/** For a guest with no booking today: leave a first name for the desk (when the spa takes walk-ins). */
export function WalkInButton() {
  const { t } = useTranslation();
  const { info, go } = useKiosk();
  if (!info?.walkInsAllowed) return null;
  return (
    <button type="button" className="secondary big" onClick={() => go(newWalkIn())}>
      {t("notFound.walkIn")}
    </button>
  );
}

/** The last screen's countdown, so the guest sees why it goes and the next guest never finds their name. */
export function Clears({ seconds }: { seconds: number }) {
  const { t } = useTranslation();
  return <p className="clears">{t("common.clears", { count: seconds })}</p>;
}

/**
 * The booked service in the guest's language where the spa named it so; else its own name, marked as English for screen
 * readers.
 */
export function ServiceName({ match, lang }: { match: AppointmentMatch; lang: Lang }) {
  const name = serviceNameIn(match, lang);
  return <span lang={name.lang === lang ? undefined : name.lang}>{name.name}</span>;
}
