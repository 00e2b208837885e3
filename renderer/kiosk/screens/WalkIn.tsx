import { useTranslation } from "react-i18next";
import type { ScreenOf } from "../flow/screen";
import { typeNameKey } from "../input";
import { LetterBoard } from "../Keypad";
import { Clears, Finish, Heading, StartOver, useKiosk } from "./shared";

/** No booking: the guest leaves a first name for the desk to call. */
export function WalkIn({ screen }: { screen: ScreenOf<"walkIn"> }) {
  const { t } = useTranslation();
  const { go, steps } = useKiosk();
  const set = (value: string) => go({ ...screen, value, error: null });
  return (
    <>
      <Heading>{t("walkIn.title")}</Heading>
      <div className="find-layout">
        <div className="find-entry">
          <p className="lead" id="walkin-hint">
            {t("walkIn.body")}
          </p>
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
              onChange={(e) => set(e.target.value)}
              onKeyDown={(e) => e.key === "Enter" && void steps.submitWalkIn(screen)}
            />
          </label>
          <p id="walkin-error" className="error" role="alert">
            {screen.error ? t(screen.error) : ""}
          </p>
          <button
            type="button"
            className="primary big"
            disabled={screen.busy || screen.value.trim() === ""}
            onClick={() => void steps.submitWalkIn(screen)}
          >
            {screen.busy ? t("walkIn.sending") : t("walkIn.submit")}
          </button>
        </div>
        <div className="find-keys">
          <LetterBoard
            kind="name"
            disabled={screen.busy}
            onKey={(k) => set(typeNameKey(screen.value, k))}
            onDelete={() => set(screen.value.slice(0, -1))}
            onClear={() => set("")}
          />
        </div>
      </div>
      <div className="toolbar">
        <StartOver />
      </div>
    </>
  );
}

/** The desk has the name: take a seat. */
export function WalkInDone({ screen, clearsIn }: { screen: ScreenOf<"walkInDone">; clearsIn: number }) {
  const { t } = useTranslation();
  return (
    <>
      <Heading>{t("walkIn.doneTitle", { name: screen.firstName })}</Heading>
      <p className="lead">{t("walkIn.doneBody")}</p>
      <Finish />
      <Clears seconds={clearsIn} />
    </>
  );
}
