import { useTranslation } from "react-i18next";
import { clockTime, spaLocale } from "../../common/format";
import { newFind, type ScreenOf } from "../flow/screen";
import { Finish, Heading, ServiceName, useKiosk } from "./shared";

/** "Is this you?": the booking as the guest knows it, and one tap to check in. */
export function Confirm({ screen }: { screen: ScreenOf<"confirm"> }) {
  const { t } = useTranslation();
  const { lang, timeZone, go, steps } = useKiosk();
  const { match } = screen;
  return (
    <>
      <Heading>{t("confirm.title")}</Heading>
      {/* The booking and why it can't be checked in scroll here on a small glass; the choices stay on it (fit.css). */}
      <div className="fit-scroll">
        <div className="card summary">
          <p className="who">
            <bdi>{match.guestLabel}</bdi>
          </p>
          <p>
            <ServiceName match={match} lang={lang} />
          </p>
          <p>
            {clockTime(match.startsAt, timeZone, spaLocale(lang))} ·{" "}
            {t("confirm.with", { therapist: match.therapistFirstName })}
          </p>
          {match.checkedIn && <p className="note">{t("confirm.already")}</p>}
        </div>
        {/* A session already over is not checked in here: the desk decides what happens instead. */}
        {!match.checkedIn && match.ended && (
          <p className="notice" role="status">
            {t("confirm.ended", { time: clockTime(match.endsAt, timeZone, spaLocale(lang)) })}
          </p>
        )}
      </div>
      {!match.checkedIn && match.ended ? (
        <div className="stack">
          <Finish />
          <button type="button" className="secondary big" onClick={() => go(newFind())}>
            {t("confirm.no")}
          </button>
        </div>
      ) : (
        <div className="stack">
          <button
            type="button"
            className="primary big"
            disabled={screen.busy}
            onClick={() => void steps.checkIn(screen)}
          >
            {t("confirm.yes")}
          </button>
          <button type="button" className="secondary big" disabled={screen.busy} onClick={() => go(newFind())}>
            {t("confirm.no")}
          </button>
        </div>
      )}
    </>
  );
}
