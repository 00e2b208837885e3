import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { newFind } from "../flow/screen";
import { Heading, useKiosk } from "./shared";

/** The spa's logo and name, "Check in", and the language and text-size buttons. */
export function Welcome({ logo, tools }: { logo: string | null; tools: ReactNode }) {
  const { t } = useTranslation();
  const { info, go } = useKiosk();
  return (
    <>
      {logo && <img className="spa-logo" src={logo} alt="" />}
      <Heading>{t("welcome.title", { spa: info?.spaName ?? "" })}</Heading>
      <p className="lead">{t("welcome.subtitle")}</p>
      <button type="button" className="primary huge" onClick={() => go(newFind())}>
        {t("welcome.checkIn")}
      </button>
      <div className="toolbar">{tools}</div>
    </>
  );
}
