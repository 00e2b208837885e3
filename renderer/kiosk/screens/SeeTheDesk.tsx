import { useTranslation } from "react-i18next";
import type { ScreenOf } from "../flow/screen";
import { Heading, useKiosk } from "./shared";

/** The end of the kiosk's road: the desk took the visit back ("gone"), or something failed ("error"). */
export function SeeTheDesk({ screen }: { screen: ScreenOf<"gone"> | ScreenOf<"error"> }) {
  const { t } = useTranslation();
  const { reset } = useKiosk();
  return (
    <>
      <Heading>{t(screen.name === "gone" ? "gone.title" : "error.title")}</Heading>
      <p className="lead">{t(screen.message)}</p>
      <button type="button" className="primary big" onClick={reset}>
        {t("error.back")}
      </button>
    </>
  );
}
