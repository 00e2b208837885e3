import { useTranslation } from "react-i18next";
import { notFoundBody } from "../flow/messages";
import { newFind, type ScreenOf } from "../flow/screen";
import { Heading, StartOver, useKiosk, WalkInButton } from "./shared";

/**
 * No booking today for what was searched, which the screen repeats (a mistyped digit shows) in the words of that
 * search.
 */
export function NotFound({ screen }: { screen: ScreenOf<"notFound"> }) {
  const { t } = useTranslation();
  const { info, go } = useKiosk();
  return (
    <>
      <Heading>{t("notFound.title")}</Heading>
      {screen.searched !== null && (
        <p className="searched">
          {t(screen.mode === "phone" ? "notFound.searchedPhone" : "notFound.searchedCode", { value: screen.searched })}
        </p>
      )}
      <p className="lead">{t(notFoundBody(screen.mode))}</p>
      {info?.walkInsAllowed && <p className="lead">{t("notFound.walkInHint")}</p>}
      <div className="stack">
        <button type="button" className="primary big" onClick={() => go(newFind(screen.mode))}>
          {t("notFound.tryAgain")}
        </button>
        <WalkInButton />
        <StartOver />
      </div>
    </>
  );
}
