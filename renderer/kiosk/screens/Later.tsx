import { useTranslation } from "react-i18next";
import { clockTime, longDay, spaLocale } from "../../common/format";
import { newFind, type ScreenOf } from "../flow/screen";
import { Finish, Heading, useKiosk, WalkInButton } from "./shared";

/** The booking is on a later day: when it is, instead of "We couldn't find you". */
export function Later({ screen }: { screen: ScreenOf<"later"> }) {
  const { t } = useTranslation();
  const { lang, timeZone, go } = useKiosk();
  return (
    <>
      <Heading>{t("later.title")}</Heading>
      <p className="searched">
        {t("later.when", {
          day: longDay(screen.startsAt, timeZone, spaLocale(lang)),
          time: clockTime(screen.startsAt, timeZone, spaLocale(lang)),
        })}
      </p>
      <p className="lead">{t("later.body")}</p>
      <div className="stack">
        <Finish />
        <WalkInButton />
        <button type="button" className="secondary big" onClick={() => go(newFind(screen.mode))}>
          {t("notFound.tryAgain")}
        </button>
      </div>
    </>
  );
}
