import { useEffect, useId, useRef, type FormEvent, type InputHTMLAttributes, type ReactNode } from "react";
import { ApiError } from "../../common/api-error";

/** A refusal to show: on its field when the form has that field, above the form otherwise. */
export interface FormError {
  field: string | undefined;
  message: string;
  code: string;
}

export const toFormError = (e: unknown): FormError =>
  e instanceof ApiError
    ? { field: e.field, message: e.message, code: e.code }
    : { field: undefined, message: "Something went wrong. Nothing was saved; please try again.", code: "INTERNAL" };

/** A local check before sending (e.g. "abc" typed as a price). */
export const localError = (field: string, message: string): FormError => ({ field, message, code: "INVALID_INPUT" });

interface InputProps {
  id: string;
  "aria-invalid": boolean;
  "aria-describedby": string | undefined;
}

/**
 * A labelled input whose error message sits right under it, linked with aria-describedby so a
 * screen reader reads it with the field.
 */
export function Field(props: {
  label: ReactNode;
  name: string;
  error: FormError | null;
  hint?: string;
  className?: string;
  children: (p: InputProps) => ReactNode;
}) {
  const id = useId();
  const mine = props.error?.field === props.name ? props.error : null;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [props.hint ? hintId : null, mine ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field ${props.className ?? ""}${mine ? " invalid" : ""}`}>
      <label htmlFor={id}>{props.label}</label>
      {props.children({ id, "aria-invalid": mine !== null, "aria-describedby": describedBy })}
      {props.hint && (
        <span id={hintId} className="hint">
          {props.hint}
        </span>
      )}
      {mine && (
        <span id={errorId} className="field-error" role="alert">
          {mine.message}
        </span>
      )}
    </div>
  );
}

/** A `Field` holding one text input: its label, its message, and what was typed. */
export function TextField({
  label,
  name,
  error,
  hint,
  onValue,
  ...input
}: Omit<InputHTMLAttributes<HTMLInputElement>, "onChange" | "name" | "id"> & {
  label: ReactNode;
  name: string;
  error: FormError | null;
  hint?: string;
  onValue: (value: string) => void;
}) {
  return (
    <Field label={label} name={name} error={error} {...(hint ? { hint } : {})}>
      {(p) => <input {...p} {...input} onChange={(e) => onValue(e.target.value)} />}
    </Field>
  );
}

/** The message for `field`, when the refusal is about it: under a table cell's input or a group of boxes. */
export function FieldError({ id, error, field }: { id: string; error: FormError | null; field: string }) {
  return error?.field === field ? (
    <span id={id} className="field-error" role="alert">
      {error.message}
    </span>
  ) : null;
}

/** The error of a field the form doesn't show (or of no field at all). */
export function FormBanner({ error, fields }: { error: FormError | null; fields: readonly string[] }) {
  if (!error || (error.field !== undefined && fields.includes(error.field))) return null;
  return (
    <p className="error banner" role="alert">
      {error.message}
    </p>
  );
}

/** "25", "25.5", "25.50", "-3" → cents; anything else → null. Ranges are the contract's job. */
export function parseDollars(text: string): number | null {
  const m = /^\s*(-?)\$?\s*(\d{1,9})(?:[.,](\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  const cents = Number(m[2]) * 100 + Number((m[3] ?? "0").padEnd(2, "0"));
  return m[1] === "-" ? -cents : cents;
}

export const dollars = (cents: number): string => (cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2));

/** A whole number as typed, or null. */
export function parseWhole(text: string): number | null {
  return /^\s*-?\d{1,9}\s*$/.test(text) ? Number(text) : null;
}

/** After a refused save, moves focus (and the view) to the field the message is on. */
function useFocusError<T extends HTMLElement>(error: FormError | null) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (!error) return;
    const target = ref.current?.querySelector<HTMLElement>('[aria-invalid="true"], .banner');
    target?.scrollIntoView({ block: "center" });
    if (target?.matches("input, select, textarea")) target.focus();
  }, [error]);
  return ref;
}

/**
 * Where the back office sets which services' guests are offered add-ons: one place, each add-on's
 * "May be added to" under Add-on offers. The Catalog and the Kiosk page say so and take the
 * manager there.
 */
export function OfferRuleHint({ onOpenAddons }: { onOpenAddons: () => void }) {
  return (
    <p className="hint offer-rule">
      Which services&apos; guests are offered an add-on is set on each add-on, under &ldquo;May be added to&rdquo;; a
      new service starts with every active add-on.{" "}
      <button type="button" className="secondary" onClick={onOpenAddons}>
        Open Add-on offers
      </button>
    </p>
  );
}

/**
 * A back-office form: checked by the contract, not the browser (noValidate), sent with Enter or its
 * submit button, named by its title, and after a refusal it takes the manager to the field at fault.
 */
export function AdminForm({
  error,
  className,
  titleId,
  onSubmit,
  children,
}: {
  error: FormError | null;
  className: string;
  titleId: string;
  onSubmit: () => void;
  children: ReactNode;
}) {
  const ref = useFocusError<HTMLFormElement>(error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <form ref={ref} className={className} aria-labelledby={titleId} noValidate onSubmit={submit}>
      {children}
    </form>
  );
}
