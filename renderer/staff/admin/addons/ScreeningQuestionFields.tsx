import { languageChoiceLabel, languageNames, languageSchema } from "../../../../contract/common";
import {
  SCREENING_QUESTION_MAX,
  SCREENING_REASON_MAX,
  type ScreeningOutcome,
  type ScreeningQuestion,
} from "../../../../contract/screening";
import { Field, type FormError } from "../form";

const OUTCOME_LABEL: Record<ScreeningOutcome, string> = {
  fine: "Fine: add it (noted only)",
  check: "Therapist will check: add it, flagged for the desk",
  notToday: "Not today: don't add it (the guest is offered the other add-on)",
};

/** A new question: unworded in every kiosk language, a "yes" asking the therapist to check. */
export const blankQuestion = (): ScreeningQuestion => ({
  text: Object.fromEntries(languageSchema.options.map((l) => [l, ""])) as ScreeningQuestion["text"],
  ifYes: "check",
  reason: "",
});

/** The fields of the question at `name` (e.g. `questions.0`), as the contract names them in its messages. */
export const questionFieldNames = (name: string): string[] => [
  ...languageSchema.options.map((l) => `${name}.text.${l}`),
  `${name}.ifYes`,
  `${name}.reason`,
];

/**
 * One screening question as a manager or the chain's owner words it: in every kiosk language, what a "yes" leads to,
 * and the short flag the desk and the ticket show. `name`: where it sits in what is sent (`questions.0`,
 * `offers.1.screening.0`).
 */
export function ScreeningQuestionFields({
  name,
  legend,
  question,
  error,
  removeLabel,
  onChange,
  onRemove,
}: {
  name: string;
  legend: string;
  question: ScreeningQuestion;
  error: FormError | null;
  removeLabel: string;
  onChange: (patch: Partial<ScreeningQuestion>) => void;
  onRemove: () => void;
}) {
  return (
    <fieldset className="copy">
      <legend>{legend}</legend>
      {languageSchema.options.map((lang) => (
        <Field key={lang} label={`Question (${languageChoiceLabel(lang)})`} name={`${name}.text.${lang}`} error={error}>
          {(p) => (
            <textarea
              {...p}
              lang={lang}
              rows={4}
              maxLength={SCREENING_QUESTION_MAX + 20}
              value={question.text[lang]}
              onChange={(e) => onChange({ text: { ...question.text, [lang]: e.target.value } })}
            />
          )}
        </Field>
      ))}
      <Field label="If the guest answers yes" name={`${name}.ifYes`} error={error}>
        {(p) => (
          <select
            {...p}
            value={question.ifYes}
            onChange={(e) => onChange({ ifYes: e.target.value as ScreeningOutcome })}
          >
            {(Object.keys(OUTCOME_LABEL) as ScreeningOutcome[]).map((o) => (
              <option key={o} value={o}>
                {OUTCOME_LABEL[o]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label={`Flag for the desk and ticket (${languageNames.en})`}
        name={`${name}.reason`}
        error={error}
        hint="A few words, never the question: e.g. recent injections"
      >
        {(p) => (
          <input
            {...p}
            value={question.reason}
            maxLength={SCREENING_REASON_MAX + 20}
            onChange={(e) => onChange({ reason: e.target.value })}
          />
        )}
      </Field>
      <button type="button" className="secondary" onClick={onRemove}>
        {removeLabel}
      </button>
    </fieldset>
  );
}
