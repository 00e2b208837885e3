import { useId } from "react";
import { checkReason } from "./reasonText";

interface Props {
  /** The field's name: "Why is the add-on voided?". */
  question: string;
  reason: string;
  onReason: (reason: string) => void;
  /** The submit button's words and look. */
  action: string;
  look: "primary" | "danger";
  busy: boolean;
  /** Said under the field (a reason put back from before a restore). */
  hint?: string | null;
  onSubmit: () => void;
  onBack: () => void;
}

/**
 * The reason a void, cancel or reinstate needs. What is wrong with it is said at the field, with its length near the
 * limit; why the button waits is said beside it. Nothing typed or pasted is cut: the receptionist shortens it.
 */
export function ReasonForm({ question, reason, onReason, action, look, busy, hint, onSubmit, onBack }: Props) {
  const id = useId();
  const { problem, counter, blocked } = checkReason(reason);
  const describedBy = [problem && `${id}-problem`, counter && `${id}-counter`, hint && `${id}-hint`]
    .filter(Boolean)
    .join(" ");
  return (
    <form
      className="reason"
      onSubmit={(e) => {
        e.preventDefault();
        if (!blocked && !busy) onSubmit();
      }}
    >
      <label>
        {question} (required)
        <input
          value={reason}
          autoFocus
          aria-invalid={problem !== null}
          aria-describedby={describedBy || undefined}
          onChange={(e) => onReason(e.target.value)}
        />
        <span className="reason-notes">
          {problem && (
            <small id={`${id}-problem`} className="error">
              {problem}
            </small>
          )}
          {counter && (
            <small id={`${id}-counter`} className={problem ? "counter over" : "counter"}>
              {counter}
            </small>
          )}
        </span>
        {hint && (
          <small id={`${id}-hint`} className="hint">
            {hint}
          </small>
        )}
      </label>
      <span className="reason-actions">
        <button
          type="submit"
          className={look}
          disabled={busy || blocked !== null}
          aria-describedby={blocked ? `${id}-blocked` : undefined}
        >
          {action}
        </button>
        <button type="button" className="secondary" onClick={onBack}>
          Back
        </button>
        {blocked && (
          <small id={`${id}-blocked`} className="hint why-blocked">
            {blocked}
          </small>
        )}
      </span>
    </form>
  );
}
