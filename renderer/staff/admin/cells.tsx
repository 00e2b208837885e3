import type { FormError } from "./form";

/**
 * A table row's inputs (the back office's catalog and team): each field's message sits in its own
 * cell under the input, linked to it, where a form would use a `Field`.
 */

/** The message for this row's `field`, when the refusal is about it. */
export function CellError({ id, error, field }: { id: string; error: FormError | null; field: string }) {
  return error?.field === field ? (
    <span id={id} className="field-error" role="alert">
      {error.message}
    </span>
  ) : null;
}

/** The input's side of the link: marked invalid and described by its `CellError` while it has the message. */
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
