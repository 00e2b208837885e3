import { SCREENING_QUESTIONS_MAX, type ScreeningQuestion } from "../../contract/screening";
import { OfferCard } from "../../renderer/common/OfferCard";
import { AddonCopy } from "../../renderer/staff/admin/addons/AddonCopy";
import { LANGS, previewCard } from "../../renderer/staff/admin/addons/draft";
import { blankQuestion, ScreeningQuestionFields } from "../../renderer/staff/admin/addons/ScreeningQuestionFields";
import { Field, TextField, type FormError } from "../../renderer/staff/admin/form";
import { KioskPreview } from "../../renderer/staff/admin/KioskPreview";
import type { OfferDraft } from "./releaseDraft";

/**
 * One add-on of the release the owner is writing: its code, price and extra minutes, its guest copy in every kiosk
 * language, the services it goes with, its screening questions, and whether locations may keep their own; with its
 * place in the kiosk's order.
 */
export function OfferEditor({
  index,
  count,
  draft,
  error,
  onChange,
  onMove,
  onRemove,
}: {
  index: number;
  count: number;
  draft: OfferDraft;
  error: FormError | null;
  onChange: (patch: Partial<OfferDraft>) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const at = `offers.${index}`;
  const name = draft.texts.en.title.trim() || `add-on ${index + 1}`;
  const editQuestion = (q: number, patch: Partial<ScreeningQuestion>) =>
    onChange({ screening: draft.screening.map((s, k) => (k === q ? { ...s, ...patch } : s)) });
  return (
    <fieldset className="chain-offer">
      <legend>
        Add-on {index + 1} of {count}: {name}
      </legend>
      <div className="row">
        <TextField
          label="Code"
          name={`${at}.code`}
          error={error}
          hint="How each spa matches its own add-on, e.g. face"
          value={draft.code}
          maxLength={60}
          autoComplete="off"
          spellCheck={false}
          onValue={(code) => onChange({ code })}
        />
        <TextField
          label="Price ($)"
          name={`${at}.priceCents`}
          error={error}
          value={draft.price}
          inputMode="decimal"
          maxLength={12}
          onValue={(price) => onChange({ price })}
        />
        <TextField
          label="Extra minutes"
          name={`${at}.extraMinutes`}
          error={error}
          value={draft.extraMinutes}
          inputMode="numeric"
          maxLength={6}
          onValue={(extraMinutes) => onChange({ extraMinutes })}
        />
      </div>
      <div className="copies">
        {LANGS.map(({ lang, label, short }) => (
          <AddonCopy
            key={lang}
            name={`${at}.texts`}
            lang={lang}
            label={label}
            short={short}
            text={draft.texts[lang]}
            error={error}
            onChange={(patch) => onChange({ texts: { ...draft.texts, [lang]: { ...draft.texts[lang], ...patch } } })}
          />
        ))}
      </div>
      <details className="chain-preview">
        <summary>Kiosk preview of {name}</summary>
        <p className="hint">
          The card as guests see it in each language, at both text sizes, as the form stands (a language without copy
          shows the English).
        </p>
        <div className="preview-langs">
          {LANGS.map(({ lang, label }) => (
            <div key={lang} className="preview-lang">
              <h3>{label}</h3>
              <KioskPreview lang={lang} testId={`chain-preview-${index}`}>
                <OfferCard card={previewCard(draft, lang)} selected={false} />
              </KioskPreview>
            </div>
          ))}
        </div>
      </details>
      <Field
        label="Goes with these services"
        name={`${at}.services`}
        error={error}
        hint="One per line, as the spas name them (any case); cells pasted from a spreadsheet row count one each. A spa without one of them offers the add-on with the rest."
      >
        {(p) => (
          <textarea
            {...p}
            rows={4}
            spellCheck={false}
            value={draft.services}
            onChange={(e) => onChange({ services: e.target.value })}
          />
        )}
      </Field>
      <fieldset className="copy">
        <legend>Screening questions</legend>
        <p className="hint">
          {draft.screening.length === 0
            ? "None: the kiosk adds the add-on at once."
            : "Asked on the kiosk before the add-on is added, in every language the spas offer."}
        </p>
        {error?.field === `${at}.screening` && (
          <p className="field-error" role="alert">
            {error.message}
          </p>
        )}
        {draft.screening.map((q, k) => (
          <ScreeningQuestionFields
            key={k}
            name={`${at}.screening.${k}`}
            legend={`Question ${k + 1}`}
            question={q}
            error={error}
            removeLabel={`Remove question ${k + 1} of ${name}`}
            onChange={(patch) => editQuestion(k, patch)}
            onRemove={() => onChange({ screening: draft.screening.filter((_, j) => j !== k) })}
          />
        ))}
        {draft.screening.length < SCREENING_QUESTIONS_MAX && (
          <button
            type="button"
            className="secondary"
            onClick={() => onChange({ screening: [...draft.screening, blankQuestion()] })}
          >
            Add a question to {name}
          </button>
        )}
      </fieldset>
      <label className="check">
        <input
          type="checkbox"
          checked={draft.allowLocalOverride}
          onChange={(e) => onChange({ allowLocalOverride: e.target.checked })}
        />
        Locations may keep their own price, minutes, copy and services for it
      </label>
      <div className="offer-actions">
        <button type="button" className="secondary" disabled={index === 0} onClick={() => onMove(-1)}>
          Move {name} up
        </button>
        <button type="button" className="secondary" disabled={index === count - 1} onClick={() => onMove(1)}>
          Move {name} down
        </button>
        <button type="button" className="secondary" disabled={count === 1} onClick={onRemove}>
          Remove {name}
        </button>
      </div>
    </fieldset>
  );
}
