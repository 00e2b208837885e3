import { useCallback, useEffect, useState } from "react";
import { type KioskSettingsInput, type TimeZoneChange } from "../../../contract/admin";
import { languageChoiceLabel } from "../../../contract/common";
import { LANGUAGES } from "../../common/i18n";
import { call } from "../../common/api";
import { useAuthGuard } from "../useAuthGuard";
import {
  AdminForm,
  Field,
  FieldError,
  FormBanner,
  localError,
  OfferRuleHint,
  parseWhole,
  toFormError,
  type FormError,
} from "./form";
import { LogoAdmin } from "./LogoAdmin";
import { zoneChangeText } from "./zoneChangeText";

/** The whole-number fields as typed, parsed on save. */
const NUMBERS = [
  ["idleSeconds", "Enter the idle time in whole seconds."],
  ["staffIdleSeconds", "Enter the staff lock time in whole seconds."],
  ["retentionDays", "Enter whole days."],
] as const;
type NumberField = (typeof NUMBERS)[number][0];
type Draft = Omit<KioskSettingsInput, NumberField> & Record<NumberField, string>;
const toDraft = (s: KioskSettingsInput): Draft => ({
  ...s,
  idleSeconds: String(s.idleSeconds),
  staffIdleSeconds: String(s.staffIdleSeconds),
  retentionDays: String(s.retentionDays),
});

const UNSAVED = "Unsaved changes: the kiosk keeps the settings last saved until you save these.";

export function KioskAdmin({ onAuthLost, onOpenAddons }: { onAuthLost: () => void; onOpenAddons: () => void }) {
  const guard = useAuthGuard(onAuthLost);
  const [draft, setDraft] = useState<Draft | null>(null);
  /** The settings as last read or saved: a draft that differs from them is said to be unsaved. */
  const [saved, setSaved] = useState<Draft | null>(null);
  /** The time zone as saved: a change of it is warned about before it is saved. */
  const [savedZone, setSavedZone] = useState<string | null>(null);
  const [zones, setZones] = useState<string[]>([]);
  const [error, setError] = useState<FormError | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  /** A save in flight: what the button says meanwhile (a big change of zone takes a minute or two). */
  const [saving, setSaving] = useState<string | null>(null);
  /** What saving the zone picked would do to what is stored (asked of the main process as it is picked). */
  const [zoneChange, setZoneChange] = useState<{ zone: string; change: TimeZoneChange } | null>(null);
  const pickedZone = draft?.timeZone;

  const load = useCallback(async () => {
    try {
      const r = await guard(call("admin.kioskSettings", {}));
      setDraft(toDraft(r.settings));
      setSaved(toDraft(r.settings));
      setSavedZone(r.settings.timeZone);
      setZones(r.timeZones);
    } catch (e) {
      setError(toFormError(e));
    }
  }, [guard]);
  useEffect(() => void load(), [load]);
  useEffect(() => {
    if (pickedZone === undefined || pickedZone === savedZone) return;
    let current = true;
    guard(call("admin.timeZoneChange", { timeZone: pickedZone })).then(
      (change) => current && setZoneChange({ zone: pickedZone, change }),
      (e: unknown) => current && setError(toFormError(e)),
    );
    return () => {
      current = false;
    };
  }, [guard, pickedZone, savedZone]);
  if (!draft)
    return error ? (
      <p className="error" role="alert">
        {error.message}
      </p>
    ) : (
      <p aria-busy="true">Loading…</p>
    );

  const unsaved = JSON.stringify(draft) !== JSON.stringify(saved);
  const edit = (patch: Partial<Draft>) => {
    setDraft({ ...draft, ...patch });
    setStatus(null);
    // A field's message goes once that field is edited: it no longer describes what is typed there.
    if (error?.field !== undefined && error.field in patch) setError(null);
  };
  const save = async () => {
    const parsed = NUMBERS.map(([field, message]) => ({ field, message, value: parseWhole(draft[field]) }));
    const bad = parsed.find((p) => p.value === null);
    if (bad) return setError(localError(bad.field, bad.message));
    const numbers = Object.fromEntries(parsed.map((p) => [p.field, p.value])) as Record<NumberField, number>;
    const pausing = draft.timeZone !== savedZone && zoneChange?.zone === draft.timeZone && zoneChange.change.pauses;
    setSaving(pausing ? "Changing the time zone… the kiosk and the desk are paused until it is done." : "Saving…");
    setStatus(null);
    try {
      const r = await guard(call("admin.saveKioskSettings", { ...draft, ...numbers }));
      setDraft(toDraft(r.settings));
      setSaved(toDraft(r.settings));
      setSavedZone(r.settings.timeZone);
      setError(null);
      setStatus("Saved. The kiosk has the new settings now.");
    } catch (e) {
      setError(toFormError(e));
    } finally {
      setSaving(null);
    }
  };
  const toggle = <T,>(list: readonly T[], item: T, on: boolean): T[] =>
    on ? [...list, item] : list.filter((x) => x !== item);
  return (
    <div className="kiosk-admin">
      <AdminForm
        error={error}
        className="admin-form narrow"
        titleId="kiosk-settings-title"
        onSubmit={() => void save()}
      >
        <h2 id="kiosk-settings-title">Kiosk settings</h2>
        <FormBanner
          error={error}
          fields={["spaName", "timeZone", "idleSeconds", "staffIdleSeconds", "retentionDays", "languages"]}
        />
        <Field label="Spa name" name="spaName" error={error} hint="Shown on the kiosk's welcome screen and on tickets">
          {(p) => (
            <input {...p} value={draft.spaName} maxLength={100} onChange={(e) => edit({ spaName: e.target.value })} />
          )}
        </Field>
        <Field
          label="Time zone"
          name="timeZone"
          error={error}
          hint={
            draft.timeZone === savedZone
              ? undefined
              : zoneChange?.zone === draft.timeZone
                ? zoneChangeText(zoneChange.change)
                : "Checking what the new time zone changes…"
          }
        >
          {(p) => (
            <select {...p} value={draft.timeZone} onChange={(e) => edit({ timeZone: e.target.value })}>
              {zones.map((z) => (
                <option key={z} value={z}>
                  {z}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="Idle time before the kiosk starts over (seconds)"
          name="idleSeconds"
          error={error}
          hint="15 to 600"
        >
          {(p) => (
            <input
              {...p}
              inputMode="numeric"
              maxLength={6}
              value={draft.idleSeconds}
              onChange={(e) => edit({ idleSeconds: e.target.value })}
            />
          )}
        </Field>
        <Field
          label="Lock the staff window after (seconds without a tap)"
          name="staffIdleSeconds"
          error={error}
          hint="30 to 3600; staff sign in again with their PIN"
        >
          {(p) => (
            <input
              {...p}
              inputMode="numeric"
              maxLength={6}
              value={draft.staffIdleSeconds}
              onChange={(e) => edit({ staffIdleSeconds: e.target.value })}
            />
          )}
        </Field>
        <Field
          label="Keep guests' phone numbers and full names for (days)"
          name="retentionDays"
          error={error}
          hint="1 to 3650. After that the phone number is erased and the name shortened to first name and initial; reports keep their figures."
        >
          {(p) => (
            <input
              {...p}
              inputMode="numeric"
              maxLength={6}
              value={draft.retentionDays}
              onChange={(e) => edit({ retentionDays: e.target.value })}
            />
          )}
        </Field>
        <label className="check">
          <input
            type="checkbox"
            checked={draft.walkInsAllowed}
            onChange={(e) => edit({ walkInsAllowed: e.target.checked })}
          />{" "}
          Walk-ins may check in at the kiosk
        </label>
        <fieldset aria-describedby={error?.field === "languages" ? "languages-error" : undefined}>
          <legend>Languages offered</legend>
          {LANGUAGES.map((l) => (
            <label key={l} className="check">
              <input
                type="checkbox"
                checked={draft.languages.includes(l)}
                onChange={(e) => edit({ languages: toggle(draft.languages, l, e.target.checked) })}
              />{" "}
              {languageChoiceLabel(l)}
            </label>
          ))}
          <FieldError id="languages-error" error={error} field="languages" />
        </fieldset>
        <OfferRuleHint onOpenAddons={onOpenAddons} />
        <button type="submit" className="primary" disabled={saving !== null} aria-busy={saving !== null}>
          {saving === null ? "Save kiosk settings" : "Saving…"}
        </button>
        {/* Edits not saved yet read differently from settings saved (words, a pencil, a dashed frame): a manager who
            leaves now knows the kiosk still has the old ones. */}
        {(saving ?? status ?? unsaved) && (
          <p role="status" className={saving === null && status === null ? "notice unsaved" : "notice"}>
            {saving ?? status ?? (
              <>
                <span aria-hidden="true">✎ </span>
                {UNSAVED}
              </>
            )}
          </p>
        )}
      </AdminForm>

      <LogoAdmin guard={guard} />
    </div>
  );
}
