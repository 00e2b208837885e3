import { useCallback, useEffect, useState } from "react";
import { I18nextProvider } from "react-i18next";
import type { AddonAdmin, AddonInput, ServiceAdmin } from "../../../contract/admin";
import type { OfferCard as OfferCardData } from "../../../contract/channels";
import { call } from "../../common/api";
import { LANGUAGES, type Lang } from "../../common/i18n";
import { languageChoiceLabel, languageNames, otherLanguages } from "../../../contract/common";
import { OfferCard } from "../../common/OfferCard";
import { useAuthGuard } from "../useAuthGuard";
import {
  dollars,
  Field,
  FormBanner,
  localError,
  parseDollars,
  parseWhole,
  toFormError,
  useFocusError,
  type FormError,
} from "./form";
import { kioskI18n } from "./kioskI18n";
import { ScreeningAdmin } from "./ScreeningAdmin";

const LANGS: readonly { lang: Lang; label: string; short: string }[] = LANGUAGES.map((lang) => ({
  lang,
  label: languageChoiceLabel(lang),
  short: languageNames[lang],
}));

interface TextDraft {
  title: string;
  benefits: [string, string, string];
}
interface Draft {
  id: number | undefined;
  code: string;
  price: string;
  extraMinutes: string;
  sortOrder: string;
  active: boolean;
  serviceIds: number[];
  texts: Record<Lang, TextDraft>;
  acknowledgePending: boolean;
}

const textDraft = (t: { title: string; benefits: string[] } | undefined): TextDraft => ({
  title: t?.title ?? "",
  benefits: [t?.benefits[0] ?? "", t?.benefits[1] ?? "", t?.benefits[2] ?? ""],
});
/** A draft for every kiosk language, blank where the add-on has no copy in it. */
const textDrafts = (texts: Partial<AddonAdmin["texts"]>): Record<Lang, TextDraft> =>
  Object.fromEntries(LANGUAGES.map((lang) => [lang, textDraft(texts[lang])])) as Record<Lang, TextDraft>;

const fromAddon = (a: AddonAdmin): Draft => ({
  id: a.id,
  code: a.code,
  price: dollars(a.priceCents),
  extraMinutes: String(a.extraMinutes),
  sortOrder: String(a.sortOrder),
  active: a.active,
  serviceIds: a.serviceIds,
  texts: textDrafts(a.texts),
  acknowledgePending: false,
});

const newDraft = (order: number, services: ServiceAdmin[]): Draft => ({
  id: undefined,
  code: "",
  price: "",
  extraMinutes: "10",
  sortOrder: String(order),
  active: true,
  serviceIds: services.filter((s) => s.active).map((s) => s.id),
  texts: textDrafts({}),
  acknowledgePending: false,
});

/** Two benefit lines always go (an empty one gets the contract's message); the third when written. */
const lines = (t: TextDraft): string[] => [
  t.benefits[0],
  t.benefits[1],
  ...(t.benefits[2].trim() ? [t.benefits[2]] : []),
];

function toInput(d: Draft): AddonInput | FormError {
  const priceCents = parseDollars(d.price);
  if (priceCents === null) return localError("priceCents", "Enter a price in dollars, e.g. 25 or 25.50.");
  const extraMinutes = parseWhole(d.extraMinutes);
  if (extraMinutes === null) return localError("extraMinutes", "Enter the extra time in whole minutes.");
  const sortOrder = parseWhole(d.sortOrder);
  if (sortOrder === null) return localError("sortOrder", "Enter a whole number (0 shows first).");
  // A language left wholly blank has no copy (the kiosk shows English there); a half-written one gets the contract's message.
  const texts: AddonInput["texts"] = { en: { title: d.texts.en.title, benefits: lines(d.texts.en) } };
  for (const lang of otherLanguages) {
    const t = d.texts[lang];
    if (t.title.trim() || t.benefits.some((b) => b.trim())) texts[lang] = { title: t.title, benefits: lines(t) };
  }
  return {
    ...(d.id !== undefined ? { id: d.id } : {}),
    code: d.code,
    priceCents,
    extraMinutes,
    sortOrder,
    active: d.active,
    serviceIds: d.serviceIds,
    texts,
    ...(d.acknowledgePending ? { acknowledgePending: true } : {}),
  };
}

/** The card exactly as the kiosk will render it, from the form as it stands. */
function previewCard(d: Draft, lang: Lang): OfferCardData {
  // Like the kiosk: without copy in a language, the English copy is shown.
  const text = d.texts[lang].title.trim() ? d.texts[lang] : d.texts.en;
  return {
    addonId: d.id ?? 1,
    code: d.code || "new",
    title: text.title.trim() || "Title",
    benefits: text.benefits.map((b) => b.trim()).filter(Boolean),
    priceCents: Math.max(0, Math.min(parseDollars(d.price) ?? 0, 1_000_000)),
    extraMinutes: Math.max(0, parseWhole(d.extraMinutes) ?? 0),
    available: true,
    unavailableReason: null,
    screening: null,
  };
}

const FIELDS = [
  "code",
  "priceCents",
  "extraMinutes",
  "sortOrder",
  "active",
  "serviceIds",
  ...LANGS.flatMap(({ lang }) => [
    `texts.${lang}.title`,
    `texts.${lang}.benefits`,
    `texts.${lang}.benefits.0`,
    `texts.${lang}.benefits.1`,
    `texts.${lang}.benefits.2`,
  ]),
];

export function AddonsAdmin({ onAuthLost }: { onAuthLost: () => void }) {
  const guard = useAuthGuard(onAuthLost);
  const [addons, setAddons] = useState<AddonAdmin[]>([]);
  const [services, setServices] = useState<ServiceAdmin[]>([]);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<FormError | null>(null);
  const [notices, setNotices] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const formRef = useFocusError<HTMLFormElement>(error);

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
  // Head office's add-ons (chain-wide offers): changed here only where the chain allows; their code and questions are the chain's.
  const chain = current?.chain ?? null;
  const locked = chain !== null && !chain.allowOverride;

  const save = async () => {
    const input = toInput(draft);
    if ("message" in input) return setError(input);
    setBusy(true);
    setError(null);
    try {
      const r = await guard(call("admin.saveAddon", input));
      setNotices(["Saved. The kiosk shows it from the next check-in.", ...r.notices]);
      const list = await guard(call("admin.addons", {}));
      setAddons(list.addons);
      setDraft(fromAddon(r.addon));
    } catch (e) {
      setError(toFormError(e));
    } finally {
      setBusy(false);
    }
  };

  const restoreChain = async () => {
    if (draft.id === undefined) return;
    setBusy(true);
    setError(null);
    try {
      const r = await guard(call("admin.restoreChainValues", { id: draft.id }));
      setNotices(["Head office's values are back; its next releases reach this add-on again.", ...r.notices]);
      const list = await guard(call("admin.addons", {}));
      setAddons(list.addons);
      setDraft(fromAddon(r.addon));
    } catch (e) {
      setError(toFormError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="admin-split">
      <nav className="admin-list" aria-label="Add-ons">
        <ul>
          {addons.map((a) => (
            <li key={a.id}>
              <button
                type="button"
                className={a.id === draft.id ? "choice active" : "choice"}
                aria-current={a.id === draft.id ? "true" : undefined}
                onClick={() => {
                  setDraft(fromAddon(a));
                  setError(null);
                  setNotices([]);
                }}
              >
                <strong>{a.texts.en.title}</strong>
                <span>{`$${dollars(a.priceCents)} · +${a.extraMinutes} min${a.active ? "" : " · inactive"}`}</span>
              </button>
            </li>
          ))}
        </ul>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setDraft(newDraft(addons.length, services));
            setError(null);
            setNotices([]);
          }}
        >
          New add-on
        </button>
      </nav>

      <div className="admin-column">
        <form
          ref={formRef}
          className="admin-form"
          aria-labelledby="addon-form-title"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
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
                <button type="button" className="secondary" disabled={busy} onClick={() => void restoreChain()}>
                  Use head office's values
                </button>
              )}
            </p>
          )}
          <fieldset className="plain" disabled={locked}>
            <div className="row">
              <Field label="Code" name="code" error={error} hint="Used in exports, e.g. face">
                {(p) => (
                  <input
                    {...p}
                    value={draft.code}
                    maxLength={40}
                    autoComplete="off"
                    disabled={chain !== null}
                    onChange={(e) => edit({ code: e.target.value })}
                  />
                )}
              </Field>
              <Field label="Price ($)" name="priceCents" error={error}>
                {(p) => (
                  <input
                    {...p}
                    inputMode="decimal"
                    value={draft.price}
                    maxLength={12}
                    onChange={(e) => edit({ price: e.target.value })}
                  />
                )}
              </Field>
              <Field label="Extra minutes" name="extraMinutes" error={error}>
                {(p) => (
                  <input
                    {...p}
                    inputMode="numeric"
                    value={draft.extraMinutes}
                    maxLength={6}
                    onChange={(e) => edit({ extraMinutes: e.target.value })}
                  />
                )}
              </Field>
              <Field label="Display order" name="sortOrder" error={error} hint="0 shows first">
                {(p) => (
                  <input
                    {...p}
                    inputMode="numeric"
                    value={draft.sortOrder}
                    maxLength={4}
                    onChange={(e) => edit({ sortOrder: e.target.value })}
                  />
                )}
              </Field>
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
              {error?.field === "serviceIds" && (
                <span id="addon-services-error" className="field-error" role="alert">
                  {error.message}
                </span>
              )}
            </fieldset>

            {LANGS.map(({ lang, label, short }) => (
              <fieldset key={lang} className="copy" lang={lang}>
                <legend>Guest copy — {label}</legend>
                <Field label={`Title (${short})`} name={`texts.${lang}.title`} error={error}>
                  {(p) => (
                    <input
                      {...p}
                      value={draft.texts[lang].title}
                      maxLength={80}
                      onChange={(e) => editText(lang, { title: e.target.value })}
                    />
                  )}
                </Field>
                {error?.field === `texts.${lang}.benefits` && (
                  <p className="field-error" role="alert">
                    {error.message}
                  </p>
                )}
                {([0, 1, 2] as const).map((i) => (
                  <Field
                    key={i}
                    label={`Benefit ${i + 1} (${short})${i === 2 ? ", optional" : ""}`}
                    name={`texts.${lang}.benefits.${i}`}
                    error={error}
                  >
                    {(p) => (
                      <textarea
                        {...p}
                        rows={2}
                        value={draft.texts[lang].benefits[i]}
                        onChange={(e) => {
                          const benefits: [string, string, string] = [...draft.texts[lang].benefits];
                          benefits[i] = e.target.value;
                          editText(lang, { benefits });
                        }}
                      />
                    )}
                  </Field>
                ))}
              </fieldset>
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
        </form>
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

      <section className="offer-preview" aria-labelledby="preview-title">
        <h2 id="preview-title">Kiosk preview</h2>
        <p className="hint">As guests see the card, at both text sizes. Updates as you type.</p>
        {LANGS.map(({ lang, label }) => (
          <div key={lang} className="preview-lang">
            <h3>{label}</h3>
            <div className="preview-sizes">
              {(["normal", "large"] as const).map((size) => (
                <figure key={size} className="preview-figure">
                  <figcaption>{size === "normal" ? "Normal text" : "Large text"}</figcaption>
                  <div className={`kiosk-frame ${size}`} lang={lang} inert data-testid={`preview-${lang}-${size}`}>
                    <I18nextProvider i18n={kioskI18n(lang)}>
                      <OfferCard card={previewCard(draft, lang)} selected={false} />
                    </I18nextProvider>
                  </div>
                </figure>
              ))}
            </div>
          </div>
        ))}
      </section>
    </div>
  );
}
