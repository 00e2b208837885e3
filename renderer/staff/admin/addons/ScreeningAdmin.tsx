import { useCallback, useEffect, useState } from "react";
import { languageChoiceLabel } from "../../../../contract/common";
import { SCREENING_QUESTIONS_MAX, type ScreeningQuestion, type ScreeningSet } from "../../../../contract/screening";
import { call } from "../../../common/api";
import { LANGUAGES } from "../../../common/i18n";
import { ScreeningQuestions } from "../../../kiosk/screens/Screening";
import { KioskPreview } from "../KioskPreview";
import { useAuthGuard } from "../../useAuthGuard";
import { AdminForm, FormBanner, toFormError, type FormError } from "../form";
import { blankQuestion, questionFieldNames, ScreeningQuestionFields } from "./ScreeningQuestionFields";

const FIELDS = Array.from({ length: SCREENING_QUESTIONS_MAX }, (_, i) => questionFieldNames(`questions.${i}`)).flat();

/**
 * An add-on's screening questions, beside its copy: at most three yes/no questions, each worded
 * in every kiosk language, each "yes" leading to one outcome, with the short flag the desk and the
 * ticket show. Saving makes a new version; answers already given keep the version they answered.
 */
export function ScreeningAdmin({
  addonId,
  title,
  chainRelease,
  onAuthLost,
}: {
  addonId: number;
  title: string;
  /** Set when head office manages the add-on: its questions are the chain's, read-only here. */
  chainRelease: number | null;
  onAuthLost: () => void;
}) {
  const guard = useAuthGuard(onAuthLost);
  const [saved, setSaved] = useState<ScreeningSet | null>(null);
  const [draft, setDraft] = useState<ScreeningQuestion[]>([]);
  const [error, setError] = useState<FormError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      const { sets } = await guard(call("admin.screening", {}));
      const set = sets.find((s) => s.addonId === addonId) ?? null;
      setSaved(set);
      setDraft(set?.questions ?? []);
      setError(null);
      setNotice(null);
    } catch (e) {
      setError(toFormError(e));
    }
  }, [guard, addonId]);
  useEffect(() => void load(), [load]);

  const edit = (i: number, patch: Partial<ScreeningQuestion>) => {
    setDraft(draft.map((q, k) => (k === i ? { ...q, ...patch } : q)));
    setNotice(null);
  };
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const set = await guard(call("admin.saveScreening", { addonId, questions: draft }));
      setSaved(set);
      setDraft(set.questions);
      setNotice(`Saved as version ${set.version}. The kiosk asks these from the next check-in.`);
    } catch (e) {
      setError(toFormError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <AdminForm
        error={error}
        className="admin-form screening-admin"
        titleId="screening-title"
        onSubmit={() => void save()}
      >
        <h2 id="screening-title">Screening questions — {title}</h2>
        <p className="hint">
          Asked on the kiosk before the add-on is added; guests tap Yes or No, or “I'd rather not say” (the therapist
          will check). {saved ? `Version ${saved.version}.` : "None yet."} Confirm the wording with your spa's own
          policy.
        </p>
        <FormBanner error={error} fields={FIELDS} />
        {chainRelease !== null && (
          <p className="notice chain-managed">
            Set by head office (release {chainRelease}): ask head office to change these questions.
          </p>
        )}
        <fieldset className="plain" disabled={chainRelease !== null}>
          {draft.map((q, i) => (
            <ScreeningQuestionFields
              key={i}
              name={`questions.${i}`}
              legend={`Question ${i + 1}`}
              question={q}
              error={error}
              removeLabel={`Remove question ${i + 1}`}
              onChange={(patch) => edit(i, patch)}
              onRemove={() => setDraft(draft.filter((_, k) => k !== i))}
            />
          ))}
          <div className="form-actions">
            {draft.length < SCREENING_QUESTIONS_MAX && (
              <button type="button" className="secondary" onClick={() => setDraft([...draft, blankQuestion()])}>
                Add a question
              </button>
            )}
            <button type="submit" className="primary" disabled={busy}>
              {busy ? "Saving…" : "Save questions (new version)"}
            </button>
            {notice && (
              <p role="status" className="notice">
                {notice}
              </p>
            )}
          </div>
        </fieldset>
      </AdminForm>
      <ScreeningPreview title={title} questions={draft} />
    </>
  );
}

const noAnswer = () => undefined;

/**
 * The questions exactly as the kiosk will ask them, from the form as it stands, in each language at both text sizes.
 */
function ScreeningPreview({ title, questions }: { title: string; questions: ScreeningQuestion[] }) {
  return (
    <section className="screening-preview" aria-labelledby="screening-preview-title">
      <h3 id="screening-preview-title">Kiosk preview — {title} questions</h3>
      <p className="hint">
        {questions.length === 0
          ? "No questions: the kiosk adds the add-on at once."
          : "As guests see them, at both text sizes. Updates as you type."}
      </p>
      {questions.length > 0 &&
        LANGUAGES.map((lang) => (
          <div key={lang} className="preview-lang">
            <h4>{languageChoiceLabel(lang)}</h4>
            <KioskPreview lang={lang} testId="screening-preview">
              <ScreeningQuestions
                questions={questions.map((q) => ({ text: q.text[lang].trim() || "…" }))}
                answers={questions.map(() => null)}
                onAnswer={noAnswer}
                onFinish={noAnswer}
              />
            </KioskPreview>
          </div>
        ))}
    </section>
  );
}
