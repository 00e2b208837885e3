import type { Lang } from "../../../common/i18n";
import { Field, type FormError } from "../form";
import type { TextDraft } from "./draft";

/**
 * An add-on's guest copy in one kiosk language: the title and up to three benefit lines. `name`: where the copy sits
 * in what is sent (`texts`, or `offers.0.texts` in a chain release), which names its fields for the contract's
 * messages.
 */
export function AddonCopy({
  name = "texts",
  lang,
  label,
  short,
  text,
  error,
  onChange,
}: {
  name?: string;
  lang: Lang;
  label: string;
  short: string;
  text: TextDraft;
  error: FormError | null;
  onChange: (patch: Partial<TextDraft>) => void;
}) {
  return (
    <fieldset className="copy" lang={lang}>
      <legend>Guest copy — {label}</legend>
      <Field label={`Title (${short})`} name={`${name}.${lang}.title`} error={error}>
        {(p) => (
          <input {...p} value={text.title} maxLength={80} onChange={(e) => onChange({ title: e.target.value })} />
        )}
      </Field>
      {error?.field === `${name}.${lang}.benefits` && (
        <p className="field-error" role="alert">
          {error.message}
        </p>
      )}
      {([0, 1, 2] as const).map((i) => (
        <Field
          key={i}
          label={`Benefit ${i + 1} (${short})${i === 2 ? ", optional" : ""}`}
          name={`${name}.${lang}.benefits.${i}`}
          error={error}
        >
          {(p) => (
            <textarea
              {...p}
              rows={2}
              value={text.benefits[i]}
              onChange={(e) => {
                const benefits: [string, string, string] = [...text.benefits];
                benefits[i] = e.target.value;
                onChange({ benefits });
              }}
            />
          )}
        </Field>
      ))}
    </fieldset>
  );
}
