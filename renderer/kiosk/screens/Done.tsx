import { useTranslation } from "react-i18next";
import { confirmOne } from "../flow/find";
import type { ScreenOf } from "../flow/screen";
import { canChange, chosenCards, together } from "../flow/visit";
import { Clears, Finish, Heading, useKiosk } from "./shared";

/**
 * Checked in: the add-ons with what they cost, the rest of the party, and a change while the desk has not confirmed.
 */
export function Done({ screen, clearsIn }: { screen: ScreenOf<"done">; clearsIn: number }) {
  const { t } = useTranslation();
  const { lang, go, steps } = useKiosk();
  const chosen = chosenCards(screen.visit);
  const booked = screen.visit.offer.booked.map((b) => b.title).join(" + ");
  return (
    <>
      <Heading>{t("done.title", { name: screen.visit.guestLabel })}</Heading>
      {/* Words and the other choices scroll here when they outgrow the glass; Done stays on it, below (fit.css). */}
      <div className="fit-scroll">
        {screen.already && <p className="lead">{t("done.already")}</p>}
        {/* Booked ahead in the booking system: said whether or not the guest added more here. */}
        {booked.length > 0 && <p className="lead">{t("done.booked", { list: booked })}</p>}
        {(chosen.length > 0 || booked.length === 0) && (
          <p className="lead">
            {chosen.length > 0 ? t("done.withAddons", together(chosen, lang)) : t("done.noAddons")}
          </p>
        )}
        {screen.notice && (
          <p className="notice" role="status">
            {t(`done.${screen.notice}`)}
          </p>
        )}
        <p>{t("done.seat")}</p>
        <div className="stack">
          {screen.party.map((m) => (
            <button
              key={m.appointmentId}
              type="button"
              className="secondary big"
              disabled={screen.busy}
              onClick={() => go(confirmOne(m, screen.party))}
            >
              {t("done.party", { name: m.guestLabel })}
            </button>
          ))}
          <button
            type="button"
            className="secondary big"
            disabled={screen.busy}
            onClick={() => void steps.openPreferences(screen)}
          >
            {t("done.preferences")}
          </button>
          {screen.notice === null && canChange(screen.visit) && (
            <button
              type="button"
              className="secondary big"
              disabled={screen.busy}
              onClick={() => void steps.changeFromDone(screen)}
            >
              {t("done.change")}
            </button>
          )}
        </div>
      </div>
      <div className="fit-footer">
        <Finish />
        <Clears seconds={clearsIn} />
      </div>
    </>
  );
}
