import { useTranslation } from "react-i18next";
import { notFoundBody } from "../flow/messages";
import { newFind, newWalkIn, type ScreenOf } from "../flow/screen";
import { groupPhoneDigits } from "../input";
import { Keypad, LetterBoard } from "../Keypad";
import { Heading, StartOver, useKiosk } from "./shared";

/** Mobile number on the keypad, or booking code on the keyboard; a complete one searches by itself. */
export function Find({ screen }: { screen: ScreenOf<"find"> }) {
  const { t } = useTranslation();
  const { info, go, steps } = useKiosk();
  const type = (value: string) => steps.type(screen, value);
  // "Not found" after a code searched by itself is a hint to keep typing, a search that took too long is the kiosk's
  // trouble: neither is a mistake in the field.
  const fieldError =
    screen.error !== null && screen.error !== notFoundBody(screen.mode) && screen.error !== "waiting.tooLong";
  return (
    <>
      <Heading>{t("find.title")}</Heading>
      <div className="find-layout">
        <div className="find-entry">
          <div className="segmented" role="group" aria-label={t("find.modeLabel")}>
            {(["phone", "code"] as const).map((mode) => (
              <button
                key={mode}
                type="button"
                className={screen.mode === mode ? "segment on" : "segment"}
                aria-pressed={screen.mode === mode}
                onClick={() => go(newFind(mode))}
              >
                {mode === "phone" ? t("find.phoneTab") : t("find.codeTab")}
              </button>
            ))}
          </div>
          <p className="lead" id="find-hint">
            {screen.mode === "phone" ? t("find.phoneHint") : t("find.codeHint")}
          </p>
          <label className="field">
            <span>{screen.mode === "phone" ? t("find.phoneLabel") : t("find.codeLabel")}</span>
            <input
              value={
                screen.mode === "phone" && /^\d*$/.test(screen.value) ? groupPhoneDigits(screen.value) : screen.value
              }
              inputMode="none"
              autoComplete="off"
              autoCorrect="off"
              spellCheck={false}
              maxLength={40}
              aria-invalid={fieldError}
              aria-describedby={screen.error ? "find-hint find-error" : "find-hint"}
              onChange={(e) => type(e.target.value)}
              onKeyDown={(e) => e.key === "Enter" && steps.submitFind(screen)}
            />
          </label>
          <p id="find-error" className="error" role="alert">
            {screen.error ? t(screen.error) : ""}
          </p>
        </div>
        <div className="find-keys">
          {screen.mode === "phone" ? (
            <Keypad
              disabled={screen.busy}
              onKey={(d) => type((screen.value + d).slice(0, 40))}
              onDelete={() => type(screen.value.slice(0, -1))}
              onClear={() => type("")}
            />
          ) : (
            <LetterBoard
              kind="code"
              disabled={screen.busy}
              onKey={(k) => type((screen.value + k).slice(0, 12))}
              onDelete={() => type(screen.value.slice(0, -1))}
              onClear={() => type("")}
            />
          )}
          <button
            type="button"
            className="primary big"
            disabled={screen.busy || screen.value.trim() === ""}
            onClick={() => steps.submitFind(screen)}
          >
            {screen.busy ? t("find.searching") : t("find.find")}
          </button>
        </div>
      </div>
      <div className="toolbar">
        {info?.walkInsAllowed && (
          <button type="button" className="secondary" onClick={() => go(newWalkIn())}>
            {t("find.noBooking")}
          </button>
        )}
        <StartOver />
      </div>
    </>
  );
}
