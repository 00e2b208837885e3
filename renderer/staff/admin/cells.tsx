import type { InputHTMLAttributes } from "react";
import { FieldError, type FormError } from "./form";

/**
 * A table row's inputs (the back office's catalog and team): each field's message sits in its own
 * cell under the input, linked to it, where a form would use a `Field`.
 */

/** The input's side of the link: marked invalid and described by its `FieldError` while it has the message. */
export const cellInvalid = (error: FormError | null, field: string, id: string) => ({
  "aria-invalid": error?.field === field,
  "aria-describedby": error?.field === field ? id : undefined,
});

/** A row's Save (or Add, for the empty row that adds one) and the "Saved" that follows it. */
export function SaveCell({
  adds,
  label,
  saved,
  onSave,
}: {
  adds: boolean;
  label: string;
  saved: boolean;
  onSave: () => void;
}) {
  return (
    <td>
      <button type="button" className={adds ? "primary" : "secondary"} onClick={onSave}>
        {adds ? label : "Save"}
      </button>
      {saved && (
        <span role="status" className="saved">
          Saved
        </span>
      )}
    </td>
  );
}

/** The row's "active" box, named for the row. */
export function ActiveCell({
  label,
  active,
  onChange,
}: {
  label: string;
  active: boolean;
  onChange: (active: boolean) => void;
}) {
  return (
    <td>
      <input
        type="checkbox"
        aria-label={`${label} active`}
        checked={active}
        onChange={(e) => onChange(e.target.checked)}
      />
    </td>
  );
}

/** A text input in a row, with its message under it: `field` is the contract's name for it, `id` the message's. */
export function CellInput({
  field,
  id,
  error,
  onValue,
  ...input
}: Omit<InputHTMLAttributes<HTMLInputElement>, "onChange" | "id"> & {
  field: string;
  id: string;
  error: FormError | null;
  onValue: (value: string) => void;
}) {
  return (
    <>
      <input {...input} onChange={(e) => onValue(e.target.value)} {...cellInvalid(error, field, id)} />
      <FieldError id={id} error={error} field={field} />
    </>
  );
}

/** The row's name: labelled with whose it is, its message under it. */
export function NameCell({
  label,
  rowKey,
  value,
  error,
  onValue,
}: {
  label: string;
  rowKey: string;
  value: string;
  error: FormError | null;
  onValue: (value: string) => void;
}) {
  return (
    <CellInput
      aria-label={`Name of ${label}`}
      value={value}
      maxLength={100}
      field="name"
      id={`${rowKey}-name`}
      error={error}
      onValue={onValue}
    />
  );
}
