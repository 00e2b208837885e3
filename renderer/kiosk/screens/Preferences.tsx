import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ALLERGENS, ALLERGY_OTHER_MAX, AREAS, PRESSURES } from "../../../contract/preferences";
import { LetterBoard } from "../Keypad";
import {
  afterPreferences,
  choosePressure,
  clearOther,
  closeOther,
  deleteOther,
  toggleAllergy,
  toggleArea,
  toggleKeep,
  typeOther,
} from "../flow/preferences";
import type { PreferencesScreen } from "../flow/screen";
import { Heading, useKiosk } from "./shared";

/** A large toggle: pressed looks filled, with a tick, and says so to screen readers. */
function Toggle({
  on,
  label,
  onClick,
  disabled,
}: {
  on: boolean;
  label: string;
  onClick: () => void;
  disabled: boolean;
}) {
  return (
    <button
      type="button"
      className={`segment pref-toggle${on ? " on" : ""}`}
      aria-pressed={on}
      disabled={disabled}
      onClick={onClick}
    >
      {on && <span aria-hidden="true">✓ </span>}
      {label}
    </button>
  );
}

/** One question of the step: its title and a toggle for each answer (more after them: `children`). */
function PrefGroup({
  id,
  title,
  disabled,
  options,
  children,
}: {
  id: string;
  title: string;
  disabled: boolean;
  options: { key: string; on: boolean; label: string; onClick: () => void }[];
  children?: ReactNode;
}) {
  return (
    <div className="pref-group" role="group" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <div className="pref-options">
        {options.map(({ key, ...o }) => (
          <Toggle key={key} {...o} disabled={disabled} />
        ))}
        {children}
      </div>
    </div>
  );
}

/** The optional preferences step after check-in: one tap skips it. */
export function Preferences({ screen }: { screen: PreferencesScreen }) {
  const { t } = useTranslation();
  const { go, steps } = useKiosk();
  const { draft, busy } = screen;

  if (screen.typing) {
    return (
      <>
        <Heading>{t("preferences.otherTitle")}</Heading>
        <div className="find-layout">
          <div className="find-entry">
            <label className="field">
              <span>{t("preferences.otherLabel", { count: ALLERGY_OTHER_MAX })}</span>
              <input
                value={draft.allergyOther}
                inputMode="none"
                autoComplete="off"
                autoCorrect="off"
                spellCheck={false}
                maxLength={ALLERGY_OTHER_MAX}
                onChange={(e) =>
                  go({ ...screen, draft: { ...draft, allergyOther: e.target.value.slice(0, ALLERGY_OTHER_MAX) } })
                }
                onKeyDown={(e) => e.key === "Enter" && go(closeOther(screen))}
              />
            </label>
            <button type="button" className="primary big" onClick={() => go(closeOther(screen))}>
              {t("preferences.otherDone")}
            </button>
          </div>
          <div className="find-keys">
            <LetterBoard
              kind="name"
              label={t("preferences.keyboard")}
              onKey={(k) => go(typeOther(screen, k))}
              onDelete={() => go(deleteOther(screen))}
              onClear={() => go(clearOther(screen))}
            />
          </div>
        </div>
      </>
    );
  }

  return (
    <>
      <Heading>{t("preferences.title")}</Heading>
      {/* The questions scroll here when they outgrow the glass; Continue and Skip stay on it, below (fit.css). */}
      <div className="fit-scroll">
        <p className="lead">{t("preferences.lead")}</p>
        {screen.lastVisit && (
          <p className="notice" role="status">
            {t("preferences.lastVisit")}
          </p>
        )}
        <div className="pref-groups">
          <PrefGroup
            id="pref-pressure"
            title={t("preferences.pressure")}
            disabled={busy}
            options={PRESSURES.map((p) => ({
              key: p,
              on: draft.pressure === p,
              label: t(`preferences.pressures.${p}`),
              onClick: () => go(choosePressure(screen, p)),
            }))}
          />
          <PrefGroup
            id="pref-allergies"
            title={t("preferences.allergies")}
            disabled={busy}
            options={ALLERGENS.map((a) => ({
              key: a,
              on: draft.allergies.includes(a),
              label: t(`preferences.allergens.${a}`),
              onClick: () => go(toggleAllergy(screen, a)),
            }))}
          >
            <Toggle
              on={draft.allergyOther !== ""}
              label={
                draft.allergyOther !== ""
                  ? t("preferences.otherSaid", { text: draft.allergyOther })
                  : t("preferences.other")
              }
              disabled={busy}
              onClick={() => go({ ...screen, typing: true, error: null })}
            />
          </PrefGroup>
          <PrefGroup
            id="pref-avoid"
            title={t("preferences.avoid")}
            disabled={busy}
            options={AREAS.map((a) => ({
              key: a,
              on: draft.avoid.includes(a),
              label: t(`preferences.areas.${a}`),
              onClick: () => go(toggleArea(screen, a)),
            }))}
          />
        </div>
        <div className="pref-keep">
          <Toggle
            on={draft.keep}
            label={t("preferences.keep")}
            disabled={busy}
            onClick={() => go(toggleKeep(screen))}
          />
          <p className="pref-keep-note">{t("preferences.keepNote")}</p>
        </div>
      </div>
      <div className="fit-footer">
        <p className="error" role="alert">
          {screen.error ? t(screen.error) : ""}
        </p>
        <div className="pref-actions">
          <button
            type="button"
            className="primary big"
            disabled={busy}
            onClick={() => void steps.savePreferences(screen)}
          >
            {busy ? t("preferences.saving") : screen.lastVisit ? t("preferences.confirm") : t("preferences.continue")}
          </button>
          <button
            type="button"
            className="secondary big"
            disabled={busy}
            onClick={() => go(afterPreferences(screen, performance.now()))}
          >
            {t("preferences.skip")}
          </button>
        </div>
      </div>
    </>
  );
}
