import { useTranslation } from "react-i18next";
import { clockTime, spaLocale } from "../../common/format";
import { confirmOne } from "../flow/find";
import type { ScreenOf } from "../flow/screen";
import { Heading, ServiceName, StartOver, useKiosk } from "./shared";

/** Several bookings on one number or code: first name and last initial, time and service; the guest taps theirs. */
export function Matches({ screen }: { screen: ScreenOf<"matches"> }) {
  const { t } = useTranslation();
  const { lang, timeZone, go } = useKiosk();
  return (
    <>
      <Heading>{t("matches.title")}</Heading>
      <p className="lead">{t(screen.mode === "phone" ? "matches.hintPhone" : "matches.hintCode")}</p>
      <ul className="choices">
        {screen.matches.map((m) => (
          <li key={m.appointmentId}>
            <button type="button" className="choice" onClick={() => go(confirmOne(m, screen.matches))}>
              <strong>
                <bdi>{m.guestLabel}</bdi>
              </strong>
              <span>
                {clockTime(m.startsAt, timeZone, spaLocale(lang))} · <ServiceName match={m} lang={lang} />
                {m.checkedIn ? ` · ${t("matches.checkedIn")}` : m.ended ? ` · ${t("matches.ended")}` : ""}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <div className="toolbar">
        <button
          type="button"
          className="secondary"
          onClick={() => go({ name: "notFound", mode: screen.mode, searched: null })}
        >
          {t("matches.notMe")}
        </button>
        <StartOver />
      </div>
    </>
  );
}
