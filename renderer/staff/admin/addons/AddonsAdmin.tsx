import { useCallback, useEffect, useState } from "react";
import type { AddonAdmin, ServiceAdmin } from "../../../../contract/admin";
import { call } from "../../../common/api";
import type { Lang } from "../../../common/i18n";
import { useAuthGuard } from "../../useAuthGuard";
import { AdminForm, Field, TextField, FieldError, FormBanner, toFormError, type FormError } from "../form";
import { AddonCopy } from "./AddonCopy";
import { AddonList } from "./AddonList";
import { FIELDS, fromAddon, LANGS, newDraft, toInput, type Draft, type TextDraft } from "./draft";
import { OfferPreview } from "./OfferPreview";
import { ScreeningAdmin } from "./ScreeningAdmin";

/** The add-on's short fields, in a row: what each holds in the draft, and its input. */
const SHORT_FIELDS = [
  { key: "code", name: "code", label: "Code", hint: "Used in exports, e.g. face", maxLength: 40, autoComplete: "off" },
  { key: "price", name: "priceCents", label: "Price ($)", inputMode: "decimal", maxLength: 12 },
  { key: "extraMinutes", name: "extraMinutes", label: "Extra minutes", inputMode: "numeric", maxLength: 6 },
  {
    key: "sortOrder",
    name: "sortOrder",
    label: "Display order",
    hint: "0 shows first",
    inputMode: "numeric",
    maxLength: 4,
  },
] as const;

/**
 * Back office › Add-on offers: the list, the editor with its screening questions, and the kiosk's card as it will look.
 */
export function AddonsAdmin({ onAuthLost }: { onAuthLost: () => void }) {
  const guard = useAuthGuard(onAuthLost);
  const [addons, setAddons] = useState<AddonAdmin[]>([]);
  const [services, setServices] = useState<ServiceAdmin[]>([]);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<FormError | null>(null);
  const [notices, setNotices] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const load = useCallback(
    async (select?: number) => {
      try {
        const r = await guard(call("admin.addons", {}));
        setAddons(r.addons);
        setServices(r.services);
        const pick = r.addons.find((a) => a.id === select) ?? r.addons[0];
        setDraft(pick ? fromAddon(pick) : newDraft(0, r.services));
      } catch (e) {
        setError(toFormError(e));
      }
    },
    [guard],
  );
  useEffect(() => void load(), [load]);

  if (!draft) return <p aria-busy="true">Loading add-ons…</p>;
  const edit = (patch: Partial<Draft>) => {
    setDraft({ ...draft, ...patch });
    setNotices([]);
  };
  const editText = (lang: Lang, patch: Partial<TextDraft>) =>
    edit({ texts: { ...draft.texts, [lang]: { ...draft.texts[lang], ...patch } } });
  const current = addons.find((a) => a.id === draft.id);
  // Head office's add-ons (chain-wide offers): changed here only where the chain allows; their code and questions
  // are the chain's.
  const chain = current?.chain ?? null;
  const locked = chain !== null && !chain.allowOverride;
  const show = (d: Draft) => {
    setDraft(d);
    setError(null);
    setNotices([]);
  };

  /** Sends a change of the add-on, then shows what the back office now holds and `done` with the save's notices. */
  const send = async (request: Promise<{ addon: AddonAdmin; notices: string[] }>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      const r = await guard(request);
      setNotices([done, ...r.notices]);
      const list = await guard(call("admin.addons", {}));
      setAddons(list.addons);
      setDraft(fromAddon(r.addon));
    } catch (e) {
      setError(toFormError(e));
    } finally {
      setBusy(false);
    }
  };
  const save = () => {
    const input = toInput(draft);
    if ("message" in input) return setError(input);
    void send(call("admin.saveAddon", input), "Saved. The kiosk shows it from the next check-in.");
  };
  const restoreChain = () => {
    if (draft.id === undefined) return;
    void send(
      call("admin.restoreChainValues", { id: draft.id }),
      "Head office's values are back; its next releases reach this add-on again.",
    );
  };

  return (
    <div className="admin-split">
      <AddonList
        addons={addons}
        selected={draft.id}
        onSelect={(a) => show(fromAddon(a))}
        onNew={() => show(newDraft(addons.length, services))}
      />

      <div className="admin-column">
        <AdminForm error={error} className="admin-form" titleId="addon-form-title" onSubmit={save}>
          <h2 id="addon-form-title">
            {draft.id === undefined ? "New add-on" : `Edit ${current?.texts.en.title ?? draft.code}`}
          </h2>
          <FormBanner error={error} fields={FIELDS} />
          {current && current.pendingToday > 0 && (
            <p className="notice">
              {current.pendingToday} guest{current.pendingToday === 1 ? " is" : "s are"} waiting at the desk with this
              add-on today. Their price and choice stay as quoted.
            </p>
          )}
          {chain && (
            <p className="notice chain-managed" data-testid="chain-managed">
              Managed by head office (release {chain.release}).{" "}
              {locked
                ? "Head office does not allow changing it here."
                : chain.overridden
                  ? "You changed it here: head office's next releases keep your price, minutes, copy and services."
                  : "You may change its price, minutes, copy and services here; head office's next releases then keep yours."}
              {chain.overridden && (
                <button type="button" className="secondary" disabled={busy} onClick={restoreChain}>
                  Use head office's values
                </button>
              )}
            </p>
          )}
          <fieldset className="plain" disabled={locked}>
            <div className="row">
              {SHORT_FIELDS.map(({ key, ...f }) => (
                <TextField
                  key={key}
                  {...f}
                  error={error}
                  value={draft[key]}
                  disabled={key === "code" && chain !== null}
                  onValue={(v) => edit({ [key]: v })}
                />
              ))}
            </div>
            <Field label="Active (offered on the kiosk)" name="active" error={error} className="check">
              {(p) => (
                <input
                  {...p}
                  type="checkbox"
                  checked={draft.active}
                  onChange={(e) => edit({ active: e.target.checked, acknowledgePending: false })}
                />
              )}
            </Field>
            {error?.field === "active" && error.code === "CONFLICT" && (
              <label className="check ack">
                <input
                  type="checkbox"
                  checked={draft.acknowledgePending}
                  onChange={(e) => setDraft({ ...draft, acknowledgePending: e.target.checked })}
                />
                Deactivate anyway; those guests keep their add-on
              </label>
            )}

            <fieldset
              className="services"
              aria-describedby={error?.field === "serviceIds" ? "addon-services-error" : undefined}
            >
              <legend>May be added to</legend>
              {services.map((s) => (
                <label key={s.id} className="check">
                  <input
                    type="checkbox"
                    checked={draft.serviceIds.includes(s.id)}
                    onChange={(e) =>
                      edit({
                        serviceIds: e.target.checked
                          ? [...draft.serviceIds, s.id]
                          : draft.serviceIds.filter((id) => id !== s.id),
                      })
                    }
                  />
                  {s.name}
                  {s.active ? "" : " (inactive)"}
                  {s.offerAddons ? "" : " (offer screen off)"}
                </label>
              ))}
              <FieldError id="addon-services-error" error={error} field="serviceIds" />
            </fieldset>

            {LANGS.map(({ lang, label, short }) => (
              <AddonCopy
                key={lang}
                lang={lang}
                label={label}
                short={short}
                text={draft.texts[lang]}
                error={error}
                onChange={(patch) => editText(lang, patch)}
              />
            ))}
          </fieldset>

          <div className="form-actions">
            <button type="submit" className="primary" disabled={busy || locked}>
              {busy ? "Saving…" : draft.id === undefined ? "Create add-on" : "Save add-on"}
            </button>
            {notices.length > 0 && (
              <div role="status" className="notice">
                {notices.map((n) => (
                  <p key={n}>{n}</p>
                ))}
              </div>
            )}
          </div>
        </AdminForm>
        {draft.id !== undefined && (
          <ScreeningAdmin
            key={draft.id}
            addonId={draft.id}
            title={current?.texts.en.title ?? draft.code}
            chainRelease={chain?.release ?? null}
            onAuthLost={onAuthLost}
          />
        )}
      </div>

      <OfferPreview draft={draft} />
    </div>
  );
}
